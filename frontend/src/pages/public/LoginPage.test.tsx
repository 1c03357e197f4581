import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mockApi, renderApp } from '../../test/render'
import { meAdmin } from '../../test/fixtures'
import { tokens } from '../../lib/tokens'

afterEach(() => vi.unstubAllGlobals())

async function submit(email: string, password: string) {
  const user = userEvent.setup()
  await user.type(await screen.findByLabelText('邮箱'), email)
  await user.type(screen.getByLabelText('密码'), password)
  await user.click(screen.getByRole('button', { name: '登录' }))
}

describe('LoginPage', () => {
  it('shows the server message on a 401', async () => {
    mockApi((_req, path) =>
      path === '/api/v1/auth/token'
        ? jsonResponse(401, { error: { code: 'INVALID_CREDENTIALS', message: '邮箱或密码错误', details: null } })
        : undefined,
    )
    renderApp('/login')
    await submit('admin@demo.skillbase.cn', 'wrong-password')
    expect(await screen.findByText('邮箱或密码错误')).toBeInTheDocument()
    expect(tokens.has()).toBe(false)
  })

  it('shows the server message on a 429', async () => {
    mockApi((_req, path) =>
      path === '/api/v1/auth/token'
        ? jsonResponse(429, { error: { code: 'TOO_MANY_ATTEMPTS', message: '尝试次数过多，请稍后再试', details: null } })
        : undefined,
    )
    renderApp('/login')
    await submit('admin@demo.skillbase.cn', 'whatever-password')
    expect(await screen.findByText('尝试次数过多，请稍后再试')).toBeInTheDocument()
  })

  it('posts the form-encoded credentials, keeps the tokens and opens the home page', async () => {
    let sent = ''
    mockApi(async (req, path) => {
      if (path === '/api/v1/auth/token') {
        sent = await req.text()
        return jsonResponse(200, { access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: 900 })
      }
      if (path === '/api/v1/me') return jsonResponse(200, meAdmin())
      if (path === '/api/v1/organizations') return jsonResponse(200, { items: [], total: 0, limit: 20, offset: 0 })
      return undefined
    })
    const { router } = renderApp('/login')
    await submit('admin@demo.skillbase.cn', 'Demo-2026-skillbase')
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/organizations'))
    const params = new URLSearchParams(sent)
    expect(params.get('username')).toBe('admin@demo.skillbase.cn')
    expect(params.get('password')).toBe('Demo-2026-skillbase')
    expect(tokens.access()).toBe('a')
    expect(tokens.refresh()).toBe('r')
  })
})
