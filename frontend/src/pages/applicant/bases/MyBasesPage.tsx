import { App, Button, Card, Col, Descriptions, Empty, Form, Input, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useEffect } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import {
  useBase,
  useBaseCompetitions,
  useBaseReports,
  useMyBases,
  useUpdateBaseContacts,
  type BaseContactsInput,
  type BaseDetail,
  type Competition,
  type ReportSummary,
} from '../../../api/reports'
import { PageHeader } from '../../../components/PageHeader'
import { QueryError } from '../../../components/QueryError'
import { ReportStatusTag } from '../../../components/reports/ReportStatusTag'
import { useApiError } from '../../../hooks/useApiError'
import { useSession } from '../../../hooks/useAccess'
import { usePagination } from '../../../hooks/usePagination'
import { useT } from '../../../i18n'
import { ApiError } from '../../../lib/errors'
import { formatDate } from '../../../lib/format'
import { formatFen } from '../../../lib/money'
import { IndicatorsPanel } from '../../../components/indicators/IndicatorsPanel'

/** 专账与联系人: the organisation's owner edits them (If-Match on the base's version); others read them. */
function AccountCard({ base }: { base: BaseDetail }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const { access } = useSession()
  const update = useUpdateBaseContacts(base.id)
  const [form] = Form.useForm<BaseContactsInput>()
  const editable = access.canEditBaseContacts && base.editable_by_me
  useEffect(() => {
    form.setFieldsValue({
      account_bank: base.account_bank ?? undefined,
      account_number: base.account_number ?? undefined,
      contact_name: base.contact_name ?? undefined,
      contact_mobile: base.contact_mobile ?? undefined,
    })
  }, [base, form])
  const onFinish = async (values: BaseContactsInput) => {
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as BaseContactsInput
    try {
      await update.mutateAsync({ version: base.version, body })
      message.success(t('myBases.saved'))
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) message.warning(t('myBases.stale'))
      else showError(err)
    }
  }
  return (
    <Card title={t('myBases.account')} size="small" style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={!editable}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="account_bank" label={t('myBases.accountBank')} rules={[{ max: 200 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="account_number"
              label={t('myBases.accountNumber')}
              rules={[{ pattern: editable ? /^[0-9][0-9 -]*[0-9]$/ : undefined, message: t('myBases.accountInvalid') }]}
            >
              <Input autoComplete="off" inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contact_name" label={t('myBases.contactName')} rules={[{ max: 50 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contact_mobile"
              label={t('myBases.contactMobile')}
              rules={[{ pattern: editable ? /^1[3-9][0-9]{9}$/ : undefined, message: t('myBases.mobileInvalid') }]}
            >
              <Input autoComplete="off" inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        {editable && (
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  )
}

function BaseWorkspace({ baseId }: { baseId: string }) {
  const t = useT()
  const base = useBase(baseId)
  const months = usePagination(50)
  const reports = useBaseReports(baseId, months.query)
  const competitionsPage = usePagination(10)
  const competitions = useBaseCompetitions(baseId, competitionsPage.query)
  const { access } = useSession()

  if (base.isError) return <QueryError error={base.error} onRetry={() => base.refetch()} />
  if (!base.data) return <Card loading />
  const b = base.data
  const c = b.commitments

  const columns: TableColumnsType<ReportSummary> = [
    { title: t('report.monthCol'), dataIndex: 'month_no', render: (n: number) => t('report.month', { n }) },
    {
      title: t('report.period'),
      key: 'period',
      render: (_, r) => `${formatDate(r.period_starts_on)} ~ ${formatDate(r.period_ends_on)}`,
      responsive: ['md'],
    },
    { title: t('report.dueOn'), dataIndex: 'due_on', render: (v: string) => formatDate(v) },
    { title: t('common.status'), key: 'status', render: (_, r) => <ReportStatusTag status={r.status} overdue={r.overdue} /> },
    {
      title: t('common.actions'),
      key: 'open',
      render: (_, r) => (
        <Link to={`/app/reports/${r.id}`} aria-label={`${t('report.month', { n: r.month_no })}`}>
          {access.canWriteReports && (r.status === 'draft' || r.status === 'returned') ? t('myBases.openReport') : t('myBases.viewReport')}
        </Link>
      ),
    },
  ]
  const competitionColumns: TableColumnsType<Competition> = [
    { title: t('competition.name'), dataIndex: 'name' },
    { title: t('competition.level'), dataIndex: 'level', render: (v: Competition['level']) => t(`report.level.${v}`) },
    { title: t('competition.endsOn'), dataIndex: 'ends_on', render: (v: string) => formatDate(v) },
    { title: t('competition.contestants'), dataIndex: 'contestants' },
  ]

  return (
    <>
      <Card title={t('myBases.info')} size="small" style={{ marginBottom: 16 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {b.title}
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('bases.documentNumber')}>{b.document_number}</Descriptions.Item>
          <Descriptions.Item label={t('bases.recognisedOn')}>{formatDate(b.recognised_on)}</Descriptions.Item>
          <Descriptions.Item label={t('assign.specialties')}>
            <Space size={4} wrap>
              {b.specialties.map((s) => (
                <Tag key={s}>{s}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('myBases.construction')}>
            {formatDate(c.construction_starts_on)} ~ {formatDate(c.construction_ends_on)}
            {b.construction_month ? `（${t('myBases.currentMonth', { n: b.construction_month })}）` : ''}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('myBases.commitments')} size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('myBases.subsidy')}>{formatFen(c.subsidy_fen)}</Descriptions.Item>
          {c.year1_certificate_target != null && (
            <Descriptions.Item label={t('myBases.year1Target')}>{c.year1_certificate_target}</Descriptions.Item>
          )}
          {c.two_year_certificate_target != null && (
            <Descriptions.Item label={t('myBases.twoYearTarget')}>{c.two_year_certificate_target}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('myBases.dueDay')}>{t('myBases.dueDayValue', { day: c.report_due_day })}</Descriptions.Item>
        </Descriptions>
      </Card>
      <div style={{ marginBottom: 16 }}>
        <IndicatorsPanel baseId={b.id} />
      </div>
      <AccountCard base={b} />
      <Card title={t('myBases.months')} size="small" style={{ marginBottom: 16 }}>
        {reports.isError && <QueryError error={reports.error} onRetry={() => reports.refetch()} />}
        <Table<ReportSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={reports.data?.items}
          loading={reports.isFetching}
          pagination={months.tableProps(reports.data?.total)}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Card title={t('myBases.competitionsTitle')} size="small">
        <Table<Competition>
          rowKey="id"
          size="small"
          columns={competitionColumns}
          dataSource={competitions.data?.items}
          loading={competitions.isFetching}
          pagination={competitionsPage.tableProps(competitions.data?.total)}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  )
}

/** 我的基地: the organisation's recognised bases, each with its commitments, account, contacts and monthly reports. */
export default function MyBasesPage() {
  const t = useT()
  const navigate = useNavigate()
  const { baseId } = useParams()
  const bases = useMyBases({ limit: 100, offset: 0 })
  const items = bases.data?.items ?? []
  const selected = baseId ?? items[0]?.id

  return (
    <>
      <PageHeader
        title={t('myBases.title')}
        extra={
          items.length > 1 && (
            <Select
              aria-label={t('myBases.title')}
              style={{ minWidth: 240, maxWidth: '100%' }}
              value={selected}
              options={items.map((b) => ({ value: b.id, label: b.title }))}
              onChange={(id: string) => navigate(`/applicant/bases/${id}`)}
            />
          )
        }
      />
      {bases.isError && <QueryError error={bases.error} onRetry={() => bases.refetch()} />}
      {bases.isSuccess && items.length === 0 && <Empty description={t('myBases.none')} />}
      {selected && <BaseWorkspace key={selected} baseId={selected} />}
    </>
  )
}
