import { expect, type Page } from '@playwright/test'

/** 单位审核: the administrator's organisation review list and its detail drawer. */
export class ReviewPage {
  constructor(private readonly page: Page) {}

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: '单位名称或信用代码' }).fill(text)
    await this.page.getByRole('button', { name: '搜索' }).click()
  }

  async openOrganization(name: string): Promise<void> {
    await this.page.getByRole('row').filter({ hasText: name }).getByRole('button', { name: `查看 ${name}` }).click()
    await expect(this.drawer().getByText(name).first()).toBeVisible()
  }

  drawer() {
    return this.page.getByRole('dialog').filter({ hasText: '单位详情' })
  }

  async approve(): Promise<void> {
    await this.drawer().getByRole('button', { name: '通过', exact: true }).click()
    await this.page.getByRole('tooltip').getByRole('button', { name: '确定' }).click()
    await expect(this.page.getByText('已通过审核')).toBeVisible()
  }

  async reject(reason: string): Promise<void> {
    await this.drawer().getByRole('button', { name: '驳回', exact: true }).click()
    const modal = this.page.getByRole('dialog').filter({ hasText: '驳回单位注册' })
    await modal.getByLabel('驳回原因').fill(reason)
    await modal.getByRole('button', { name: '驳回', exact: true }).click()
  }
}
