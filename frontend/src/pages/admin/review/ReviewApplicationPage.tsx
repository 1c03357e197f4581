import { ArrowLeftOutlined, FileTextOutlined } from '@ant-design/icons'
import { Alert, Button, Descriptions, Flex, Skeleton, Steps, Tabs } from 'antd'
import { useNavigate, useParams } from 'react-router-dom'
import { useApplication } from '../../../api/applications'
import type { Application, ApplicationStatus } from '../../../client/types'
import { ApplicationStatusTag } from '../../../components/ApplicationStatusTag'
import { PageHeader } from '../../../components/PageHeader'
import { QueryError } from '../../../components/QueryError'
import { useSession } from '../../../hooks/useAccess'
import { useT, type TKey } from '../../../i18n'
import { formatDateTime } from '../../../lib/format'
import { ApplicationMaterials } from './ApplicationMaterials'
import { ReviewPanel } from './ReviewPanel'

const STEPS: TKey[] = ['rv.step.submitted', 'rv.step.formal', 'rv.step.review', 'rv.step.decision', 'rv.step.publicity', 'rv.step.recognised']

/** The step in progress for each status (recognised: every step done). */
const CURRENT_STEP: Record<ApplicationStatus, number> = {
  draft: 0,
  returned: 0,
  withdrawn: 0,
  submitted: 1,
  formal_check_passed: 2,
  under_review: 2,
  reviewed: 3,
  rejected: 3,
  approved: 4,
  in_publicity: 4,
  recognised: 6,
}

function Header({ app }: { app: Application }) {
  const t = useT()
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        { key: 'org', label: t('org.name'), children: app.organization_name },
        { key: 'type', label: t('rv.queue.baseType'), children: t(`enum.baseType.${app.base_type}`) },
        { key: 'status', label: t('common.status'), children: <ApplicationStatusTag status={app.status} /> },
        { key: 'call', label: t('rv.queue.call'), children: app.call_name },
        { key: 'submitted', label: t('rv.queue.submittedAt'), children: formatDateTime(app.submitted_at) },
        { key: 'versions', label: t('rv.queue.versions'), children: app.submitted_versions },
      ]}
    />
  )
}

/** /admin/review/:applicationId — the review workflow of one application, with its materials. */
export default function ReviewApplicationPage() {
  const t = useT()
  const { access } = useSession()
  const navigate = useNavigate()
  const { applicationId } = useParams()
  const q = useApplication(applicationId)

  const back = (
    <Flex gap={8} wrap>
      {access.canBrowseApplications && applicationId && (
        <Button icon={<FileTextOutlined aria-hidden />} onClick={() => navigate(`/app/admin/applications/${applicationId}`)}>
          {t('rv.page.applicationDetail')}
        </Button>
      )}
      <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/admin/review')}>
        {t('rv.page.back')}
      </Button>
    </Flex>
  )

  if (q.isPending) {
    return (
      <>
        <PageHeader title={t('rv.page.title')} extra={back} />
        <Skeleton active />
      </>
    )
  }
  if (q.isError) {
    return (
      <>
        <PageHeader title={t('rv.page.title')} extra={back} />
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      </>
    )
  }
  const app = q.data
  const rejected = app.status === 'rejected' || app.status === 'withdrawn'
  return (
    <>
      <PageHeader title={`${t('rv.page.title')} · ${app.organization_name}`} extra={back} />
      <Flex vertical gap={16}>
        <Header app={app} />
        <Steps
          size="small"
          current={CURRENT_STEP[app.status]}
          status={rejected ? 'error' : undefined}
          items={STEPS.map((key) => ({ title: t(key) }))}
        />
        {app.status_reason && (
          <Alert type={rejected ? 'error' : 'info'} showIcon title={t('rv.page.statusReason')} description={app.status_reason} />
        )}
        <Tabs
          items={[
            { key: 'workflow', label: t('rv.page.workflow'), children: <ReviewPanel app={app} /> },
            {
              key: 'materials',
              label: t('rv.page.materials'),
              children: app.submitted_versions ? (
                <ApplicationMaterials
                  appId={app.id}
                  versionNo={app.submitted_versions}
                  baseType={app.base_type}
                  organizationName={app.organization_name}
                />
              ) : (
                <Alert type="info" showIcon title={t('rv.page.notSubmitted')} />
              ),
            },
          ]}
          destroyOnHidden
        />
      </Flex>
    </>
  )
}
