import { Alert, Card, Col, Descriptions, Flex, Progress, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd'
import { lazy, Suspense } from 'react'
import { permilleText, useBaseIndicators, type BaseIndicators, type YearIndicators } from '../../api/indicators'
import { RISK_KEYS } from '../../lib/risks'
import { RiskTags } from './RiskTags'
import { isTKey, useT } from '../../i18n'
import { formatDate, formatDateTime } from '../../lib/format'
import { QueryError } from '../QueryError'

// echarts is loaded with the charts only, never with the login bundle or the register.
const IndicatorCharts = lazy(() => import('./IndicatorCharts'))

function percentOf(permille: number | null | undefined): number {
  return permille === null || permille === undefined ? 0 : Math.min(100, Math.floor(permille / 10))
}

function RateLine({ label, permille, floor, met }: { label: string; permille: number | null; floor: number | null; met: boolean | null }) {
  const t = useT()
  return (
    <Flex justify="space-between" wrap gap={4}>
      <span>{label}</span>
      <span>
        {permilleText(permille)}
        {floor !== null && <Typography.Text type="secondary">{` / ${t('ind.floor', { n: floor })}`}</Typography.Text>}{' '}
        {met === true && <Tag color="green">{t('ind.met')}</Tag>}
        {met === false && <Tag color="red">{t('ind.notMet')}</Tag>}
      </span>
    </Flex>
  )
}

function YearCard({ y, competition, current }: { y: YearIndicators; competition: boolean; current: boolean }) {
  const t = useT()
  const title = y.year === 3 ? t('ind.improvementYear', { from: y.first_month, to: y.last_month }) : t('ind.yearN', { n: y.year, from: y.first_month, to: y.last_month })
  return (
    <Card
      size="small"
      title={title}
      extra={current ? <Tag color="blue">{t('ind.currentYear')}</Tag> : null}
      data-testid={`year-${y.year}`}
    >
      <Flex vertical gap={8}>
        {competition ? (
          <Statistic
            title={t('ind.qualifyingCompetitions')}
            value={y.qualifying_competitions_assessed}
            suffix={y.competition_min_count !== null ? `/ ${y.competition_min_count}` : undefined}
          />
        ) : (
          <>
            <Statistic
              title={t('ind.certificatesAssessed', { to: y.last_month })}
              value={y.certificates_assessed}
              suffix={y.certificate_target !== null ? `/ ${y.certificate_target}` : undefined}
            />
            <Progress
              percent={percentOf(y.reached_permille)}
              status={y.at_risk ? 'exception' : y.reached_permille !== null && y.reached_permille >= 1000 ? 'success' : 'normal'}
              format={() => permilleText(y.reached_permille)}
              aria-label={t('ind.reached')}
            />
            <Flex justify="space-between" wrap gap={4}>
              <span>{t('ind.projection')}</span>
              <span>{y.projection === null ? t('ind.noProjection') : `${y.projection}（${permilleText(y.projected_permille)}）`}</span>
            </Flex>
            <RateLine label={t('ind.satisfaction')} permille={y.satisfaction_permille} floor={y.satisfaction_floor_percent} met={y.satisfaction_met} />
            <RateLine label={t('ind.certification')} permille={y.certification_permille} floor={y.certification_floor_percent} met={y.certification_met} />
            {y.year === 2 && (
              <Flex justify="space-between" wrap gap={4}>
                <span>{t('ind.capacity')}</span>
                <span>
                  {y.figures.trainees}
                  {y.capacity_target !== null && ` / ${y.capacity_target}`}
                  {y.capacity_projection !== null && (
                    <Typography.Text type="secondary">{` · ${t('ind.projectedShort', { n: y.capacity_projection })}`}</Typography.Text>
                  )}
                </span>
              </Flex>
            )}
            <Typography.Text type="secondary">
              {t('ind.yearFigures', {
                trainees: y.figures.trainees,
                certificates: y.figures.certificates,
                senior: y.figures.senior_certificates,
              })}
            </Typography.Text>
          </>
        )}
        {y.flags.map((f) => (
          <Alert key={f.risk} type="error" showIcon title={t(RISK_KEYS[f.risk])} description={f.rule} />
        ))}
      </Flex>
    </Card>
  )
}

function Commitments({ d }: { d: BaseIndicators }) {
  const t = useT()
  const levelName = (level: string | null) => {
    if (!level) return '—'
    const key = `enum.competitionLevel.${level}`
    return isTKey(key) ? t(key) : level
  }
  const c = d.commitments
  const competition = d.base_type === 'competition'
  return (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} title={t('ind.commitments')}>
      <Descriptions.Item label={t('ind.period')}>
        {formatDate(c.construction_starts_on)} ~ {formatDate(c.construction_ends_on)}
      </Descriptions.Item>
      <Descriptions.Item label={t('ind.currentMonth')}>{d.current_month === null ? '—' : t('ind.monthN', { n: d.current_month })}</Descriptions.Item>
      {competition ? (
        <Descriptions.Item label={t('ind.competitionRule')}>
          {t('ind.competitionRuleText', {
            count: c.competition_min_count ?? 0,
            level: levelName(c.competition_min_level),
            contestants: c.competition_min_contestants ?? 0,
          })}
        </Descriptions.Item>
      ) : (
        <>
          <Descriptions.Item label={t('ind.year1Target')}>{c.year1_certificate_target ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ind.twoYearTarget')}>{c.two_year_certificate_target ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ind.satisfactionFloor')}>{c.satisfaction_floor_percent ?? '—'}%</Descriptions.Item>
          <Descriptions.Item label={t('ind.certificationFloor')}>{c.certification_rate_floor_percent ?? '—'}%</Descriptions.Item>
          <Descriptions.Item label={t('ind.capacityTarget')}>{c.capacity_per_year ?? '—'}</Descriptions.Item>
        </>
      )}
    </Descriptions>
  )
}

/** A base's indicators against its targets: commitments, one card per construction year, the monthly charts. */
export function IndicatorsPanel({ baseId }: { baseId: string }) {
  const t = useT()
  const q = useBaseIndicators(baseId)
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />
  if (!q.data) return <Skeleton active />
  const d = q.data
  const competition = d.base_type === 'competition'
  return (
    <Flex vertical gap="middle">
      <Commitments d={d} />
      <Space wrap>
        <RiskTags risks={d.risks} />
        {d.overdue_reports > 0 && <Tag color="orange">{t('ind.overdueN', { n: d.overdue_reports })}</Tag>}
        {d.open_duplicates > 0 && <Tag color="gold">{t('ind.openDuplicatesN', { n: d.open_duplicates })}</Tag>}
        {d.declared_mismatch_months > 0 && <Tag color="purple">{t('ind.mismatchN', { n: d.declared_mismatch_months })}</Tag>}
      </Space>
      <Row gutter={[16, 16]}>
        {d.years.map((y) => (
          <Col key={y.year} xs={24} md={12} xl={8}>
            <YearCard y={y} competition={competition} current={d.current_year === y.year} />
          </Col>
        ))}
      </Row>
      <Suspense fallback={<Skeleton active />}>
        <IndicatorCharts data={d} />
      </Suspense>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {d.projection_rule}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('ind.computedAt', { at: formatDateTime(d.computed_at) })}</Typography.Text>
    </Flex>
  )
}
