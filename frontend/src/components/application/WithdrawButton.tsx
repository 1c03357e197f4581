import { RollbackOutlined } from '@ant-design/icons'
import { App, Button, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import { useWithdrawApplication } from '../../api/applications'
import type { Application } from '../../client/types'
import { useApiError } from '../../hooks/useApiError'
import { useT } from '../../i18n'
import { WITHDRAWABLE } from '../../lib/applicationForm'

/** 撤回: asks for a reason; offered while the workflow allows it (before the decision). */
export function WithdrawButton({ app, onDone }: { app: Application; onDone?: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const withdraw = useWithdrawApplication()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<{ reason: string }>()
  if (!WITHDRAWABLE.has(app.status)) return null

  const onOk = async () => {
    const { reason } = await form.validateFields()
    try {
      await withdraw.mutateAsync({ id: app.id, reason: reason.trim() })
      message.success(t('withdraw.done'))
      setOpen(false)
      onDone?.()
    } catch (err) {
      showError(err)
    }
  }

  return (
    <>
      <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('withdraw.button')}
      </Button>
      <Modal
        open={open}
        title={t('withdraw.title')}
        okText={t('withdraw.button')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={withdraw.isPending}
        onOk={onOk}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p>{t('withdraw.warning')}</p>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('withdraw.reason')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('withdraw.reason') }) }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
