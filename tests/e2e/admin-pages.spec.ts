import { expect, test } from '@playwright/test'
import { Shell } from './pages/Shell'
import { loginAsAdmin } from './support/login'
import { snap } from './support/screenshots'

test('an administrator opens every page of the menu and each one loads from the API', async ({ page }, testInfo) => {
  await loginAsAdmin(page)
  const shell = new Shell(page)
  const pages: [string, string][] = [
    ['专家库', '03-admin-experts'],
    ['管理员', '03-admin-admins'],
    ['审计日志', '03-admin-audit'],
    ['消息通知', '03-admin-notifications'],
    ['个人资料', '03-admin-profile'],
  ]
  for (const [label, shot] of pages) {
    await shell.open(label)
    await expect(page.getByRole('heading', { name: label, level: 3 })).toBeVisible()
    await expect(page.getByText('加载失败')).toHaveCount(0)
    await page.waitForLoadState('networkidle')
    await snap(page, testInfo, shot)
  }
})

test('the expert pool searches and filters on the server', async ({ page }) => {
  await loginAsAdmin(page)
  await new Shell(page).open('专家库')
  const rows = page.locator('.ant-table-tbody tr.ant-table-row')
  await expect(rows.first()).toBeVisible()
  await page.getByRole('searchbox', { name: '姓名、单位、专业或邮箱' }).fill('expert1@demo.skillbase.cn')
  await page.getByRole('button', { name: '搜索' }).click()
  await expect(rows).toHaveCount(1)
})

test('the audit log filters by action', async ({ page }) => {
  await loginAsAdmin(page)
  await new Shell(page).open('审计日志')
  await expect(page.locator('.ant-table-tbody tr.ant-table-row').first()).toBeVisible()
  const firstAction = (await page.locator('.ant-table-tbody tr.ant-table-row').first().locator('code').innerText()).trim()
  await page.getByRole('searchbox', { name: '按操作类型筛选' }).fill(firstAction)
  await page.getByRole('button', { name: '搜索' }).click()
  const actions = page.locator('.ant-table-tbody tr.ant-table-row code')
  await expect(actions.first()).toHaveText(firstAction)
  for (const text of await actions.allInnerTexts()) expect(text.trim()).toBe(firstAction)
})
