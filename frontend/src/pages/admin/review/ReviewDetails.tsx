import { Descriptions, Table, Tag, Typography, type TableColumnsType } from 'antd'
import type { Criterion, Finding, Review } from '../../../api/reviews'
import { useT } from '../../../i18n'
import { formatDate, formatDateTime } from '../../../lib/format'
import { rubricMax } from '../../expert/scoreSheet'
import { ReviewPhotos } from './ReviewPhotos'
import { RecommendTag, ReviewStatusTag } from './ReviewTags'

const RESULT_COLORS = { pass: 'green', partly: 'gold', fail: 'red' } as const

export function FindingResultTag({ value }: { value: Finding['result'] }) {
  const t = useT()
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>
  return <Tag color={RESULT_COLORS[value]}>{t(`rv.finding.${value}`)}</Tag>
}

interface ScoreRow {
  key: string
  name: string
  max: number | null
  score: unknown
}

/** One expert's review, read-only: scores per criterion, site inspection, photos, opinion, recommendation. */
export function ReviewDetails({ review, rubric, appId }: { review: Review; rubric?: Criterion[]; appId: string }) {
  const t = useT()
  const scores = review.scores as Record<string, unknown>
  const rows: ScoreRow[] = rubric?.length
    ? rubric.map((c) => ({ key: c.key, name: c.name, max: c.max_points, score: scores[c.key] }))
    : Object.entries(scores).map(([key, score]) => ({ key, name: key, max: null, score }))
  const scoreColumns: TableColumnsType<ScoreRow> = [
    { title: t('rv.score.criterion'), dataIndex: 'name' },
    {
      title: t('rv.score.points'),
      key: 'score',
      width: 140,
      render: (_, r) => `${typeof r.score === 'number' ? r.score : '—'}${r.max !== null ? ` / ${r.max}` : ''}`,
    },
  ]
  const findingColumns: TableColumnsType<Finding & { key: number }> = [
    { title: t('rv.site.item'), dataIndex: 'item' },
    { title: t('rv.site.result'), dataIndex: 'result', width: 120, render: (v: Finding['result']) => <FindingResultTag value={v} /> },
    { title: t('rv.site.note'), dataIndex: 'note', render: (v: string | null) => v || '—' },
  ]
  const max = rubric?.length ? rubricMax(rubric) : 100
  return (
    <div data-testid="review-details">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'expert', label: t('rv.review.expert'), children: review.expert_name },
          {
            key: 'total',
            label: t('rv.score.total'),
            children: (
              <Typography.Text strong data-testid="review-total">
                {review.total} / {max}
              </Typography.Text>
            ),
          },
          { key: 'recommend', label: t('rv.recommend.label'), children: <RecommendTag value={review.recommend} /> },
          { key: 'status', label: t('common.status'), children: <ReviewStatusTag value={review.status} /> },
          { key: 'submitted', label: t('rv.review.submittedAt'), children: formatDateTime(review.submitted_at) },
        ]}
      />
      <Table<ScoreRow>
        size="small"
        rowKey="key"
        columns={scoreColumns}
        dataSource={rows}
        pagination={false}
        style={{ marginBottom: 16 }}
      />
      <Typography.Title level={5}>{t('rv.site.title')}</Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'date', label: t('rv.site.date'), children: formatDate(review.site_visit.visited_on) },
          { key: 'place', label: t('rv.site.place'), children: review.site_visit.place || '—' },
        ]}
      />
      <Table<Finding & { key: number }>
        size="small"
        columns={findingColumns}
        dataSource={(review.site_visit.findings ?? []).map((f, key) => ({ ...f, key }))}
        pagination={false}
        style={{ marginBottom: 12 }}
      />
      <ReviewPhotos appId={appId} photos={review.photos} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('rv.opinion.label')}
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{review.opinion || '—'}</Typography.Paragraph>
    </div>
  )
}
