import { PlusOutlined } from '@ant-design/icons'
import { App, Button, Table, Tag, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useAdmins, useCreateAdmin } from '../../api/admins'
import type { User } from '../../client/types'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { UserCreateModal } from '../../components/UserCreateForm'
import { usePagination } from '../../hooks/usePagination'
import { useT } from '../../i18n'
import { dash, formatDateTime } from '../../lib/format'

/** 管理员: list and create administrators. */
export default function AdminsPage() {
  const t = useT()
  const { message } = App.useApp()
  const pagination = usePagination()
  const list = useAdmins(pagination.query)
  const create = useCreateAdmin()
  const [adding, setAdding] = useState(false)

  const columns: TableColumnsType<User> = [
    { title: t('user.fullName'), dataIndex: 'full_name' },
    { title: t('user.email'), dataIndex: 'email' },
    { title: t('user.mobile'), dataIndex: 'mobile', render: (v: string | null) => dash(v) },
    {
      title: t('user.active'),
      dataIndex: 'is_active',
      render: (v: boolean) => (v ? <Tag color="green">{t('user.activeYes')}</Tag> : <Tag>{t('user.activeNo')}</Tag>),
    },
    { title: t('common.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
  ]

  return (
    <>
      <PageHeader
        title={t('admins.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('admins.create')}
          </Button>
        }
      />
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={pagination.tableProps(list.data?.total)}
      />
      <UserCreateModal
        open={adding}
        title="admins.createTitle"
        passwordLabel="admins.password"
        submitting={create.isPending}
        onCancel={() => setAdding(false)}
        onSubmit={async (values) => {
          await create.mutateAsync(values)
          message.success(t('admins.created'))
          setAdding(false)
        }}
      />
    </>
  )
}
