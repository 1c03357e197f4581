import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Select, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { usePanelSuggestions, useReopenReview, useReplaceMember, type Panel, type PanelMember } from '../../../api/reviews'
import type { Application } from '../../../client/types'
import { useApiError } from '../../../hooks/useApiError'
import { useT } from '../../../i18n'
import { applyFieldErrors } from '../../../lib/formErrors'
import { formatDate } from '../../../lib/format'
import { DeclarationTag, ReviewStatusTag } from './ReviewTags'

function ReplaceModal({ app, panel, member, onClose }: { app: Application; panel: Panel; member: PanelMember | null; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const replace = useReplaceMember(app.id)
  const suggestions = usePanelSuggestions(app.id, !!member)
  const [form] = Form.useForm<{ new_expert_id: string; reason: string }>()
  // Anyone who sits (or sat) on this panel cannot be chosen again; nor anyone who must stand aside.
  const taken = new Set(panel.members.map((m) => m.expert_id))
  const options = (suggestions.data ?? [])
    .filter((s) => !taken.has(s.expert_id))
    .map((s) => ({
      value: s.expert_id,
      disabled: !!s.excluded,
      label: `${s.name}（${s.organization_name}，${t('rv.panel.match')} ${s.match}，${t('rv.panel.load')} ${s.load}）${s.excluded ? ` — ${s.excluded}` : ''}`,
    }))

  const onOk = async () => {
    if (!member) return
    const v = await form.validateFields().catch(() => null)
    if (!v) return // the form shows what is missing
    try {
      await replace.mutateAsync({ memberId: member.id, newExpertId: v.new_expert_id, reason: v.reason.trim() })
      message.success(t('rv.members.replaced'))
      onClose()
    } catch (err) {
      applyFieldErrors(form, err)
      showError(err)
    }
  }

  return (
    <Modal
      open={!!member}
      title={t('rv.members.replaceTitle', { name: member?.name ?? '' })}
      okText={t('rv.members.replace')}
      cancelText={t('common.cancel')}
      confirmLoading={replace.isPending}
      onOk={onOk}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="new_expert_id"
          label={t('rv.members.newExpert')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('rv.members.newExpert') }) }]}
        >
          <Select options={options} loading={suggestions.isFetching} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('rv.members.reason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('rv.members.reason') }) }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function ReopenModal({ app, member, onClose }: { app: Application; member: PanelMember | null; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const reopen = useReopenReview(app.id)
  const [form] = Form.useForm<{ reason: string }>()

  const onOk = async () => {
    if (!member) return
    const v = await form.validateFields().catch(() => null)
    if (!v) return // the form shows what is missing
    try {
      await reopen.mutateAsync({ memberId: member.id, reason: v.reason.trim() })
      message.success(t('rv.members.reopened'))
      onClose()
    } catch (err) {
      applyFieldErrors(form, err)
      showError(err)
    }
  }

  return (
    <Modal
      open={!!member}
      title={t('rv.members.reopenTitle', { name: member?.name ?? '' })}
      okText={t('rv.members.reopen')}
      cancelText={t('common.cancel')}
      confirmLoading={reopen.isPending}
      onOk={onOk}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('rv.members.reopenHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('rv.members.reason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('rv.members.reason') }) }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 专家组: members, their declarations and review states; replace a member who has not submitted, reopen a submitted review. */
export function PanelStatusSection({ app, panel }: { app: Application; panel: Panel }) {
  const t = useT()
  const [replacing, setReplacing] = useState<PanelMember | null>(null)
  const [reopening, setReopening] = useState<PanelMember | null>(null)
  const canReplace = app.status === 'under_review'
  const canReopen = app.status === 'under_review' || app.status === 'reviewed'

  const columns: TableColumnsType<PanelMember> = [
    {
      title: t('experts.name'),
      dataIndex: 'name',
      render: (name: string, m) => (
        <Flex gap={6} align="center" wrap>
          <span style={m.removed ? { textDecoration: 'line-through' } : undefined}>{name}</span>
          {m.is_lead && <Tag color="blue">{t('rv.panel.lead')}</Tag>}
          {m.removed && <Tag>{t('rv.members.removed')}</Tag>}
        </Flex>
      ),
    },
    { title: t('experts.organizationName'), dataIndex: 'organization_name' },
    { title: t('experts.title_'), dataIndex: 'title' },
    { title: t('experts.mobile'), dataIndex: 'mobile', render: (v: string | null) => v || '—' },
    { title: t('rv.members.declaration'), dataIndex: 'declaration', render: (v: PanelMember['declaration']) => <DeclarationTag value={v} /> },
    { title: t('rv.members.review'), dataIndex: 'review_status', render: (v: PanelMember['review_status']) => <ReviewStatusTag value={v} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, m) => {
        if (m.removed) return <Typography.Text type="secondary">{m.removed_reason || '—'}</Typography.Text>
        return (
          <Flex gap={8} wrap>
            {canReplace && m.review_status !== 'submitted' && (
              <Button
                size="small"
                danger={m.declaration === 'conflict'}
                type={m.declaration === 'conflict' ? 'primary' : 'default'}
                onClick={() => setReplacing(m)}
                aria-label={`${t('rv.members.replace')} ${m.name}`}
              >
                {t('rv.members.replace')}
              </Button>
            )}
            {canReopen && m.review_status === 'submitted' && (
              <Button size="small" onClick={() => setReopening(m)} aria-label={`${t('rv.members.reopen')} ${m.name}`}>
                {t('rv.members.reopen')}
              </Button>
            )}
          </Flex>
        )
      },
    },
  ]

  const current = panel.members.filter((m) => !m.removed)
  const submitted = current.filter((m) => m.review_status === 'submitted').length
  return (
    <Card title={t('rv.members.title')} data-testid="panel-status">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'size', label: t('rv.members.size'), children: current.length },
          { key: 'progress', label: t('rv.members.progress'), children: `${submitted} / ${current.length}` },
          { key: 'due', label: t('rv.panel.dueOn'), children: formatDate(panel.due_on) },
        ]}
      />
      <Table<PanelMember>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={panel.members}
        pagination={false}
        rowClassName={(m) => (m.removed ? 'ant-table-row-disabled' : '')}
      />
      <ReplaceModal app={app} panel={panel} member={replacing} onClose={() => setReplacing(null)} />
      <ReopenModal app={app} member={reopening} onClose={() => setReopening(null)} />
    </Card>
  )
}
