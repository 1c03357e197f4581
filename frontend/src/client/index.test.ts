import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createApiClient, MAX_PAGE_SIZE, setSessionExpiredHandler, unwrap, unwrapAll } from './index'
import { ACCESS_KEY, REFRESH_KEY, tokens } from '../lib/tokens'
import { ApiError } from '../lib/errors'

const BASE = 'http://api.test'

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const ME = { user: { id: 'u1' }, organization: null, expert: null, permissions: [] }
const PAIR2 = { access_token: 'access-2', refresh_token: 'refresh-2', token_type: 'bearer', expires_in: 900 }

/** A fake API: /me answers 200 only to "Bearer access-2"; refresh answers per `refreshStatus`. */
function fakeApi(opts: { refreshStatus?: number; meStatus?: (auth: string | null) => number } = {}) {
  const calls: { path: string; auth: string | null; body?: string }[] = []
  const fetchImpl = vi.fn(async (input: RequestInfo | URL) => {
    const req = input as Request
    const path = new URL(req.url).pathname
    const auth = req.headers.get('Authorization')
    const body = req.method === 'GET' ? undefined : await req.clone().text()
    calls.push({ path, auth, body })
    if (path === '/api/v1/auth/refresh') {
      const status = opts.refreshStatus ?? 200
      return status === 200 ? json(200, PAIR2) : json(status, { error: { code: 'INVALID_TOKEN', message: '登录已失效' } })
    }
    if (path === '/api/v1/auth/token') {
      return json(401, { error: { code: 'INVALID_CREDENTIALS', message: '邮箱或密码错误', details: null } })
    }
    const status = opts.meStatus ? opts.meStatus(auth) : auth === 'Bearer access-2' ? 200 : 401
    if (status === 200) return json(200, path === '/api/v1/me' ? ME : { ok: true })
    if (status === 403) return json(403, { error: { code: 'FORBIDDEN', message: '无权执行此操作', details: null } })
    return json(401, { error: { code: 'UNAUTHORIZED', message: '未登录或登录已失效', details: null } })
  })
  return { fetchImpl, calls, client: createApiClient({ baseUrl: BASE, fetch: fetchImpl as typeof fetch }) }
}

describe('API client middleware', () => {
  let expired: ReturnType<typeof vi.fn>
  beforeEach(() => {
    expired = vi.fn()
    setSessionExpiredHandler(expired as unknown as () => void)
    tokens.set({ access_token: 'access-1', refresh_token: 'refresh-1' })
  })

  it('sends the access token as a Bearer header', async () => {
    const { client, calls } = fakeApi({ meStatus: () => 200 })
    await unwrap(client.GET('/api/v1/me'))
    expect(calls[0].auth).toBe('Bearer access-1')
  })

  it('on a 401 refreshes once, stores the new pair and retries the request', async () => {
    const { client, calls } = fakeApi()
    const me = await unwrap(client.GET('/api/v1/me'))
    expect(me).toEqual(ME)
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/me', '/api/v1/auth/refresh', '/api/v1/me'])
    expect(calls[1].body).toBe(JSON.stringify({ refresh_token: 'refresh-1' }))
    expect(calls[2].auth).toBe('Bearer access-2')
    expect(localStorage.getItem(ACCESS_KEY)).toBe('access-2')
    expect(localStorage.getItem(REFRESH_KEY)).toBe('refresh-2')
    expect(expired).not.toHaveBeenCalled()
  })

  it('replays the JSON body of a retried request', async () => {
    const { client, calls } = fakeApi()
    await unwrap(client.PATCH('/api/v1/me', { params: { header: { 'if-match': '"1"' } }, body: { full_name: '新名字' } }))
    expect(calls[2].path).toBe('/api/v1/me')
    expect(calls[2].body).toBe(JSON.stringify({ full_name: '新名字' }))
  })

  it('concurrent 401s share one refresh (rotating refresh tokens must not be reused)', async () => {
    const { client, calls } = fakeApi()
    await Promise.all([unwrap(client.GET('/api/v1/me')), unwrap(client.GET('/api/v1/me')), unwrap(client.GET('/api/v1/me'))])
    expect(calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1)
    expect(expired).not.toHaveBeenCalled()
  })

  it('when the refresh fails: clears the tokens and leaves for /login', async () => {
    const { client, calls } = fakeApi({ refreshStatus: 401 })
    await expect(unwrap(client.GET('/api/v1/me'))).rejects.toMatchObject({ status: 401 })
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/me', '/api/v1/auth/refresh'])
    expect(tokens.access()).toBeNull()
    expect(tokens.refresh()).toBeNull()
    expect(expired).toHaveBeenCalledTimes(1)
  })

  it('when the retry is refused again: logs out, no second refresh', async () => {
    const { client, calls } = fakeApi({ meStatus: () => 401 })
    await expect(unwrap(client.GET('/api/v1/me'))).rejects.toBeInstanceOf(ApiError)
    expect(calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1)
    expect(expired).toHaveBeenCalledTimes(1)
    expect(tokens.has()).toBe(false)
  })

  it('a 403 is an answer, not a logout', async () => {
    const { client, calls } = fakeApi({ meStatus: () => 403 })
    const err = await unwrap(client.GET('/api/v1/organizations', { params: { query: {} } })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).status).toBe(403)
    expect((err as ApiError).message).toBe('无权执行此操作')
    expect(calls).toHaveLength(1)
    expect(expired).not.toHaveBeenCalled()
    expect(tokens.access()).toBe('access-1')
  })

  it('a 401 from the login endpoint is wrong credentials: no refresh, no logout', async () => {
    const { client, calls } = fakeApi()
    const err = await unwrap(
      client.POST('/api/v1/auth/token', {
        body: { username: 'a@b.cn', password: 'x', scope: '' },
        bodySerializer: (b) => new URLSearchParams(b as Record<string, string>),
      }),
    ).catch((e: unknown) => e)
    expect((err as ApiError).code).toBe('INVALID_CREDENTIALS')
    expect((err as ApiError).message).toBe('邮箱或密码错误')
    expect(calls).toHaveLength(1)
    expect(expired).not.toHaveBeenCalled()
  })

  it('network failures become an ApiError with status 0', async () => {
    const client = createApiClient({
      baseUrl: BASE,
      fetch: (async () => {
        throw new TypeError('Failed to fetch')
      }) as typeof fetch,
    })
    await expect(unwrap(client.GET('/api/v1/me'))).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' })
  })
})

describe('unwrapAll', () => {
  const pageOf = (total: number) => async ({ limit, offset }: { limit: number; offset: number }) => {
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i)
    return { data: { items, total, limit, offset }, response: new Response(null, { status: 200 }) }
  }

  it('reads every page of a list longer than one page', async () => {
    const seen: number[] = []
    const all = await unwrapAll(async (page) => {
      seen.push(page.offset)
      return pageOf(2 * MAX_PAGE_SIZE + 5)(page)
    })
    expect(all).toHaveLength(2 * MAX_PAGE_SIZE + 5)
    expect(all[all.length - 1]).toBe(2 * MAX_PAGE_SIZE + 4)
    expect(seen).toEqual([0, MAX_PAGE_SIZE, 2 * MAX_PAGE_SIZE])
  })

  it('asks once for a short or an empty list', async () => {
    const fetchPage = vi.fn(pageOf(3))
    expect(await unwrapAll(fetchPage)).toEqual([0, 1, 2])
    expect(fetchPage).toHaveBeenCalledTimes(1)
    expect(await unwrapAll(pageOf(0))).toEqual([])
  })

  it('throws the server error of a failed page', async () => {
    const failing = async () => ({
      error: { error: { code: 'NOT_FOUND', message: '记录不存在', details: null } },
      response: new Response(null, { status: 404 }),
    })
    await expect(unwrapAll(failing)).rejects.toBeInstanceOf(ApiError)
  })
})
