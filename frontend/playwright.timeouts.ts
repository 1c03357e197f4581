/**
 * Every timeout of the end-to-end tests (tests/e2e), in one place: playwright.config.ts takes its
 * defaults from here, and a spec or page object that needs longer names one of these instead of
 * writing its own number. (It lives next to the config because the config, an ES module, cannot
 * import named exports from tests/e2e, which Playwright loads as CommonJS.)
 *
 * The budgets are what a run needs on an idle 2-core machine, with some margin; each is multiplied by
 * E2E_TIMEOUT_FACTOR (default 2) because CI and the shared development machine run the browser, the
 * Vite dev server, the API and PostgreSQL on those 2 cores while other jobs keep them busy (the unit
 * tests measured 4–5× slower under `stress-ng --cpu 2`). A slow machine raises the factor; nothing
 * else should need to change.
 */
const FACTOR = Number(process.env.E2E_TIMEOUT_FACTOR || 2)
if (!(FACTOR >= 1)) throw new Error(`E2E_TIMEOUT_FACTOR must be a number ≥ 1, not ${process.env.E2E_TIMEOUT_FACTOR}`)

const scaled = (ms: number) => Math.round(ms * FACTOR)

export const timeouts = {
  /** One test, unless it sets one of the scenario budgets below. */
  test: scaled(60_000),
  /** One web-first assertion (`expect(locator)…`): a request to the API and a render, or the first
   *  load of a lazily loaded page from the dev server. */
  expect: scaled(10_000),
  /** The editor's 已保存: the 1.5 s autosave debounce, then the PUT of the whole form. */
  autosave: scaled(15_000),
  /** The eligibility panel after the last save or upload (it re-checks the whole application). */
  eligibility: scaled(20_000),
  /** The server renders an application PDF (preview and download). */
  pdf: scaled(30_000),
  /** Multi-page scenarios (`test.setTimeout(timeouts.scenario.x)`). */
  scenario: {
    /** calls.spec.ts: create, edit, publish a call and check both roles. */
    calls: scaled(3 * 60_000),
    /** application.spec.ts: fill every section of Annex 1, submit, download the PDF. */
    application: scaled(5 * 60_000),
    /** review-flow.spec.ts: every role, from the application to the recognised base. */
    reviewFlow: scaled(8 * 60_000),
  },
} as const
