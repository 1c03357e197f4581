/**
 * The monthly charts of a base's indicators (ECharts, loaded lazily with this module only): certificates per month
 * (computed and declared) with the cumulative count against the year-1 and two-year targets, trainees per month
 * (computed and declared), and the monthly satisfaction and certification rates against their floors. A competition
 * base shows its competitions per month instead.
 */
import { Card, Col, Row } from 'antd'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import ReactEChartsCore from 'echarts-for-react/esm/core' // the ES module: the CommonJS lib/ gives Vite's dev server {default} (a blank page)
import type { BaseIndicators } from '../../api/indicators'
import { useT } from '../../i18n'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer])

const HEIGHT = 300

/** rate in % with one decimal (rounded down), null without a denominator */
function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.floor((part * 1000) / whole) / 10 : null
}

function targetLine(name: string, value: number | null) {
  return value === null ? [] : [{ name, yAxis: value, label: { formatter: `${name} ${value}`, position: 'insideEndTop' as const } }]
}

export default function IndicatorCharts({ data }: { data: BaseIndicators }) {
  const t = useT()
  const months = data.months
  const x = months.map((m) => t('ind.monthN', { n: m.month_no }))
  const grid = { left: 48, right: 16, top: 48, bottom: 32, containLabel: true }
  const legend = { top: 0, type: 'scroll' as const }
  const tooltip = { trigger: 'axis' as const }
  const c = data.commitments

  if (data.base_type === 'competition') {
    const option = {
      tooltip,
      legend,
      grid,
      xAxis: { type: 'category', data: x },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('ind.chart.competitions'), type: 'bar', data: months.map((m) => m.competitions) },
        { name: t('ind.chart.qualifying'), type: 'bar', data: months.map((m) => m.qualifying_competitions) },
        { name: t('ind.chart.declared'), type: 'bar', data: months.map((m) => m.declared.declared_competitions) },
      ],
    }
    return (
      <Card size="small" title={t('ind.chart.competitionsTitle')}>
        <ReactEChartsCore echarts={echarts} option={option} style={{ height: HEIGHT, width: '100%' }} notMerge />
      </Card>
    )
  }

  const cumulative = months.reduce<number[]>((acc, m) => [...acc, (acc.at(-1) ?? 0) + m.certificates], [])
  const certificates = {
    tooltip,
    legend,
    grid,
    xAxis: { type: 'category', data: x },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('ind.chart.certificates'), type: 'bar', data: months.map((m) => m.certificates) },
      { name: t('ind.chart.declared'), type: 'bar', data: months.map((m) => m.declared.declared_certificates) },
      {
        name: t('ind.chart.cumulative'),
        type: 'line',
        data: cumulative,
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed' as const },
          data: [...targetLine(t('ind.year1Target'), c.year1_certificate_target), ...targetLine(t('ind.twoYearTarget'), c.two_year_certificate_target)],
        },
      },
    ],
  }
  const trainees = {
    tooltip,
    legend,
    grid,
    xAxis: { type: 'category', data: x },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('ind.chart.trainees'), type: 'bar', data: months.map((m) => m.trainees) },
      { name: t('ind.chart.declared'), type: 'bar', data: months.map((m) => m.declared.declared_trainees) },
    ],
  }
  const rates = {
    tooltip,
    legend,
    grid,
    xAxis: { type: 'category', data: x },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: t('ind.satisfaction'),
        type: 'line',
        connectNulls: false,
        data: months.map((m) => rate(m.satisfied, m.surveyed)),
        markLine: { symbol: 'none', lineStyle: { type: 'dashed' as const }, data: targetLine(t('ind.satisfactionFloor'), c.satisfaction_floor_percent) },
      },
      {
        name: t('ind.certification'),
        type: 'line',
        connectNulls: false,
        data: months.map((m) => rate(m.certified_trainees, m.trainees)),
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed' as const },
          data: targetLine(t('ind.certificationFloor'), c.certification_rate_floor_percent),
        },
      },
    ],
  }
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('ind.chart.certificatesTitle')}>
          <ReactEChartsCore echarts={echarts} option={certificates} style={{ height: HEIGHT, width: '100%' }} notMerge />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('ind.chart.traineesTitle')}>
          <ReactEChartsCore echarts={echarts} option={trainees} style={{ height: HEIGHT, width: '100%' }} notMerge />
        </Card>
      </Col>
      <Col xs={24}>
        <Card size="small" title={t('ind.chart.ratesTitle')}>
          <ReactEChartsCore echarts={echarts} option={rates} style={{ height: HEIGHT, width: '100%' }} notMerge />
        </Card>
      </Col>
    </Row>
  )
}
