import { expect, type Locator, type Page } from '@playwright/test'

/** The signed-in frame: side menu, header with the user, language switch and logout. */
export class Shell {
  readonly menu: Locator

  constructor(private readonly page: Page) {
    this.menu = page.getByRole('menu', { name: '主导航' })
  }

  menuItem(label: string): Locator {
    return this.menu.getByRole('menuitem', { name: label, exact: true })
  }

  async menuLabels(): Promise<string[]> {
    const items = this.menu.getByRole('menuitem')
    return (await items.allInnerTexts()).map((s) => s.trim())
  }

  async open(label: string): Promise<void> {
    await this.menuItem(label).click()
  }

  async logout(): Promise<void> {
    await this.page.getByRole('button', { name: '退出登录' }).click()
    await expect(this.page).toHaveURL(/\/login/)
  }

  currentUser(): Locator {
    return this.page.getByTestId('current-user')
  }
}
