import { expect, test } from '@playwright/test'
import { LoginPage } from './pages/LoginPage'
import { runId, uniqueCreditCode } from './support/data'
import { snap } from './support/screenshots'

test('the login page is in Chinese and switches to English (choice kept on reload)', async ({ page }, testInfo) => {
  await new LoginPage(page).goto()
  await expect(page.getByText('技能人才培训基地管理平台')).toBeVisible()
  await expect(page.getByLabel('邮箱')).toBeVisible()
  await snap(page, testInfo, '00-login-zh')

  await page.getByRole('radiogroup', { name: '语言' }).getByText('English').click()
  await expect(page.getByRole('button', { name: 'Log in', exact: true })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('button', { name: 'Log in', exact: true })).toBeVisible()
  await snap(page, testInfo, '00-login-en')
  // Back to Chinese for the other tests of this browser context.
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('中文').click()
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()
})

test('wrong credentials show the server message', async ({ page }) => {
  const login = new LoginPage(page)
  await login.goto()
  // An unknown account: failures are throttled per account (and per IP), so a demo account is
  // never used here, or a few runs in a row would lock it out for the other tests.
  await login.login(`nobody-${runId()}@e2e.skillbase.cn`, 'not-the-password')
  const alert = page.getByRole('alert').filter({ hasText: '登录失败' })
  await expect(alert).toBeVisible()
  // The message is the server's (INVALID_CREDENTIALS), not a generic one.
  await expect(alert).not.toContainText('操作失败')
  await expect(page).toHaveURL(/\/login/)
})

test('registration: a credit code outside Shunyi warns, a wrong check character blocks', async ({ page }, testInfo) => {
  await page.goto('/register')
  const field = page.getByLabel('统一社会信用代码')
  const outside = uniqueCreditCode('110105')
  await field.fill(outside)
  await field.blur()
  await expect(page.getByText('行政区划码为 110105，不是顺义区')).toBeVisible()
  const wrong = outside.slice(0, 17) + (outside[17] === '0' ? '1' : '0')
  await field.fill(wrong)
  await field.blur()
  await expect(page.getByText('统一社会信用代码校验位不正确，请核对')).toBeVisible()
  await snap(page, testInfo, '00-register-credit-code')
})
