import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isRunning, progressPercent } from '../../api/rosters'
import { makeQueryClient } from '../../app/App'
import type { CertificateRow, Me, RosterRead } from '../../client/types'
import { I18nProvider } from '../../i18n'
import { tokens } from '../../lib/tokens'
import { meAdmin, meApplicant } from '../../test/fixtures'
import { jsonResponse, mockApi } from '../../test/render'
import { RosterPanel } from './RosterPanel'

const REPORT = '00000000-0000-0000-0000-0000000000a1'

function roster(over: Partial<RosterRead> = {}): RosterRead {
  return {
    id: '00000000-0000-0000-0000-0000000000f1',
    report_id: REPORT,
    kind: 'certificates',
    status: 'imported',
    original_name: '取证名册.xlsx',
    size_bytes: 1000,
    rows_total: 2,
    rows_processed: 2,
    error_count: 0,
    errors: [],
    created_at: '2026-12-01T08:00:00Z',
    started_at: '2026-12-01T08:00:01Z',
    finished_at: '2026-12-01T08:00:02Z',
    ...over,
  }
}

const ROW: CertificateRow = {
  id: 7,
  row_no: 2,
  name: '李四',
  id_masked: '110113********0016',
  occupation: '电工',
  kind: 'skill_level',
  level: 'senior',
  certificate_no: 'S0001',
  issued_on: '2026-12-01',
  issuing_body: '鉴定中心',
  duplicate: 'open',
}

function serve(me: Me, rosters: { imported: RosterRead | null; latest: RosterRead | null }, onReveal?: () => void) {
  return mockApi(async (req, path) => {
    if (path === '/api/v1/me') return jsonResponse(200, me)
    if (path === `/api/v1/reports/${REPORT}/rosters/certificates`) return jsonResponse(200, rosters)
    if (path === `/api/v1/reports/${REPORT}/rosters/certificates/rows`) {
      return jsonResponse(200, { items: [ROW], total: 1, limit: 20, offset: 0, kind: 'certificates', roster_id: rosters.imported?.id })
    }
    if (path === '/api/v1/roster-rows/certificates/7/reveal' && req.method === 'POST') {
      onReveal?.()
      return jsonResponse(200, { row_id: 7, id_number: '110113200001010016' })
    }
    return undefined
  })
}

function renderPanel(editable: boolean) {
  const queryClient = makeQueryClient()
  queryClient.setDefaultOptions({ queries: { retry: false } })
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider initialLang="zh">
        <ConfigProvider locale={zhCN}>
          <AntApp>
            <RosterPanel reportId={REPORT} kind="certificates" editable={editable} />
          </AntApp>
        </ConfigProvider>
      </I18nProvider>
    </QueryClientProvider>,
  )
}

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

describe('RosterPanel', () => {
  it('lists a failed upload’s errors by row and column beside the imported rows, with masked IDs and duplicate tags', async () => {
    const failed = roster({
      id: '00000000-0000-0000-0000-0000000000f2',
      status: 'failed',
      original_name: '新名册.xlsx',
      error_count: 1,
      errors: [{ row: 4, column: '身份证号码', code: 'check_digit', message: '身份证号码校验位错误（应为 6）' }],
    })
    const applicant = meApplicant(true)
    applicant.permissions = [...applicant.permissions, 'roster:write', 'base:read']
    serve(applicant, { imported: roster(), latest: failed })
    renderPanel(true)
    expect(await screen.findByText('有错误，未导入', {}, { timeout: 8000 })).toBeInTheDocument()
    expect(screen.getByText('身份证号码校验位错误（应为 6）').closest('tr')).toHaveTextContent('4身份证号码')
    expect(screen.getByRole('button', { name: /下载错误报告/ })).toBeInTheDocument()
    expect(await screen.findByText('110113********0016', {}, { timeout: 8000 })).toBeInTheDocument()
    expect(screen.getByText('重复待处理（暂不计入）')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /查看完整号码/ })).toBeNull() // an applicant never reveals
    expect(screen.getByText('点击或拖入 XLSX / CSV 文件上传')).toBeInTheDocument()
  }, 30_000)

  it('offers no upload when the report is not editable, and reveals an ID for an administrator', async () => {
    const reveal = vi.fn()
    serve(meAdmin(), { imported: roster(), latest: roster() }, reveal)
    renderPanel(false)
    const cell = (await screen.findByText('110113********0016', {}, { timeout: 8000 })).closest('td')!
    expect(screen.queryByText('点击或拖入 XLSX / CSV 文件上传')).toBeNull()
    await userEvent.setup().click(within(cell).getByRole('button', { name: '查看完整号码 李四' }))
    await waitFor(() => expect(reveal).toHaveBeenCalledOnce())
    expect(await screen.findByText('110113200001010016')).toBeInTheDocument()
  }, 30_000)
})

describe('import progress', () => {
  it('is a percent of the rows processed, polled while queued or importing', () => {
    expect(progressPercent(roster({ status: 'importing', rows_total: 400, rows_processed: 100 }))).toBe(25)
    expect(progressPercent(roster({ status: 'queued', rows_total: 0, rows_processed: 0 }))).toBe(0)
    expect(progressPercent(roster())).toBe(100)
    expect(isRunning(roster({ status: 'importing' }))).toBe(true)
    expect(isRunning(roster({ status: 'failed' }))).toBe(false)
    expect(isRunning(null)).toBe(false)
  })
})
