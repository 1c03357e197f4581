import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BaseIndicators, RegisterRow } from '../../../api/indicators'
import { tokens } from '../../../lib/tokens'
import { meAdmin } from '../../../test/fixtures'
import { jsonResponse, mockApi, renderApp } from '../../../test/render'

// the charts (echarts, canvas) are not what these tests look at
vi.mock('../../../components/indicators/IndicatorCharts', () => ({ default: () => <div data-testid="charts" /> }))
const saved = vi.hoisted(() => vi.fn())
vi.mock('../../../api/applications', async (original) => ({ ...(await original<object>()), saveBlob: saved }))

const BASE_ID = '00000000-0000-0000-0000-0000000b0001'

function row(over: Partial<RegisterRow> = {}): RegisterRow {
  return {
    base_id: BASE_ID,
    title: '顺义区职业技能提升培训基地',
    organization_id: '00000000-0000-0000-0000-00000000e001',
    organization_name: '顺义区测试技工学校',
    base_type: 'skills_upgrading',
    status: 'under_construction',
    call_id: '00000000-0000-0000-0000-00000000d001',
    recognised_on: '2026-06-01',
    current_month: 7,
    current_year: 1,
    certificates: 10,
    certificate_target: 600,
    reached_permille: 16,
    projection: 20,
    projected_permille: 33,
    satisfaction_permille: 949,
    certification_permille: null,
    capacity: 0,
    qualifying_competitions: 0,
    overdue_reports: 1,
    open_duplicates: 0,
    declared_mismatch_months: 0,
    at_risk: true,
    risks: ['certificates_short'],
    computed_at: '2026-12-01T02:00:00Z',
    ...over,
  }
}

const figures = {
  trainees: 1000,
  certified_trainees: 899,
  surveyed: 1000,
  satisfied: 949,
  certificates: 599,
  certificates_national_qualification: 0,
  certificates_skill_level: 599,
  certificates_special_ability: 0,
  certificates_training_completion: 0,
  senior_certificates: 12,
  competitions: 0,
  qualifying_competitions: 0,
}

function indicators(): BaseIndicators {
  const year1 = {
    year: 1,
    first_month: 1,
    last_month: 12,
    months_elapsed: 12,
    figures,
    certificates_assessed: 599,
    certificate_target: 600,
    reached_permille: 998,
    projection: 599,
    projected_permille: 998,
    satisfaction_permille: 949,
    satisfaction_floor_percent: 95,
    satisfaction_met: false,
    certification_permille: 899,
    certification_floor_percent: 90,
    certification_met: false,
    capacity_projection: null,
    capacity_target: null,
    qualifying_competitions_assessed: 0,
    competition_min_count: null,
    at_risk: true,
    flags: [{ risk: 'satisfaction_low' as const, rule: '满意度 949/1000 低于 95%（949 × 100 < 95 × 1000）' }],
  }
  const zero = Object.fromEntries(Object.keys(figures).map((k) => [k, 0])) as typeof figures
  return {
    base_id: BASE_ID,
    title: '顺义区职业技能提升培训基地',
    organization_name: '顺义区测试技工学校',
    base_type: 'skills_upgrading',
    status: 'under_construction',
    recognised_on: '2025-11-01',
    current_month: 13,
    current_year: 2,
    commitments: {
      call_id: '00000000-0000-0000-0000-00000000d001',
      title: '顺义区职业技能提升培训基地',
      subsidy_fen: 100_000_000,
      first_tranche_percent: 40,
      first_tranche_fen: 40_000_000,
      final_tranche_fen: 60_000_000,
      construction_starts_on: '2025-11-01',
      construction_ends_on: '2027-10-31',
      construction_months: 24,
      improvement_months: 12,
      report_due_day: 10,
      year1_certificate_target: 600,
      two_year_certificate_target: 1800,
      satisfaction_floor_percent: 95,
      certification_rate_floor_percent: 90,
      capacity_per_year: 900,
      brand_award_fen: 5_000_000,
      brand_volume_multiplier: 2,
      high_skill_award_per_step_fen: 5_000_000,
      high_skill_step: 100,
      high_skill_award_cap_fen: 50_000_000,
      competition_min_count: null,
      competition_min_level: null,
      competition_min_contestants: null,
    },
    years: [
      year1,
      {
        ...year1,
        year: 2,
        first_month: 13,
        last_month: 24,
        months_elapsed: 0,
        figures: zero,
        certificate_target: 1800,
        reached_permille: 332,
        projection: null,
        projected_permille: null,
        satisfaction_permille: null,
        satisfaction_met: null,
        certification_permille: null,
        certification_met: null,
        capacity_target: 900,
        at_risk: false,
        flags: [],
      },
    ],
    total: figures,
    months: [],
    overdue_reports: 0,
    open_duplicates: 2,
    declared_mismatch_months: 0,
    at_risk: false,
    risks: [],
    projection_rule: '推算 = 本年度取证人次 ÷ 本年度已结束的整月数 × 12（向下取整）',
    computed_at: '2026-12-01T02:00:00Z',
  }
}

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

function common(path: string) {
  if (path === '/api/v1/me') return jsonResponse(200, meAdmin())
  if (path === '/api/v1/notifications') return jsonResponse(200, { items: [], total: 0, limit: 1, offset: 0, unread: 0 })
  return undefined
}

describe('基地指标台账', () => {
  it('lists bases with their share reached, risk and overdue tags, and filters by risk', async () => {
    const queries: URLSearchParams[] = []
    mockApi(async (req, path) => {
      if (path === '/api/v1/indicators/bases') {
        queries.push(new URL(req.url).searchParams)
        return jsonResponse(200, { items: [row()], total: 1, limit: 20, offset: 0 })
      }
      return common(path)
    })
    renderApp('/admin/indicators')
    const link = await screen.findByRole('link', { name: '顺义区职业技能提升培训基地' }, { timeout: 8000 })
    expect(link).toHaveAttribute('href', `/admin/indicators/${BASE_ID}`)
    const tableRow = link.closest('tr') as HTMLElement
    expect(within(tableRow).getByText('10 / 600')).toBeInTheDocument()
    expect(within(tableRow).getByText('1.6%')).toBeInTheDocument()
    expect(within(tableRow).getByText('94.9%')).toBeInTheDocument()
    expect(within(tableRow).getByText('逾期月报 1 份')).toBeInTheDocument()
    expect(within(tableRow).getByText('取证人次预计不达标')).toBeInTheDocument()
    expect(queries[0].get('sort')).toBe('reached')
    expect(queries[0].get('order')).toBe('asc')

    const user = userEvent.setup()
    await user.click(screen.getByRole('combobox', { name: '风险' }))
    await user.click(await screen.findByTitle('有风险'))
    await waitFor(() => expect(queries.at(-1)?.get('at_risk')).toBe('true'))
  })

  it('exports the filtered register as an XLSX file', async () => {
    let exported: URLSearchParams | undefined
    mockApi(async (req, path) => {
      if (path === '/api/v1/indicators/bases') return jsonResponse(200, { items: [row()], total: 1, limit: 20, offset: 0 })
      if (path === '/api/v1/indicators/bases/export') {
        exported = new URL(req.url).searchParams
        return new Response('xlsx', {
          status: 200,
          headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': 'attachment; filename="x.xlsx"' },
        })
      }
      return common(path)
    })
    renderApp('/admin/indicators')
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: /导出 Excel/ }, { timeout: 8000 }))
    await waitFor(() => expect(exported).toBeDefined())
    await waitFor(() => expect(saved).toHaveBeenCalled())
    expect(saved.mock.calls[0][1]).toBe('x.xlsx')
    expect(exported?.get('sort')).toBe('reached')
  })
})

describe('基地指标', () => {
  it('shows each construction year against its target with its flags and the rule used', async () => {
    mockApi(async (_req, path) => {
      if (path === `/api/v1/bases/${BASE_ID}/indicators`) return jsonResponse(200, indicators())
      return common(path)
    })
    renderApp(`/admin/indicators/${BASE_ID}`)
    const year1 = await screen.findByTestId('year-1', {}, { timeout: 8000 })
    expect(within(year1).getByText('第 1 年（第 1–12 月）')).toBeInTheDocument()
    expect(within(year1).getByText('99.8%')).toBeInTheDocument()
    expect(within(year1).getByText('满意度低于下限')).toBeInTheDocument()
    expect(within(year1).getByText(/949 × 100 < 95 × 1000/)).toBeInTheDocument()
    expect(within(year1).getAllByText('未达标')).toHaveLength(2)
    const year2 = screen.getByTestId('year-2')
    expect(within(year2).getByText('当前年度')).toBeInTheDocument()
    expect(within(year2).getByText('尚无整月，暂不推算')).toBeInTheDocument()
    expect(screen.getByText('待处理重复证书 2 组')).toBeInTheDocument()
    expect(await screen.findByTestId('charts')).toBeInTheDocument()
  })

  it('answers 404 of another organisation’s base with the error', async () => {
    mockApi(async (_req, path) => common(path))
    renderApp(`/admin/indicators/${BASE_ID}`)
    expect(await screen.findByText('记录不存在', {}, { timeout: 8000 })).toBeInTheDocument()
  })
})
