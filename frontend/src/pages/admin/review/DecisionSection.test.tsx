import { screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { tokens } from '../../../lib/tokens'
import { makeApplication, meAdmin } from '../../../test/fixtures'
import { jsonResponse, mockApi, renderApp } from '../../../test/render'
import type { Decision } from '../../../api/reviews'

const APP_ID = '00000000-0000-0000-0000-00000000a002'
const application = makeApplication({
  id: APP_ID,
  status: 'rejected',
  status_changed_at: '2026-11-20T00:00:00Z',
  updated_at: '2026-11-20T00:00:00Z',
  status_reason: '公示异议成立：实训场地为临时租用',
})
const decision: Decision = {
  decision: 'approved',
  admin_opinion: '同意拟认定',
  decided_at: '2026-11-10T02:00:00Z',
  superseded_at: null,
  superseded_reason: null,
  superseded_by_objection_id: null,
  in_force: true,
}

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

function serve(d: Decision) {
  mockApi(async (_req, path) => {
    if (path === '/api/v1/me') return jsonResponse(200, meAdmin())
    if (path === '/api/v1/notifications') return jsonResponse(200, { items: [], total: 0, limit: 1, offset: 0, unread: 0 })
    if (path === `/api/v1/applications/${APP_ID}`) return jsonResponse(200, application)
    if (path === `/api/v1/applications/${APP_ID}/decision`) return jsonResponse(200, d)
    if (path === `/api/v1/applications/${APP_ID}/formal-checks`) return jsonResponse(200, [])
    if (path.startsWith('/api/v1/')) return jsonResponse(404, { error: { code: 'NOT_FOUND', message: '不存在', details: [] } })
    return undefined
  })
}

describe('审核决定', () => {
  it('says an approval overturned by an upheld objection no longer stands, with the reason', async () => {
    serve({
      ...decision,
      superseded_at: '2026-11-20T02:00:00Z',
      superseded_reason: '公示异议成立：实训场地为临时租用',
      superseded_by_objection_id: '00000000-0000-0000-0000-00000000f001',
      in_force: false,
    })
    renderApp(`/admin/review/${APP_ID}`)
    const card = await screen.findByTestId('decision', {}, { timeout: 8000 })
    const alert = await within(card).findByTestId('decision-superseded')
    expect(alert).toHaveTextContent('该决定已被异议撤销')
    expect(alert).toHaveTextContent('实训场地为临时租用')
    expect(within(card).getByText('已被异议撤销')).toBeInTheDocument()
  })

  it('shows an approval in force without the overturn notice', async () => {
    serve(decision)
    renderApp(`/admin/review/${APP_ID}`)
    const card = await screen.findByTestId('decision', {}, { timeout: 8000 })
    expect(await within(card).findByText('拟认定')).toBeInTheDocument()
    expect(within(card).queryByTestId('decision-superseded')).toBeNull()
  })
})
