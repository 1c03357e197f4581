import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { tokens } from '../../../lib/tokens'
import { meAdmin } from '../../../test/fixtures'
import { makeReport, makeReportVersion, REPORT_ID, REVIEWER_PERMISSIONS } from '../../../test/reportFixtures'
import { jsonResponse, mockApi, renderApp } from '../../../test/render'

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

function serve(sent: { path: string; ifMatch: string | null; body: unknown }[]) {
  const admin = meAdmin()
  admin.permissions = [...admin.permissions, ...REVIEWER_PERMISSIONS]
  const submitted = makeReport({ status: 'submitted', editable: false, submitted_versions: 2, version: 7 })
  return mockApi(async (req, path) => {
    if (path === '/api/v1/me') return jsonResponse(200, admin)
    if (path === '/api/v1/notifications') return jsonResponse(200, { items: [], total: 0, limit: 1, offset: 0, unread: 0 })
    if (path === `/api/v1/reports/${REPORT_ID}`) return jsonResponse(200, submitted)
    if (path === `/api/v1/reports/${REPORT_ID}/versions/2`) return jsonResponse(200, makeReportVersion(2, '第二版：开班三期'))
    if (path === `/api/v1/reports/${REPORT_ID}/versions/1`) {
      return jsonResponse(200, makeReportVersion(1, '第一版：开班两期', { outcome: 'returned', outcome_reasons: { narrative: '请补充期数' } }))
    }
    if (path === `/api/v1/reports/${REPORT_ID}/return`) {
      sent.push({ path, ifMatch: req.headers.get('if-match'), body: await req.json() })
      return jsonResponse(200, { ...submitted, status: 'returned', version: 8 })
    }
    return undefined
  })
}

describe('the administrator reviews a monthly report', () => {
  it('shows the submitted version beside the previous one, with the reason that version was returned for', async () => {
    serve([])
    renderApp(`/app/admin/reports/${REPORT_ID}`)
    expect(await screen.findByText('第二版：开班三期')).toBeInTheDocument()
    expect(await screen.findByText('第一版：开班两期')).toBeInTheDocument()
    expect(screen.getByText('上一版（第 1 版）')).toBeInTheDocument()
    expect(screen.getByTestId('reason-narrative')).toHaveTextContent('请补充期数')
  })

  it('returns only with at least one part and a reason for each part ticked, sent with If-Match', async () => {
    const sent: { path: string; ifMatch: string | null; body: unknown }[] = []
    serve(sent)
    renderApp(`/app/admin/reports/${REPORT_ID}`)
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: '退回修改' }))
    const dialog = await screen.findByRole('dialog')
    const ok = within(dialog).getAllByRole('button', { name: '退回修改' }).at(-1)!
    await user.click(ok)
    expect(await within(dialog).findByText('请至少勾选一部分')).toBeInTheDocument()
    await user.click(within(dialog).getByRole('checkbox', { name: '佐证材料' }))
    await user.click(ok)
    expect(await within(dialog).findByText('请填写「佐证材料」的退回理由')).toBeInTheDocument()
    expect(sent).toEqual([])
    await user.type(within(dialog).getByRole('textbox', { name: '佐证材料' }), '签到表不清晰')
    await user.click(ok)
    expect(await screen.findByText('月报已退回')).toBeInTheDocument()
    expect(sent).toEqual([{ path: `/api/v1/reports/${REPORT_ID}/return`, ifMatch: '"7"', body: { reasons: { attachments: '签到表不清晰' } } }])
  })
})
