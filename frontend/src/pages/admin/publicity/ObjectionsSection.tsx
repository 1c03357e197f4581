import { PaperClipOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Radio, Select, Table, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { saveBlob } from '../../../api/applications'
import { downloadObjectionAttachment, useDecideObjection, useObjections, type Notice, type Objection } from '../../../api/publicity'
import { QueryError } from '../../../components/QueryError'
import { useApiError } from '../../../hooks/useApiError'
import { usePagination } from '../../../hooks/usePagination'
import { useT } from '../../../i18n'
import { applyFieldErrors } from '../../../lib/formErrors'
import { formatDateTime } from '../../../lib/format'
import { ObjectionStatusTag } from './NoticeTags'

interface DecisionValues {
  decision: 'uphold' | 'dismiss'
  reason: string
  application_id?: string
}

function DecideModal({ notice, objection, onClose }: { notice: Notice; objection: Objection | null; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const decide = useDecideObjection()
  const [form] = Form.useForm<DecisionValues>()
  const decision = Form.useWatch('decision', form)
  const needsTarget = decision === 'uphold' && !objection?.application_id

  const onOk = async () => {
    if (!objection) return
    const v = await form.validateFields().catch(() => null)
    if (!v) return // the form shows what is missing
    try {
      await decide.mutateAsync({
        id: objection.id,
        body: { decision: v.decision, reason: v.reason.trim(), application_id: needsTarget ? v.application_id : null },
      })
      message.success(t(v.decision === 'uphold' ? 'objection.upheldDone' : 'objection.dismissedDone'))
      onClose()
    } catch (err) {
      applyFieldErrors(form, err)
      showError(err)
    }
  }

  return (
    <Modal
      open={!!objection}
      title={t('objection.decideTitle', { ticket: objection?.ticket ?? '' })}
      okText={t('common.submit')}
      okButtonProps={{ danger: decision === 'uphold' }}
      cancelText={t('common.cancel')}
      confirmLoading={decide.isPending}
      onOk={onOk}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{objection?.content}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ decision: 'dismiss' }}>
        <Form.Item name="decision" label={t('objection.decision')}>
          <Radio.Group
            options={[
              { value: 'dismiss', label: t('objection.dismiss') },
              { value: 'uphold', label: t('objection.uphold') },
            ]}
          />
        </Form.Item>
        {decision === 'uphold' && (
          <Alert type="warning" showIcon title={t('objection.upholdWarning')} style={{ marginBottom: 16 }} />
        )}
        {needsTarget && (
          <Form.Item
            name="application_id"
            label={t('objection.target')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('objection.target') }) }]}
          >
            <Select options={notice.items.map((i) => ({ value: i.application_id, label: i.organization_name }))} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('objection.reason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('objection.reason') }) }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('objection.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 异议处理: the objections filed against one notice; uphold or dismiss each with a reason. */
export function ObjectionsSection({ notice }: { notice: Notice }) {
  const t = useT()
  const showError = useApiError()
  const pagination = usePagination(10)
  const list = useObjections({ ...pagination.query, notice_id: notice.id })
  const [deciding, setDeciding] = useState<Objection | null>(null)
  const orgOf = new Map(notice.items.map((i) => [i.application_id, i.organization_name]))

  const download = async (o: Objection) => {
    try {
      const file = await downloadObjectionAttachment(o.id)
      saveBlob(file.blob, file.filename ?? o.attachment_name ?? 'attachment')
    } catch (err) {
      showError(err)
    }
  }

  const columns: TableColumnsType<Objection> = [
    {
      title: t('objection.ticket'),
      dataIndex: 'ticket',
      width: 170,
      render: (v: string, o) => (
        <Flex vertical gap={2}>
          <Typography.Text code>{v}</Typography.Text>
          <Typography.Text type="secondary">{formatDateTime(o.created_at)}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('objection.by'),
      key: 'by',
      width: 150,
      render: (_, o) => (
        <Flex vertical gap={2}>
          <span>{o.name}</span>
          <Typography.Text type="secondary">{o.contact}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('objection.content'),
      dataIndex: 'content',
      render: (v: string, o) => (
        <Flex vertical gap={4}>
          <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
            {v}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('objection.target')}：
            {o.application_id ? (orgOf.get(o.application_id) ?? o.application_id) : t('objection.noTarget')}
          </Typography.Text>
          {o.attachment_name && (
            <Button
              size="small"
              type="link"
              icon={<PaperClipOutlined aria-hidden />}
              onClick={() => void download(o)}
              style={{ alignSelf: 'start', padding: 0 }}
              aria-label={`${t('objection.attachment')} ${o.attachment_name}`}
            >
              {o.attachment_name}
            </Button>
          )}
        </Flex>
      ),
    },
    {
      title: t('objection.decision'),
      key: 'outcome',
      width: 260,
      render: (_, o) => (
        <Flex vertical gap={4} align="start">
          <ObjectionStatusTag status={o.status} />
          {o.decision_reason && <span>{o.decision_reason}</span>}
          {o.decided_at && <Typography.Text type="secondary">{formatDateTime(o.decided_at)}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, o) =>
        o.status === 'pending' ? (
          <Button size="small" type="primary" onClick={() => setDeciding(o)} aria-label={`${t('objection.handle')} ${o.ticket}`}>
            {t('objection.handle')}
          </Button>
        ) : null,
    },
  ]

  return (
    <Card title={t('objection.title')} data-testid="objections">
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<Objection>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={pagination.tableProps(list.data?.total)}
        locale={{ emptyText: t('objection.none') }}
      />
      <DecideModal notice={notice} objection={deciding} onClose={() => setDeciding(null)} />
    </Card>
  )
}
