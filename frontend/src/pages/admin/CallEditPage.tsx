import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tabs,
  Typography,
  type TableColumnsType,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState, type ReactNode } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { useCall, useCallDefaults, useCreateCall, useUpdateCall } from '../../api/calls'
import type { BaseType, Call, CallDefaults, RubricCriterion } from '../../client/types'
import { CallStatusTag } from '../../components/ApplicationStatusTag'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { useApiError } from '../../hooks/useApiError'
import { useT, type TKey } from '../../i18n'
import { ATTACHMENT_SLOTS, BASE_TYPES } from '../../lib/applicationForm'
import {
  callToValues,
  isFieldLocked,
  newCallValues,
  rubricTotal,
  toCallCreate,
  toCallUpdate,
  type CallValues,
  type MoneyField,
} from '../../lib/callForm'
import { ORGANIZATION_CATEGORIES } from '../../lib/enums'
import { ApiError } from '../../lib/errors'
import { applyFieldErrors } from '../../lib/formErrors'
import { formatDateTime } from '../../lib/format'
import { yuanProblem } from '../../lib/money'
import { CallStatusActions } from './CallsPage'

const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (v: Dayjs | null) => (v ? v.format('YYYY-MM-DD') : null),
}

type Num = { field: string; label: TKey; unit?: TKey; min?: number; max?: number }

const GROUPS: { title: TKey; fields: (Num | { field: string; label: TKey; kind: 'money' | 'switch' | 'level' })[] }[] = [
  {
    title: 'policy.group.basic',
    fields: [
      { field: 'subsidy_fen', label: 'policy.subsidy', kind: 'money' },
      { field: 'first_tranche_percent', label: 'policy.firstTranche', unit: 'unit.percent', min: 1, max: 100 },
      { field: 'construction_months', label: 'policy.constructionMonths', unit: 'unit.months', min: 1, max: 60 },
      { field: 'improvement_months', label: 'policy.improvementMonths', unit: 'unit.months', min: 0, max: 36 },
    ],
  },
  {
    title: 'policy.group.conditions',
    fields: [
      { field: 'min_training_volume', label: 'policy.minTrainingVolume', unit: 'unit.personTimes' },
      { field: 'min_cooperating_enterprises', label: 'policy.minCooperating', unit: 'unit.units' },
      { field: 'min_posts', label: 'policy.minPosts', unit: 'unit.posts' },
      { field: 'min_ecosystem_enterprises', label: 'policy.minEcosystem', unit: 'unit.units' },
      { field: 'min_partner_institutions', label: 'policy.minPartners', unit: 'unit.units' },
      { field: 'requires_support_team', label: 'policy.requiresSupportTeam', kind: 'switch' },
      { field: 'requires_past_competitions', label: 'policy.requiresPastCompetitions', kind: 'switch' },
    ],
  },
  {
    title: 'policy.group.targets',
    fields: [
      { field: 'year1_certificate_target', label: 'policy.year1Target', unit: 'unit.personTimes' },
      { field: 'two_year_certificate_target', label: 'policy.twoYearTarget', unit: 'unit.personTimes' },
      { field: 'satisfaction_floor_percent', label: 'policy.satisfactionFloor', unit: 'unit.percent', max: 100 },
      { field: 'certification_rate_floor_percent', label: 'policy.certificationFloor', unit: 'unit.percent', max: 100 },
      { field: 'capacity_per_year', label: 'policy.capacityPerYear', unit: 'unit.personTimes' },
      { field: 'competition_min_count', label: 'policy.competitionMinCount', unit: 'unit.times' },
      { field: 'competition_min_level', label: 'policy.competitionMinLevel', kind: 'level' },
      { field: 'competition_min_contestants', label: 'policy.competitionMinContestants', unit: 'unit.persons' },
    ],
  },
  {
    title: 'policy.group.awards',
    fields: [
      { field: 'brand_award_fen', label: 'policy.brandAward', kind: 'money' },
      { field: 'brand_volume_multiplier', label: 'policy.brandMultiplier', unit: 'unit.times', min: 1, max: 10 },
      { field: 'high_skill_award_per_step_fen', label: 'policy.highSkillPerStep', kind: 'money' },
      { field: 'high_skill_step', label: 'policy.highSkillStep', unit: 'unit.personTimes', min: 1 },
      { field: 'high_skill_award_cap_fen', label: 'policy.highSkillCap', kind: 'money' },
    ],
  },
]

function MoneyInput({ name, label, disabled }: { name: (string | number)[]; label: string; disabled: boolean }) {
  const t = useT()
  const required = name[name.length - 1] === ('subsidy_fen' satisfies MoneyField)
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[
        ...(required ? [{ required: true, message: t('common.required', { field: label }) }] : []),
        {
          validator: async (_: unknown, v: string | null) => {
            const problem = yuanProblem(v)
            if (problem === 'fraction') throw new Error(t('money.fraction'))
            if (problem === 'range') throw new Error(t('money.range'))
            if (problem) throw new Error(t('money.format'))
          },
        },
      ]}
    >
      <Input inputMode="decimal" suffix={t('unit.yuan')} disabled={disabled} style={{ maxWidth: 260 }} />
    </Form.Item>
  )
}

function PolicyFields({ bt, locked }: { bt: BaseType; locked: boolean }) {
  const t = useT()
  const base = ['policies', bt]
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={[...base, 'title']} label={t('policy.title')} rules={[{ required: true, min: 2, message: t('policy.titleRequired') }]}>
            <Input maxLength={100} disabled={locked} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={[...base, 'allowed_categories']}
            label={t('policy.allowedCategories')}
            rules={[{ required: true, type: 'array', min: 1, message: t('common.requiredSelect', { field: t('policy.allowedCategories') }) }]}
          >
            <Select mode="multiple" disabled={locked} options={ORGANIZATION_CATEGORIES.map((c) => ({ value: c, label: t(`enum.category.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[...base, 'requires_enterprise_qualification']} label={t('policy.requiresQualification')} valuePropName="checked">
            <Switch disabled={locked} />
          </Form.Item>
        </Col>
      </Row>
      {GROUPS.map((g) => (
        <div key={g.title}>
          <Divider titlePlacement="start" plain>
            {t(g.title)}
          </Divider>
          <Row gutter={16}>
            {g.fields.map((f) => {
              const name = [...base, f.field]
              const label = t(f.label)
              let input: ReactNode
              if ('kind' in f && f.kind === 'money') input = <MoneyInput name={name} label={label} disabled={locked} />
              else if ('kind' in f && f.kind === 'switch')
                input = (
                  <Form.Item name={name} label={label} valuePropName="checked">
                    <Switch disabled={locked} />
                  </Form.Item>
                )
              else if ('kind' in f && f.kind === 'level')
                input = (
                  <Form.Item name={name} label={label}>
                    <Select
                      allowClear
                      disabled={locked}
                      placeholder={t('policy.notApplicable')}
                      options={(['district', 'city', 'national'] as const).map((l) => ({ value: l, label: t(`enum.competitionLevel.${l}`) }))}
                    />
                  </Form.Item>
                )
              else {
                const n = f as Num
                input = (
                  <Form.Item name={name} label={label}>
                    <InputNumber
                      min={n.min ?? 0}
                      max={n.max ?? 1_000_000}
                      precision={0}
                      disabled={locked}
                      placeholder={t('policy.notApplicable')}
                      suffix={n.unit ? t(n.unit) : undefined}
                      style={{ width: '100%', maxWidth: 260 }}
                    />
                  </Form.Item>
                )
              }
              return (
                <Col xs={24} md={12} xl={8} key={f.field}>
                  {input}
                </Col>
              )
            })}
          </Row>
        </div>
      ))}
      <Divider titlePlacement="start" plain>
        {t('policy.group.attachments')}
      </Divider>
      <Form.Item name={[...base, 'required_attachments']} label={t('policy.requiredAttachments')}>
        <Checkbox.Group disabled={locked} options={ATTACHMENT_SLOTS.map((s) => ({ value: s, label: t(`enum.slot.${s}`) }))} />
      </Form.Item>
    </>
  )
}

function RubricEditor({ locked }: { locked: boolean }) {
  const t = useT()
  const rubric = Form.useWatch<Partial<RubricCriterion>[] | undefined>('rubric')
  const total = rubricTotal(rubric)
  return (
    <>
      <Form.List name="rubric">
        {(rows, { add, remove }) => {
          const columns: TableColumnsType<(typeof rows)[number]> = [
            {
              title: t('rubric.key'),
              key: 'key',
              width: 170,
              render: (_, row) => (
                <Form.Item
                  name={[row.name, 'key']}
                  noStyle
                  rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('rubric.keyPattern') }]}
                >
                  <Input aria-label={t('rubric.keyN', { n: row.name + 1 })} disabled={locked} />
                </Form.Item>
              ),
            },
            {
              title: t('rubric.name'),
              key: 'name',
              width: 160,
              render: (_, row) => (
                <Form.Item name={[row.name, 'name']} noStyle rules={[{ required: true, whitespace: true, message: t('rubric.nameRequired') }]}>
                  <Input aria-label={t('rubric.nameN', { n: row.name + 1 })} maxLength={50} disabled={locked} />
                </Form.Item>
              ),
            },
            {
              title: t('rubric.description'),
              key: 'description',
              render: (_, row) => (
                <Form.Item name={[row.name, 'description']} noStyle>
                  <Input aria-label={t('rubric.descriptionN', { n: row.name + 1 })} maxLength={300} disabled={locked} />
                </Form.Item>
              ),
            },
            {
              title: t('rubric.maxPoints'),
              key: 'max_points',
              width: 110,
              render: (_, row) => (
                <Form.Item name={[row.name, 'max_points']} noStyle rules={[{ required: true, message: t('rubric.pointsRequired') }]}>
                  <InputNumber aria-label={t('rubric.pointsN', { n: row.name + 1 })} min={1} max={100} precision={0} disabled={locked} />
                </Form.Item>
              ),
            },
            ...(locked
              ? []
              : [
                  {
                    title: t('common.actions'),
                    key: 'remove',
                    width: 80,
                    render: (_: unknown, row: (typeof rows)[number]) => (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        onClick={() => remove(row.name)}
                        aria-label={t('rubric.removeN', { n: row.name + 1 })}
                      />
                    ),
                  },
                ]),
          ]
          return (
            <>
              <Table size="small" rowKey="key" columns={columns} dataSource={rows} pagination={false} />
              <Flex justify="space-between" align="center" style={{ marginTop: 8 }} wrap gap={8}>
                {!locked ? (
                  <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ key: '', name: '', description: '', max_points: 5 })}>
                    {t('rubric.add')}
                  </Button>
                ) : (
                  <span />
                )}
                <Typography.Text strong type={total === 100 ? 'success' : 'danger'} data-testid="rubric-total" aria-live="polite">
                  {t('rubric.total', { total })}
                </Typography.Text>
              </Flex>
              {!locked && total !== 100 && (
                <Typography.Text type="danger" role="alert">
                  {rows.length === 0 ? t('rubric.empty') : t('rubric.totalWrong', { total })}
                </Typography.Text>
              )}
            </>
          )
        }}
      </Form.List>
    </>
  )
}

function CallForm({
  call,
  defaults,
  initialValues,
  onSaved,
  onStale,
}: {
  call: Call | null
  defaults: CallDefaults
  initialValues: CallValues
  onSaved: (call: Call) => void
  onStale: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const [form] = Form.useForm<CallValues>()
  const create = useCreateCall()
  const update = useUpdateCall()
  const baseTypes = Form.useWatch<BaseType[] | undefined>('base_types', form) ?? initialValues.base_types
  const status = call?.status
  const lock = (field: string) => isFieldLocked(status, field)
  const closed = status === 'closed'

  const onFinish = async () => {
    const values = form.getFieldsValue(true) as CallValues
    if (!lock('rubric') && (values.rubric.length === 0 || rubricTotal(values.rubric) !== 100)) {
      message.error(t('rubric.totalWrong', { total: rubricTotal(values.rubric) }))
      return
    }
    try {
      if (!call) {
        const created = await create.mutateAsync(toCallCreate(values))
        message.success(t('calls.created'))
        onSaved(created)
      } else {
        const saved = await update.mutateAsync({ id: call.id, version: call.version, body: toCallUpdate(values, call.status) })
        message.success(t('calls.saved'))
        onSaved(saved)
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        onStale()
        return
      }
      applyFieldErrors(form, err)
      showError(err)
    }
  }

  return (
    <Form<CallValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onFinishFailed={() => message.error(t('calls.fixErrors'))}
      scrollToFirstError
      disabled={closed}
    >
      <Card size="small" title={t('calls.basics')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Form.Item name="name" label={t('calls.name')} rules={[{ required: true, min: 2, whitespace: true, message: t('calls.nameRequired') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item name="year" label={t('calls.year')} rules={[{ required: true, message: t('common.required', { field: t('calls.year') }) }]}>
              <InputNumber min={2020} max={2100} precision={0} style={{ width: '100%' }} disabled={lock('year')} />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item
              name="district_code"
              label={t('calls.districtCode')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('calls.districtInvalid') }]}
            >
              <Input maxLength={6} disabled={lock('district_code')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="opens_on" label={t('calls.opensOn')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('calls.opensOn') }) }]} {...dateProps}>
              <DatePicker style={{ width: '100%' }} disabled={lock('opens_on')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="deadline"
              label={t('calls.deadline')}
              dependencies={['opens_on']}
              rules={[
                { required: true, message: t('common.requiredSelect', { field: t('calls.deadline') }) },
                ({ getFieldValue }) => ({
                  validator: async (_, v: string | null) => {
                    if (v && getFieldValue('opens_on') && v < getFieldValue('opens_on')) throw new Error(t('calls.datesOrder'))
                  },
                }),
              ]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} disabled={lock('deadline')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="valid_until"
              label={t('calls.validUntil')}
              dependencies={['deadline']}
              rules={[
                { required: true, message: t('common.requiredSelect', { field: t('calls.validUntil') }) },
                ({ getFieldValue }) => ({
                  validator: async (_, v: string | null) => {
                    if (v && getFieldValue('deadline') && v < getFieldValue('deadline')) throw new Error(t('calls.datesOrder'))
                  },
                }),
              ]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} disabled={lock('valid_until')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="base_types"
              label={t('calls.baseTypes')}
              rules={[{ required: true, type: 'array', min: 1, message: t('common.requiredSelect', { field: t('calls.baseTypes') }) }]}
            >
              <Checkbox.Group disabled={lock('base_types')} options={BASE_TYPES.map((bt) => ({ value: bt, label: t(`enum.baseType.${bt}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="publicity_days" label={t('calls.publicityDays')} rules={[{ required: true, message: t('common.required', { field: t('calls.publicityDays') }) }]}>
              <InputNumber min={1} max={60} precision={0} suffix={t('unit.days')} style={{ width: '100%' }} disabled={lock('publicity_days')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="report_due_day" label={t('calls.reportDueDay')} rules={[{ required: true, message: t('common.required', { field: t('calls.reportDueDay') }) }]}>
              <InputNumber min={1} max={28} precision={0} suffix={t('unit.dayOfMonth')} style={{ width: '100%' }} disabled={lock('report_due_day')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="score_divergence_points"
              label={t('calls.scoreDivergence')}
              rules={[{ required: true, message: t('common.required', { field: t('calls.scoreDivergence') }) }]}
            >
              <InputNumber min={1} max={100} precision={0} suffix={t('unit.points')} style={{ width: '100%' }} disabled={lock('score_divergence_points')} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('calls.policies')} style={{ marginBottom: 16 }}>
        {lock('policies') && !closed && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('calls.policiesLocked')} />}
        <Tabs
          items={BASE_TYPES.filter((bt) => baseTypes.includes(bt)).map((bt) => ({
            key: bt,
            label: t(`enum.baseType.${bt}`),
            forceRender: true,
            children: <PolicyFields bt={bt} locked={lock('policies')} />,
          }))}
        />
        <Typography.Text type="secondary">{t('calls.defaultsHint', { n: Object.keys(defaults.policies).length })}</Typography.Text>
      </Card>
      <Card size="small" title={t('calls.rubric')} style={{ marginBottom: 16 }}>
        <RubricEditor locked={lock('rubric')} />
      </Card>
      {!closed && (
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
            {call ? t('common.save') : t('calls.createSubmit')}
          </Button>
          <Link to="/admin/calls">
            <Button>{t('common.cancel')}</Button>
          </Link>
        </Flex>
      )}
    </Form>
  )
}

/** 申报批次 create (/admin/calls/new) and edit (/admin/calls/:id); money in 元, If-Match on save. */
export default function CallEditPage() {
  const t = useT()
  const { id } = useParams()
  const navigate = useNavigate()
  const isNew = !id || id === 'new'
  const defaults = useCallDefaults()
  const callQ = useCall(isNew ? undefined : id)
  const [generation, setGeneration] = useState(0)
  const [stale, setStale] = useState(false)

  if (defaults.isPending || (!isNew && callQ.isPending)) return <Skeleton active />
  if (defaults.isError) return <QueryError error={defaults.error} onRetry={() => defaults.refetch()} />
  if (!isNew && callQ.isError) return <QueryError error={callQ.error} onRetry={() => callQ.refetch()} />
  const call = isNew ? null : (callQ.data ?? null)
  const initialValues = call ? callToValues(call, defaults.data) : newCallValues(defaults.data)

  return (
    <>
      <PageHeader
        title={call ? t('calls.editTitle', { name: call.name }) : t('calls.createTitle')}
        extra={
          call && (
            <Space wrap>
              <CallStatusTag status={call.status} />
              <Typography.Text type="secondary">
                {t('calls.versionInfo', { n: call.version, at: formatDateTime(call.updated_at) })}
              </Typography.Text>
              <CallStatusActions call={call} size="middle" />
            </Space>
          )
        }
      />
      {call?.status === 'published' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('calls.publishedHint')} />}
      {call?.status === 'closed' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('calls.closedHint')} />}
      <CallForm
        key={`${call?.id ?? 'new'}-${call?.version ?? 0}-${generation}`}
        call={call}
        defaults={defaults.data}
        initialValues={initialValues}
        onSaved={(saved) => {
          if (isNew) navigate(`/admin/calls/${saved.id}`, { replace: true })
        }}
        onStale={() => setStale(true)}
      />
      <Modal
        open={stale}
        title={t('calls.staleTitle')}
        okText={t('conflict.reload')}
        cancelText={t('calls.keepEditing')}
        onOk={async () => {
          await callQ.refetch()
          setGeneration((g) => g + 1)
          setStale(false)
        }}
        onCancel={() => setStale(false)}
      >
        <Typography.Paragraph>{t('calls.staleBody')}</Typography.Paragraph>
      </Modal>
    </>
  )
}
