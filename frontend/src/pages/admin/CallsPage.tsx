import { PlusOutlined } from '@ant-design/icons'
import { App, Button, Flex, Popconfirm, Segmented, Space, Table, Tag, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { useCalls, useChangeCallStatus } from '../../api/calls'
import type { Call, CallStatus } from '../../client/types'
import { CallStatusTag } from '../../components/ApplicationStatusTag'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { useApiError } from '../../hooks/useApiError'
import { usePagination } from '../../hooks/usePagination'
import { useT } from '../../i18n'
import { formatDate } from '../../lib/format'

type StatusFilter = CallStatus | 'all'
const CALL_STATUSES: CallStatus[] = ['draft', 'published', 'closed']

/** Publish / close with a confirmation; used by the list and the edit page. */
export function CallStatusActions({ call, size = 'small' }: { call: Call; size?: 'small' | 'middle' }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const change = useChangeCallStatus()
  const run = (action: 'publish' | 'close') =>
    change.mutateAsync({ id: call.id, action }).then(
      () => message.success(t(action === 'publish' ? 'calls.published' : 'calls.closed')),
      (err) => showError(err),
    )
  if (call.status === 'draft') {
    return (
      <Popconfirm
        title={t('calls.publishConfirm', { name: call.name })}
        description={t('calls.publishHint')}
        okText={t('calls.publish')}
        cancelText={t('common.cancel')}
        onConfirm={() => run('publish')}
      >
        <Button size={size} type="primary" loading={change.isPending} aria-label={`${t('calls.publish')} ${call.name}`}>
          {t('calls.publish')}
        </Button>
      </Popconfirm>
    )
  }
  if (call.status === 'published') {
    return (
      <Popconfirm
        title={t('calls.closeConfirm', { name: call.name })}
        description={t('calls.closeHint')}
        okText={t('calls.close')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onConfirm={() => run('close')}
      >
        <Button size={size} danger loading={change.isPending} aria-label={`${t('calls.close')} ${call.name}`}>
          {t('calls.close')}
        </Button>
      </Popconfirm>
    )
  }
  return null
}

/** 申报批次: every call (drafts included), create, edit, publish, close. */
export default function CallsPage() {
  const t = useT()
  const navigate = useNavigate()
  const [status, setStatus] = useState<StatusFilter>('all')
  const pagination = usePagination()
  const list = useCalls({ ...pagination.query, status: status === 'all' ? undefined : status })

  const columns: TableColumnsType<Call> = [
    {
      title: t('calls.name'),
      dataIndex: 'name',
      render: (name: string, c) => <Link to={`/admin/calls/${c.id}`}>{name}</Link>,
    },
    { title: t('calls.year'), dataIndex: 'year' },
    { title: t('common.status'), dataIndex: 'status', render: (v: CallStatus) => <CallStatusTag status={v} /> },
    {
      title: t('calls.period'),
      key: 'period',
      render: (_, c) => `${formatDate(c.opens_on)} ~ ${formatDate(c.deadline)}`,
    },
    { title: t('calls.validUntil'), dataIndex: 'valid_until', render: (v: string) => formatDate(v) },
    {
      title: t('calls.accepting'),
      dataIndex: 'accepting_applications',
      render: (v: boolean) => (v ? <Tag color="green">{t('calls.acceptingYes')}</Tag> : <Tag>{t('calls.acceptingNo')}</Tag>),
    },
    {
      title: t('calls.baseTypes'),
      dataIndex: 'base_types',
      render: (v: Call['base_types']) => v.map((bt) => <Tag key={bt}>{t(`enum.baseType.${bt}`)}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, c) => (
        <Space>
          <Button size="small" onClick={() => navigate(`/admin/calls/${c.id}`)} aria-label={`${t(c.status === 'closed' ? 'common.view' : 'common.edit')} ${c.name}`}>
            {t(c.status === 'closed' ? 'common.view' : 'common.edit')}
          </Button>
          <CallStatusActions call={c} />
        </Space>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('calls.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/admin/calls/new')}>
            {t('calls.create')}
          </Button>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Segmented<StatusFilter>
          aria-label={t('calls.filterStatus')}
          value={status}
          onChange={(v) => {
            setStatus(v)
            pagination.reset()
          }}
          options={[
            { value: 'all' as const, label: t('common.all') },
            ...CALL_STATUSES.map((s) => ({ value: s, label: t(`enum.callStatus.${s}`) })),
          ]}
        />
      </Flex>
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<Call>
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
