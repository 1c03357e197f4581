import '@testing-library/jest-dom/vitest'
import { afterEach, vi } from 'vitest'
import { cleanup, configure } from '@testing-library/react'

/**
 * Every timeout of the component tests, in one place. CI and the shared development machine have
 * 2 cores that other jobs keep busy: there a page of antd renders, or a user-event `type` into it
 * runs, several times slower than on an idle laptop (measured under `stress-ng --cpu 2`: single
 * tests up to 7 s, the testing library's default of 1 s for `findBy*`/`waitFor` failed 10 of 135).
 * - ASYNC_UTIL_TIMEOUT: how long `findBy*` / `waitFor` wait for the DOM (also covers the 1.5 s
 *   autosave debounce, so tests need no per-call `{ timeout }`).
 * - TEST_TIMEOUT: one test or hook as a whole (several waits, typing into antd forms).
 * Don't pass ad-hoc timeouts in tests; change these if the machines change.
 */
const ASYNC_UTIL_TIMEOUT = 15_000
const TEST_TIMEOUT = 60_000

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
