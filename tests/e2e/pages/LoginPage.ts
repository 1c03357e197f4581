import { expect, type Page } from '@playwright/test'

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/login')
    await expect(this.page.getByRole('button', { name: '登录', exact: true })).toBeVisible()
  }

  async login(email: string, password: string): Promise<void> {
    await this.page.getByLabel('邮箱').fill(email)
    await this.page.getByLabel('密码', { exact: true }).fill(password)
    await this.page.getByRole('button', { name: '登录', exact: true }).click()
  }

  /** Logs in and waits until the signed-in shell shows the user's navigation. */
  async loginAndWait(email: string, password: string): Promise<void> {
    await this.goto()
    await this.login(email, password)
    await expect(this.page.getByRole('menu', { name: '主导航' })).toBeVisible()
  }
}
