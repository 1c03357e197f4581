import { Flex, Input, Table, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useAuditEvents } from '../../api/audit'
import type { AuditEvent } from '../../client/types'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { usePagination } from '../../hooks/usePagination'
import { useT } from '../../i18n'
import { dash, formatDateTime } from '../../lib/format'

/** 审计日志: the append-only trail, newest first, filtered by action. */
export default function AuditPage() {
  const t = useT()
  const [action, setAction] = useState('')
  const pagination = usePagination()
  const list = useAuditEvents({ ...pagination.query, action: action || undefined })

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.occurredAt'), dataIndex: 'occurred_at', render: (v: string) => formatDateTime(v), width: 150 },
    { title: t('audit.actor'), dataIndex: 'actor_email', render: (v: string | null) => dash(v) },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_, e) => (e.target_type ? `${e.target_type}${e.target_id ? ` / ${e.target_id}` : ''}` : '—'),
    },
    { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => dash(v) },
    { title: t('audit.reason'), dataIndex: 'reason', render: (v: string | null) => dash(v) },
  ]

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Flex gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          style={{ maxWidth: 360 }}
          aria-label={t('audit.filterAction')}
          placeholder={t('audit.actionPlaceholder')}
          enterButton={t('common.search')}
          onSearch={(v) => {
            setAction(v.trim())
            pagination.reset()
          }}
        />
      </Flex>
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<AuditEvent>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={pagination.tableProps(list.data?.total)}
        scroll={{ x: 'max-content' }}
        expandable={{
          rowExpandable: (e) => !!e.details && Object.keys(e.details).length > 0,
          expandedRowRender: (e) => (
            <div>
              <Typography.Text type="secondary">{t('audit.details')}</Typography.Text>
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(e.details, null, 2)}</pre>
            </div>
          ),
        }}
      />
    </>
  )
}
