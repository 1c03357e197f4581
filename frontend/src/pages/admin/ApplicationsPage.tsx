import { Button, Flex, Input, Select, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { useApplications } from '../../api/applications'
import { useCalls } from '../../api/calls'
import type { ApplicationStatus, ApplicationSummary, BaseType } from '../../client/types'
import { ApplicationStatusTag } from '../../components/ApplicationStatusTag'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { usePagination } from '../../hooks/usePagination'
import { useT } from '../../i18n'
import { APPLICATION_STATUSES, BASE_TYPES } from '../../lib/applicationForm'
import { formatDateTime } from '../../lib/format'

/** 申报管理: every organisation's applications, filtered by call, base type, status and organisation name. */
export default function ApplicationsPage() {
  const t = useT()
  const navigate = useNavigate()
  const pagination = usePagination()
  const [callId, setCallId] = useState<string | undefined>()
  const [baseType, setBaseType] = useState<BaseType | undefined>()
  const [status, setStatus] = useState<ApplicationStatus | undefined>()
  const [q, setQ] = useState('')
  const calls = useCalls({ limit: 100, offset: 0 })
  const list = useApplications({ ...pagination.query, call_id: callId, base_type: baseType, status, q: q || undefined })

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: t('org.name'),
      dataIndex: 'organization_name',
      render: (name: string, a) => <Link to={`/app/admin/applications/${a.id}`}>{name}</Link>,
    },
    { title: t('applications.baseType'), dataIndex: 'base_type', render: (v: BaseType) => t(`enum.baseType.${v}`) },
    { title: t('applications.call'), dataIndex: 'call_name' },
    { title: t('common.status'), dataIndex: 'status', render: (v: ApplicationStatus) => <ApplicationStatusTag status={v} /> },
    { title: t('applications.submittedVersions'), dataIndex: 'submitted_versions' },
    { title: t('applications.submittedAt'), dataIndex: 'submitted_at', render: (v: string | null) => formatDateTime(v) },
    { title: t('applications.updatedAt'), dataIndex: 'updated_at', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, a) => (
        <Button size="small" onClick={() => navigate(`/app/admin/applications/${a.id}`)} aria-label={`${t('common.view')} ${a.organization_name}`}>
          {t('common.view')}
        </Button>
      ),
    },
  ]

  const reset = pagination.reset
  return (
    <>
      <PageHeader title={t('adminApplications.title')} />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label={t('adminApplications.filterCall')}
          placeholder={t('adminApplications.filterCall')}
          style={{ width: 320 }}
          value={callId}
          loading={calls.isPending}
          onChange={(v) => {
            setCallId(v)
            reset()
          }}
          options={(calls.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select
          allowClear
          aria-label={t('adminApplications.filterBaseType')}
          placeholder={t('adminApplications.filterBaseType')}
          style={{ width: 200 }}
          value={baseType}
          onChange={(v) => {
            setBaseType(v)
            reset()
          }}
          options={BASE_TYPES.map((bt) => ({ value: bt, label: t(`enum.baseType.${bt}`) }))}
        />
        <Select
          allowClear
          aria-label={t('adminApplications.filterStatus')}
          placeholder={t('adminApplications.filterStatus')}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => {
            setStatus(v)
            reset()
          }}
          options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`enum.appStatus.${s}`) }))}
        />
        <Input.Search
          allowClear
          style={{ maxWidth: 300 }}
          aria-label={t('adminApplications.searchOrg')}
          placeholder={t('adminApplications.searchOrg')}
          enterButton={t('common.search')}
          onSearch={(v) => {
            setQ(v.trim())
            reset()
          }}
        />
      </Flex>
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<ApplicationSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={pagination.tableProps(list.data?.total, list.data?.total_is_estimate)}
        scroll={{ x: 'max-content' }}
      />
    </>
  )
}
