import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mockApi, renderApp } from '../../test/render'
import { meExpert } from '../../test/fixtures'
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
