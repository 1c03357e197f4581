import '@testing-library/jest-dom/vitest'
import { afterEach, vi } from 'vitest'
import { cleanup, configure } from '@testing-library/react'

/**
 * Every timeout of the component tests, in one place. CI and the shared development machine have
 * 2 cores that other jobs keep busy: there a page of antd renders, or a user-event `type` into it
 * runs, many times slower than on an idle laptop. With the testing library's default of 1 s for
 * `findBy*`/`waitFor`, 10 of 135 tests failed under `stress-ng --cpu 2`. Measured under that load
 * plus the other engineers' test runs (load average ~12 on 2 cores): the longest single wait 7.9 s,
 * the longest test 44 s (idle: under 2 s). Both limits below leave more than 2× that margin.
 * - ASYNC_UTIL_TIMEOUT: how long `findBy*` / `waitFor` wait for the DOM (also covers the 1.5 s
 *   autosave debounce, so tests need no per-call `{ timeout }`).
 * - TEST_TIMEOUT: one test or hook as a whole (several waits, typing into antd forms).
 * Don't pass ad-hoc timeouts in tests; change these if the machines change.
 */
const ASYNC_UTIL_TIMEOUT = 30_000
const TEST_TIMEOUT = 120_000

configure({ asyncUtilTimeout: ASYNC_UTIL_TIMEOUT })
vi.setConfig({ testTimeout: TEST_TIMEOUT, hookTimeout: TEST_TIMEOUT })

afterEach(() => {
  cleanup()
  localStorage.clear()
})

// antd relies on these browser APIs that jsdom lacks.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList
}
if (!('ResizeObserver' in window)) {
  class RO {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  ;(window as unknown as { ResizeObserver: typeof RO }).ResizeObserver = RO
}
