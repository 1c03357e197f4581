import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons'
import { Card, Descriptions, Empty, Flex, Table, Tag, Typography, type DescriptionsProps, type TableColumnsType } from 'antd'
import type { ReactNode } from 'react'
import type { ApplicationForm, BaseType, ContentItem, Organization, Partner, PastCompetition } from '../../client/types'
import { useT, type TFunction, type TKey } from '../../i18n'
import { CONTENT_LISTS, ELIGIBILITY_FIELDS, withDefaults, type EligibilityField } from '../../lib/applicationForm'
import { OrganizationFacts } from './OrganizationFacts'

function Text({ value }: { value: string | null | undefined }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>
  return <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{value}</div>
}

function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <Card size="small" title={title} id={id} style={{ marginBottom: 16 }}>
      {children}
    </Card>
  )
}

function textItems(t: TFunction, rows: [string, TKey, string | null | undefined][]): DescriptionsProps['items'] {
  return rows.map(([key, label, value]) => ({ key, label: t(label), children: <Text value={value} /> }))
}

function PartnerTable({ items }: { items: Partner[] | undefined }) {
  const t = useT()
  const columns: TableColumnsType<Partner> = [
    { title: '#', key: 'i', width: 48, render: (_, __, i) => i + 1 },
    { title: t('field.partnerName'), dataIndex: 'name' },
    { title: t('field.credit_code'), dataIndex: 'credit_code', render: (v) => v || '—' },
    { title: t('field.note'), dataIndex: 'note', render: (v) => v || '—' },
  ]
  return <Table size="small" rowKey={(_, i) => String(i)} columns={columns} dataSource={items ?? []} pagination={false} />
}

function CompetitionTable({ items }: { items: PastCompetition[] | undefined }) {
  const t = useT()
  const columns: TableColumnsType<PastCompetition> = [
    { title: '#', key: 'i', width: 48, render: (_, __, i) => i + 1 },
    { title: t('field.competitionName'), dataIndex: 'name' },
    { title: t('field.level'), dataIndex: 'level', render: (v: PastCompetition['level']) => (v ? t(`enum.competitionLevel.${v}`) : '—') },
    { title: t('field.year'), dataIndex: 'year', render: (v) => v ?? '—' },
    { title: t('field.contestants'), dataIndex: 'contestants', render: (v) => v ?? '—' },
    { title: t('field.competitionRole'), dataIndex: 'role', render: (v) => v || '—' },
  ]
  return <Table size="small" rowKey={(_, i) => String(i)} columns={columns} dataSource={items ?? []} pagination={false} />
}

function ContentTable({ items }: { items: ContentItem[] | undefined }) {
  const t = useT()
  const columns: TableColumnsType<ContentItem> = [
    { title: '#', key: 'i', width: 48, render: (_, __, i) => `${i + 1}.` },
    { title: t('field.item'), dataIndex: 'item', render: (v) => <Text value={v} /> },
    { title: t('field.year1_acceptance'), dataIndex: 'year1_acceptance', render: (v) => <Text value={v} /> },
    { title: t('field.year2_acceptance'), dataIndex: 'year2_acceptance', render: (v) => <Text value={v} /> },
  ]
  return <Table size="small" rowKey={(_, i) => String(i)} columns={columns} dataSource={items ?? []} pagination={false} />
}

function Indicators({ items }: { items: { name?: string | null; target?: string | null }[] | undefined }) {
  if (!items?.length) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Flex vertical gap={4} component="ul" style={{ margin: 0, paddingInlineStart: 18 }}>
      {items.map((g, i) => (
        <li key={i}>
          {g.name || '—'}：{g.target || '—'}
        </li>
      ))}
    </Flex>
  )
}

function Declared({ ok, label }: { ok: boolean | undefined; label: string }) {
  return (
    <Flex gap={8} align="center">
      {ok ? (
        <CheckCircleTwoTone twoToneColor="#52c41a" aria-hidden />
      ) : (
        <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-hidden />
      )}
      <span>{label}</span>
    </Flex>
  )
}

export interface ApplicationFormViewProps {
  form: ApplicationForm | null | undefined
  baseType: BaseType
  organization?: Partial<Organization> | null
}

/** The whole Annex 1 form, read-only, in the order of the printed form. */
export function ApplicationFormView({ form: raw, baseType, organization }: ApplicationFormViewProps) {
  const t = useT()
  const form = withDefaults(raw)
  const e = form.eligibility ?? {}
  const relevant = new Set<EligibilityField>(ELIGIBILITY_FIELDS[baseType])
  const conditionItems: DescriptionsProps['items'] = []
  const add = (f: EligibilityField, children: ReactNode) => {
    if (relevant.has(f)) conditionItems.push({ key: f, label: t(`field.${f}`), children })
  }
  add('training_volume', e.training_volume ?? '—')
  add('cooperating_enterprises', <PartnerTable items={e.cooperating_enterprises} />)
  add('posts_offered', e.posts_offered ?? '—')
  add('ecosystem_enterprises', <PartnerTable items={e.ecosystem_enterprises} />)
  add('partner_institutions', <PartnerTable items={e.partner_institutions} />)
  add(
    'support_team',
    e.support_team?.length ? e.support_team.map((m, i) => <Tag key={i}>{[m.name, m.role].filter(Boolean).join(' · ')}</Tag>) : '—',
  )
  add('emergency_capability', <Text value={e.emergency_capability} />)
  add('logistics_support', <Text value={e.logistics_support} />)
  add('past_competitions', <CompetitionTable items={e.past_competitions} />)
  add('staged_selection_plan', <Text value={e.staged_selection_plan} />)

  return (
    <div data-testid="application-form-view">
      <Section title={t('section.cover')}>
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            { key: 'org', label: t('form.cover.organization'), children: organization?.name ?? '—' },
            { key: 'type', label: t('form.cover.baseType'), children: t(`enum.baseType.${baseType}`) },
            {
              key: 'specialties',
              label: t('form.cover.specialties'),
              children: form.specialties?.map((s) => s.name).filter(Boolean).join('、') || '—',
            },
            { key: 'filler', label: t('field.form_filler'), children: form.cover?.form_filler || '—' },
            { key: 'date', label: t('field.fill_date'), children: form.cover?.fill_date || '—' },
          ]}
        />
      </Section>
      <Section title={t('form.t11.title')}>
        <OrganizationFacts org={organization} />
        <Descriptions
          style={{ marginTop: 12 }}
          size="small"
          bordered
          column={1}
          items={textItems(t, [['overview', 'form.t11.featureOverview', form.table_1_1?.feature_overview]])}
        />
      </Section>
      <Section title={t('form.t12.title')}>
        <Descriptions
          size="small"
          bordered
          column={1}
          items={textItems(t, [
            ['bg', 'field.project_background', form.table_1_2?.project_background],
            ['wf', 'field.work_foundation', form.table_1_2?.work_foundation],
          ])}
        />
      </Section>
      <Section title={t('form.t21.title')}>
        <Descriptions
          size="small"
          bordered
          column={1}
          items={textItems(t, [
            ['gi', 'field.guiding_ideology', form.table_2_1?.guiding_ideology],
            ['ba', 'field.basic_approach', form.table_2_1?.basic_approach],
          ])}
        />
      </Section>
      <Section title={t('form.t22.title')}>
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            { key: 'og', label: t('field.overall_goal'), children: <Text value={form.table_2_2?.overall_goal} /> },
            {
              key: 'sg',
              label: t('field.staged_goals'),
              children: form.table_2_2?.staged_goals?.length ? (
                <Flex vertical gap={12}>
                  {form.table_2_2.staged_goals.map((g, i) => (
                    <div key={i}>
                      <Typography.Text strong>{g.period || t('field.index', { n: i + 1 })}</Typography.Text>
                      <Text value={g.goal} />
                      <Indicators items={g.indicators} />
                    </div>
                  ))}
                </Flex>
              ) : (
                '—'
              ),
            },
          ]}
        />
      </Section>
      {form.specialties?.length ? (
        form.specialties.map((s, i) => (
          <Section key={i} title={t('form.specialty.viewTitle', { n: i + 1, name: s.name || '—' })}>
            <Descriptions
              size="small"
              bordered
              column={1}
              items={[
                {
                  key: 'team',
                  label: t('form.specialty.team'),
                  children: (
                    <Flex vertical>
                      <span>
                        {t('field.leader')}：{[s.leader?.name, s.leader?.post].filter(Boolean).join('，') || '—'}
                      </span>
                      <span>
                        {t('field.members')}：
                        {s.members?.length ? s.members.map((m) => [m.name, m.post].filter(Boolean).join('，')).join('；') : '—'}
                      </span>
                    </Flex>
                  ),
                },
                { key: 'goals', label: t('field.goals'), children: <Indicators items={s.goals} /> },
              ]}
            />
            {CONTENT_LISTS.map((list) => (
              <div key={list} style={{ marginTop: 12 }}>
                <Typography.Text strong>{t(`form.content.${list}`)}</Typography.Text>
                <ContentTable items={s[list]} />
              </div>
            ))}
          </Section>
        ))
      ) : (
        <Section title={t('section.specialties')}>
          <Empty description={t('form.specialty.none')} />
        </Section>
      )}
      <Section title={t('form.t4.title')}>
        <Descriptions
          size="small"
          bordered
          column={1}
          items={textItems(t, [
            ['mo', 'field.management_organization', form.table_4?.management_organization],
            ['sm', 'field.safeguard_mechanisms', form.table_4?.safeguard_mechanisms],
            ['fu', 'field.funding', form.table_4?.funding],
          ])}
        />
      </Section>
      <Section title={t('section.eligibility')}>
        <Descriptions size="small" bordered column={1} items={conditionItems} />
      </Section>
      <Section title={t('section.declarations')}>
        <Flex vertical gap={6}>
          <Declared ok={form.declarations?.no_penalty_3y} label={t('field.no_penalty_3y')} />
          <Declared ok={form.declarations?.premises_meet_standards} label={t('field.premises_meet_standards')} />
          <Declared ok={form.declarations?.management_rules_in_force} label={t('field.management_rules_in_force')} />
        </Flex>
      </Section>
    </div>
  )
}
