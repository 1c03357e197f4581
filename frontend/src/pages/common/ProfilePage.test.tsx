import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mockApi, renderApp } from '../../test/render'
import { makeUser, meExpert } from '../../test/fixtures'
import { tokens } from '../../lib/tokens'

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

async function changePassword(current: string, next: string) {
  const user = userEvent.setup()
  await user.type(await screen.findByLabelText('当前密码'), current)
  await user.type(screen.getByLabelText('新密码'), next)
  await user.type(screen.getByLabelText('确认新密码'), next)
  await user.click(screen.getByRole('button', { name: '修改密码' }))
}

describe('ProfilePage password change', () => {
  it('after a 204 the sessions are gone: tokens cleared, back to /login with a message', async () => {
    let sent: unknown
    mockApi(async (req, path) => {
      if (path === '/api/v1/me') return jsonResponse(200, meExpert())
      if (path === '/api/v1/me/password') {
        sent = await req.json()
        return new Response(null, { status: 204 })
      }
      return jsonResponse(200, { items: [], total: 0, limit: 20, offset: 0, unread: 0 })
    })
    const { router } = renderApp('/profile')
    await changePassword('Demo-2026-skillbase', 'Brand-new-passw0rd')
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'))
    expect(sent).toEqual({ current_password: 'Demo-2026-skillbase', new_password: 'Brand-new-passw0rd' })
    expect(tokens.has()).toBe(false)
    expect(await screen.findByText(/密码已修改/)).toBeInTheDocument()
  })

  it('a wrong current password (422 details) is shown on the field, and the user stays signed in', async () => {
    mockApi((_req, path) => {
      if (path === '/api/v1/me') return jsonResponse(200, meExpert())
      if (path === '/api/v1/me/password') {
        return jsonResponse(422, {
          error: {
            code: 'VALIDATION_ERROR',
            message: '提交的数据不符合要求',
            details: [{ field: 'current_password', message: '当前密码不正确' }],
          },
        })
      }
      return jsonResponse(200, { items: [], total: 0, limit: 20, offset: 0, unread: 0 })
    })
    const { router } = renderApp('/profile')
    await changePassword('wrong-password', 'Brand-new-passw0rd')
    expect(await screen.findByText('当前密码不正确')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/profile')
    expect(tokens.has()).toBe(true)
  })
})

describe('ProfilePage profile edit', () => {
  it('sends If-Match with the version of /me, and shows the 412 of a profile changed meanwhile', async () => {
    const me = { ...meExpert(), user: makeUser({ role: 'expert', full_name: '王专家', version: 7 }) }
    const sent: { ifMatch: string | null; body: unknown }[] = []
    mockApi(async (req, path) => {
      if (path === '/api/v1/me' && req.method === 'GET') return jsonResponse(200, me)
      if (path === '/api/v1/me' && req.method === 'PATCH') {
        sent.push({ ifMatch: req.headers.get('If-Match'), body: await req.json() })
        return jsonResponse(412, {
          error: { code: 'STALE_VERSION', message: '记录已被他人修改，请刷新后重试', details: { current_version: 8, your_version: 7 } },
        })
      }
      return jsonResponse(200, { items: [], total: 0, limit: 20, offset: 0, unread: 0 })
    })
    renderApp('/profile')
    const user = userEvent.setup()
    const name = await screen.findByLabelText('姓名')
    await user.clear(name)
    await user.type(name, '王新名')
    await user.click(screen.getByRole('button', { name: /保\s*存/ }))
    expect(await screen.findByText('记录已被他人修改，请刷新后重试')).toBeInTheDocument()
    expect(sent).toEqual([{ ifMatch: '"7"', body: { full_name: '王新名', mobile: '13800000000' } }])
  })
})
