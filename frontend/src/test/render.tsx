import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import { render } from '@testing-library/react'
import { createMemoryRouter, RouterProvider } from 'react-router-dom'
import { vi } from 'vitest'
import { makeQueryClient } from '../app/App'
import { routes } from '../app/router'
import { I18nProvider } from '../i18n'

export type Handler = (req: Request, path: string) => Response | undefined | Promise<Response | undefined>

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

/** Replaces fetch: each request goes to `handler`; unhandled ones answer 404. Returns the mock. */
export function mockApi(handler: Handler) {
  const fn = vi.fn(async (input: RequestInfo | URL) => {
    const req = input instanceof Request ? input : new Request(String(input))
    const path = new URL(req.url).pathname
    return (await handler(req, path)) ?? jsonResponse(404, { error: { code: 'NOT_FOUND', message: '记录不存在' } })
  })
  vi.stubGlobal('fetch', fn)
  return fn
}

/** Renders the real route table at `path` with every provider of the app. */
export function renderApp(path: string) {
  const queryClient = makeQueryClient()
  queryClient.setDefaultOptions({ queries: { retry: false } })
  const router = createMemoryRouter(routes, { initialEntries: [path] })
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider initialLang="zh">
        <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
          <AntApp>
            <RouterProvider router={router} />
          </AntApp>
        </ConfigProvider>
      </I18nProvider>
    </QueryClientProvider>,
  )
  return { ...utils, router, queryClient }
}
