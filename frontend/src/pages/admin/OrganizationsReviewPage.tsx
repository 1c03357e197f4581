import { App, Button, Drawer, Flex, Form, Input, Modal, Popconfirm, Segmented, Skeleton, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useOrganization, useOrganizations, useVerifyOrganization } from '../../api/organizations'
import type { Organization, OrganizationStatus } from '../../client/types'
import { OrganizationDescriptions } from '../../components/OrganizationDescriptions'
import { OrgStatusTag } from '../../components/OrgStatusTag'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { useApiError } from '../../hooks/useApiError'
import { useSession } from '../../hooks/useAccess'
import { usePagination } from '../../hooks/usePagination'
import { useT } from '../../i18n'
import { ORGANIZATION_STATUSES } from '../../lib/enums'
import { applyFieldErrors } from '../../lib/formErrors'
import { formatDateTime } from '../../lib/format'

type StatusFilter = OrganizationStatus | 'all'

function RejectModal({
  org,
  onClose,
}: {
  org: Organization | null
  onClose: (rejected: boolean) => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const verify = useVerifyOrganization()
  const [form] = Form.useForm<{ reason: string }>()

  const onOk = async () => {
    if (!org) return
    const { reason } = await form.validateFields()
    try {
      await verify.mutateAsync({ id: org.id, decision: 'reject', reason: reason.trim() })
      message.success(t('review.rejected'))
      form.resetFields()
      onClose(true)
    } catch (err) {
      applyFieldErrors(form, err)
      showError(err)
    }
  }

  return (
    <Modal
      open={!!org}
      title={t('review.rejectTitle')}
      okText={t('review.reject')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={verify.isPending}
      onOk={onOk}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <p>{org?.name}</p>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          label={t('review.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('review.reason') }) }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('review.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function OrganizationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const { access } = useSession()
  const q = useOrganization(id ?? undefined)
  const verify = useVerifyOrganization()
  const [rejecting, setRejecting] = useState<Organization | null>(null)
  const org = q.data

  const approve = async () => {
    if (!org) return
    try {
      await verify.mutateAsync({ id: org.id, decision: 'approve' })
      message.success(t('review.approved'))
    } catch (err) {
      showError(err)
    }
  }

  const canDecide = access.canVerifyOrganizations && org?.status === 'pending'

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={760}
      title={t('review.detailTitle')}
      destroyOnHidden
      extra={
        canDecide && (
          <Flex gap={8}>
            <Button danger onClick={() => setRejecting(org)}>
              {t('review.reject')}
            </Button>
            <Popconfirm
              title={t('review.approveConfirm', { name: org.name })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={approve}
            >
              <Button type="primary" loading={verify.isPending}>
                {t('review.approve')}
              </Button>
            </Popconfirm>
          </Flex>
        )
      }
    >
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <OrganizationDescriptions org={q.data} column={1} />
      )}
      <RejectModal org={rejecting} onClose={() => setRejecting(null)} />
    </Drawer>
  )
}

/** 单位审核: organisations by status (pending first), details in a drawer, approve or reject. */
export default function OrganizationsReviewPage() {
  const t = useT()
  const [status, setStatus] = useState<StatusFilter>('pending')
  const [q, setQ] = useState('')
  const [openId, setOpenId] = useState<string | null>(null)
  const pagination = usePagination()
  const list = useOrganizations({
    ...pagination.query,
    status: status === 'all' ? undefined : status,
    q: q || undefined,
  })

  const columns: TableColumnsType<Organization> = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      render: (name: string, org) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(org.id)}>
          {name}
        </Button>
      ),
    },
    { title: t('org.creditCode'), dataIndex: 'credit_code' },
    { title: t('org.category'), dataIndex: 'category', render: (v: Organization['category']) => t(`enum.category.${v}`) },
    { title: t('org.status'), dataIndex: 'status', render: (v: OrganizationStatus) => <OrgStatusTag status={v} /> },
    { title: t('org.submittedAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, org) => (
        <Button size="small" onClick={() => setOpenId(org.id)} aria-label={`${t('common.view')} ${org.name}`}>
          {t('common.view')}
        </Button>
      ),
    },
  ]

  return (
    <>
      <PageHeader title={t('review.title')} />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Segmented<StatusFilter>
          aria-label={t('review.filterStatus')}
          value={status}
          onChange={(v) => {
            setStatus(v)
            pagination.reset()
          }}
          options={[
            ...ORGANIZATION_STATUSES.map((s) => ({ value: s, label: t(`enum.status.${s}`) })),
            { value: 'all' as const, label: t('common.all') },
          ]}
        />
        <Input.Search
          allowClear
          style={{ maxWidth: 320 }}
          aria-label={t('review.searchPlaceholder')}
          placeholder={t('review.searchPlaceholder')}
          enterButton={t('common.search')}
          onSearch={(v) => {
            setQ(v.trim())
            pagination.reset()
          }}
        />
      </Flex>
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<Organization>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={pagination.tableProps(list.data?.total)}
      />
      <OrganizationDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  )
}
