import { Form, Input, Modal } from 'antd'
import { useT, type TKey } from '../i18n'
import { MOBILE_PATTERN, PASSWORD_MAX, PASSWORD_MIN } from '../lib/enums'
import { applyFieldErrors } from '../lib/formErrors'
import { useApiError } from '../hooks/useApiError'

export interface UserCreateValues {
  full_name: string
  email: string
  mobile?: string | null
  password: string
}

/** Modal form shared by "add organisation user" and "add administrator". */
export function UserCreateModal({
  open,
  title,
  passwordLabel,
  onCancel,
  onSubmit,
  submitting,
}: {
  open: boolean
  title: TKey
  passwordLabel: TKey
  onCancel: () => void
  onSubmit: (values: UserCreateValues) => Promise<unknown>
  submitting: boolean
}) {
  const t = useT()
  const [form] = Form.useForm<UserCreateValues>()
  const showError = useApiError()
  const req = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) })

  const onOk = async () => {
    const values = await form.validateFields()
    try {
      await onSubmit({ ...values, email: values.email.trim(), mobile: values.mobile?.trim() || null })
      form.resetFields()
    } catch (err) {
      applyFieldErrors(form, err)
      showError(err)
    }
  }

  return (
    <Modal
      open={open}
      title={t(title)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={onOk}
      confirmLoading={submitting}
      onCancel={() => {
        form.resetFields()
        onCancel()
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label={t('user.fullName')} name="full_name" rules={[req(t('user.fullName'))]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t('user.email')}
          name="email"
          rules={[req(t('user.email')), { type: 'email', message: t('auth.emailInvalid') }]}
        >
          <Input maxLength={254} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('user.mobile')}
          name="mobile"
          rules={[{ pattern: MOBILE_PATTERN, message: t('register.mobileInvalid') }]}
        >
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item
          label={t(passwordLabel)}
          name="password"
          rules={[
            { required: true, message: t('common.required', { field: t(passwordLabel) }) },
            { min: PASSWORD_MIN, max: PASSWORD_MAX, message: t('register.passwordLength') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
