import { Alert, Card, Descriptions, Input, Typography } from 'antd'
import { useSearchParams } from 'react-router-dom'
import { usePublicObjection } from '../../../api/publicity'
import { useT } from '../../../i18n'
import { ApiError } from '../../../lib/errors'
import { formatDateTime } from '../../../lib/format'
import { ObjectionStatusTag } from '../../admin/publicity/NoticeTags'
import { PublicLayout } from '../PublicLayout'

/** 异议查询 (no login): the state of an objection and the reason of its decision, by ticket. */
export default function ObjectionQueryPage() {
  const t = useT()
  const [params, setParams] = useSearchParams()
  const ticket = params.get('ticket')?.trim().toUpperCase() || undefined
  const q = usePublicObjection(ticket)
  return (
    <PublicLayout width={760}>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('public.query.title')}</h1>}>
        <Typography.Paragraph type="secondary">{t('public.query.intro')}</Typography.Paragraph>
        <Input.Search
          key={ticket}
          defaultValue={ticket}
          aria-label={t('public.query.ticket')}
          placeholder={t('public.query.placeholder')}
          enterButton={t('public.query.submit')}
          maxLength={20}
          allowClear
          onSearch={(v) => setParams(v.trim() ? { ticket: v.trim() } : {})}
          style={{ maxWidth: 420, marginBottom: 16 }}
          loading={q.isFetching}
        />
        {q.isError && (
          <Alert
            type="warning"
            showIcon
            title={q.error instanceof ApiError && q.error.status === 404 ? t('public.query.notFound') : t('errors.loadFailed')}
            description={q.error instanceof ApiError && q.error.status !== 404 ? q.error.message : undefined}
          />
        )}
        {q.data && (
          <Descriptions
            bordered
            size="small"
            column={1}
            data-testid="objection-result"
            items={[
              { key: 'ticket', label: t('objection.ticket'), children: q.data.ticket },
              { key: 'status', label: t('common.status'), children: <ObjectionStatusTag status={q.data.status} /> },
              { key: 'submitted', label: t('objection.filedAt'), children: formatDateTime(q.data.submitted_at) },
              { key: 'attachment', label: t('objection.attachment'), children: q.data.has_attachment ? t('common.yes') : t('common.no') },
              { key: 'decided', label: t('public.query.decidedAt'), children: formatDateTime(q.data.decided_at) },
              {
                key: 'reason',
                label: t('objection.reason'),
                children: q.data.decision_reason || (
                  <Typography.Text type="secondary">{t('public.query.pendingHint')}</Typography.Text>
                ),
              },
            ]}
          />
        )}
      </Card>
    </PublicLayout>
  )
}
