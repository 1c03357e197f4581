import { Button, Flex, Skeleton, Space } from 'antd'
import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { useApplication } from '../../api/applications'
import { usePublicCall } from '../../api/calls'
import type { Application } from '../../client/types'
import { ApplicationDetail } from '../../components/application/ApplicationDetail'
import { WithdrawButton } from '../../components/application/WithdrawButton'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { useSession } from '../../hooks/useAccess'
import { useT } from '../../i18n'
import { ApplicationEditor } from './editor/ApplicationEditor'

/** After submission (or for a reader who may not write): the read-only application. */
function ApplicationReadOnly({ app }: { app: Application }) {
  const t = useT()
  const { me, access } = useSession()
  const call = usePublicCall(app.call_id)
  return (
    <>
      <PageHeader
        title={t('applications.viewTitle', { type: t(`enum.baseType.${app.base_type}`) })}
        extra={
          <Space wrap>
            {access.canWriteApplications && <WithdrawButton app={app} />}
            <Link to="/applicant">
              <Button>{t('editor.backHome')}</Button>
            </Link>
          </Space>
        }
      />
      <ApplicationDetail
        app={app}
        organization={me.organization}
        requiredAttachments={call.data?.policies[app.base_type]?.required_attachments}
      />
    </>
  )
}

/**
 * /app/applications/:id (notifications link here): the editor while the draft may be changed
 * (draft, returned), else the read-only view with timeline, versions and withdrawal.
 */
export default function ApplicationPage() {
  const { id } = useParams()
  const { access } = useSession()
  const q = useApplication(id)
  const [generation, setGeneration] = useState(0)

  // The editor starts from data fetched since this page opened, never from an older cached copy.
  if (q.isPending || (q.isFetching && !q.isFetchedAfterMount)) {
    return (
      <Flex vertical gap={16}>
        <Skeleton active />
      </Flex>
    )
  }
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />
  const app = q.data
  if (app.editable && access.canWriteApplications) {
    return (
      <ApplicationEditor
        key={`${app.id}-${generation}`}
        app={app}
        onReload={async () => {
          await q.refetch({ throwOnError: true })
          setGeneration((g) => g + 1)
        }}
      />
    )
  }
  return <ApplicationReadOnly app={app} />
}
