import { Card, Table, Tag, type TableColumnsType } from 'antd'
import { Link } from 'react-router-dom'
import { usePublicNotices, type PublicNotice } from '../../../api/publicity'
import { QueryError } from '../../../components/QueryError'
import { usePagination } from '../../../hooks/usePagination'
import { useT } from '../../../i18n'
import { formatDate } from '../../../lib/format'
import { PublicLayout } from '../PublicLayout'

/** 公示公告 (no login): the published notices, newest first. */
export default function PublicNoticesPage() {
  const t = useT()
  const pagination = usePagination(10)
  const q = usePublicNotices(pagination.query)
  const columns: TableColumnsType<PublicNotice> = [
    { title: t('notice.title_'), dataIndex: 'title', render: (v: string, n) => <Link to={`/public/notices/${n.id}`}>{v}</Link> },
    { title: t('notice.period'), key: 'period', render: (_, n) => `${n.starts_on} ~ ${n.ends_on}` },
    {
      title: t('common.status'),
      dataIndex: 'open_for_objections',
      render: (open: boolean) => (open ? <Tag color="gold">{t('public.notices.open')}</Tag> : <Tag>{t('public.notices.closed')}</Tag>),
    },
    { title: t('public.notices.items'), key: 'count', render: (_, n) => n.items.length },
    { title: t('public.notices.publishedOn'), dataIndex: 'published_at', render: (v: string | null) => formatDate(v) },
  ]
  return (
    <PublicLayout width={1100}>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('public.notices.title')}</h1>}>
        {q.isError && <QueryError error={q.error} onRetry={() => q.refetch()} />}
        <Table<PublicNotice>
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          pagination={pagination.tableProps(q.data?.total)}
          locale={{ emptyText: t('public.notices.empty') }}
        />
      </Card>
    </PublicLayout>
  )
}
