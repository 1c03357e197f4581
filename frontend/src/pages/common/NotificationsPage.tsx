import { App, Badge, Button, Flex, Switch, Table, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { useMarkNotificationRead, useNotifications } from '../../api/notifications'
import type { Notification } from '../../client/types'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { useApiError } from '../../hooks/useApiError'
import { usePagination } from '../../hooks/usePagination'
import { useT } from '../../i18n'
import { formatDateTime } from '../../lib/format'

/** An in-app link when it points inside the SPA, a plain anchor otherwise. */
function NotificationLink({ link, label }: { link: string; label: string }) {
  return link.startsWith('/') ? <Link to={link}>{label}</Link> : <a href={link}>{label}</a>
}

export default function NotificationsPage() {
  const t = useT()
  const showError = useApiError()
  const { message } = App.useApp()
  const [unreadOnly, setUnreadOnly] = useState(false)
  const pagination = usePagination()
  const list = useNotifications({ ...pagination.query, unread_only: unreadOnly })
  const markRead = useMarkNotificationRead()

  const columns: TableColumnsType<Notification> = [
    {
      title: t('common.status'),
      dataIndex: 'read_at',
      width: 90,
      render: (v: string | null) =>
        v ? <Badge status="default" text={t('notifications.read')} /> : <Badge status="processing" text={t('notifications.unread')} />,
    },
    {
      title: t('notifications.titleCol'),
      dataIndex: 'title',
      render: (v: string, n) => <Typography.Text strong={!n.read_at}>{v}</Typography.Text>,
    },
    { title: t('notifications.body'), dataIndex: 'body' },
    { title: t('notifications.time'), dataIndex: 'created_at', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      render: (_, n) => (
        <Flex gap={8}>
          {n.link && <NotificationLink link={n.link} label={t('common.open')} />}
          {!n.read_at && (
            <Button
              size="small"
              aria-label={`${t('notifications.markRead')} ${n.title}`}
              loading={markRead.isPending && markRead.variables === n.id}
              onClick={() =>
                markRead.mutateAsync(n.id).then(
                  () => message.success(t('common.saved')),
                  (err) => showError(err),
                )
              }
            >
              {t('notifications.markRead')}
            </Button>
          )}
        </Flex>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        extra={
          <Flex gap={8} align="center">
            <Switch
              id="unread-only"
              checked={unreadOnly}
              aria-label={t('notifications.unreadOnly')}
              onChange={(v) => {
                setUnreadOnly(v)
                pagination.reset()
              }}
            />
            <label htmlFor="unread-only">{t('notifications.unreadOnly')}</label>
          </Flex>
        }
      />
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<Notification>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={pagination.tableProps(list.data?.total)}
        locale={{ emptyText: t('notifications.empty') }}
      />
    </>
  )
}
