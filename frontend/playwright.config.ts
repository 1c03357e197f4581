import { defineConfig, devices } from '@playwright/test'
import { timeouts } from './playwright.timeouts'

/**
 * End-to-end tests against the running stack (`make run`: API on :8000, SPA on :5173).
 * Playwright cannot download its own browser on this machine: Debian's /usr/bin/chromium is used.
 * Screenshots: every test keeps one (screenshot: 'on', under test-results/), and the specs save
 * named ones at key steps into tests/e2e/artifacts/ (git-ignored).
 * Timeouts: all in playwright.timeouts.ts (scaled by E2E_TIMEOUT_FACTOR for slow machines).
 */
export default defineConfig({
  testDir: '../tests/e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: timeouts.test,
  expect: { timeout: timeouts.expect },
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    baseURL: process.env.E2E_BASE_URL || 'http://127.0.0.1:5173',
    screenshot: 'on',
    trace: 'retain-on-failure',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } }],
})
