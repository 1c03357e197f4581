import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import dayjs from 'dayjs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Notice } from '../../../api/publicity'
import { tokens } from '../../../lib/tokens'
import { meAdmin } from '../../../test/fixtures'
import { jsonResponse, mockApi, renderApp } from '../../../test/render'

const NOTICE_ID = '00000000-0000-0000-0000-00000000c001'
const day = (n: number) => dayjs().add(n, 'day').format('YYYY-MM-DD')

function draft(starts: number, ends: number): Notice {
  return {
    id: NOTICE_ID,
    title: '拟认定名单公示',
    body: '现予公示。',
    contact: '010-69440000',
    starts_on: day(starts),
    ends_on: day(ends),
    publicity_days: 7,
    status: 'draft',
    published_at: null,
    open_for_objections: false,
    items: [],
    objections_pending: 0,
    recognised: false,
    recognition: null,
  }
}

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

describe('公示详情: publishing a draft', () => {
  it('publishes a draft whose start has passed from today, with the same length', async () => {
    const notice = draft(-3, 3)
    let posted: unknown
    mockApi(async (req, path) => {
      if (path === '/api/v1/me') return jsonResponse(200, meAdmin())
      if (path === '/api/v1/notifications') return jsonResponse(200, { items: [], total: 0, limit: 1, offset: 0, unread: 0 })
      if (path === `/api/v1/publicity-notices/${NOTICE_ID}`) return jsonResponse(200, notice)
      if (path === `/api/v1/publicity-notices/${NOTICE_ID}/publish`) {
        posted = await req.json()
        return jsonResponse(200, { ...notice, status: 'published', starts_on: day(0), ends_on: day(6) })
      }
      return undefined
    })
    renderApp(`/admin/notices/${NOTICE_ID}`)
    const warning = await screen.findByTestId('notice-start-passed', {}, { timeout: 8000 })
    expect(warning).toHaveTextContent(`发布时公示期将改为 ${day(0)} 至 ${day(6)}`)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: /发布公示/ }))
    await user.click(within(await screen.findByRole('tooltip')).getByRole('button', { name: '确定' }))
    await waitFor(() => expect(posted).toEqual({ starts_on: day(0), ends_on: day(6) }))
  })

  it('publishes a draft that has not begun as it is, without a body', async () => {
    let request: Request | undefined
    mockApi(async (req, path) => {
      if (path === '/api/v1/me') return jsonResponse(200, meAdmin())
      if (path === '/api/v1/notifications') return jsonResponse(200, { items: [], total: 0, limit: 1, offset: 0, unread: 0 })
      if (path === `/api/v1/publicity-notices/${NOTICE_ID}`) return jsonResponse(200, draft(0, 6))
      if (path === `/api/v1/publicity-notices/${NOTICE_ID}/publish`) {
        request = req
        return jsonResponse(200, { ...draft(0, 6), status: 'published' })
      }
      return undefined
    })
    renderApp(`/admin/notices/${NOTICE_ID}`)
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: /发布公示/ }, { timeout: 8000 }))
    expect(screen.queryByTestId('notice-start-passed')).toBeNull()
    await user.click(within(await screen.findByRole('tooltip')).getByRole('button', { name: '确定' }))
    await waitFor(() => expect(request).toBeTruthy())
    expect(await request!.text()).toBe('')
  })
})
