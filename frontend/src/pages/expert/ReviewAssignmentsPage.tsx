import { Alert, Button, Flex, Table, Tag, type TableColumnsType } from 'antd'
import { useNavigate } from 'react-router-dom'
import { useAssignments, type Assignment } from '../../api/reviews'
import { ApplicationStatusTag } from '../../components/ApplicationStatusTag'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { useT } from '../../i18n'
import { formatDate } from '../../lib/format'
import { DeclarationTag, ReviewStatusTag } from '../admin/review/ReviewTags'

/** 我的评审 (/app/reviews): the expert's assignments; each opens its workspace. */
export default function ReviewAssignmentsPage() {
  const t = useT()
  const navigate = useNavigate()
  const q = useAssignments()

  const actionLabel = (a: Assignment) => {
    if (a.declaration === 'pending') return t('assign.declareFirst')
    if (a.declaration === 'conflict') return t('common.view')
    return a.review_status === 'submitted' ? t('common.view') : t('assign.review')
  }

  const columns: TableColumnsType<Assignment> = [
    {
      title: t('org.name'),
      dataIndex: 'organization_name',
      render: (name: string, a) => (
        <Flex gap={6} align="center" wrap>
          {name}
          {a.is_lead && <Tag color="blue">{t('rv.panel.lead')}</Tag>}
        </Flex>
      ),
    },
    { title: t('rv.queue.baseType'), dataIndex: 'base_type', render: (v: Assignment['base_type']) => t(`enum.baseType.${v}`) },
    { title: t('rv.queue.call'), dataIndex: 'call_name' },
    {
      title: t('assign.specialties'),
      dataIndex: 'specialties',
      render: (v: string[]) => (v.length ? v.map((s) => <Tag key={s}>{s}</Tag>) : '—'),
    },
    { title: t('rv.members.declaration'), dataIndex: 'declaration', render: (v: Assignment['declaration']) => <DeclarationTag value={v} /> },
    { title: t('rv.members.review'), dataIndex: 'review_status', render: (v: Assignment['review_status']) => <ReviewStatusTag value={v} /> },
    { title: t('rv.panel.dueOn'), dataIndex: 'due_on', render: (v: string | null) => formatDate(v) },
    {
      title: t('assign.appStatus'),
      dataIndex: 'application_status',
      render: (v: Assignment['application_status']) => <ApplicationStatusTag status={v} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => (
        <Button
          size="small"
          type={a.declaration === 'pending' || (a.declaration === 'no_conflict' && a.review_status !== 'submitted') ? 'primary' : 'default'}
          onClick={() => navigate(`/app/reviews/${a.member_id}`)}
          aria-label={`${actionLabel(a)} ${a.organization_name}`}
        >
          {actionLabel(a)}
        </Button>
      ),
    },
  ]

  // what still needs the expert first (the server lists newest first; the order is kept within each group)
  const isOpen = (a: Assignment) =>
    a.declaration !== 'conflict' && (a.review_status !== 'submitted' || (a.is_lead && a.application_status === 'reviewed'))
  const rows = [...(q.data ?? [])].sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)))
  const open = rows.filter(isOpen).length
  return (
    <>
      <PageHeader title={t('assign.title')} />
      {q.isError && <QueryError error={q.error} onRetry={() => q.refetch()} />}
      {q.isSuccess && (
        <Alert type="info" showIcon title={t('assign.intro', { n: open })} style={{ marginBottom: 16 }} />
      )}
      <Table<Assignment>
        rowKey="member_id"
        columns={columns}
        dataSource={rows}
        loading={q.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('assign.empty') }}
      />
    </>
  )
}
