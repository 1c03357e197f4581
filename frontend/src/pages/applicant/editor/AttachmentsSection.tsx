import { UploadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Flex, Progress, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { MAX_UPLOAD_BYTES, UPLOAD_ACCEPT, useDeleteAttachment, useUploadAttachment } from '../../../api/applications'
import type { Attachment, AttachmentSlot } from '../../../client/types'
import { AttachmentLink } from '../../../components/application/AttachmentLinks'
import { useApiError } from '../../../hooks/useApiError'
import { useT } from '../../../i18n'
import { anchorId, ATTACHMENT_SLOTS } from '../../../lib/applicationForm'

interface Uploading {
  name: string
  percent: number
}

interface Row {
  slot: AttachmentSlot
  files: Attachment[]
}

/**
 * 附件: one row per slot, required ones marked from the call's policy.required_attachments;
 * uploads go as the raw file (XMLHttpRequest, with a progress bar); files can be downloaded and deleted.
 */
export function AttachmentsSection({
  applicationId,
  attachments,
  required,
  editable,
  onChanged,
}: {
  applicationId: string
  attachments: Attachment[]
  required: AttachmentSlot[]
  editable: boolean
  onChanged: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const upload = useUploadAttachment(applicationId)
  const remove = useDeleteAttachment(applicationId)
  const [uploading, setUploading] = useState<Partial<Record<AttachmentSlot, Uploading>>>({})
  const [deleting, setDeleting] = useState<string | null>(null)

  const send = async (slot: AttachmentSlot, file: File) => {
    if (file.size > MAX_UPLOAD_BYTES) {
      message.error(t('attachments.tooLarge', { name: file.name, mb: MAX_UPLOAD_BYTES / 1048576 }))
      return
    }
    setUploading((u) => ({ ...u, [slot]: { name: file.name, percent: 0 } }))
    try {
      await upload.mutateAsync({
        slot,
        file,
        filename: file.name,
        onProgress: (percent) => setUploading((u) => ({ ...u, [slot]: { name: file.name, percent } })),
      })
      message.success(t('attachments.uploaded', { name: file.name }))
      onChanged()
    } catch (err) {
      showError(err)
    } finally {
      setUploading((u) => {
        const next = { ...u }
        delete next[slot]
        return next
      })
    }
  }

  const del = async (a: Attachment) => {
    setDeleting(a.id)
    try {
      await remove.mutateAsync(a.id)
      message.success(t('attachments.deleted'))
      onChanged()
    } catch (err) {
      showError(err)
    } finally {
      setDeleting(null)
    }
  }

  const rows: Row[] = ATTACHMENT_SLOTS.map((slot) => ({ slot, files: attachments.filter((a) => a.slot === slot) }))
  const missing = required.filter((s) => !attachments.some((a) => a.slot === s))

  const columns: TableColumnsType<Row> = [
    {
      title: t('attachments.slot'),
      dataIndex: 'slot',
      width: 190,
      render: (slot: AttachmentSlot, row) => (
        <Flex gap={6} align="center" wrap id={anchorId(`attachments.${slot}`)}>
          <Typography.Text>{t(`enum.slot.${slot}`)}</Typography.Text>
          {required.includes(slot) ? (
            <Tag color={row.files.length ? 'green' : 'red'}>{t('attachments.required')}</Tag>
          ) : (
            <Tag>{t('attachments.optional')}</Tag>
          )}
        </Flex>
      ),
    },
    {
      title: t('attachments.files'),
      key: 'files',
      render: (_, row) => (
        <Flex vertical gap={4}>
          {row.files.length === 0 && !uploading[row.slot] && <Typography.Text type="secondary">{t('attachments.noFile')}</Typography.Text>}
          {row.files.map((a) => (
            <AttachmentLink
              key={a.id}
              applicationId={applicationId}
              attachment={a}
              onDelete={editable ? () => void del(a) : undefined}
              deleting={deleting === a.id}
            />
          ))}
          {uploading[row.slot] && (
            <div data-testid={`upload-progress-${row.slot}`}>
              <Typography.Text type="secondary">
                {t('attachments.uploading', { name: uploading[row.slot]!.name })}
              </Typography.Text>
              <Progress percent={uploading[row.slot]!.percent} size="small" aria-label={t('attachments.progress', { name: uploading[row.slot]!.name })} />
            </div>
          )}
        </Flex>
      ),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'upload',
            width: 100,
            render: (_: unknown, row: Row) => (
              <Upload
                accept={UPLOAD_ACCEPT}
                showUploadList={false}
                multiple
                beforeUpload={(file) => {
                  void send(row.slot, file)
                  return false
                }}
              >
                <Button
                  icon={<UploadOutlined aria-hidden />}
                  loading={!!uploading[row.slot]}
                  aria-label={t('attachments.uploadTo', { slot: t(`enum.slot.${row.slot}`) })}
                >
                  {t('attachments.upload')}
                </Button>
              </Upload>
            ),
          },
        ]
      : []),
  ]

  return (
    <>
      <Typography.Paragraph type="secondary">{t('attachments.intro', { mb: MAX_UPLOAD_BYTES / 1048576 })}</Typography.Paragraph>
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('attachments.missing', { list: missing.map((s) => t(`enum.slot.${s}`)).join('、') })}
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('attachments.allPresent')} />
      )}
      <Table<Row> rowKey="slot" size="small" columns={columns} dataSource={rows} pagination={false} data-testid="attachments-table" />
    </>
  )
}
