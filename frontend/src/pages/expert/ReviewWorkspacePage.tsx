import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons'
import { Alert, Button, Descriptions, Flex, Result, Skeleton, Tabs, Tag } from 'antd'
import { useNavigate, useParams } from 'react-router-dom'
import { useApplication } from '../../api/applications'
import { assignmentRubric, useAssignments, useMyReview, type Assignment } from '../../api/reviews'
import { ApplicationStatusTag } from '../../components/ApplicationStatusTag'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { useT } from '../../i18n'
import { formatDate } from '../../lib/format'
import { ApplicationMaterials } from '../admin/review/ApplicationMaterials'
import { ReviewDetails } from '../admin/review/ReviewDetails'
import { DeclarationTag, ReviewStatusTag } from '../admin/review/ReviewTags'
import { DeclarationCard } from './DeclarationCard'
import { ExpertPanelTab } from './ExpertPanelTab'
import { ScoreSheetForm } from './ScoreSheetForm'

function AssignmentFacts({ a }: { a: Assignment }) {
  const t = useT()
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        { key: 'org', label: t('org.name'), children: a.organization_name },
        { key: 'type', label: t('rv.queue.baseType'), children: t(`enum.baseType.${a.base_type}`) },
        { key: 'call', label: t('rv.queue.call'), children: a.call_name },
        { key: 'spec', label: t('assign.specialties'), children: a.specialties.join('、') || '—' },
        { key: 'due', label: t('rv.panel.dueOn'), children: formatDate(a.due_on) },
        {
          key: 'role',
          label: t('assign.role'),
          children: a.is_lead ? <Tag color="blue">{t('rv.panel.lead')}</Tag> : t('assign.member'),
        },
        { key: 'decl', label: t('rv.members.declaration'), children: <DeclarationTag value={a.declaration} /> },
        { key: 'review', label: t('rv.members.review'), children: <ReviewStatusTag value={a.review_status} /> },
        { key: 'status', label: t('assign.appStatus'), children: <ApplicationStatusTag status={a.application_status} /> },
      ]}
    />
  )
}

/** The workspace once no conflict is declared: materials, score sheet and inspection, the panel. */
function Workspace({ a }: { a: Assignment }) {
  const t = useT()
  const review = useMyReview(a.member_id)
  const app = useApplication(a.application_id)
  const rubric = assignmentRubric(a)
  if (review.isPending || app.isPending) return <Skeleton active />
  if (review.isError) return <QueryError error={review.error} onRetry={() => review.refetch()} />
  if (app.isError) return <QueryError error={app.error} onRetry={() => app.refetch()} />
  const r = review.data
  const locked = r.status === 'submitted'
  return (
    <Tabs
      defaultActiveKey={locked ? 'panel' : 'materials'}
      items={[
        {
          key: 'materials',
          label: t('assign.tab.materials'),
          children: (
            <ApplicationMaterials
              appId={a.application_id}
              versionNo={app.data.submitted_versions}
              baseType={a.base_type}
              organizationName={a.organization_name}
            />
          ),
        },
        {
          key: 'review',
          label: t('assign.tab.review'),
          children: locked ? (
            <Flex vertical gap={16}>
              <Alert type="success" showIcon icon={<LockOutlined aria-hidden />} title={t('score.locked')} description={t('score.lockedHint')} />
              <ReviewDetails review={r} rubric={rubric} appId={a.application_id} />
            </Flex>
          ) : (
            <ScoreSheetForm key={r.id} memberId={a.member_id} appId={a.application_id} review={r} rubric={rubric} />
          ),
        },
        {
          key: 'panel',
          label: t('assign.tab.panel'),
          children: <ExpertPanelTab assignment={a} review={r} rubric={rubric} />,
        },
      ]}
    />
  )
}

/** /app/reviews/:memberId — one assignment: the declaration first, then the workspace. */
export default function ReviewWorkspacePage() {
  const t = useT()
  const navigate = useNavigate()
  const { memberId } = useParams()
  const q = useAssignments()
  const a = q.data?.find((x) => x.member_id === memberId)
  const back = (
    <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/app/reviews')}>
      {t('assign.back')}
    </Button>
  )
  if (q.isPending) return <Skeleton active />
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />
  if (!a) return <Result status="404" title={t('assign.notFound')} extra={back} />
  return (
    <>
      <PageHeader title={`${t('assign.workspace')} · ${a.organization_name}`} extra={back} />
      <Flex vertical gap={16}>
        <AssignmentFacts a={a} />
        {a.declaration === 'pending' && <DeclarationCard assignment={a} />}
        {a.declaration === 'conflict' && <Result status="info" title={t('declare.conflictDone')} subTitle={t('declare.conflictDoneSub')} />}
        {a.declaration === 'no_conflict' && <Workspace a={a} />}
      </Flex>
    </>
  )
}
