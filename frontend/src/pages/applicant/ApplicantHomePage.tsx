import { CheckCircleTwoTone, ClockCircleTwoTone, CloseCircleTwoTone, PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useState, type ReactNode } from 'react'
import { Link } from 'react-router-dom'
import { useApplications } from '../../api/applications'
import { usePublicCalls } from '../../api/calls'
import type { ApplicationSummary, Call, OrganizationStatus } from '../../client/types'
import { ApplicationStatusTag } from '../../components/ApplicationStatusTag'
import { QueryError } from '../../components/QueryError'
import { LatestNotifications } from '../../components/LatestNotifications'
import { OrgStatusTag } from '../../components/OrgStatusTag'
import { PageHeader } from '../../components/PageHeader'
import { useSession } from '../../hooks/useAccess'
import { useT, type TKey } from '../../i18n'
import { deadlineText, formatDate, formatDateTime } from '../../lib/format'
import { NewApplicationModal } from './NewApplicationModal'

const STATUS_ICON: Record<OrganizationStatus, ReactNode> = {
  pending: <ClockCircleTwoTone aria-hidden twoToneColor="#faad14" style={{ fontSize: 40 }} />,
  verified: <CheckCircleTwoTone aria-hidden twoToneColor="#52c41a" style={{ fontSize: 40 }} />,
  rejected: <CloseCircleTwoTone aria-hidden twoToneColor="#ff4d4f" style={{ fontSize: 40 }} />,
}
const STATUS_HINT: Record<OrganizationStatus, TKey> = {
  pending: 'applicantHome.pendingHint',
  verified: 'applicantHome.verifiedHint',
  rejected: 'applicantHome.rejectedHint',
}

/** 我的申报: the organisation's applications, newest change first. */
function MyApplications() {
  const t = useT()
  const list = useApplications({ limit: 50, offset: 0 })
  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: t('applications.baseType'),
      dataIndex: 'base_type',
      render: (v: ApplicationSummary['base_type'], a) => (
        <Link to={`/app/applications/${a.id}`} aria-label={t('applications.openOne', { type: t(`enum.baseType.${v}`), call: a.call_name })}>
          {t(`enum.baseType.${v}`)}
        </Link>
      ),
    },
    { title: t('applications.call'), dataIndex: 'call_name' },
    { title: t('common.status'), dataIndex: 'status', render: (v: ApplicationSummary['status']) => <ApplicationStatusTag status={v} /> },
    { title: t('applications.deadline'), dataIndex: 'call_deadline', render: (v: unknown) => deadlineText(v) },
    { title: t('applications.updatedAt'), dataIndex: 'updated_at', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => (
        <Link to={`/app/applications/${a.id}`}>
          <Button size="small">{t(a.status === 'draft' || a.status === 'returned' ? 'applications.continue' : 'common.view')}</Button>
        </Link>
      ),
    },
  ]
  return (
    <Card title={t('applications.mine')} data-testid="my-applications">
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<ApplicationSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('applications.noneYet')} /> }}
        />
      )}
    </Card>
  )
}

/** 可申报批次: published calls accepting applications now, each with 新建申报. */
function OpenCalls({ onCreate }: { onCreate: (call: Call) => void }) {
  const t = useT()
  const q = usePublicCalls()
  const open = (q.data?.items ?? []).filter((c) => c.accepting_applications)
  return (
    <Card title={t('applications.openCalls')} data-testid="open-calls">
      {q.isPending ? null : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : open.length === 0 ? (
        <Empty description={t('applications.noOpenCalls')} />
      ) : (
        <Row gutter={[16, 16]} role="list">
          {open.map((c) => (
            <Col key={c.id} xs={24} md={12} xxl={8} role="listitem">
              <Flex justify="space-between" align="center" gap={12} wrap style={{ height: '100%', padding: 12, border: '1px solid #f0f0f0', borderRadius: 8 }}>
                <Flex vertical gap={4}>
                  <Typography.Text strong>{c.name}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t('applications.period', { from: formatDate(c.opens_on), to: formatDate(c.deadline) })}
                  </Typography.Text>
                  <div>
                    {c.base_types.map((bt) => (
                      <Tag key={bt}>{t(`enum.baseType.${bt}`)}</Tag>
                    ))}
                  </div>
                </Flex>
                <Button
                  type="primary"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => onCreate(c)}
                  aria-label={`${t('applications.create')} ${c.name}`}
                >
                  {t('applications.create')}
                </Button>
              </Flex>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  )
}

export default function ApplicantHomePage() {
  const t = useT()
  const { me, access } = useSession()
  const org = me.organization
  const calls = usePublicCalls()
  const openCalls = (calls.data?.items ?? []).filter((c) => c.accepting_applications)
  const [creating, setCreating] = useState<Call | null>(null)

  return (
    <>
      <PageHeader title={t('applicantHome.title')} />
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={12}>
          <Card title={t('applicantHome.orgStatus')} data-testid="org-status-card">
            {!org ? (
              <Alert type="info" showIcon title={t('applicantHome.noOrganization')} />
            ) : (
              <Flex gap={16} align="flex-start">
                {STATUS_ICON[org.status]}
                <Flex vertical gap={8} style={{ flex: 1 }}>
                  <Typography.Title level={4} style={{ margin: 0 }}>
                    {org.name}
                  </Typography.Title>
                  <div>
                    <OrgStatusTag status={org.status} />
                  </div>
                  <Typography.Text>{t(STATUS_HINT[org.status])}</Typography.Text>
                  {org.status === 'rejected' && (
                    <Alert type="error" showIcon title={t('org.statusReason')} description={org.status_reason || '—'} />
                  )}
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      { key: 'code', label: t('org.creditCode'), children: org.credit_code },
                      { key: 'submitted', label: t('org.submittedAt'), children: formatDateTime(org.created_at) },
                      ...(org.decided_at
                        ? [{ key: 'decided', label: t('org.decidedAt'), children: formatDateTime(org.decided_at) }]
                        : []),
                    ]}
                  />
                </Flex>
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <LatestNotifications />
        </Col>
        {access.canReadOwnApplications && (
          <Col xs={24}>
            <MyApplications />
          </Col>
        )}
        {access.canWriteApplications && (
          <Col xs={24}>
            <OpenCalls onCreate={setCreating} />
          </Col>
        )}
      </Row>
      <NewApplicationModal
        open={!!creating}
        calls={openCalls}
        initialCallId={creating?.id}
        organization={org}
        onClose={() => setCreating(null)}
      />
    </>
  )
}
