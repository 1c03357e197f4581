import { CheckOutlined, StopOutlined } from '@ant-design/icons'
import { App, Button, Card, Flex, Form, Input, Modal, Popconfirm, Typography } from 'antd'
import { useState } from 'react'
import { useDeclare, type Assignment } from '../../api/reviews'
import { useApiError } from '../../hooks/useApiError'
import { useT } from '../../i18n'
import { applyFieldErrors } from '../../lib/formErrors'

/**
 * 利益冲突声明: before anything of the application is shown. Once only: 无利益冲突 opens the
 * materials; 存在利益冲突 (with a required note) takes the expert off the panel.
 */
export function DeclarationCard({ assignment }: { assignment: Assignment }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const declare = useDeclare()
  const [conflictOpen, setConflictOpen] = useState(false)
  const [form] = Form.useForm<{ note: string }>()

  const noConflict = async () => {
    try {
      await declare.mutateAsync({ memberId: assignment.member_id, conflict: false })
      message.success(t('declare.doneNoConflict'))
    } catch (err) {
      showError(err)
    }
  }

  const conflict = async () => {
    const values = await form.validateFields().catch(() => null)
    if (!values) return // the form shows what is missing
    const { note } = values
    try {
      await declare.mutateAsync({ memberId: assignment.member_id, conflict: true, note: note.trim() })
      message.success(t('declare.doneConflict'))
      setConflictOpen(false)
    } catch (err) {
      applyFieldErrors(form, err)
      showError(err)
    }
  }

  return (
    <Card title={t('declare.title')} data-testid="declaration-card">
      <Typography.Paragraph>
        {t('declare.intro', { org: assignment.organization_name, type: t(`enum.baseType.${assignment.base_type}`) })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('declare.examples')}</Typography.Paragraph>
      <Typography.Paragraph type="warning">{t('declare.once')}</Typography.Paragraph>
      <Flex gap={12} wrap>
        <Popconfirm
          title={t('declare.confirmNoConflict')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={noConflict}
        >
          <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={declare.isPending && !conflictOpen}>
            {t('declare.noConflict')}
          </Button>
        </Popconfirm>
        <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setConflictOpen(true)}>
          {t('declare.conflict')}
        </Button>
      </Flex>
      <Modal
        open={conflictOpen}
        title={t('declare.conflictTitle')}
        okText={t('declare.conflict')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={declare.isPending}
        onOk={conflict}
        onCancel={() => setConflictOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="note"
            label={t('declare.note')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('declare.note') }) }]}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('declare.notePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
