import { Badge, Card, Empty, Flex, Skeleton, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { useNotifications } from '../api/notifications'
import { useT } from '../i18n'
import { formatDateTime } from '../lib/format'
import { QueryError } from './QueryError'

/** The few newest notifications, for the home pages. */
export function LatestNotifications({ limit = 5 }: { limit?: number }) {
  const t = useT()
  const q = useNotifications({ limit, offset: 0 })
  return (
    <Card
      title={t('applicantHome.latestNotifications')}
      extra={<Link to="/notifications">{t('notifications.viewAll')}</Link>}
    >
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Empty description={t('notifications.empty')} />
      ) : (
        <Flex vertical gap={12} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {q.data.items.map((n) => (
            <li key={n.id}>
              <Flex justify="space-between" gap={12}>
                <Badge dot={!n.read_at} offset={[6, 0]}>
                  <Typography.Text strong={!n.read_at}>{n.title}</Typography.Text>
                </Badge>
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(n.created_at)}
                </Typography.Text>
              </Flex>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
                {n.body}
              </Typography.Paragraph>
            </li>
          ))}
        </Flex>
      )}
    </Card>
  )
}
