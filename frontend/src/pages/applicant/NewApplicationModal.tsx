import { Alert, Form, Modal, Radio, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { useCreateApplication } from '../../api/applications'
import type { BaseType, Call, Organization } from '../../client/types'
import { useT } from '../../i18n'
import { ApiError } from '../../lib/errors'
import { formatDate } from '../../lib/format'

interface Values {
  call_id: string
  base_type: BaseType
}

/** 新建申报: choose an open call and a base type; the server's refusal (409) is shown as it says it. */
export function NewApplicationModal({
  open,
  calls,
  initialCallId,
  organization,
  onClose,
}: {
  open: boolean
  calls: Call[]
  initialCallId?: string
  organization: Organization | null | undefined
  onClose: () => void
}) {
  const t = useT()
  const navigate = useNavigate()
  const create = useCreateApplication()
  const [form] = Form.useForm<Values>()
  const [error, setError] = useState<string | null>(null)
  const callId = Form.useWatch('call_id', form)
  const baseType = Form.useWatch('base_type', form)
  const call = calls.find((c) => c.id === callId)
  const policy = call && baseType ? call.policies[baseType] : undefined
  const categoryMismatch = !!(policy && organization && !policy.allowed_categories.includes(organization.category))

  const onOk = async () => {
    const values = await form.validateFields()
    setError(null)
    try {
      const app = await create.mutateAsync(values)
      onClose()
      navigate(`/app/applications/${app.id}`)
    } catch (err) {
      setError(err instanceof ApiError ? (err.status === 0 ? t('errors.network') : err.message) : t('errors.unknown'))
    }
  }

  return (
    <Modal
      open={open}
      title={t('newApplication.title')}
      okText={t('newApplication.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={onOk}
      onCancel={() => {
        setError(null)
        onClose()
      }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ call_id: initialCallId ?? calls[0]?.id }}
        onValuesChange={() => setError(null)}
      >
        <Form.Item
          name="call_id"
          label={t('applications.call')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('applications.call') }) }]}
        >
          <Select
            options={calls.map((c) => ({
              value: c.id,
              label: `${c.name}（${t('applications.deadline')} ${formatDate(c.deadline)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="base_type"
          label={t('applications.baseType')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('applications.baseType') }) }]}
        >
          <Radio.Group>
            <Space orientation="vertical">
              {(call?.base_types ?? []).map((bt) => (
                <Radio key={bt} value={bt}>
                  {t(`enum.baseType.${bt}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
      </Form>
      {categoryMismatch && organization && policy && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('newApplication.categoryMismatch', {
            category: t(`enum.category.${organization.category}`),
            allowed: policy.allowed_categories.map((c) => t(`enum.category.${c}`)).join('、'),
          })}
        />
      )}
      <Typography.Paragraph type="secondary">{t('newApplication.exclusivityHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} data-testid="create-error" />}
    </Modal>
  )
}
