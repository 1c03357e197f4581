import { screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { tokens } from '../../../lib/tokens'
import { meApplicant } from '../../../test/fixtures'
import { makeReport, REPORT_ID, REPORTER_PERMISSIONS } from '../../../test/reportFixtures'
import { jsonResponse, mockApi, renderApp } from '../../../test/render'
import type { Report } from '../../../api/reports'

beforeEach(() => {
  localStorage.clear() // no local copy of a draft from another test (the tokens live there too: set them after)
  tokens.set({ access_token: 'a', refresh_token: 'r' })
})
afterEach(() => vi.unstubAllGlobals())

function serve(report: Report, saves: { ifMatch: string | null; body: unknown }[] = []) {
  const me = meApplicant(true, { organization: { ...meApplicant(true).organization!, status: 'verified' } })
  me.permissions = [...me.permissions, ...REPORTER_PERMISSIONS]
  return mockApi(async (req, path) => {
    if (path === '/api/v1/me') return jsonResponse(200, me)
    if (path === '/api/v1/notifications') return jsonResponse(200, { items: [], total: 0, limit: 1, offset: 0, unread: 0 })
    if (path === `/api/v1/reports/${REPORT_ID}/draft`) {
      const body = (await req.json()) as Record<string, unknown>
      saves.push({ ifMatch: req.headers.get('if-match'), body })
      return jsonResponse(200, { ...report, ...body, version: report.version + 1 })
    }
    if (path === `/api/v1/reports/${REPORT_ID}`) return jsonResponse(200, report)
    if (path === `/api/v1/reports/${REPORT_ID}/versions`) return jsonResponse(200, { items: [], total: 0, limit: 100, offset: 0 })
    return undefined
  })
}

describe('the organisation edits its monthly report', () => {
  it('a returned report shows each reason beside the part it concerns, and stays editable', async () => {
    serve(makeReport({ status: 'returned', overdue: true, return_reasons: { narrative: '请补充培训期数', attachments: '缺少签到表' } }))
    renderApp(`/app/reports/${REPORT_ID}`)
    expect(await screen.findByTestId('reason-narrative')).toHaveTextContent('请补充培训期数')
    expect(screen.getByTestId('reason-attachments')).toHaveTextContent('缺少签到表')
    expect(screen.getByTestId('report-overdue')).toHaveTextContent('逾期')
    expect(screen.getByLabelText('本月工作进展')).toBeEnabled()
    expect(screen.getByRole('button', { name: '报送月报' })).toBeInTheDocument()
  })

  it('a submitted report is read-only: no submit button, inputs disabled', async () => {
    serve(makeReport({ status: 'submitted', editable: false, submitted_versions: 1 }))
    renderApp(`/app/reports/${REPORT_ID}`)
    expect(await screen.findByText('本月报当前为「已报送」，不能修改。')).toBeInTheDocument()
    expect(screen.getByLabelText('本月工作进展')).toBeDisabled()
    expect(screen.queryByRole('button', { name: '报送月报' })).not.toBeInTheDocument()
  })

  it('text typed on this device and never saved is restored and saved with If-Match', async () => {
    const report = makeReport({ version: 3, progress: '服务器上的旧内容' })
    localStorage.setItem(
      `skillbase.draft.report.${REPORT_ID}`,
      JSON.stringify({ form: { ...report, progress: '断网前输入的内容' }, baseVersion: 3, updatedAt: Date.now() }),
    )
    const saves: { ifMatch: string | null; body: unknown }[] = []
    serve(report, saves)
    renderApp(`/app/reports/${REPORT_ID}`)
    expect(await screen.findByDisplayValue('断网前输入的内容')).toBeInTheDocument()
    await waitFor(() => expect(saves.length).toBe(1), { timeout: 8000 })
    expect(saves[0].ifMatch).toBe('"3"')
    expect(saves[0].body).toMatchObject({ progress: '断网前输入的内容', declared_trainees: 40 })
  }, 60000)
})
