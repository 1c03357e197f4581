import { expect, test } from '@playwright/test'
import { Shell } from './pages/Shell'
import { ALL_MENUS, MENUS, type DemoRole } from './support/accounts'
import { loginAsAdmin, loginAsApplicant, loginAsExpert } from './support/login'
import { snap } from './support/screenshots'

const logins: Record<DemoRole, typeof loginAsAdmin> = {
  admin: loginAsAdmin,
  expert: loginAsExpert,
  applicant: loginAsApplicant,
}

const ROLE_LABEL: Record<DemoRole, RegExp> = {
  admin: /区人社局管理员/,
  expert: /评审专家/,
  applicant: /申报单位(管理员|用户)/,
}

test.describe('each role sees only its own menu', () => {
  for (const role of Object.keys(logins) as DemoRole[]) {
    test(`${role} logs in and sees only its menu items`, async ({ page }, testInfo) => {
      await logins[role](page)
      const shell = new Shell(page)

      for (const label of MENUS[role]) {
        await expect(shell.menuItem(label), `${role} should see ${label}`).toBeVisible()
      }
      for (const label of ALL_MENUS.filter((l) => !MENUS[role].includes(l))) {
        // 单位用户 is for organisation owners: allowed for an applicant, never for the others.
        if (role === 'applicant' && label === '单位用户') continue
        await expect(shell.menuItem(label), `${role} must not see ${label}`).toHaveCount(0)
      }
      await expect(page.getByTestId('current-role')).toHaveText(ROLE_LABEL[role])
      await snap(page, testInfo, `01-${role}-home`)
    })
  }

  test('an applicant is refused an administrator page (403 result, not a logout)', async ({ page }, testInfo) => {
    await loginAsApplicant(page)
    await page.goto('/admin/organizations')
    await expect(page.getByText('无权访问')).toBeVisible()
    await expect(new Shell(page).menu).toBeVisible()
    await snap(page, testInfo, '01-applicant-forbidden')
  })
})
