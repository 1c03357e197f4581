import { PlusOutlined } from '@ant-design/icons'
import { App, Button, Popconfirm, Table, Tag, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useCreateOrgUser, useDeleteOrgUser, useOrgUsers } from '../../api/organizations'
import type { User } from '../../client/types'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { UserCreateModal } from '../../components/UserCreateForm'
import { useApiError } from '../../hooks/useApiError'
import { useSession } from '../../hooks/useAccess'
import { usePagination } from '../../hooks/usePagination'
import { useT } from '../../i18n'
import { dash, formatDateTime } from '../../lib/format'

/** 单位用户: the organisation owner lists, adds and removes the organisation's users. */
export default function OrgUsersPage() {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const { me } = useSession()
  const orgId = me.organization!.id
  const pagination = usePagination()
  const users = useOrgUsers(orgId, pagination.query)
  const create = useCreateOrgUser(orgId)
  const remove = useDeleteOrgUser(orgId)
  const [adding, setAdding] = useState(false)

  const columns: TableColumnsType<User> = [
    { title: t('user.fullName'), dataIndex: 'full_name' },
    { title: t('user.email'), dataIndex: 'email' },
    { title: t('user.mobile'), dataIndex: 'mobile', render: (v: string | null) => dash(v) },
    {
      title: t('orgUsers.role'),
      key: 'role',
      render: (_, u) => (
        <>
          {u.is_org_owner ? <Tag color="blue">{t('orgUsers.owner')}</Tag> : <Tag>{t('orgUsers.member')}</Tag>}
          {u.id === me.user.id && <Tag color="green">{t('orgUsers.self')}</Tag>}
        </>
      ),
    },
    { title: t('common.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) =>
        u.id === me.user.id || u.is_org_owner ? null : (
          <Popconfirm
            title={t('orgUsers.removeConfirm', { name: u.full_name })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutateAsync(u.id).then(
                () => message.success(t('orgUsers.removed')),
                (err) => showError(err),
              )
            }
          >
            <Button danger size="small" aria-label={`${t('orgUsers.remove')} ${u.full_name}`}>
              {t('orgUsers.remove')}
            </Button>
          </Popconfirm>
        ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('orgUsers.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('orgUsers.add')}
          </Button>
        }
      />
      {users.isError && <QueryError error={users.error} onRetry={() => users.refetch()} />}
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isFetching}
        pagination={pagination.tableProps(users.data?.total)}
      />
      <UserCreateModal
        open={adding}
        title="orgUsers.addTitle"
        passwordLabel="orgUsers.initialPassword"
        submitting={create.isPending}
        onCancel={() => setAdding(false)}
        onSubmit={async (values) => {
          await create.mutateAsync(values)
          message.success(t('orgUsers.added'))
          setAdding(false)
        }}
      />
    </>
  )
}
