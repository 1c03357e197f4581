import { Alert, Card, Collapse, Descriptions, Empty, Flex, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { resultTotals, type Criterion, type ExpertTotal, type Panel } from '../../../api/reviews'
import { useT } from '../../../i18n'
import { formatDateTime } from '../../../lib/format'
import { ReviewDetails } from './ReviewDetails'
import { RecommendTag } from './ReviewTags'

/**
 * 评审结果: each expert's total, mean, median, spread (red "评分分歧较大" when it exceeds the call's
 * divergence points), the recommendation votes and majority, the panel opinion and the reviews.
 * The server decides what is visible (an expert sees others only after submitting their own).
 */
export function PanelResultView({ panel, rubric, hideReviews = false }: { panel: Panel; rubric?: Criterion[]; hideReviews?: boolean }) {
  const t = useT()
  const result = panel.result
  const totals = resultTotals(result)
  const current = panel.members.filter((m) => !m.removed).length
  const columns: TableColumnsType<ExpertTotal> = [
    { title: t('rv.review.expert'), dataIndex: 'expert_name' },
    { title: t('rv.score.total'), dataIndex: 'total', width: 120 },
    { title: t('rv.recommend.label'), dataIndex: 'recommend', width: 140, render: (v: boolean | null) => <RecommendTag value={v} /> },
  ]
  const submittedReviews = panel.reviews.filter((r) => r.status === 'submitted')
  return (
    <Flex vertical gap={16} data-testid="panel-result">
      {!result || totals.length === 0 ? (
        <Empty description={t('rv.result.none')} />
      ) : (
        <>
          <Flex gap={8} align="center" wrap>
            {result.complete ? (
              <Tag color="green">{t('rv.result.complete')}</Tag>
            ) : (
              <Tag color="blue">{t('rv.result.partial', { n: totals.length, m: current })}</Tag>
            )}
            {result.diverges && (
              <Tag color="red" data-testid="divergence-flag">
                {t('rv.result.diverges')}
              </Tag>
            )}
          </Flex>
          <Table<ExpertTotal> size="small" rowKey="expert_name" columns={columns} dataSource={totals} pagination={false} />
          <Flex gap={32} wrap>
            <Statistic title={t('rv.result.mean')} value={result.mean ?? '—'} />
            <Statistic title={t('rv.result.median')} value={result.median ?? '—'} />
            <Statistic
              title={t('rv.result.spread')}
              value={result.spread ?? '—'}
              styles={{ content: result.diverges ? { color: '#cf1322' } : undefined }}
            />
            <Statistic title={t('rv.result.votes')} value={`${result.recommend_votes} : ${result.against_votes}`} />
          </Flex>
          {result.diverges && (
            <Alert
              type="error"
              showIcon
              title={t('rv.result.diverges')}
              description={t('rv.result.divergesHint', { spread: result.spread ?? 0, points: result.divergence_points })}
            />
          )}
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'majority',
                label: t('rv.result.majority'),
                children:
                  result.majority_recommends === null || result.majority_recommends === undefined ? (
                    <Typography.Text type="secondary">{t('rv.result.majorityPending')}</Typography.Text>
                  ) : (
                    <Tag color={result.majority_recommends ? 'green' : 'red'} data-testid="majority">
                      {t(result.majority_recommends ? 'rv.result.majorityYes' : 'rv.result.majorityNo')}
                    </Tag>
                  ),
              },
            ]}
          />
        </>
      )}
      <Card size="small" title={t('rv.opinion.panel')}>
        {panel.panel_opinion ? (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="panel-opinion">
              {panel.panel_opinion}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{formatDateTime(panel.opinion_at)}</Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{t('rv.opinion.panelPending')}</Typography.Text>
        )}
      </Card>
      {!hideReviews && submittedReviews.length > 0 && (
        <Collapse
          items={submittedReviews.map((r) => ({
            key: r.id,
            label: `${r.expert_name} · ${t('rv.score.total')} ${r.total}`,
            children: <ReviewDetails review={r} rubric={rubric} appId={panel.application_id} />,
          }))}
        />
      )}
    </Flex>
  )
}
