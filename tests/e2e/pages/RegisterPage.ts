import { expect, type Page } from '@playwright/test'
import type { NewOrganization } from '../support/data'

/** /register: the public organisation registration form. */
export class RegisterPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/register')
    await expect(this.page.getByRole('button', { name: '提交注册' })).toBeVisible()
  }

  /**
   * antd Select: open it by its label, then pick the option by its exact title inside the popup
   * that this combobox controls (aria-controls names its listbox), not any other open popup.
   */
  private async choose(label: string, option: string): Promise<void> {
    const combo = this.page.getByLabel(label, { exact: true })
    await combo.click()
    const listId = await combo.getAttribute('aria-controls')
    const popup = listId
      ? this.page.locator('.ant-select-dropdown', { has: this.page.locator(`[id="${listId}"]`) })
      : this.page.locator('.ant-select-dropdown:visible')
    await popup.getByTitle(option, { exact: true }).click()
  }

  /** The two person blocks share field labels: scope each by its section. */
  private async fillPerson(sectionIndex: number, p: NewOrganization['legal']): Promise<void> {
    const fields = this.page.getByLabel('姓名', { exact: true })
    await fields.nth(sectionIndex).fill(p.name)
    await this.page.getByLabel('部门及职务').nth(sectionIndex).fill(p.deptPost)
    await this.page.getByLabel('办公电话').nth(sectionIndex).fill(p.officePhone)
    await this.page.getByLabel('手机', { exact: true }).nth(sectionIndex).fill(p.mobile)
  }

  async fill(org: NewOrganization): Promise<void> {
    const p = this.page
    await p.getByLabel('单位名称').fill(org.name)
    await p.getByLabel('统一社会信用代码').fill(org.creditCode)
    await this.choose('单位类别', '职业技能培训机构')
    await this.choose('属性', '其他')
    await this.choose('企业资质', '技能型企业')
    await p.keyboard.press('Escape')
    await p.getByLabel('地址', { exact: true }).fill(org.address)
    await p.getByLabel('网址').fill(org.website)
    await this.fillPerson(0, org.legal)
    await this.fillPerson(1, org.contact)
    await p.getByLabel('开户银行').fill(org.bankName)
    await p.getByLabel('银行账号').fill(org.bankAccount)
    // The first user: its name and mobile are the third "姓名" / "手机" on the page.
    await p.getByLabel('姓名', { exact: true }).nth(2).fill(org.user.fullName)
    await p.getByLabel('邮箱').fill(org.user.email)
    await p.getByLabel('手机', { exact: true }).nth(2).fill(org.user.mobile)
    await p.getByLabel('密码', { exact: true }).fill(org.user.password)
    await p.getByLabel('确认密码').fill(org.user.password)
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: '提交注册' }).click()
  }

  async expectSubmitted(): Promise<void> {
    await expect(this.page.getByText('注册申请已提交', { exact: true })).toBeVisible()
  }
}
