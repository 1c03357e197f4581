import { screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { tokens } from '../../../lib/tokens'
import { makeApplication, meAdmin } from '../../../test/fixtures'
import { jsonResponse, mockApi, renderApp } from '../../../test/render'

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

const COUNTS = {
  draft: 40,
  submitted: 7,
  returned: 1,
  formal_check_passed: 3,
  under_review: 6, // one digit: the badge animates each digit in its own span
  reviewed: 0,
  approved: 2,
  in_publicity: 5,
  recognised: 9,
  rejected: 4,
  withdrawn: 1,
}

describe('评审管理: the review queue', () => {
  it('reads every stage total from one stats request, and lists the current stage', async () => {
    const { draft_form: _f, draft_version: _v, status_reason: _r, editable: _e, attachments: _a, ...summary } = makeApplication({
      status: 'submitted',
      organization_name: '顺义区排队技工学校',
    })
    const lists: URLSearchParams[] = []
    let stats = 0
    const fetch = mockApi(async (req, path) => {
      if (path === '/api/v1/me') return jsonResponse(200, meAdmin())
      if (path === '/api/v1/notifications') return jsonResponse(200, { items: [], total: 0, limit: 1, offset: 0, unread: 0 })
      if (path === '/api/v1/applications/stats') {
        stats += 1
        return jsonResponse(200, { counts: COUNTS, total: 78 })
      }
      if (path === '/api/v1/applications') {
        lists.push(new URL(req.url).searchParams)
        return jsonResponse(200, { items: [summary], total: 7, limit: 20, offset: 0, next_cursor: null, total_is_estimate: false })
      }
      return undefined
    })
    renderApp('/admin/review')
    expect(await screen.findByText('顺义区排队技工学校', {}, { timeout: 8000 })).toBeInTheDocument()
    const tab = screen.getByRole('tab', { name: /待形式审查/ })
    expect(within(tab).getByText('7')).toBeInTheDocument()
    expect(within(screen.getByRole('tab', { name: /评审中/ })).getByText('6')).toBeInTheDocument()

    expect(stats).toBe(1)
    expect(lists).toHaveLength(1) // no limit=1 request per stage any more
    expect(lists[0]?.get('status')).toBe('submitted')
    const applicationCalls = fetch.mock.calls.filter(([input]) => String(input instanceof Request ? input.url : input).includes('/applications'))
    expect(applicationCalls).toHaveLength(2)
  }, 30_000)
})
