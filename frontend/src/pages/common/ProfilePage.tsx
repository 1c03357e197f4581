import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router-dom'
import { useChangePassword, useUpdateMe } from '../../api/auth'
import { roleLabelKey } from '../../lib/shell'
import { PageHeader } from '../../components/PageHeader'
import { useApiError } from '../../hooks/useApiError'
import { useSession } from '../../hooks/useAccess'
import { useT } from '../../i18n'
import { MOBILE_PATTERN, PASSWORD_MAX, PASSWORD_MIN } from '../../lib/enums'
import { applyFieldErrors } from '../../lib/formErrors'
import { tokens } from '../../lib/tokens'

interface BasicValues {
  full_name: string
  mobile: string
}
interface PasswordValues {
  current_password: string
  new_password: string
  confirm: string
}

/** 个人资料: edit name and mobile; change password (the server then revokes every session). */
export default function ProfilePage() {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const { me } = useSession()
  const update = useUpdateMe()
  const changePassword = useChangePassword()
  const [basic] = Form.useForm<BasicValues>()
  const [pw] = Form.useForm<PasswordValues>()

  const saveBasic = (values: BasicValues) =>
    update.mutate(
      { version: me.user.version, body: { full_name: values.full_name.trim(), mobile: values.mobile?.trim() || null } },
      {
        onSuccess: () => message.success(t('common.saved')),
        onError: (err) => {
          applyFieldErrors(basic, err)
          showError(err)
        },
      },
    )

  const savePassword = ({ current_password, new_password }: PasswordValues) =>
    changePassword.mutate(
      { current_password, new_password },
      {
        onSuccess: () => {
          // Every token is revoked by the server: leave without calling /auth/logout.
          tokens.clear()
          qc.clear()
          navigate('/login', { replace: true, state: { notice: 'passwordChanged' } })
        },
        onError: (err) => {
          applyFieldErrors(pw, err)
          showError(err)
        },
      },
    )

  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={12}>
          <Card title={t('profile.basic')}>
            <Descriptions
              size="small"
              column={1}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'email', label: t('user.email'), children: me.user.email },
                { key: 'role', label: t('profile.role'), children: t(roleLabelKey(me)) },
              ]}
            />
            <Form<BasicValues>
              form={basic}
              layout="vertical"
              initialValues={{ full_name: me.user.full_name, mobile: me.user.mobile ?? '' }}
              onFinish={saveBasic}
            >
              <Form.Item
                label={t('user.fullName')}
                name="full_name"
                rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('user.fullName') }) }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                label={t('user.mobile')}
                name="mobile"
                rules={[{ pattern: MOBILE_PATTERN, message: t('register.mobileInvalid') }]}
              >
                <Input maxLength={11} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('profile.changePassword')}>
            <Alert type="info" showIcon title={t('profile.passwordHint')} style={{ marginBottom: 16 }} />
            <Form<PasswordValues> form={pw} layout="vertical" onFinish={savePassword}>
              <Form.Item
                label={t('profile.currentPassword')}
                name="current_password"
                rules={[{ required: true, message: t('common.required', { field: t('profile.currentPassword') }) }]}
              >
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                label={t('profile.newPassword')}
                name="new_password"
                rules={[
                  { required: true, message: t('common.required', { field: t('profile.newPassword') }) },
                  { min: PASSWORD_MIN, max: PASSWORD_MAX, message: t('register.passwordLength') },
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                label={t('profile.confirmPassword')}
                name="confirm"
                dependencies={['new_password']}
                rules={[
                  { required: true, message: t('common.required', { field: t('profile.confirmPassword') }) },
                  ({ getFieldValue }) => ({
                    validator: async (_r, value?: string) => {
                      if (value && value !== getFieldValue('new_password')) throw new Error(t('register.passwordMismatch'))
                    },
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={changePassword.isPending}>
                {t('profile.changePassword')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  )
}
