import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import { render } from '@testing-library/react'
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router-dom'
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

/**
 * The app's route table with every `lazy` route already loaded: each page module is imported
 * once, here, when a component test file starts, instead of when the router first reaches it
 * inside a test. Under load that import (transform and evaluation of an antd page) took longer
 * than a `findBy*` wait; now the first render and every navigation in a test show the page at
 * once (no HydrateFallback), and a page that fails to import fails the file with its own error.
 */
export async function loadLazyRoutes(table: RouteObject[]): Promise<RouteObject[]> {
  return Promise.all(
    table.map(async (route) => {
      const { lazy, children, ...rest } = route
      if (lazy !== undefined && typeof lazy !== 'function') {
        throw new Error(`route ${route.path ?? '(index)'}: only lazy() functions are preloaded by the test harness`)
      }
      const loaded = lazy ? await lazy() : {}
      if (lazy && !loaded.Component && !loaded.element) {
        throw new Error(`route ${route.path ?? '(index)'}: lazy() gave no Component`)
      }
      const resolved = { ...rest, ...loaded } as RouteObject
      if (children) resolved.children = await loadLazyRoutes(children)
      return resolved
    }),
  )
}

const loadedRoutes = await loadLazyRoutes(routes)

/** Renders the real route table at `path` with every provider of the app. */
export function renderApp(path: string) {
  const queryClient = makeQueryClient()
  queryClient.setDefaultOptions({ queries: { retry: false } })
  const router = createMemoryRouter(loadedRoutes, { initialEntries: [path] })
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
