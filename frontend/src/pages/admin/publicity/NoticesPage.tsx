import { PlusOutlined } from '@ant-design/icons'
import { Badge, Button, Table, type TableColumnsType } from 'antd'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { useNotices, type Notice } from '../../../api/publicity'
import { PageHeader } from '../../../components/PageHeader'
import { QueryError } from '../../../components/QueryError'
import { usePagination } from '../../../hooks/usePagination'
import { useT } from '../../../i18n'
import { formatDateTime } from '../../../lib/format'
import { ComposeNoticeDrawer } from './ComposeNoticeDrawer'
import { NoticePhaseTag } from './NoticeTags'

/** 公示管理: notices with their period, phase and pending objections; compose a new one. */
export default function NoticesPage() {
  const t = useT()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const composing = params.get('compose') === '1'
  const pagination = usePagination()
  const list = useNotices(pagination.query)

  const columns: TableColumnsType<Notice> = [
    { title: t('notice.title_'), dataIndex: 'title', render: (v: string, n) => <Link to={`/admin/notices/${n.id}`}>{v}</Link> },
    { title: t('notice.period'), key: 'period', render: (_, n) => `${n.starts_on} ~ ${n.ends_on}` },
    { title: t('common.status'), key: 'phase', render: (_, n) => <NoticePhaseTag notice={n} /> },
    { title: t('notice.itemsCount'), key: 'items', width: 110, render: (_, n) => n.items.length },
    {
      title: t('notice.objectionsPending'),
      dataIndex: 'objections_pending',
      width: 130,
      render: (v: number) => (v > 0 ? <Badge count={v} /> : 0),
    },
    { title: t('notice.publishedAt'), dataIndex: 'published_at', render: (v: string | null) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, n) => (
        <Button size="small" onClick={() => navigate(`/admin/notices/${n.id}`)} aria-label={`${t('common.view')} ${n.title}`}>
          {t('common.view')}
        </Button>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('notice.listTitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setParams({ compose: '1' })}>
            {t('notice.compose')}
          </Button>
        }
      />
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<Notice>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={pagination.tableProps(list.data?.total)}
      />
      <ComposeNoticeDrawer open={composing} onClose={() => setParams({}, { replace: true })} />
    </>
  )
}
