import path from 'node:path'
import type { Page, TestInfo } from '@playwright/test'

/** Saves a named full-page screenshot into tests/e2e/artifacts/ and attaches it to the report. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(testInfo.project.testDir, 'artifacts', `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  await testInfo.attach(name, { path: file, contentType: 'image/png' })
}
