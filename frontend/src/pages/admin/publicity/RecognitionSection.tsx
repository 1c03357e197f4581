import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Table, Tag, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useBases, useRecognise, type Base, type Notice } from '../../../api/publicity'
import { useT } from '../../../i18n'
import { ApiError } from '../../../lib/errors'
import { applyFieldErrors } from '../../../lib/formErrors'
import { formatDate } from '../../../lib/format'
import { periodOver } from './period'

interface Values {
  document_number: string
  issued_on: Dayjs
}

/** 认定发文: after the period, with no objection pending: document number and date; the bases it created. */
export function RecognitionSection({ notice }: { notice: Notice }) {
  const t = useT()
  const { message } = App.useApp()
  const recognise = useRecognise()
  const [form] = Form.useForm<Values>()
  const [serverError, setServerError] = useState<ApiError | null>(null)
  const bases = useBases({ limit: 100, offset: 0 }, notice.recognised)
  const ids = new Set(notice.items.map((i) => i.application_id))
  const mine = (bases.data?.items ?? []).filter((b) => ids.has(b.application_id))

  if (notice.status === 'draft') return null

  if (notice.recognised) {
    const columns: TableColumnsType<Base> = [
      { title: t('org.name'), dataIndex: 'organization_name' },
      { title: t('bases.title_'), dataIndex: 'title' },
      { title: t('bases.documentNumber'), dataIndex: 'document_number' },
      { title: t('bases.recognisedOn'), dataIndex: 'recognised_on', render: (v: string) => formatDate(v) },
    ]
    return (
      <Card title={t('recog.title')} data-testid="recognition">
        <Alert type="success" showIcon title={t('recog.done')} style={{ marginBottom: 12 }} />
        <Table<Base> size="small" rowKey="id" columns={columns} dataSource={mine} loading={bases.isFetching} pagination={false} />
      </Card>
    )
  }

  const over = periodOver(notice.ends_on)
  const pending = notice.objections_pending > 0
  const blocked = !over || pending

  const onFinish = async (v: Values) => {
    setServerError(null)
    try {
      const r = await recognise.mutateAsync({
        notice_id: notice.id,
        document_number: v.document_number.trim(),
        issued_on: v.issued_on.format('YYYY-MM-DD'),
      })
      message.success(t('recog.created', { n: r.bases.length }))
    } catch (err) {
      applyFieldErrors(form, err)
      if (err instanceof ApiError) setServerError(err)
      else message.error(t('errors.unknown'))
    }
  }

  return (
    <Card title={t('recog.title')} data-testid="recognition">
      {!over && (
        <Alert
          type="info"
          showIcon
          title={t('recog.notOver')}
          description={t('recog.notOverDetail', { end: notice.ends_on })}
          style={{ marginBottom: 12 }}
          data-testid="recognition-refusal"
        />
      )}
      {pending && (
        <Alert type="warning" showIcon title={t('recog.pending', { n: notice.objections_pending })} style={{ marginBottom: 12 }} />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ issued_on: dayjs() }}>
        <Flex gap={16} wrap align="start">
          <Form.Item
            name="document_number"
            label={t('recog.documentNumber')}
            rules={[{ required: true, whitespace: true, min: 3, message: t('common.required', { field: t('recog.documentNumber') }) }]}
            style={{ minWidth: 320 }}
          >
            <Input maxLength={100} placeholder={t('recog.documentNumberPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="issued_on"
            label={t('recog.issuedOn')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('recog.issuedOn') }) }]}
          >
            <DatePicker />
          </Form.Item>
        </Flex>
        {serverError && <Alert type="error" showIcon role="alert" title={serverError.message} style={{ marginBottom: 12 }} />}
        <Flex gap={8} align="center" wrap>
          <Button type="primary" htmlType="submit" loading={recognise.isPending} disabled={blocked}>
            {t('recog.submit')}
          </Button>
          {notice.items.some((i) => i.status === 'rejected') && <Tag color="red">{t('recog.someRejected')}</Tag>}
        </Flex>
      </Form>
    </Card>
  )
}
