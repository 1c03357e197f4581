import { ArrowLeftOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useNavigate, useParams } from 'react-router-dom'
import { usePublicNotice, type PublicNoticeItem } from '../../../api/publicity'
import { QueryError } from '../../../components/QueryError'
import { useT } from '../../../i18n'
import { formatDateTime } from '../../../lib/format'
import { PublicLayout } from '../PublicLayout'
import { ObjectionForm } from './ObjectionForm'

/** One published notice (no login): text, the proposed bases and, during the period, the objection form. */
export default function PublicNoticeDetailPage() {
  const t = useT()
  const navigate = useNavigate()
  const { id } = useParams()
  const q = usePublicNotice(id)
  const columns: TableColumnsType<PublicNoticeItem> = [
    { title: '#', key: 'i', width: 56, render: (_, __, i) => i + 1 },
    { title: t('org.name'), dataIndex: 'organization_name' },
    { title: t('rv.queue.baseType'), dataIndex: 'base_type', render: (v: PublicNoticeItem['base_type']) => t(`enum.baseType.${v}`) },
    { title: t('assign.specialties'), dataIndex: 'specialties', render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>) },
  ]
  return (
    <PublicLayout width={1100}>
      <Flex vertical gap={16}>
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/public/notices')} style={{ alignSelf: 'start' }}>
          {t('public.notices.back')}
        </Button>
        {q.isPending ? (
          <Skeleton active />
        ) : q.isError ? (
          <QueryError error={q.error} onRetry={() => q.refetch()} />
        ) : (
          <>
            <Card>
              <Typography.Title level={2} style={{ textAlign: 'center', fontSize: 22 }}>
                {q.data.title}
              </Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{q.data.body}</Typography.Paragraph>
              <Table<PublicNoticeItem>
                size="small"
                rowKey="application_id"
                columns={columns}
                dataSource={q.data.items}
                pagination={false}
                style={{ marginBottom: 16 }}
                data-testid="public-notice-items"
              />
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'period', label: t('notice.period'), children: `${q.data.starts_on} ~ ${q.data.ends_on}` },
                  { key: 'contact', label: t('notice.contact'), children: q.data.contact },
                  { key: 'published', label: t('public.notices.publishedOn'), children: formatDateTime(q.data.published_at) },
                ]}
              />
            </Card>
            {q.data.open_for_objections ? (
              <ObjectionForm notice={q.data} />
            ) : (
              <Alert type="info" showIcon title={t('public.objection.closed', { start: q.data.starts_on, end: q.data.ends_on })} />
            )}
          </>
        )}
      </Flex>
    </PublicLayout>
  )
}
