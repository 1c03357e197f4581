import { Button, Flex, Skeleton } from 'antd'
import { Link, useParams } from 'react-router-dom'
import { useApplication } from '../../api/applications'
import { useCall } from '../../api/calls'
import { useOrganization } from '../../api/organizations'
import { ApplicationDetail } from '../../components/application/ApplicationDetail'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { useSession } from '../../hooks/useAccess'
import { useT } from '../../i18n'

/** /app/admin/applications/:id: the application read-only, with attachments, PDF, versions and timeline. */
export default function ApplicationDetailPage() {
  const t = useT()
  const { id } = useParams()
  const { access } = useSession()
  const q = useApplication(id)
  const org = useOrganization(access.canReviewOrganizations ? q.data?.organization_id : undefined)
  const call = useCall(access.canManageCalls ? q.data?.call_id : undefined)

  if (q.isPending) return <Skeleton active />
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />
  const app = q.data
  return (
    <>
      <PageHeader
        title={t('adminApplications.detailTitle', { org: app.organization_name, type: t(`enum.baseType.${app.base_type}`) })}
        extra={
          <Flex gap={8} wrap>
            {access.canManageReviews && (
              <Link to={`/admin/review/${app.id}`}>
                <Button type="primary">{t('rv.page.open')}</Button>
              </Link>
            )}
            <Link to="/admin/applications">
              <Button>{t('adminApplications.back')}</Button>
            </Link>
          </Flex>
        }
      />
      <ApplicationDetail
        app={app}
        organization={org.data ?? { name: app.organization_name }}
        requiredAttachments={call.data?.policies[app.base_type]?.required_attachments}
      />
    </>
  )
}
