import { Skeleton } from 'antd'
import { useOrganization } from '../../api/organizations'
import { OrganizationDescriptions } from '../../components/OrganizationDescriptions'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { useSession } from '../../hooks/useAccess'
import { useT } from '../../i18n'

/** 本单位信息: read-only view of the applicant's own organisation (fresh from the API). */
export default function OrganizationPage() {
  const t = useT()
  const { me } = useSession()
  const q = useOrganization(me.organization?.id)
  const org = q.data ?? me.organization
  return (
    <>
      <PageHeader title={t('menu.organization')} />
      {q.isError && <QueryError error={q.error} onRetry={() => q.refetch()} />}
      {org ? <OrganizationDescriptions org={org} /> : <Skeleton active />}
    </>
  )
}
