import { ArrowLeftOutlined, ExportOutlined, SendOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { useNotice, usePublishNotice, type NoticeItem } from '../../../api/publicity'
import type { ApplicationStatus } from '../../../client/types'
import { ApplicationStatusTag } from '../../../components/ApplicationStatusTag'
import { PageHeader } from '../../../components/PageHeader'
import { QueryError } from '../../../components/QueryError'
import { useApiError } from '../../../hooks/useApiError'
import { useT } from '../../../i18n'
import { formatDateTime } from '../../../lib/format'
import { NoticePhaseTag } from './NoticeTags'
import { republishPeriod } from './period'
import { ObjectionsSection } from './ObjectionsSection'
import { RecognitionSection } from './RecognitionSection'

/** /admin/notices/:id (and /app/admin/notices/:id from notifications): a notice, its objections, recognition. */
export default function NoticeDetailPage() {
  const t = useT()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const showError = useApiError()
  const { id } = useParams()
  const q = useNotice(id)
  const publish = usePublishNotice()

  const back = (
    <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/admin/notices')}>
      {t('notice.back')}
    </Button>
  )
  if (q.isPending) return <Skeleton active />
  if (q.isError) {
    return (
      <>
        <PageHeader title={t('notice.listTitle')} extra={back} />
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      </>
    )
  }
  const n = q.data
  const moved = republishPeriod(n)

  const onPublish = async () => {
    try {
      await publish.mutateAsync({ id: n.id, period: moved ?? undefined })
      message.success(t('notice.published'))
    } catch (err) {
      showError(err)
    }
  }

  const columns: TableColumnsType<NoticeItem> = [
    {
      title: t('org.name'),
      dataIndex: 'organization_name',
      render: (v: string, i) => <Link to={`/admin/review/${i.application_id}`}>{v}</Link>,
    },
    { title: t('rv.queue.baseType'), dataIndex: 'base_type', render: (v: NoticeItem['base_type']) => t(`enum.baseType.${v}`) },
    { title: t('assign.specialties'), dataIndex: 'specialties', render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>) },
    { title: t('rv.queue.call'), dataIndex: 'call_name' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (v: string) => <ApplicationStatusTag status={v as ApplicationStatus} />,
    },
  ]

  return (
    <>
      <PageHeader
        title={n.title}
        extra={
          <Flex gap={8} wrap>
            {n.status === 'draft' && (
              <Popconfirm
                title={t('notice.publishConfirm')}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={onPublish}
              >
                <Button type="primary" icon={<SendOutlined aria-hidden />} loading={publish.isPending}>
                  {t('notice.publish')}
                </Button>
              </Popconfirm>
            )}
            {n.status === 'published' && (
              <Button icon={<ExportOutlined aria-hidden />} href={`/public/notices/${n.id}`} target="_blank" rel="noopener">
                {t('notice.viewPublic')}
              </Button>
            )}
            {back}
          </Flex>
        }
      />
      <Flex vertical gap={16}>
        {moved && (
          <Alert
            type="warning"
            showIcon
            data-testid="notice-start-passed"
            title={t('notice.startPassed', { start: n.starts_on })}
            description={t('notice.startPassedDetail', { start: moved.starts_on, end: moved.ends_on })}
          />
        )}
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'phase', label: t('common.status'), children: <NoticePhaseTag notice={n} /> },
            {
              key: 'period',
              label: t('notice.period'),
              children: n.publicity_days
                ? `${n.starts_on} ~ ${n.ends_on}（${t('notice.minDays', { days: n.publicity_days })}）`
                : `${n.starts_on} ~ ${n.ends_on}`,
            },
            { key: 'published', label: t('notice.publishedAt'), children: formatDateTime(n.published_at) },
            { key: 'pending', label: t('notice.objectionsPending'), children: n.objections_pending },
            { key: 'contact', label: t('notice.contact'), children: n.contact, span: 2 },
            {
              key: 'body',
              label: t('notice.body'),
              span: 2,
              children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{n.body}</Typography.Paragraph>,
            },
          ]}
        />
        <Card title={t('notice.items')}>
          <Table<NoticeItem> size="small" rowKey="application_id" columns={columns} dataSource={n.items} pagination={false} />
        </Card>
        {n.status === 'published' && <ObjectionsSection notice={n} />}
        <RecognitionSection notice={n} />
      </Flex>
    </>
  )
}
