import { Badge, Button, Flex, Input, Table, Tabs, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { useReviewQueue, useStageCounts } from '../../../api/reviews'
import type { ApplicationSummary } from '../../../client/types'
import { ApplicationStatusTag } from '../../../components/ApplicationStatusTag'
import { PageHeader } from '../../../components/PageHeader'
import { QueryError } from '../../../components/QueryError'
import { usePagination } from '../../../hooks/usePagination'
import { useT } from '../../../i18n'
import { formatDateTime } from '../../../lib/format'
import { isReviewStage, REVIEW_STAGES, type ReviewStage } from './rules'

/** 评审管理: applications by stage (one tab each), each row opening /admin/review/:applicationId. */
export default function ReviewQueuePage() {
  const t = useT()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const raw = params.get('stage')
  const stage: ReviewStage = isReviewStage(raw) ? raw : 'submitted'
  const [q, setQ] = useState('')
  const pagination = usePagination()
  const list = useReviewQueue({ ...pagination.query, status: stage, q: q || undefined })
  const counts = useStageCounts(REVIEW_STAGES)

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: t('org.name'),
      dataIndex: 'organization_name',
      render: (name: string, a) => <Link to={`/admin/review/${a.id}`}>{name}</Link>,
    },
    { title: t('rv.queue.baseType'), dataIndex: 'base_type', render: (v: ApplicationSummary['base_type']) => t(`enum.baseType.${v}`) },
    { title: t('rv.queue.call'), dataIndex: 'call_name' },
    { title: t('rv.queue.versions'), dataIndex: 'submitted_versions', width: 90 },
    { title: t('rv.queue.submittedAt'), dataIndex: 'submitted_at', render: (v: string | null) => formatDateTime(v) },
    { title: t('rv.queue.changedAt'), dataIndex: 'status_changed_at', render: (v: string | null) => formatDateTime(v) },
    { title: t('common.status'), dataIndex: 'status', render: (v: ApplicationSummary['status']) => <ApplicationStatusTag status={v} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => (
        <Button
          size="small"
          type="primary"
          onClick={() => navigate(`/admin/review/${a.id}`)}
          aria-label={`${t('rv.queue.handle')} ${a.organization_name}`}
        >
          {t('rv.queue.handle')}
        </Button>
      ),
    },
  ]

  return (
    <>
      <PageHeader title={t('rv.queue.title')} />
      <Tabs
        activeKey={stage}
        onChange={(key) => {
          setParams({ stage: key }, { replace: true })
          pagination.reset()
        }}
        items={REVIEW_STAGES.map((s) => ({
          key: s,
          label: (
            <Flex gap={6} align="center">
              {t(`rv.stage.${s}`)}
              <Badge count={counts[s] ?? 0} showZero={false} size="small" aria-hidden="true" />
            </Flex>
          ),
        }))}
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          style={{ maxWidth: 320 }}
          aria-label={t('rv.queue.search')}
          placeholder={t('rv.queue.search')}
          enterButton={t('common.search')}
          onSearch={(v) => {
            setQ(v.trim())
            pagination.reset()
          }}
        />
      </Flex>
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<ApplicationSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={pagination.tableProps(list.data?.total)}
      />
    </>
  )
}
