import { Skeleton, Tabs } from 'antd'
import { useSubmittedVersion } from '../../../api/reviews'
import type { Attachment, BaseType, Organization } from '../../../client/types'
import { AttachmentsBySlot } from '../../../components/application/ApplicationDetail'
import { ApplicationFormView } from '../../../components/application/ApplicationFormView'
import { PdfPreview } from '../../../components/application/PdfPreview'
import { QueryError } from '../../../components/QueryError'
import { useT } from '../../../i18n'
import { pdfFileName } from '../../../lib/format'

/**
 * The submitted application, read-only (申报表 / 附件 / PDF), as the panel reviews it: the
 * submitted version `versionNo` with the organisation as it was at submission.
 */
export function ApplicationMaterials({
  appId,
  versionNo,
  baseType,
  organizationName,
}: {
  appId: string
  versionNo: number
  baseType: BaseType
  organizationName: string
}) {
  const t = useT()
  const q = useSubmittedVersion(appId, versionNo)
  if (q.isPending) return <Skeleton active />
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />
  const version = q.data
  const typeLabel = t(`enum.baseType.${baseType}`)
  return (
    <Tabs
      data-testid="application-materials"
      items={[
        {
          key: 'form',
          label: t('rv.materials.form', { n: version.version_no }),
          children: (
            <ApplicationFormView
              form={version.form}
              baseType={baseType}
              organization={version.organization_snapshot as Partial<Organization>}
            />
          ),
        },
        {
          key: 'attachments',
          label: t('rv.materials.attachments'),
          children: (
            <AttachmentsBySlot applicationId={appId} attachments={version.attachments as Attachment[]} version={version.version_no} />
          ),
        },
        {
          key: 'pdf',
          label: t('rv.materials.pdf'),
          children: (
            <PdfPreview
              applicationId={appId}
              version={version.version_no}
              fileName={pdfFileName({ organization_name: organizationName }, typeLabel, version.version_no)}
            />
          ),
        },
      ]}
      destroyOnHidden
    />
  )
}
