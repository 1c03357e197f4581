import { expect, type Locator, type Page } from '@playwright/test'
import { chooseOption, typeDate } from './AntSelect'

export interface ReviewInput {
  scores: Record<string, number>
  visitedOn: string
  place: string
  opinion: string
  recommend: boolean
  photo?: { name: string; mimeType: string; buffer: Buffer }
}

/** 我的评审 (/app/reviews) and one assignment's workspace. */
export class ExpertReviewPage {
  constructor(private readonly page: Page) {}

  async openAssignments(): Promise<void> {
    await this.page.getByRole('menu', { name: '主导航' }).getByRole('menuitem', { name: '我的评审', exact: true }).click()
    await expect(this.page).toHaveURL(/\/app\/reviews$/)
  }

  row(orgName: string): Locator {
    return this.page.getByRole('row').filter({ hasText: orgName })
  }

  async openAssignment(orgName: string): Promise<void> {
    await this.row(orgName).getByRole('button').click()
    await expect(this.page.getByRole('heading', { name: `评审 · ${orgName}` })).toBeVisible()
  }

  async declareNoConflict(): Promise<void> {
    const card = this.page.getByTestId('declaration-card')
    await card.getByRole('button', { name: '无利益冲突' }).click()
    await this.page.getByRole('tooltip').getByRole('button', { name: '确定' }).click()
    await expect(this.page.getByText('已声明无利益冲突，可以开始评审', { exact: true })).toBeVisible()
  }

  tab(name: '申报材料' | '评分与现场核查' | '专家组'): Locator {
    return this.page.getByRole('tab', { name, exact: true })
  }

  runningTotal(): Locator {
    return this.page.getByTestId('running-total')
  }

  async fillReview(r: ReviewInput): Promise<void> {
    const p = this.page
    await this.tab('评分与现场核查').click()
    for (const [label, value] of Object.entries(r.scores)) {
      await p.getByLabel(new RegExp(`^${label}（满分`)).fill(String(value))
    }
    await typeDate(p.getByLabel('核查日期'), r.visitedOn)
    await p.getByLabel('核查地点').fill(r.place)
    const rows = p.getByTestId('finding-row')
    const n = await rows.count()
    for (let i = 1; i <= n; i++) {
      await chooseOption(p, p.getByRole('combobox', { name: `核查结果 ${i}` }), '符合')
    }
    if (r.photo) {
      await p.getByTestId('photo-upload').locator('input[type=file]').setInputFiles(r.photo)
      await expect(p.getByText(`已上传 ${r.photo.name}`)).toBeVisible()
      await expect(p.getByTestId('photo-upload').getByTestId('review-photo')).toHaveCount(1)
    }
    await p.getByLabel('评审意见', { exact: true }).fill(r.opinion)
    await p.getByRole('radio', { name: r.recommend ? '推荐' : '不推荐', exact: true }).check()
  }

  async saveDraft(): Promise<void> {
    await this.page.getByRole('button', { name: '保存草稿' }).click()
    await expect(this.page.getByText('草稿已保存', { exact: true })).toBeVisible()
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: '提交评审' }).click()
    await this.page.getByRole('tooltip').getByRole('button', { name: '确定' }).click()
    await expect(this.page.getByText('评审已提交并锁定', { exact: true })).toBeVisible()
  }

  async writePanelOpinion(text: string): Promise<void> {
    await this.tab('专家组').click()
    const form = this.page.getByTestId('lead-opinion-form')
    await form.getByLabel('专家组意见').fill(text)
    await form.getByRole('button', { name: '提交专家组意见' }).click()
    await expect(this.page.getByTestId('panel-opinion')).toHaveText(text)
  }
}
