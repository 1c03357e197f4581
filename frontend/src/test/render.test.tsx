import { screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RouteObject } from 'react-router-dom'
import { routes } from '../app/router'
import { loadLazyRoutes, mockApi, renderApp } from './render'

afterEach(() => vi.unstubAllGlobals())

function flatten(table: RouteObject[]): RouteObject[] {
  return table.flatMap((route) => [route, ...flatten(route.children ?? [])])
}

describe('the component-test harness', () => {
  it('loads every lazy route of the app up front, each to a page component', async () => {
    const lazyPaths = flatten(routes)
      .filter((route) => route.lazy)
      .map((route) => route.path)
    expect(lazyPaths.length).toBeGreaterThan(20)

    const loaded = flatten(await loadLazyRoutes(routes))
    expect(loaded.filter((route) => route.lazy)).toEqual([])
    for (const path of lazyPaths) {
      const route = loaded.find((r) => r.path === path)
      expect(route?.Component, path).toBeTypeOf('function')
    }
  })

  it('renderApp shows a lazily loaded page on the first render, without waiting for its import', () => {
    mockApi(() => undefined)
    renderApp('/register')
    // no findBy: the page is there synchronously, not the loading fallback
    expect(screen.getByLabelText('统一社会信用代码')).toBeInTheDocument()
  })
})
