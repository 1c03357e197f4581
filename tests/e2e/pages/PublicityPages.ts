import { expect, type Locator, type Page } from '@playwright/test'
import { chooseOption } from './AntSelect'

/** 公示管理 (administrator): compose, publish, objections, recognition. */
export class AdminNoticePage {
  constructor(private readonly page: Page) {}

  async openList(): Promise<void> {
    await this.page.getByRole('menu', { name: '主导航' }).getByRole('menuitem', { name: '公示管理', exact: true }).click()
    await expect(this.page.getByRole('heading', { name: '公示管理' })).toBeVisible()
  }

  drawer(): Locator {
    return this.page.getByRole('dialog').filter({ hasText: '拟定公示' })
  }

  async compose(orgName: string, title: string): Promise<void> {
    await this.page.getByRole('button', { name: '拟定公示' }).click()
    const d = this.drawer()
    await d.getByRole('checkbox', { name: `选择 ${orgName}` }).check()
    await d.getByLabel('公示标题').fill(title)
    await d.getByRole('button', { name: /^保存为草稿/ }).click()
    await expect(this.page.getByRole('heading', { name: title })).toBeVisible()
  }

  async publish(): Promise<void> {
    await this.page.getByRole('button', { name: '发布公示' }).click()
    await this.page.getByRole('tooltip').getByRole('button', { name: '确定' }).click()
    await expect(this.page.getByText('公示已发布', { exact: true })).toBeVisible()
  }

  objections(): Locator {
    return this.page.getByTestId('objections')
  }

  async dismiss(ticket: string, reason: string): Promise<void> {
    await this.objections().getByRole('button', { name: `处理 ${ticket}` }).click()
    const modal = this.page.getByRole('dialog').filter({ hasText: `处理异议 ${ticket}` })
    await modal.getByRole('radio', { name: '异议不成立' }).check()
    await modal.getByLabel('处理理由').fill(reason)
    await modal.getByRole('button', { name: '提交', exact: true }).click()
    await expect(this.page.getByText('已认定异议不成立', { exact: true })).toBeVisible()
  }

  recognition(): Locator {
    return this.page.getByTestId('recognition')
  }

  async recognise(documentNumber: string): Promise<void> {
    const card = this.recognition()
    await card.getByLabel('认定文号').fill(documentNumber)
    await card.getByRole('button', { name: '认定发文' }).click()
    await expect(this.page.getByText(/已认定，新增基地 \d+ 个/)).toBeVisible()
  }
}

/** The public pages (no login): notices, objection form, objection status, bases. */
export class PublicPages {
  constructor(readonly page: Page) {}

  async openNoticesFromLogin(): Promise<void> {
    await this.page.goto('/login')
    await this.page.getByRole('navigation', { name: '公开信息' }).getByRole('link', { name: '公示公告' }).click()
    await expect(this.page.getByRole('heading', { name: '公示公告' })).toBeVisible()
  }

  async openNotice(title: string): Promise<void> {
    await this.page.getByRole('link', { name: title }).click()
    await expect(this.page.getByRole('heading', { name: title })).toBeVisible()
  }

  async fileObjection(o: {
    name: string
    contact: string
    orgName: string
    text: string
    file?: { name: string; mimeType: string; buffer: Buffer }
  }): Promise<string> {
    const form = this.page.getByTestId('objection-form')
    await form.getByLabel('姓名').fill(o.name)
    await form.getByLabel('联系方式').fill(o.contact)
    await chooseOption(this.page, form.getByRole('combobox', { name: '所涉基地（选填）' }), o.orgName)
    await form.getByLabel('异议内容').fill(o.text)
    if (o.file) {
      await form.locator('input[type=file]').setInputFiles(o.file)
      await expect(form.getByTestId('objection-attachment-name')).toHaveText(o.file.name)
    }
    await form.getByRole('button', { name: '提交异议' }).click()
    const ticket = this.page.getByTestId('objection-ticket')
    await expect(ticket).toBeVisible()
    await expect(this.page.getByText('请妥善保存异议编号，凭编号查询处理结果。', { exact: true })).toBeVisible()
    return (await ticket.innerText()).trim()
  }

  async queryObjection(ticket: string): Promise<Locator> {
    await this.page.getByRole('navigation', { name: '公开信息' }).getByRole('link', { name: '异议查询' }).click()
    // the link leads to the bare route, which re-mounts the search box: type only once it has settled
    await expect(this.page).toHaveURL(/\/public\/objections$/)
    const box = this.page.getByRole('searchbox', { name: '异议编号' })
    await expect(box).toHaveValue('')
    await box.fill(ticket)
    await this.page.getByRole('button', { name: '查询' }).click()
    const result = this.page.getByTestId('objection-result')
    await expect(result).toBeVisible()
    return result
  }

  async openBases(): Promise<void> {
    await this.page.goto('/login')
    await this.page.getByRole('navigation', { name: '公开信息' }).getByRole('link', { name: '认定基地' }).click()
    await expect(this.page.getByRole('heading', { name: '认定基地' })).toBeVisible()
  }
}
