import { Flex, InputNumber, Select, Switch, Table, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { useReportQueue, type ReportFilter, type ReportQueueItem, type ReportStatus } from '../../../api/reports'
import type { BaseType } from '../../../client/types'
import { PageHeader } from '../../../components/PageHeader'
import { QueryError } from '../../../components/QueryError'
import { ReportStatusTag } from '../../../components/reports/ReportStatusTag'
import { usePagination } from '../../../hooks/usePagination'
import { useT } from '../../../i18n'
import { formatDate, formatDateTime } from '../../../lib/format'

const STATUSES: ReportStatus[] = ['draft', 'submitted', 'returned', 'accepted']
const BASE_TYPES: BaseType[] = ['skills_upgrading', 'industry_chain', 'competition']

/** 月报审核: every base's monthly reports, filtered (status, overdue, base type, month) and sorted (due, submitted). */
export default function ReportQueuePage() {
  const t = useT()
  const [params] = useSearchParams()
  const pagination = usePagination()
  const [status, setStatus] = useState<ReportStatus | undefined>(params.get('overdue') === 'true' ? undefined : 'submitted')
  const [overdue, setOverdue] = useState(params.get('overdue') === 'true')
  const [baseType, setBaseType] = useState<BaseType | undefined>()
  const [month, setMonth] = useState<number | null>(null)
  const [sort, setSort] = useState<NonNullable<ReportFilter['sort']>>('due_on')
  const filter: ReportFilter = {
    ...pagination.query,
    status,
    overdue: overdue || undefined,
    base_type: baseType,
    month_no: month ?? undefined,
    sort,
  }
  const list = useReportQueue(filter)
  const change = <V,>(set: (v: V) => void) => (v: V) => {
    set(v)
    pagination.reset()
  }

  const columns: TableColumnsType<ReportQueueItem> = [
    {
      title: t('reportQueue.base'),
      key: 'base',
      render: (_, r) => (
        <Flex vertical>
          <Link to={`/app/admin/reports/${r.id}`}>{r.organization_name}</Link>
          <Typography.Text type="secondary">{t(`enum.baseType.${r.base_type}`)}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('report.monthCol'), dataIndex: 'month_no', render: (n: number) => t('report.month', { n }) },
    { title: t('report.dueOn'), dataIndex: 'due_on', render: (v: string) => formatDate(v) },
    { title: t('common.status'), key: 'status', render: (_, r) => <ReportStatusTag status={r.status} overdue={r.overdue} /> },
    { title: t('report.submittedAt'), dataIndex: 'submitted_at', render: (v: string | null) => formatDateTime(v), responsive: ['md'] },
    {
      title: t('common.actions'),
      key: 'review',
      render: (_, r) => <Link to={`/app/admin/reports/${r.id}`}>{r.status === 'submitted' ? t('reportQueue.review') : t('common.view')}</Link>,
    },
  ]

  return (
    <>
      <PageHeader title={t('reportQueue.title')} />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('common.status')}
          allowClear
          placeholder={t('common.status')}
          style={{ width: 140 }}
          value={status}
          onChange={change(setStatus)}
          options={STATUSES.map((s) => ({ value: s, label: t(`report.status.${s}`) }))}
        />
        <Select
          aria-label={t('applications.baseType')}
          allowClear
          placeholder={t('applications.baseType')}
          style={{ width: 200 }}
          value={baseType}
          onChange={change(setBaseType)}
          options={BASE_TYPES.map((b) => ({ value: b, label: t(`enum.baseType.${b}`) }))}
        />
        <InputNumber
          aria-label={t('report.monthCol')}
          placeholder={t('report.monthCol')}
          min={1}
          max={120}
          precision={0}
          value={month}
          onChange={change(setMonth)}
          style={{ width: 110 }}
        />
        <Flex gap={6} align="center">
          <Switch checked={overdue} onChange={change(setOverdue)} aria-label={t('reportQueue.onlyOverdue')} />
          <span>{t('reportQueue.onlyOverdue')}</span>
        </Flex>
        <Select
          aria-label={t('reportQueue.sort')}
          style={{ width: 190 }}
          value={sort}
          onChange={change(setSort)}
          options={[
            { value: 'due_on', label: t('reportQueue.sortDue') },
            { value: 'submitted_at', label: t('reportQueue.sortSubmitted') },
          ]}
        />
      </Flex>
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<ReportQueueItem>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={pagination.tableProps(list.data?.total)}
        scroll={{ x: 'max-content' }}
      />
    </>
  )
}
