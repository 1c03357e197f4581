import { DeleteOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons'
import { Button, Flex, Popconfirm, Tag, Typography } from 'antd'
import { useState } from 'react'
import { downloadAttachment, saveBlob } from '../../api/applications'
import { useApiError } from '../../hooks/useApiError'
import { useT } from '../../i18n'
import { formatBytes, formatDateTime } from '../../lib/format'

export interface AttachmentLike {
  id: string
  original_name: string
  size_bytes: number
  uploaded_at: string
  scan_status?: string
}

/**
 * One attachment: name (download through the authenticated client), size, time, optional delete.
 * `version`: the attachment as listed in that submitted version (downloaded through the version).
 */
export function AttachmentLink({
  applicationId,
  attachment,
  version,
  onDelete,
  deleting,
}: {
  applicationId: string
  attachment: AttachmentLike
  version?: number
  onDelete?: () => void
  deleting?: boolean
}) {
  const t = useT()
  const showError = useApiError()
  const [busy, setBusy] = useState(false)
  const quarantined = attachment.scan_status === 'quarantined'

  const download = async () => {
    setBusy(true)
    try {
      const { blob, filename } = await downloadAttachment(applicationId, attachment.id, version)
      saveBlob(blob, filename ?? attachment.original_name)
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Flex gap={4} align="center" data-testid="attachment" style={{ minWidth: 0 }}>
      <PaperClipOutlined aria-hidden />
      <Typography.Text ellipsis style={{ maxWidth: 240 }} title={attachment.original_name}>
        {attachment.original_name}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }} title={formatDateTime(attachment.uploaded_at)}>
        （{formatBytes(attachment.size_bytes)}）
      </Typography.Text>
      {quarantined && <Tag color="red">{t('attachments.quarantined')}</Tag>}
      {!quarantined && (
        <Button
          size="small"
          type="link"
          icon={<DownloadOutlined aria-hidden />}
          loading={busy}
          onClick={download}
          title={t('attachments.download')}
          aria-label={`${t('attachments.download')} ${attachment.original_name}`}
        />
      )}
      {onDelete && (
        <Popconfirm
          title={t('attachments.deleteConfirm', { name: attachment.original_name })}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={onDelete}
        >
          <Button
            size="small"
            type="link"
            danger
            icon={<DeleteOutlined aria-hidden />}
            loading={deleting}
            title={t('common.delete')}
            aria-label={`${t('common.delete')} ${attachment.original_name}`}
          />
        </Popconfirm>
      )}
    </Flex>
  )
}
