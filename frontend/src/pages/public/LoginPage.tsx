import { LockOutlined, MailOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom'
import { useLogin, type Credentials } from '../../api/auth'
import { ApiError } from '../../lib/errors'
import { applyFieldErrors } from '../../lib/formErrors'
import { useT, type TKey } from '../../i18n'
import { PublicLayout } from './PublicLayout'

type Notice = 'expired' | 'passwordChanged' | 'loggedOut'
const NOTICE_TEXT: Record<Notice, TKey> = {
  expired: 'auth.sessionExpired',
  passwordChanged: 'auth.passwordChanged',
  loggedOut: 'auth.loggedOut',
}

export default function LoginPage() {
  const t = useT()
  const navigate = useNavigate()
  const location = useLocation()
  const [params] = useSearchParams()
  const [form] = Form.useForm<Credentials>()
  const login = useLogin()
  const [failure, setFailure] = useState<string | null>(null)

  const state = (location.state ?? {}) as { notice?: Notice; from?: string }
  const notice: Notice | undefined = state.notice ?? (params.get('expired') ? 'expired' : undefined)

  const onFinish = (values: Credentials) => {
    setFailure(null)
    login.mutate(values, {
      onSuccess: () => {
        const from = state.from && state.from !== '/login' ? state.from : '/'
        navigate(from, { replace: true })
      },
      onError: (err) => {
        applyFieldErrors(form, err, { username: 'email' })
        if (err instanceof ApiError) setFailure(err.status === 0 ? t('errors.network') : err.message)
        else setFailure(t('errors.unknown'))
      },
    })
  }

  return (
    <PublicLayout>
      <Card title={t('auth.loginTitle')}>
        {notice && !failure && (
          <Alert
            type={notice === 'expired' ? 'warning' : 'success'}
            showIcon
            title={t(NOTICE_TEXT[notice])}
            style={{ marginBottom: 16 }}
          />
        )}
        {failure && (
          <Alert type="error" showIcon title={t('auth.loginFailed')} description={failure} role="alert" style={{ marginBottom: 16 }} />
        )}
        <Form<Credentials> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            label={t('auth.email')}
            name="email"
            rules={[
              { required: true, message: t('common.required', { field: t('auth.email') }) },
              { type: 'email', message: t('auth.emailInvalid') },
            ]}
          >
            <Input prefix={<MailOutlined aria-hidden />} autoComplete="username" inputMode="email" />
          </Form.Item>
          <Form.Item
            label={t('auth.password')}
            name="password"
            rules={[{ required: true, message: t('common.required', { field: t('auth.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.login')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          {t('auth.noAccount')} <Link to="/register">{t('auth.registerLink')}</Link>
        </Typography.Paragraph>
      </Card>
    </PublicLayout>
  )
}
