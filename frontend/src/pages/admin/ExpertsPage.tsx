import { PlusOutlined } from '@ant-design/icons'
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useCreateExpert, useExperts, useUpdateExpert } from '../../api/experts'
import { useOrganization, useOrganizations } from '../../api/organizations'
import type { Expert, ExpertCreate } from '../../client/types'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { useApiError } from '../../hooks/useApiError'
import { usePagination } from '../../hooks/usePagination'
import { useT } from '../../i18n'
import { MOBILE_PATTERN, PASSWORD_MAX, PASSWORD_MIN } from '../../lib/enums'
import { applyFieldErrors } from '../../lib/formErrors'

type ActiveFilter = 'all' | 'active' | 'inactive'
type Editing = { mode: 'create' } | { mode: 'edit'; expert: Expert }

/** The expert's employer as a registered organisation: searched by name or credit code, cleared with ×. */
function EmployerSelect({
  value,
  onChange,
  onPicked,
}: {
  value?: string | null
  onChange?: (v: string | null) => void
  onPicked?: (name: string) => void
}) {
  const t = useT()
  const [q, setQ] = useState('')
  const found = useOrganizations({ q: q || undefined, limit: 20, offset: 0 })
  const current = useOrganization(value ?? undefined)
  const options = (found.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.credit_code}）`, name: o.name }))
  if (current.data && !options.some((o) => o.value === current.data.id)) {
    options.unshift({ value: current.data.id, label: `${current.data.name}（${current.data.credit_code}）`, name: current.data.name })
  }
  return (
    <Select
      aria-label={t('experts.organizationLink')}
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      allowClear
      placeholder={t('experts.organizationLinkPlaceholder')}
      value={value ?? undefined}
      onChange={(v, option) => {
        onChange?.(v ?? null)
        if (v && option && !Array.isArray(option)) onPicked?.(option.name)
      }}
      loading={found.isFetching}
      options={options}
      notFoundContent={t('experts.organizationLinkNone')}
    />
  )
}

function ExpertModal({ editing, onClose }: { editing: Editing | null; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const [form] = Form.useForm<ExpertCreate>()
  const create = useCreateExpert()
  const update = useUpdateExpert()
  const isCreate = editing?.mode === 'create'
  const req = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) })

  const onOk = async () => {
    const values = await form.validateFields()
    // A cleared link is sent as null (PATCH leaves out what is undefined).
    const employer = {
      organization_id: values.organization_id ?? null,
      organization_credit_code: values.organization_credit_code?.trim() || null,
    }
    try {
      if (editing?.mode === 'edit') {
        const { password: _password, ...rest } = values
        await update.mutateAsync({ id: editing.expert.id, version: editing.expert.version, body: { ...rest, ...employer } })
        message.success(t('experts.updated'))
      } else {
        await create.mutateAsync({ ...values, ...employer })
        message.success(t('experts.created'))
      }
      onClose()
    } catch (err) {
      applyFieldErrors(form, err)
      showError(err)
    }
  }

  return (
    <Modal
      open={!!editing}
      title={t(isCreate ? 'experts.createTitle' : 'experts.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={editing?.mode === 'edit' ? editing.expert : { specialties: [] }}
      >
        <Form.Item label={t('experts.name')} name="name" rules={[req(t('experts.name'))]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t('experts.email')}
          name="email"
          rules={[req(t('experts.email')), { type: 'email', message: t('auth.emailInvalid') }]}
        >
          <Input maxLength={254} autoComplete="off" />
        </Form.Item>
        {isCreate && (
          <Form.Item
            label={t('experts.password')}
            name="password"
            rules={[
              { required: true, message: t('common.required', { field: t('experts.password') }) },
              { min: PASSWORD_MIN, max: PASSWORD_MAX, message: t('register.passwordLength') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item label={t('experts.organizationName')} name="organization_name" rules={[req(t('experts.organizationName'))]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('experts.organizationLink')} name="organization_id" extra={t('experts.organizationLinkHint')}>
          <EmployerSelect
            onPicked={(name) => {
              if (!form.getFieldValue('organization_name')) form.setFieldValue('organization_name', name)
            }}
          />
        </Form.Item>
        <Form.Item
          label={t('experts.organizationCreditCode')}
          name="organization_credit_code"
          extra={t('experts.organizationCreditCodeHint')}
          rules={[{ pattern: /^\s*[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}\s*$/, message: t('experts.organizationCreditCodeInvalid') }]}
        >
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('experts.title_')} name="title" rules={[req(t('experts.title_'))]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t('experts.specialties')}
          name="specialties"
          extra={t('experts.specialtiesHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('experts.specialties') }) }]}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Form.Item
          label={t('experts.mobile')}
          name="mobile"
          rules={[req(t('experts.mobile')), { pattern: MOBILE_PATTERN, message: t('register.mobileInvalid') }]}
        >
          <Input maxLength={11} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 专家库: search, filter by state, create, edit, deactivate / activate. */
export default function ExpertsPage() {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const [q, setQ] = useState('')
  const [active, setActive] = useState<ActiveFilter>('all')
  const [editing, setEditing] = useState<Editing | null>(null)
  const pagination = usePagination()
  const update = useUpdateExpert()
  const list = useExperts({
    ...pagination.query,
    q: q || undefined,
    is_active: active === 'all' ? undefined : active === 'active',
  })

  const toggle = (e: Expert) =>
    update.mutateAsync({ id: e.id, version: e.version, body: { is_active: !e.is_active } }).then(
      () => message.success(t('experts.updated')),
      (err) => showError(err),
    )

  const columns: TableColumnsType<Expert> = [
    { title: t('experts.name'), dataIndex: 'name' },
    {
      title: t('experts.organizationName'),
      dataIndex: 'organization_name',
      render: (v: string, e) => (
        <Space size={4} wrap>
          {v}
          {e.organization_id && <Tag color="blue">{t('experts.linked')}</Tag>}
          {e.organization_credit_code && <Tag>{e.organization_credit_code}</Tag>}
        </Space>
      ),
    },
    { title: t('experts.title_'), dataIndex: 'title' },
    {
      title: t('experts.specialties'),
      dataIndex: 'specialties',
      render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>),
    },
    { title: t('experts.email'), dataIndex: 'email' },
    { title: t('experts.mobile'), dataIndex: 'mobile' },
    {
      title: t('common.status'),
      dataIndex: 'is_active',
      render: (v: boolean) => (v ? <Tag color="green">{t('experts.active')}</Tag> : <Tag>{t('experts.inactive')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, e) => (
        <Space>
          <Button size="small" onClick={() => setEditing({ mode: 'edit', expert: e })} aria-label={`${t('common.edit')} ${e.name}`}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t(e.is_active ? 'experts.deactivateConfirm' : 'experts.activateConfirm', { name: e.name })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => toggle(e)}
          >
            <Button
              size="small"
              danger={e.is_active}
              aria-label={`${t(e.is_active ? 'experts.deactivate' : 'experts.activate')} ${e.name}`}
            >
              {t(e.is_active ? 'experts.deactivate' : 'experts.activate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('experts.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ mode: 'create' })}>
            {t('experts.create')}
          </Button>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          style={{ maxWidth: 320 }}
          aria-label={t('experts.searchPlaceholder')}
          placeholder={t('experts.searchPlaceholder')}
          enterButton={t('common.search')}
          onSearch={(v) => {
            setQ(v.trim())
            pagination.reset()
          }}
        />
        <Select<ActiveFilter>
          aria-label={t('experts.filterActive')}
          style={{ width: 140 }}
          value={active}
          onChange={(v) => {
            setActive(v)
            pagination.reset()
          }}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'active', label: t('experts.active') },
            { value: 'inactive', label: t('experts.inactive') },
          ]}
        />
      </Flex>
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<Expert>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={pagination.tableProps(list.data?.total)}
        scroll={{ x: 'max-content' }}
      />
      <ExpertModal editing={editing} onClose={() => setEditing(null)} />
    </>
  )
}
