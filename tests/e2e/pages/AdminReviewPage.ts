import { expect, type Locator, type Page } from '@playwright/test'
import { chooseOption } from './AntSelect'

/** 评审管理: the stage tabs and the review workflow of one application (/admin/review/:id). */
export class AdminReviewPage {
  constructor(private readonly page: Page) {}

  async openQueue(stage: string): Promise<void> {
    await this.page.getByRole('menu', { name: '主导航' }).getByRole('menuitem', { name: '评审管理', exact: true }).click()
    await expect(this.page.getByRole('heading', { name: '评审管理' })).toBeVisible()
    await this.page.getByRole('tab', { name: new RegExp(`^${stage}`) }).click()
  }

  row(orgName: string): Locator {
    return this.page.getByRole('row').filter({ hasText: orgName })
  }

  async search(orgName: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: '单位名称' }).fill(orgName)
    await this.page.getByRole('button', { name: '搜索' }).click()
  }

  async openApplication(orgName: string): Promise<void> {
    await this.search(orgName)
    await this.row(orgName).getByRole('link', { name: orgName }).click()
    await expect(this.page.getByRole('heading', { name: `评审办理 · ${orgName}` })).toBeVisible()
  }

  formalCheck(): Locator {
    return this.page.getByTestId('formal-check-section')
  }

  async returnWithReason(section: string, reason: string): Promise<void> {
    const card = this.formalCheck()
    await card.getByText('退回修改', { exact: true }).first().click()
    await chooseOption(this.page, card.getByRole('combobox', { name: '章节 1' }), section)
    await card.getByRole('textbox', { name: '理由 1' }).fill(reason)
    await card.getByRole('button', { name: '退回修改' }).click()
    await expect(this.page.getByText('已退回申报单位修改', { exact: true })).toBeVisible()
  }

  async pass(): Promise<void> {
    const card = this.formalCheck()
    await card.getByRole('button', { name: '形式审查通过' }).click()
    await expect(this.page.getByText('形式审查已通过', { exact: true })).toBeVisible()
  }

  panelForm(): Locator {
    return this.page.getByTestId('panel-form')
  }

  /** The suggestion row of an expert: not excluded (回避 "—", checkbox enabled). */
  async expectEligible(name: string): Promise<void> {
    const row = this.panelForm().getByRole('row').filter({ hasText: name })
    await expect(row.getByRole('checkbox', { name: `选择 ${name}` })).toBeEnabled()
    await expect(row.locator('.ant-tag-red')).toHaveCount(0)
  }

  async choose(name: string): Promise<void> {
    await this.panelForm().getByRole('checkbox', { name: `选择 ${name}` }).check()
  }

  async makeLead(name: string): Promise<void> {
    await this.panelForm().getByRole('radio', { name: `设为组长 ${name}` }).check()
  }

  rule(id: 'min' | 'odd' | 'excluded' | 'lead'): Locator {
    return this.panelForm().getByTestId(`rule-${id}`)
  }

  submitPanelButton(): Locator {
    return this.panelForm().getByRole('button', { name: /^组建专家组/ })
  }

  async approve(opinion: string): Promise<void> {
    const card = this.page.getByTestId('decision-form')
    await card.getByLabel('行政部门审核意见').fill(opinion)
    await card.getByRole('button', { name: '确认拟认定' }).click()
    await expect(this.page.getByText('已作出拟认定决定', { exact: true })).toBeVisible()
  }
}
