/**
 * A base under construction, in the UI, on the demo data (`make run` seeds it):
 * the organisation of the 2026 base (base7@demo…) files its open monthly report with a certificate roster — the first
 * upload has a wrong ID check digit, the error is shown, the fixed file imports — and submits it; the bureau returns it
 * with a reason on one part; the organisation revises and resubmits (a second version); the bureau accepts it; the
 * organisation's indicators count the new certificates. Then the bureau resolves a cross-base duplicate certificate,
 * and the indicator charts are photographed for both sides.
 *
 * Everything the test uploads is new (random ID numbers and certificate numbers); it files the base's earliest report
 * still open (the demo leaves months 2 and 3); when an earlier run filed them all, it moves the stack's clock a month on
 * (development only) and puts it back afterwards.
 */
import path from 'node:path'
import { expect, test, type Page, type TestInfo } from '@playwright/test'
import { Shell } from './pages/Shell'
import { DEMO_PASSWORD } from './support/accounts'
import { apiToken } from './support/api'
import { runId } from './support/data'
import { loginAs, loginAsAdmin } from './support/login'
import { certificateCsv, chineseName, firstEditableReport, residentId, withWrongCheckDigit, type CertificateLine } from './support/roster'
import { resetClock } from './support/reviewApi'
import { timeouts } from '../../frontend/playwright.timeouts'

test.setTimeout(timeouts.scenario.reviewFlow)

const BASE_OWNER = 'base7@demo.skillbase.cn'

/** A named full-page screenshot (tests/e2e/artifacts/) once nothing is loading or animating. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0)
  await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0)
  const file = path.join(testInfo.project.testDir, 'artifacts', `${name}.png`)
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
  await testInfo.attach(name, { path: file, contentType: 'image/png' })
}

/** The certificates the indicators count (accepted reports only) for the construction year of `month`, through the API. */
async function assessedCertificates(page: Page, baseId: string, month: number): Promise<{ year: number; count: number }> {
  const token = await apiToken(page.request, BASE_OWNER, DEMO_PASSWORD)
  const res = await page.request.get(`/api/v1/bases/${baseId}/indicators`, { headers: { Authorization: `Bearer ${token}` } })
  expect(res.status(), await res.text()).toBe(200)
  const years = (await res.json()).years as { year: number; first_month: number; last_month: number; certificates_assessed: number }[]
  const y = years.find((y) => y.first_month <= month && month <= y.last_month)
  expect(y, `no construction year holds month ${month}`).toBeTruthy()
  return { year: y!.year, count: y!.certificates_assessed }
}

// the spec may move the stack's clock (support/roster.firstEditableReport): put it back whatever happened
test.afterEach(async ({ request }) => {
  await resetClock(request)
})

test('a monthly report with a roster: filed, returned, refiled, accepted, counted; a duplicate resolved', async ({ page }, testInfo) => {
  const id = runId()
  const report = await firstEditableReport(page.request, BASE_OWNER, DEMO_PASSWORD)
  const before = await assessedCertificates(page, report.baseId, report.monthNo)
  const lines: CertificateLine[] = [0, 1, 2].map((i) => ({
    name: chineseName(i + Number(id.slice(-2).replace(/\D/g, '') || 0)),
    id: residentId(),
    certificateNo: `S${id.replace(/\D/g, '').slice(-8).padStart(8, '0')}${i}`,
    issuedOn: report.periodStartsOn, // inside the month, and never after today
  }))
  const bad = lines.map((l, i) => (i === 2 ? { ...l, id: withWrongCheckDigit(l.id) } : l))
  const certificates = () => page.locator('.ant-card').filter({ has: page.getByText('取证人员名册', { exact: true }) }).last()
  const monthLink = `第 ${report.monthNo} 个月`

  await test.step('organisation: opens its base and the open month', async () => {
    await loginAs(page, BASE_OWNER, DEMO_PASSWORD)
    await new Shell(page).open('我的基地')
    await expect(page.getByRole('heading', { name: report.baseTitle })).toBeVisible()
    await page.getByRole('link', { name: monthLink, exact: true }).click()
    await expect(page.getByRole('heading', { name: new RegExp(`第 ${report.monthNo} 个月工作进展月报`) })).toBeVisible()
  })

  await test.step('organisation: writes the narrative (autosaved)', async () => {
    await page.getByLabel('本月工作进展').fill(`本月完成高级工取证培训 3 人，组织技能考核一次（${id}）。`)
    await page.getByLabel('存在问题').fill('实训设备排期紧张。')
    await page.getByLabel('下月工作计划').fill('开展第二期高级工培训。')
    await expect(page.getByText(/已自动保存/)).toBeVisible()
  })

  await test.step('organisation: a roster with a wrong check digit is refused whole, with the row and column named', async () => {
    await certificates().locator('input[type=file]').setInputFiles({ name: '取证人员名册.csv', mimeType: 'text/csv', buffer: certificateCsv(bad, report.specialty) })
    await expect(certificates().getByText('有错误，未导入')).toBeVisible()
    await expect(certificates().getByText('共 1 处错误（列出前 1 处）')).toBeVisible()
    const errorRow = certificates().locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '身份证号码' })
    await expect(errorRow).toHaveCount(1)
    await expect(errorRow.locator('td').first()).toHaveText('4') // the header is row 1: the third data row is row 4
    await expect(certificates().getByText('尚未导入名册')).toHaveCount(0)
    await shot(page, testInfo, '20-report-roster-error')
  })

  await test.step('organisation: the fixed roster imports; IDs are masked', async () => {
    await certificates().locator('input[type=file]').setInputFiles({ name: '取证人员名册-修正.csv', mimeType: 'text/csv', buffer: certificateCsv(lines, report.specialty) })
    await expect(certificates().getByText(/已导入 3 行/)).toBeVisible()
    const rows = certificates().locator('.ant-table-tbody tr.ant-table-row')
    await expect(rows).toHaveCount(3)
    for (const l of lines) {
      await expect(certificates().getByText(l.id)).toHaveCount(0) // never the full number
      await expect(certificates().getByText(`${l.id.slice(0, 6)}********${l.id.slice(14)}`)).toBeVisible()
    }
    await expect(certificates().getByRole('button', { name: /查看完整号码/ })).toHaveCount(0) // an applicant cannot reveal
  })

  await test.step('organisation: submits', async () => {
    await page.getByRole('button', { name: '报送月报' }).click()
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click()
    await expect(page.getByText('月报已报送', { exact: true })).toBeVisible()
    await expect(page.getByText(/本月报当前为「已报送」/)).toBeVisible()
    await shot(page, testInfo, '21-report-submitted')
    await new Shell(page).logout()
  })

  const reason = `请补充本月培训签到情况（${id}）`
  await test.step('bureau: finds it in 月报审核 and returns it with a reason on the narrative', async () => {
    await loginAsAdmin(page)
    await new Shell(page).open('月报审核') // opens on the reports awaiting review
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: report.organizationName }).filter({ hasText: monthLink })
    await expect(row).toHaveCount(1)
    await shot(page, testInfo, '22-admin-report-queue')
    await row.getByRole('link', { name: '审核' }).click()
    await expect(page.getByRole('heading', { name: new RegExp(`月报审核：.* · 第 ${report.monthNo} 个月`) })).toBeVisible()
    await expect(page.getByText(`本月完成高级工取证培训 3 人，组织技能考核一次（${id}）。`).first()).toBeVisible()
    await shot(page, testInfo, '22-admin-report-review-page')
    await page.getByRole('button', { name: '退回修改' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('checkbox', { name: '工作进展' }).check()
    await dialog.getByRole('textbox', { name: /工作进展/ }).fill(reason)
    await dialog.getByRole('button', { name: '退回修改' }).click()
    await expect(page.getByText('月报已退回', { exact: true })).toBeVisible()
    await new Shell(page).logout()
  })

  await test.step('organisation: sees the reason, revises and resubmits (version 2)', async () => {
    await loginAs(page, BASE_OWNER, DEMO_PASSWORD)
    await page.goto(`/app/reports/${report.reportId}`)
    await expect(page.getByText('月报被退回修改，请按下列意见修改后重新报送：')).toBeVisible()
    await expect(page.getByText(reason).first()).toBeVisible()
    await page.getByLabel('本月工作进展').fill(`本月完成高级工取证培训 3 人，签到表见佐证材料（${id}）。`)
    await expect(page.getByText(/已自动保存/)).toBeVisible()
    await page.getByRole('button', { name: '报送月报' }).click()
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click()
    await expect(page.getByText('月报已报送', { exact: true })).toBeVisible()
    await expect(page.getByText('第 2 版')).toBeVisible()
    await new Shell(page).logout()
  })

  await test.step('bureau: accepts the resubmitted version', async () => {
    await loginAsAdmin(page)
    await page.goto(`/app/admin/reports/${report.reportId}`)
    await expect(page.getByText('第 1 版').first()).toBeVisible() // the previous version beside the current one
    await page.getByRole('button', { name: '审核通过' }).click()
    await page.getByRole('tooltip').getByRole('button', { name: /确\s*定/ }).click()
    await expect(page.getByText('月报已审核通过', { exact: true })).toBeVisible()
    await new Shell(page).logout()
  })

  await test.step('organisation: its indicators count the three certificates', async () => {
    await expect.poll(async () => (await assessedCertificates(page, report.baseId, report.monthNo)).count).toBe(before.count + 3)
    await loginAs(page, BASE_OWNER, DEMO_PASSWORD)
    await new Shell(page).open('我的基地')
    const year = page.getByTestId(`year-${before.year}`)
    await expect(year.locator('.ant-statistic-content-value').first()).toHaveText(String(before.count + 3))
    await expect(page.locator('canvas').first()).toBeVisible() // the charts (ECharts) have drawn
    await shot(page, testInfo, '23-applicant-indicators-charts')
    await new Shell(page).logout()
  })

  await test.step('bureau: resolves a cross-base duplicate certificate with a reason', async () => {
    await loginAsAdmin(page)
    await new Shell(page).open('重复证书')
    await expect(page.getByRole('heading', { name: '重复证书', level: 3 })).toBeVisible()
    const resolveButtons = page.getByRole('button', { name: /^处理/ })
    await expect(resolveButtons.first()).toBeVisible()
    const openGroups = await resolveButtons.count()
    await shot(page, testInfo, '24-admin-duplicates')
    await resolveButtons.first().click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('radio').first().check()
    await dialog.getByLabel('理由').fill(`经核实为同一次考核取得，计入首次报送的基地（${id}）`)
    await dialog.getByRole('button', { name: /确\s*定/ }).click()
    await expect(dialog).toBeHidden()
    await expect(resolveButtons).toHaveCount(openGroups - 1)
  })

  await test.step('bureau: the indicator register and one base’s charts', async () => {
    await new Shell(page).open('基地指标')
    await expect(page.locator('.ant-table-tbody tr.ant-table-row').first()).toBeVisible()
    await shot(page, testInfo, '25-admin-indicator-register')
    await page.goto(`/admin/indicators/${report.baseId}`)
    await expect(page.getByTestId('year-1')).toBeVisible()
    await expect(page.locator('canvas').first()).toBeVisible()
    await shot(page, testInfo, '26-admin-base-indicators-charts')
  })
})
