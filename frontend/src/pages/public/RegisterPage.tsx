import { Alert, Button, Card, Col, Divider, Form, Input, Result, Row, Select, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { useRegisterOrganization } from '../../api/organizations'
import type { ContactPerson, RegistrationCreate, RegistrationResult } from '../../client/types'
import { normalizeCreditCode } from '../../lib/creditCode'
import { creditCodeRules } from '../../lib/creditCodeRules'
import {
  BANK_ACCOUNT_PATTERN,
  MOBILE_PATTERN,
  OFFICE_PHONE_PATTERN,
  ORGANIZATION_ATTRIBUTES,
  ORGANIZATION_CATEGORIES,
  PASSWORD_MAX,
  PASSWORD_MIN,
  QUALIFICATIONS,
  WEBSITE_PATTERN,
} from '../../lib/enums'
import { applyFieldErrors } from '../../lib/formErrors'
import { useApiError } from '../../hooks/useApiError'
import { useT, type TFunction } from '../../i18n'
import { PublicLayout } from './PublicLayout'

type FormValues = RegistrationCreate & { confirm: string }

function PersonFields({ prefix, t }: { prefix: 'legal_representative' | 'contact_person'; t: TFunction }) {
  const req = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }]
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item label={t('person.name')} name={['organization', prefix, 'name']} rules={req(t('person.name'))}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label={t('person.deptPost')} name={['organization', prefix, 'dept_post']}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label={t('person.officePhone')}
          name={['organization', prefix, 'office_phone']}
          rules={[{ pattern: OFFICE_PHONE_PATTERN, message: t('register.officePhoneInvalid') }]}
        >
          <Input maxLength={30} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label={t('person.mobile')}
          name={['organization', prefix, 'mobile']}
          rules={[...req(t('person.mobile')), { pattern: MOBILE_PATTERN, message: t('register.mobileInvalid') }]}
        >
          <Input maxLength={11} inputMode="tel" />
        </Form.Item>
      </Col>
    </Row>
  )
}

/** The answer to a registration. The server answers the same whether or not the e-mail already had an account
 * (it must not reveal that), so this says only what is true in both cases: look at your mailbox. */
export function RegistrationDone({ result }: { result: RegistrationResult }) {
  const t = useT()
  return (
    <Card>
      <Result
        status="success"
        title={t('register.successTitle')}
        subTitle={t('register.successSub', { name: result.organization_name, email: result.email })}
        extra={
          <Link to="/login">
            <Button type="primary">{t('auth.toLogin')}</Button>
          </Link>
        }
      >
        {result.warnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('register.warnings')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {result.warnings.map((w) => (
                  <li key={w.code}>{w.message}</li>
                ))}
              </ul>
            }
          />
        )}
      </Result>
    </Card>
  )
}

export default function RegisterPage() {
  const t = useT()
  const [form] = Form.useForm<FormValues>()
  const register = useRegisterOrganization()
  const showError = useApiError()
  const [done, setDone] = useState<RegistrationResult | null>(null)

  const req = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }]
  const reqSelect = (field: string) => [{ required: true, message: t('common.requiredSelect', { field }) }]

  const onFinish = ({ confirm: _confirm, ...values }: FormValues) => {
    const org = values.organization
    const person = (p: ContactPerson): ContactPerson => ({
      name: p.name.trim(),
      dept_post: p.dept_post?.trim() ?? '',
      office_phone: p.office_phone?.trim() || null,
      mobile: p.mobile.trim(),
    })
    const body: RegistrationCreate = {
      organization: {
        ...org,
        name: org.name.trim(),
        credit_code: normalizeCreditCode(org.credit_code),
        qualifications: org.qualifications ?? [],
        website: org.website?.trim() || null,
        legal_representative: person(org.legal_representative),
        contact_person: person(org.contact_person),
      },
      user: {
        ...values.user,
        email: values.user.email.trim(),
        mobile: values.user.mobile?.trim() || null,
      },
    }
    register.mutate(body, {
      onSuccess: (result) => {
        setDone(result)
        window.scrollTo?.({ top: 0 })
      },
      onError: (err) => {
        const fields = applyFieldErrors(form, err)
        if (fields.length) form.scrollToField(fields[0].name)
        showError(err)
      },
    })
  }

  if (done) {
    return (
      <PublicLayout width={720}>
        <RegistrationDone result={done} />
      </PublicLayout>
    )
  }

  return (
    <PublicLayout width={880}>
      <Card title={t('register.title')}>
        <Typography.Paragraph type="secondary">{t('register.intro')}</Typography.Paragraph>
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          scrollToFirstError
          initialValues={{ organization: { qualifications: [] } }}
        >
          <Divider titlePlacement="start">{t('register.section.organization')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('org.name')}
                name={['organization', 'name']}
                rules={[...req(t('org.name')), { min: 2, message: t('register.nameTooShort') }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('org.creditCode')}
                name={['organization', 'credit_code']}
                rules={creditCodeRules(t)}
                normalize={(v?: string) => (v ? v.toUpperCase().replace(/\s/g, '') : v)}
                validateFirst
              >
                <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('org.category')} name={['organization', 'category']} rules={reqSelect(t('org.category'))}>
                <Select
                  options={ORGANIZATION_CATEGORIES.map((v) => ({ value: v, label: t(`enum.category.${v}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('org.attribute')} name={['organization', 'attribute']} rules={reqSelect(t('org.attribute'))}>
                <Select options={ORGANIZATION_ATTRIBUTES.map((v) => ({ value: v, label: t(`enum.attribute.${v}`) }))} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label={t('org.qualifications')} name={['organization', 'qualifications']}>
                <Select
                  mode="multiple"
                  allowClear
                  options={QUALIFICATIONS.map((v) => ({ value: v, label: t(`enum.qualification.${v}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('org.address')} name={['organization', 'address']} rules={req(t('org.address'))}>
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('org.website')}
                name={['organization', 'website']}
                rules={[{ pattern: WEBSITE_PATTERN, message: t('register.websiteInvalid') }]}
              >
                <Input maxLength={300} placeholder="https://www.example.com" />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start">{t('register.section.legal')}</Divider>
          <PersonFields prefix="legal_representative" t={t} />

          <Divider titlePlacement="start">{t('register.section.contact')}</Divider>
          <PersonFields prefix="contact_person" t={t} />

          <Divider titlePlacement="start">{t('register.section.bank')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('org.bankName')} name={['organization', 'bank_name']} rules={req(t('org.bankName'))}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('org.bankAccount')}
                name={['organization', 'bank_account']}
                rules={[...req(t('org.bankAccount')), { pattern: BANK_ACCOUNT_PATTERN, message: t('register.bankAccountInvalid') }]}
              >
                <Input maxLength={40} inputMode="numeric" />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start">{t('register.section.user')}</Divider>
          <Typography.Paragraph type="secondary">{t('register.userHint')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('user.fullName')} name={['user', 'full_name']} rules={req(t('user.fullName'))}>
                <Input maxLength={100} autoComplete="name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('user.email')}
                name={['user', 'email']}
                rules={[...req(t('user.email')), { type: 'email', message: t('auth.emailInvalid') }]}
              >
                <Input maxLength={254} autoComplete="email" inputMode="email" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('user.mobile')}
                name={['user', 'mobile']}
                rules={[{ pattern: MOBILE_PATTERN, message: t('register.mobileInvalid') }]}
              >
                <Input maxLength={11} inputMode="tel" autoComplete="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} />
            <Col xs={24} md={12}>
              <Form.Item
                label={t('auth.password')}
                name={['user', 'password']}
                rules={[
                  { required: true, message: t('common.required', { field: t('auth.password') }) },
                  { min: PASSWORD_MIN, max: PASSWORD_MAX, message: t('register.passwordLength') },
                ]}
                hasFeedback
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('register.passwordConfirm')}
                name="confirm"
                dependencies={[['user', 'password']]}
                hasFeedback
                rules={[
                  { required: true, message: t('common.required', { field: t('register.passwordConfirm') }) },
                  ({ getFieldValue }) => ({
                    validator: async (_r, value?: string) => {
                      if (value && value !== getFieldValue(['user', 'password'])) {
                        throw new Error(t('register.passwordMismatch'))
                      }
                    },
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" size="large" loading={register.isPending}>
            {t('register.submit')}
          </Button>
          <Typography.Text style={{ marginLeft: 16 }}>
            {t('register.haveAccount')} <Link to="/login">{t('auth.toLogin')}</Link>
          </Typography.Text>
        </Form>
      </Card>
    </PublicLayout>
  )
}
