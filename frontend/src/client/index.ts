/**
 * The typed API client: openapi-fetch over the generated `schema.d.ts` (never edit that file:
 * `npm run client` regenerates it from ../openapi/openapi.json).
 *
 * Middleware:
 *  - adds `Authorization: Bearer <access>` from localStorage;
 *  - on a 401 tries ONE refresh (shared by concurrent requests, since refresh tokens rotate and
 *    a reused one revokes the whole family), then retries the request once;
 *  - if the refresh or the retry fails, clears the tokens and calls the session-expired handler
 *    (the app navigates to /login). A 403 is passed through: it is an answer to show, not a logout.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { tokens, type TokenPair } from '../lib/tokens'
import { ApiError, toApiError } from '../lib/errors'

export type { paths, components } from './schema'

export const API_PREFIX = '/api/v1'
const REFRESH_PATH = `${API_PREFIX}/auth/refresh`
/** Endpoints whose 401 means "wrong credentials", never "expired session". */
const NO_REFRESH_PATHS = [`${API_PREFIX}/auth/token`, REFRESH_PATH, `${API_PREFIX}/auth/logout`]

type SessionExpiredHandler = () => void
let onSessionExpired: SessionExpiredHandler = () => {
  if (typeof window !== 'undefined' && window.location.pathname !== '/login') {
    window.location.assign('/login?expired=1')
  }
}
/** The app registers how to leave for /login (router navigation + cache reset). */
export function setSessionExpiredHandler(handler: SessionExpiredHandler): void {
  onSessionExpired = handler
}

function expireSession(): void {
  tokens.clear()
  onSessionExpired()
}

export interface ApiClientOptions {
  baseUrl: string
  fetch?: typeof globalThis.fetch
}

export function createApiClient({ baseUrl, fetch: fetchImpl }: ApiClientOptions): Client<paths> {
  const doFetch: typeof globalThis.fetch = (input, init) => (fetchImpl ?? globalThis.fetch)(input, init)
  let refreshing: Promise<boolean> | null = null

  async function refreshOnce(): Promise<boolean> {
    const refreshToken = tokens.refresh()
    if (!refreshToken) return false
    try {
      const res = await doFetch(new Request(new URL(REFRESH_PATH, baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refresh_token: refreshToken }),
      }))
      if (!res.ok) return false
      const pair = (await res.json()) as TokenPair
      if (!pair?.access_token || !pair?.refresh_token) return false
      tokens.set(pair)
      return true
    } catch {
      return false
    }
  }

  /** One refresh at a time: every request that got a 401 meanwhile waits for the same answer. */
  function sharedRefresh(): Promise<boolean> {
    if (!refreshing) {
      refreshing = refreshOnce().finally(() => {
        refreshing = null
      })
    }
    return refreshing
  }

  const originals = new Map<string, Request>()

  const auth: Middleware = {
    onRequest({ request, id }) {
      const access = tokens.access()
      if (access && !request.headers.has('Authorization')) {
        request.headers.set('Authorization', `Bearer ${access}`)
      }
      const path = new URL(request.url).pathname
      if (!NO_REFRESH_PATHS.includes(path)) originals.set(id, request.clone())
      return request
    },
    async onResponse({ response, id }) {
      const original = originals.get(id)
      originals.delete(id)
      if (response.status !== 401 || !original) return response
      const sentToken = original.headers.get('Authorization')
      // Another request may already have refreshed: retry with the newer token directly.
      const current = tokens.access()
      const alreadyRefreshed = current !== null && sentToken !== `Bearer ${current}`
      if (!alreadyRefreshed && !(await sharedRefresh())) {
        expireSession()
        return response
      }
      const retry = new Request(original, { headers: new Headers(original.headers) })
      retry.headers.set('Authorization', `Bearer ${tokens.access()}`)
      const second = await doFetch(retry)
      if (second.status === 401) expireSession()
      return second
    },
    onError({ id }) {
      originals.delete(id)
    },
  }

  const client = createClient<paths>({ baseUrl, fetch: doFetch })
  client.use(auth)
  return client
}

const origin = typeof window !== 'undefined' ? window.location.origin : 'http://localhost'
export const api = createApiClient({ baseUrl: origin })

/**
 * Unwraps an openapi-fetch result: returns data, or throws an ApiError carrying the server's
 * Chinese message. Network failures become ApiError(0, 'NETWORK_ERROR').
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response }
  try {
    result = await call
  } catch (e) {
    if (e instanceof ApiError) throw e
    throw new ApiError(0, 'NETWORK_ERROR', '网络错误，请检查网络连接后重试')
  }
  const { data, error, response } = result
  if (!response.ok) throw toApiError(response.status, error, `请求失败（${response.status}）`)
  return data as T
}

/** The most a list answers per request (the server refuses more with 422). */
export const MAX_PAGE_SIZE = 100

/**
 * Every item of a list, page by page (every list answers `{items, total, limit, offset}`): for the
 * short lists a screen shows whole — versions, timeline, formal checks, an expert's assignments.
 */
export async function unwrapAll<T>(
  fetchPage: (page: { limit: number; offset: number }) => Promise<{
    data?: { items: T[]; total: number }
    error?: unknown
    response: Response
  }>,
  maxPages = 20,
): Promise<T[]> {
  const items: T[] = []
  for (let n = 0; n < maxPages; n++) {
    const page = await unwrap(fetchPage({ limit: MAX_PAGE_SIZE, offset: items.length }))
    items.push(...page.items)
    if (page.items.length === 0 || items.length >= page.total) break
  }
  return items
}

export interface BlobResult {
  blob: Blob
  /** from Content-Disposition (filename*=UTF-8'' first), when the server names the file */
  filename: string | null
}

/** The file name a Content-Disposition header gives, RFC 6266 / 5987 (UTF-8 form preferred). */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain ? plain[1].trim() : null
}

type LooseGet = (
  url: string,
  init: { params?: { path?: Record<string, string>; query?: Record<string, string | number | undefined> }; parseAs: 'blob' },
) => Promise<{ data?: Blob; error?: unknown; response: Response }>

/**
 * GET a binary resource (attachment, PDF) through the same authenticated client, so the bearer
 * token and the one-refresh-on-401 apply. `url` may be a path the generated schema does not know
 * yet (it is typed loosely on purpose).
 */
export async function getBlob(
  url: string,
  params?: { path?: Record<string, string>; query?: Record<string, string | number | undefined> },
): Promise<BlobResult> {
  const get = api.GET as unknown as LooseGet
  let result: Awaited<ReturnType<LooseGet>>
  try {
    result = await get(url, { params, parseAs: 'blob' })
  } catch (e) {
    if (e instanceof ApiError) throw e
    throw new ApiError(0, 'NETWORK_ERROR', '网络错误，请检查网络连接后重试')
  }
  const { data, error, response } = result
  if (!response.ok) {
    // error bodies are JSON even when a blob was asked for
    let body: unknown = error
    if (error instanceof Blob) {
      try {
        body = JSON.parse(await error.text())
      } catch {
        body = undefined
      }
    }
    throw toApiError(response.status, body, `请求失败（${response.status}）`)
  }
  return { blob: data as Blob, filename: dispositionFilename(response.headers.get('Content-Disposition')) }
}
