import { Alert, Descriptions, Empty, Flex, Table, Tabs, Tag, type TableColumnsType } from 'antd'
import type { ReactNode } from 'react'
import type { Application, Attachment, AttachmentSlot, Organization } from '../../client/types'
import { useT } from '../../i18n'
import { ATTACHMENT_SLOTS } from '../../lib/applicationForm'
import { deadlineText, formatDateTime, pdfFileName } from '../../lib/format'
import { ApplicationStatusTag } from '../ApplicationStatusTag'
import { ApplicationFormView } from './ApplicationFormView'
import { ApplicationTimeline } from './ApplicationTimeline'
import { AttachmentLink } from './AttachmentLinks'
import { PdfPreview } from './PdfPreview'
import { VersionsPanel } from './VersionsPanel'

/** Attachments per slot, read-only (download only). */
export function AttachmentsBySlot({
  applicationId,
  attachments,
  required = [],
  version,
}: {
  applicationId: string
  attachments: Attachment[]
  required?: AttachmentSlot[]
  /** The attachments as listed in this submitted version: downloads go through it. */
  version?: number
}) {
  const t = useT()
  const rows = ATTACHMENT_SLOTS.map((slot) => ({ slot, files: attachments.filter((a) => a.slot === slot) }))
  const columns: TableColumnsType<(typeof rows)[number]> = [
    {
      title: t('attachments.slot'),
      dataIndex: 'slot',
      width: 260,
      render: (slot: AttachmentSlot) => (
        <Flex gap={6} align="center" wrap>
          {t(`enum.slot.${slot}`)}
          {required.includes(slot) && <Tag color="red">{t('attachments.required')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('attachments.files'),
      key: 'files',
      render: (_, row) =>
        row.files.length === 0 ? (
          '—'
        ) : (
          <Flex vertical gap={4}>
            {row.files.map((a) => (
              <AttachmentLink key={a.id} applicationId={applicationId} attachment={a} version={version} />
            ))}
          </Flex>
        ),
    },
  ]
  if (attachments.length === 0 && required.length === 0) return <Empty description={t('attachments.none')} />
  return <Table size="small" rowKey="slot" columns={columns} dataSource={rows} pagination={false} />
}

/**
 * A read-only application: header facts, then 申报表 / 附件 / PDF / 历史版本 / 办理进程.
 * Used by the applicant once the draft is submitted and by the administrator's 申报管理.
 */
export function ApplicationDetail({
  app,
  organization,
  requiredAttachments,
  extra,
}: {
  app: Application
  organization: Partial<Organization> | null | undefined
  requiredAttachments?: AttachmentSlot[]
  extra?: ReactNode
}) {
  const t = useT()
  const typeLabel = t(`enum.baseType.${app.base_type}`)
  return (
    <Flex vertical gap={16}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'org', label: t('org.name'), children: app.organization_name },
          { key: 'type', label: t('applications.baseType'), children: typeLabel },
          { key: 'status', label: t('common.status'), children: <ApplicationStatusTag status={app.status} /> },
          { key: 'call', label: t('applications.call'), children: app.call_name },
          { key: 'deadline', label: t('applications.deadline'), children: deadlineText(app.call_deadline) },
          { key: 'submitted', label: t('applications.submittedAt'), children: formatDateTime(app.submitted_at) },
          { key: 'versions', label: t('applications.submittedVersions'), children: app.submitted_versions },
          { key: 'updated', label: t('applications.updatedAt'), children: formatDateTime(app.updated_at) },
        ]}
      />
      {app.status_reason && (
        <Alert
          type={app.status === 'withdrawn' ? 'info' : 'warning'}
          showIcon
          title={t(app.status === 'withdrawn' ? 'applications.withdrawReason' : 'applications.statusReason')}
          description={app.status_reason}
        />
      )}
      {extra}
      <Tabs
        items={[
          {
            key: 'form',
            label: t('applications.tabForm'),
            children: <ApplicationFormView form={app.draft_form} baseType={app.base_type} organization={organization} />,
          },
          {
            key: 'attachments',
            label: t('applications.tabAttachments'),
            children: <AttachmentsBySlot applicationId={app.id} attachments={app.attachments} required={requiredAttachments} />,
          },
          {
            key: 'pdf',
            label: t('applications.tabPdf'),
            children: (
              <PdfPreview
                applicationId={app.id}
                version={app.submitted_versions || null}
                fileName={pdfFileName(app, typeLabel, app.submitted_versions)}
              />
            ),
          },
          {
            key: 'versions',
            label: t('applications.tabVersions'),
            children: <VersionsPanel applicationId={app.id} baseType={app.base_type} />,
          },
          {
            key: 'timeline',
            label: t('applications.tabTimeline'),
            children: <ApplicationTimeline applicationId={app.id} />,
          },
        ]}
        destroyOnHidden
      />
    </Flex>
  )
}

