import { Alert, Checkbox, Col, DatePicker, Flex, Form, Input, InputNumber, Popconfirm, Row, Select, Tabs, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import type { BaseType, BaseTypePolicy, Organization } from '../../../client/types'
import { OrganizationFacts } from '../../../components/application/OrganizationFacts'
import { useT, type TKey } from '../../../i18n'
import {
  anchorId,
  BASE_TYPES,
  CONTENT_LISTS,
  ELIGIBILITY_FIELDS,
  newSpecialty,
  type EligibilityField,
} from '../../../lib/applicationForm'
import { ListEditor, LongText, ShortText, type Name } from './fields'

const COMPETITION_LEVELS = ['district', 'city', 'national', 'international', 'industry', 'enterprise'] as const

/** 封面 */
export function CoverSection({ orgName, baseType }: { orgName: string; baseType: BaseType }) {
  const t = useT()
  const specialties = Form.useWatch<{ name?: string | null }[] | undefined>(['specialties'], { preserve: true })
  const names = (specialties ?? []).map((s) => s?.name).filter(Boolean)
  return (
    <>
      <Form.Item label={t('form.cover.organization')} extra={t('form.cover.sealHint')}>
        <Input value={orgName} readOnly aria-readonly />
      </Form.Item>
      <Form.Item label={t('form.cover.baseType')}>
        <Flex gap={16} wrap>
          {BASE_TYPES.map((bt) => (
            <Checkbox key={bt} checked={bt === baseType} disabled>
              {t(`enum.baseType.${bt}`)}
            </Checkbox>
          ))}
        </Flex>
      </Form.Item>
      <Form.Item label={t('form.cover.specialties')} extra={t('form.cover.specialtiesHint')}>
        <Input value={names.join('、')} readOnly aria-readonly placeholder={t('form.cover.specialtiesEmpty')} />
      </Form.Item>
      <div id={anchorId('cover.form_filler')}>
        <ShortText name={['cover', 'form_filler']} label={t('field.form_filler')} />
      </div>
      <Form.Item
        name={['cover', 'fill_date']}
        label={t('field.fill_date')}
        getValueProps={(v: string | null | undefined) => ({ value: v ? dayjs(v) : null })}
        normalize={(v: Dayjs | null) => (v ? v.format('YYYY-MM-DD') : null)}
      >
        <DatePicker style={{ width: 200 }} format="YYYY-MM-DD" />
      </Form.Item>
    </>
  )
}

/** 表1-1: the organisation facts (read-only, from the registration) + 特色概述. */
export function Table11Section({ org }: { org: Organization | null | undefined }) {
  const t = useT()
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('form.t11.factsHint')} />
      {org ? <OrganizationFacts org={org} /> : <Alert type="warning" title={t('applicantHome.noOrganization')} />}
      <div style={{ marginTop: 16 }}>
        <LongText name={['table_1_1', 'feature_overview']} label={t('form.t11.featureOverview')} hint={t('form.t11.featureHint')} rows={8} />
      </div>
    </>
  )
}

export function Table12Section() {
  const t = useT()
  return (
    <>
      <LongText name={['table_1_2', 'project_background']} label={t('field.project_background')} hint={t('form.t12.backgroundHint')} rows={8} />
      <LongText name={['table_1_2', 'work_foundation']} label={t('field.work_foundation')} hint={t('form.t12.foundationHint')} rows={8} />
    </>
  )
}

export function Table21Section() {
  const t = useT()
  return (
    <>
      <LongText name={['table_2_1', 'guiding_ideology']} label={t('field.guiding_ideology')} hint={t('form.t21.ideologyHint')} rows={6} />
      <LongText name={['table_2_1', 'basic_approach']} label={t('field.basic_approach')} hint={t('form.t21.approachHint')} rows={6} />
    </>
  )
}

function IndicatorRows({ name, field, title }: { name: Name; field: string; title: string }) {
  const t = useT()
  return (
    <ListEditor
      name={name}
      field={field}
      title={title}
      rowTitle={(n) => t('form.indicatorN', { n })}
      addLabel={t('form.addIndicator')}
      newRow={() => ({ name: '', target: '' })}
    >
      {(row) => (
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <ShortText name={[row, 'name']} label={t('field.indicatorName')} placeholder={t('form.indicatorPlaceholder')} />
          </Col>
          <Col xs={24} md={10}>
            <ShortText name={[row, 'target']} label={t('field.target')} placeholder={t('form.targetPlaceholder')} />
          </Col>
        </Row>
      )}
    </ListEditor>
  )
}

/** 表2-2: 总体目标 + 阶段目标 (by year, each with quantified indicators). */
export function Table22Section() {
  const t = useT()
  return (
    <>
      <LongText name={['table_2_2', 'overall_goal']} label={t('field.overall_goal')} hint={t('form.t22.overallHint')} rows={6} />
      <ListEditor
        name={['table_2_2', 'staged_goals']}
        field="table_2_2.staged_goals"
        title={t('field.staged_goals')}
        hint={t('form.t22.stagedHint')}
        rowTitle={(n) => t('form.stageN', { n })}
        addLabel={t('form.addStage')}
        newRow={() => ({ period: '', goal: '', indicators: [{ name: '', target: '' }] })}
      >
        {(row) => (
          <>
            <ShortText name={[row, 'period']} label={t('field.period')} placeholder={t('form.periodPlaceholder')} />
            <LongText name={[row, 'goal']} label={t('field.goal')} rows={3} />
            <IndicatorRows name={[row, 'indicators']} field={`table_2_2.staged_goals.${row}.indicators`} title={t('field.indicators')} />
          </>
        )}
      </ListEditor>
    </>
  )
}

function ContentRows({ specialty, list }: { specialty: number; list: (typeof CONTENT_LISTS)[number] }) {
  const t = useT()
  return (
    <ListEditor
      name={[specialty, list]}
      field={`specialties.${specialty}.${list}`}
      title={t(`form.content.${list}`)}
      hint={t(`form.content.${list}.hint` as TKey)}
      rowTitle={(n) => t('form.contentItemN', { n })}
      addLabel={t('form.addContentItem')}
      newRow={() => ({ item: '', year1_acceptance: '', year2_acceptance: '' })}
    >
      {(row) => (
        <>
          <LongText name={[row, 'item']} label={t('field.item')} rows={2} />
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <LongText name={[row, 'year1_acceptance']} label={t('form.year1Acceptance')} rows={2} />
            </Col>
            <Col xs={24} md={12}>
              <LongText name={[row, 'year2_acceptance']} label={t('form.year2Acceptance')} rows={2} />
            </Col>
          </Row>
        </>
      )}
    </ListEditor>
  )
}

function SpecialtyFields({ index }: { index: number }) {
  const t = useT()
  const n = index + 1
  return (
    <>
      <div id={anchorId(`specialties.${index}.name`)}>
        <Form.Item name={[index, 'name']} label={t('field.specialtyName')} extra={t('form.specialty.nameHint')}>
          <Input maxLength={200} />
        </Form.Item>
      </div>
      <Typography.Title level={5}>{t('form.specialty.t1', { n })}</Typography.Title>
      <div id={anchorId(`specialties.${index}.leader`)}>
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <ShortText name={[index, 'leader', 'name']} label={t('form.specialty.leaderName')} />
          </Col>
          <Col xs={24} md={14}>
            <ShortText name={[index, 'leader', 'post']} label={t('form.specialty.leaderPost')} />
          </Col>
        </Row>
      </div>
      <ListEditor
        name={[index, 'members']}
        field={`specialties.${index}.members`}
        title={t('field.members')}
        rowTitle={(m) => t('form.memberN', { n: m })}
        addLabel={t('form.addMember')}
        newRow={() => ({ name: '', post: '' })}
      >
        {(row) => (
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <ShortText name={[row, 'name']} label={t('field.personName')} />
            </Col>
            <Col xs={24} md={14}>
              <ShortText name={[row, 'post']} label={t('field.post')} />
            </Col>
          </Row>
        )}
      </ListEditor>
      <IndicatorRows name={[index, 'goals']} field={`specialties.${index}.goals`} title={t('form.specialty.goals')} />
      <Typography.Title level={5}>{t('form.specialty.t2', { n })}</Typography.Title>
      {CONTENT_LISTS.map((list) => (
        <ContentRows key={list} specialty={index} list={list} />
      ))}
    </>
  )
}

/** 专业: one tab per declared specialty, each with 表3-n-1 and 表3-n-2; add and remove specialties. */
export function SpecialtiesSection({ active, onActiveChange }: { active: number; onActiveChange: (i: number) => void }) {
  const t = useT()
  const specialties = Form.useWatch<{ name?: string | null }[] | undefined>(['specialties'], { preserve: true })
  const [confirmRemove, setConfirmRemove] = useState<number | null>(null)
  return (
    <div id={anchorId('specialties')}>
      <Typography.Paragraph type="secondary">{t('form.specialty.intro')}</Typography.Paragraph>
      <Form.List name="specialties">
        {(rows, { add, remove }) => (
          <Tabs
            type="editable-card"
            activeKey={String(Math.min(active, Math.max(rows.length - 1, 0)))}
            onChange={(k) => onActiveChange(Number(k))}
            addIcon={<span aria-hidden>+ {t('form.specialty.add')}</span>}
            locale={{ addAriaLabel: t('form.specialty.add'), removeAriaLabel: t('form.specialty.removeAria') }}
            onEdit={(key, action) => {
              if (action === 'add') {
                add(newSpecialty())
                onActiveChange(rows.length)
              } else {
                setConfirmRemove(Number(key))
              }
            }}
            items={rows.map((row, i) => ({
              key: String(i),
              label: (
                <Popconfirm
                  open={confirmRemove === i}
                  title={t('form.specialty.removeConfirm', { name: specialties?.[i]?.name || t('form.specialty.unnamed', { n: i + 1 }) })}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => {
                    remove(row.name)
                    setConfirmRemove(null)
                    onActiveChange(Math.max(0, i - 1))
                  }}
                  onCancel={() => setConfirmRemove(null)}
                >
                  <span>
                    {t('form.specialty.tab', { n: i + 1, name: specialties?.[i]?.name || t('form.specialty.unnamed', { n: i + 1 }) })}
                  </span>
                </Popconfirm>
              ),
              closable: true,
              children: <SpecialtyFields index={row.name} />,
            }))}
          />
        )}
      </Form.List>
      {(specialties?.length ?? 0) === 0 && <Alert type="warning" showIcon title={t('form.specialty.none')} />}
    </div>
  )
}

/** 表4 保障机制 */
export function Table4Section() {
  const t = useT()
  return (
    <>
      <LongText name={['table_4', 'management_organization']} label={t('field.management_organization')} hint={t('form.t4.orgHint')} rows={6} />
      <LongText name={['table_4', 'safeguard_mechanisms']} label={t('field.safeguard_mechanisms')} hint={t('form.t4.mechanismHint')} rows={6} />
      <LongText name={['table_4', 'funding']} label={t('field.funding')} hint={t('form.t4.fundingHint')} rows={6} />
    </>
  )
}

function PartnerRows({ field, minimum, titleKey }: { field: EligibilityField; minimum?: number | null; titleKey: TKey }) {
  const t = useT()
  const rows = Form.useWatch<{ name?: string | null }[] | undefined>(['eligibility', field], { preserve: true })
  const named = (rows ?? []).filter((r) => r?.name && r.name.trim()).length
  return (
    <ListEditor
      name={['eligibility', field]}
      field={`eligibility.${field}`}
      title={t(titleKey)}
      extra={
        <Tag color={minimum && named >= minimum ? 'green' : minimum ? 'orange' : 'default'}>
          {minimum ? t('form.eligibility.countOf', { n: named, min: minimum }) : t('form.eligibility.count', { n: named })}
        </Tag>
      }
      rowTitle={(n) => t('form.partnerN', { n })}
      addLabel={t('form.addPartner')}
      newRow={() => ({ name: '', credit_code: '', note: '' })}
    >
      {(row) => (
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <ShortText name={[row, 'name']} label={t('field.partnerName')} />
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={[row, 'credit_code']} label={t('form.partnerCreditCode')}>
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <ShortText name={[row, 'note']} label={t('field.note')} />
          </Col>
        </Row>
      )}
    </ListEditor>
  )
}

function CountField({ field, label, unit, minimum }: { field: EligibilityField; label: string; unit: string; minimum?: number | null }) {
  const t = useT()
  return (
    <div id={anchorId(`eligibility.${field}`)}>
      <Form.Item
        name={['eligibility', field]}
        label={label}
        extra={minimum ? t('form.eligibility.atLeast', { min: minimum, unit }) : undefined}
      >
        <InputNumber min={0} max={10_000_000} precision={0} style={{ width: 220 }} suffix={unit} />
      </Form.Item>
    </div>
  )
}

/** 申报条件: only what the base type is judged on (domain.md §2), with the call's minimums. */
export function EligibilitySection({ baseType, policy }: { baseType: BaseType; policy: BaseTypePolicy | undefined }) {
  const t = useT()
  const fields = new Set(ELIGIBILITY_FIELDS[baseType])
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(`form.eligibility.intro.${baseType}`)} />
      {fields.has('training_volume') && (
        <CountField
          field="training_volume"
          label={t('form.eligibility.trainingVolume')}
          unit={t('unit.personTimes')}
          minimum={policy?.min_training_volume}
        />
      )}
      {fields.has('cooperating_enterprises') && (
        <PartnerRows field="cooperating_enterprises" minimum={policy?.min_cooperating_enterprises} titleKey="form.eligibility.cooperating" />
      )}
      {fields.has('posts_offered') && (
        <CountField field="posts_offered" label={t('form.eligibility.posts')} unit={t('unit.posts')} minimum={policy?.min_posts} />
      )}
      {fields.has('ecosystem_enterprises') && (
        <PartnerRows field="ecosystem_enterprises" minimum={policy?.min_ecosystem_enterprises} titleKey="form.eligibility.ecosystem" />
      )}
      {fields.has('partner_institutions') && (
        <PartnerRows field="partner_institutions" minimum={policy?.min_partner_institutions} titleKey="form.eligibility.partners" />
      )}
      {fields.has('support_team') && (
        <ListEditor
          name={['eligibility', 'support_team']}
          field="eligibility.support_team"
          title={t('form.eligibility.supportTeam')}
          rowTitle={(n) => t('form.memberN', { n })}
          addLabel={t('form.addMember')}
          newRow={() => ({ name: '', role: '' })}
        >
          {(row) => (
            <Row gutter={12}>
              <Col xs={24} md={10}>
                <ShortText name={[row, 'name']} label={t('field.personName')} />
              </Col>
              <Col xs={24} md={14}>
                <ShortText name={[row, 'role']} label={t('field.memberRole')} />
              </Col>
            </Row>
          )}
        </ListEditor>
      )}
      {fields.has('emergency_capability') && (
        <div id={anchorId('eligibility.emergency_capability')}>
          <LongText name={['eligibility', 'emergency_capability']} label={t('field.emergency_capability')} hint={t('form.eligibility.emergencyHint')} />
        </div>
      )}
      {fields.has('logistics_support') && (
        <div id={anchorId('eligibility.logistics_support')}>
          <LongText name={['eligibility', 'logistics_support']} label={t('field.logistics_support')} hint={t('form.eligibility.logisticsHint')} />
        </div>
      )}
      {fields.has('past_competitions') && (
        <ListEditor
          name={['eligibility', 'past_competitions']}
          field="eligibility.past_competitions"
          title={t('form.eligibility.pastCompetitions')}
          hint={
            policy?.competition_min_contestants
              ? t('form.eligibility.competitionHint', {
                  count: policy.competition_min_count ?? 1,
                  level: policy.competition_min_level ? t(`enum.competitionLevel.${policy.competition_min_level}`) : '—',
                  contestants: policy.competition_min_contestants,
                })
              : undefined
          }
          rowTitle={(n) => t('form.competitionN', { n })}
          addLabel={t('form.addCompetition')}
          newRow={() => ({ name: '', level: null, year: null, contestants: null, role: '' })}
        >
          {(row) => (
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <ShortText name={[row, 'name']} label={t('field.competitionName')} />
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={[row, 'level']} label={t('field.level')}>
                  <Select
                    allowClear
                    options={COMPETITION_LEVELS.map((l) => ({ value: l, label: t(`enum.competitionLevel.${l}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={[row, 'year']} label={t('field.year')}>
                  <InputNumber min={1950} max={2100} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item name={[row, 'contestants']} label={t('field.contestants')}>
                  <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={16}>
                <ShortText name={[row, 'role']} label={t('field.competitionRole')} placeholder={t('form.competitionRolePlaceholder')} />
              </Col>
            </Row>
          )}
        </ListEditor>
      )}
      {fields.has('staged_selection_plan') && (
        <div id={anchorId('eligibility.staged_selection_plan')}>
          <LongText name={['eligibility', 'staged_selection_plan']} label={t('field.staged_selection_plan')} hint={t('form.eligibility.selectionHint')} />
        </div>
      )}
    </>
  )
}

/** 承诺: the three declarations of the common conditions. */
export function DeclarationsSection() {
  const t = useT()
  const items: ['no_penalty_3y' | 'premises_meet_standards' | 'management_rules_in_force', TKey][] = [
    ['no_penalty_3y', 'form.declarations.noPenalty'],
    ['premises_meet_standards', 'form.declarations.premises'],
    ['management_rules_in_force', 'form.declarations.rules'],
  ]
  return (
    <>
      <Typography.Paragraph type="secondary">{t('form.declarations.intro')}</Typography.Paragraph>
      {items.map(([key, label]) => (
        <div key={key} id={anchorId(`declarations.${key}`)}>
          <Form.Item name={['declarations', key]} valuePropName="checked">
            <Checkbox>{t(label)}</Checkbox>
          </Form.Item>
        </div>
      ))}
    </>
  )
}
