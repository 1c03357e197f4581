import { expect, test } from '@playwright/test'
import { LoginPage } from './pages/LoginPage'
import { RegisterPage } from './pages/RegisterPage'
import { ReviewPage } from './pages/ReviewPage'
import { Shell } from './pages/Shell'
import { newOrganization } from './support/data'
import { loginAs, loginAsAdmin } from './support/login'
import { snap } from './support/screenshots'

test('a new organisation registers, an administrator approves it, its user sees 已认证', async ({ page }, testInfo) => {
  const org = newOrganization()

  await test.step('register through /register', async () => {
    const register = new RegisterPage(page)
    await register.goto()
    await register.fill(org)
    await snap(page, testInfo, '02-1-register-filled')
    await register.submit()
    await register.expectSubmitted()
    await snap(page, testInfo, '02-2-register-submitted')
  })

  await test.step('the new user can log in and sees 待审核', async () => {
    await loginAs(page, org.user.email, org.user.password)
    await expect(page.getByTestId('org-status-card').getByTestId('org-status')).toHaveText('待审核')
    await snap(page, testInfo, '02-3-applicant-pending')
    await new Shell(page).logout()
  })

  await test.step('an administrator approves it in 单位审核', async () => {
    await loginAsAdmin(page)
    const shell = new Shell(page)
    await shell.open('单位审核')
    const review = new ReviewPage(page)
    await review.search(org.creditCode)
    await expect(page.getByRole('row').filter({ hasText: org.name })).toBeVisible()
    await snap(page, testInfo, '02-4-admin-review-list')
    await review.openOrganization(org.name)
    await snap(page, testInfo, '02-5-admin-review-drawer')
    await review.approve()
    await expect(review.drawer().getByTestId('org-status')).toHaveText('已认证')
    await snap(page, testInfo, '02-6-admin-approved')
    await page.keyboard.press('Escape')
    await shell.logout()
  })

  await test.step('the new user logs in and sees 已认证', async () => {
    await new LoginPage(page).loginAndWait(org.user.email, org.user.password)
    await expect(page.getByTestId('org-status-card').getByTestId('org-status')).toHaveText('已认证')
    await snap(page, testInfo, '02-7-applicant-verified')
  })
})
