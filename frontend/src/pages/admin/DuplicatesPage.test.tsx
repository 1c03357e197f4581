import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DuplicateGroup } from '../../client/types'
import { tokens } from '../../lib/tokens'
import { meAdmin } from '../../test/fixtures'
import { jsonResponse, mockApi, renderApp } from '../../test/render'

const row = (id: number, base: string, month: number) => ({
  id,
  base_id: `00000000-0000-0000-0000-00000000b00${id}`,
  base_title: base,
  report_id: `00000000-0000-0000-0000-00000000c00${id}`,
  month_no: month,
  row_no: 2,
  name: '李四',
  id_masked: '110113********0016',
  kind: 'skill_level' as const,
  level: 'senior' as const,
  occupation: '电工',
  certificate_no: 'X-9',
  issued_on: '2026-12-01',
  issuing_body: '鉴定中心',
})

const GROUP: DuplicateGroup = {
  id: '00000000-0000-0000-0000-0000000000d1',
  status: 'open',
  spans_bases: true,
  counted_row_id: null,
  reason: null,
  resolved_at: null,
  created_at: '2026-12-01T08:00:00Z',
  rows: [row(1, '甲基地', 1), row(2, '乙基地', 3)],
}

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

describe('重复证书', () => {
  it('shows a group’s rows side by side and resolves it with the chosen row and a reason', async () => {
    let sent: unknown
    const queries: string[] = []
    mockApi(async (req, path) => {
      if (path === '/api/v1/me') return jsonResponse(200, meAdmin())
      if (path === '/api/v1/notifications') return jsonResponse(200, { items: [], total: 0, limit: 1, offset: 0, unread: 0 })
      if (path === '/api/v1/duplicates' && req.method === 'GET') {
        queries.push(new URL(req.url).search)
        return jsonResponse(200, { items: [GROUP], total: 1, limit: 20, offset: 0 })
      }
      if (path === `/api/v1/duplicates/${GROUP.id}/resolve`) {
        sent = await req.json()
        return jsonResponse(200, { ...GROUP, status: 'resolved', counted_row_id: 2, reason: '以乙基地为准' })
      }
      return undefined
    })
    renderApp('/admin/duplicates')
    const tableRow = (await screen.findByText('跨基地', {}, { timeout: 8000 })).closest('tr')!
    expect(queries[0]).toContain('status=open')
    expect(within(tableRow).getByText(/甲基地/)).toBeInTheDocument()
    const user = userEvent.setup()
    await user.click(within(tableRow).getByRole('button', { name: '处理 李四' }))
    const dialog = await screen.findByRole('dialog', {}, { timeout: 8000 })
    expect(within(dialog).getByText('乙基地 · 第 3 个月 · 第 2 行')).toBeInTheDocument()
    await user.click(within(dialog).getByText('乙基地 · 第 3 个月 · 第 2 行'))
    await user.type(within(dialog).getByLabelText('理由'), '以乙基地为准')
    await user.click(within(dialog).getByRole('button', { name: '确定' }))
    await waitFor(() => expect(sent).toEqual({ counted_row_id: 2, reason: '以乙基地为准' }))
  }, 60_000)
})
