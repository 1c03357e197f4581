import { PaperClipOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Flex, Form, Input, Progress, Result, Select, Typography, Upload } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import {
  OBJECTION_ACCEPT,
  OBJECTION_MAX_BYTES,
  uploadObjectionAttachment,
  useFileObjection,
  type PublicNotice,
} from '../../../api/publicity'
import { useT } from '../../../i18n'
import { ApiError } from '../../../lib/errors'
import { applyFieldErrors } from '../../../lib/formErrors'

interface Values {
  name: string
  contact: string
  text: string
  application_id?: string
}

/**
 * 提出异议 during the period (no login): name, contact, text, optionally the base concerned and one
 * attachment (PDF/JPEG/PNG). The ticket shown afterwards is the only way to follow it up.
 */
export function ObjectionForm({ notice }: { notice: PublicNotice }) {
  const t = useT()
  const [form] = Form.useForm<Values>()
  const file = useFileObjection(notice.id)
  const [attachment, setAttachment] = useState<File | null>(null)
  const [progress, setProgress] = useState<number | null>(null)
  const [ticket, setTicket] = useState<string | null>(null)
  const [attachmentError, setAttachmentError] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const onFinish = async (v: Values) => {
    setError(null)
    setAttachmentError(null)
    let filed: string
    try {
      const r = await file.mutateAsync({
        name: v.name.trim(),
        contact: v.contact.trim(),
        text: v.text.trim(),
        application_id: v.application_id ?? null,
      })
      filed = r.ticket
    } catch (err) {
      applyFieldErrors(form, err)
      setError(err instanceof ApiError ? (err.status === 0 ? t('errors.network') : err.message) : t('errors.unknown'))
      return
    }
    if (attachment) {
      setProgress(0)
      try {
        await uploadObjectionAttachment(filed, attachment, setProgress)
      } catch (err) {
        setAttachmentError(err instanceof ApiError ? err.message : t('errors.unknown'))
      } finally {
        setProgress(null)
      }
    }
    setTicket(filed)
  }

  if (ticket) {
    return (
      <Card data-testid="objection-filed">
        <Result
          status="success"
          title={t('public.objection.filed')}
          subTitle={
            <Flex vertical gap={8} align="center">
              <span>{t('public.objection.ticketLabel')}</span>
              <Typography.Text
                copyable={{ text: ticket }}
                strong
                style={{ fontSize: 24, letterSpacing: 2 }}
                data-testid="objection-ticket"
              >
                {ticket}
              </Typography.Text>
              <Typography.Text type="warning">{t('public.objection.keepTicket')}</Typography.Text>
            </Flex>
          }
          extra={
            <Link to={`/public/objections?ticket=${encodeURIComponent(ticket)}`}>{t('public.objection.track')}</Link>
          }
        />
        {attachmentError && (
          <Alert type="warning" showIcon title={t('public.objection.attachmentFailed')} description={attachmentError} />
        )}
      </Card>
    )
  }

  return (
    <Card title={t('public.objection.title')} data-testid="objection-form">
      <Typography.Paragraph type="secondary">{t('public.objection.intro', { end: notice.ends_on })}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        <Flex gap={16} wrap>
          <Form.Item
            name="name"
            label={t('public.objection.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('public.objection.name') }) }]}
            style={{ flex: 1, minWidth: 220 }}
          >
            <Input maxLength={100} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="contact"
            label={t('public.objection.contact')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('public.objection.contact') }) },
              { min: 3, message: t('public.objection.contactShort') },
            ]}
            style={{ flex: 1, minWidth: 220 }}
          >
            <Input maxLength={200} placeholder={t('public.objection.contactPlaceholder')} />
          </Form.Item>
        </Flex>
        <Form.Item name="application_id" label={t('public.objection.target')}>
          <Select
            allowClear
            placeholder={t('public.objection.targetPlaceholder')}
            options={notice.items.map((i) => ({ value: i.application_id, label: i.organization_name }))}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('public.objection.text')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('public.objection.text') }) },
            { min: 5, message: t('public.objection.textShort') },
          ]}
        >
          <Input.TextArea rows={6} maxLength={5000} showCount placeholder={t('public.objection.textPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('public.objection.attachment')} extra={t('public.objection.attachmentHint')}>
          <Flex gap={8} align="center" wrap>
            <Upload
              accept={OBJECTION_ACCEPT}
              maxCount={1}
              showUploadList={false}
              beforeUpload={(f) => {
                if (f.size > OBJECTION_MAX_BYTES) {
                  setAttachmentError(t('public.objection.tooLarge'))
                  return Upload.LIST_IGNORE
                }
                setAttachmentError(null)
                setAttachment(f)
                return false
              }}
            >
              <Button icon={<PaperClipOutlined aria-hidden />}>{t('public.objection.chooseFile')}</Button>
            </Upload>
            {attachment && (
              <>
                <Typography.Text data-testid="objection-attachment-name">{attachment.name}</Typography.Text>
                <Button size="small" type="link" onClick={() => setAttachment(null)}>
                  {t('common.delete')}
                </Button>
              </>
            )}
          </Flex>
        </Form.Item>
        {progress !== null && <Progress percent={progress} size="small" />}
        {attachmentError && <Alert type="warning" showIcon title={attachmentError} style={{ marginBottom: 12 }} />}
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={file.isPending || progress !== null}>
          {t('public.objection.submit')}
        </Button>
      </Form>
    </Card>
  )
}
