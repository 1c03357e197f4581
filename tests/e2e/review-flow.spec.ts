/**
 * One scenario across every role, repeatable on an existing database (everything it creates is new):
 * a fresh technical school applies (set up through the API), then in the UI — formal check returns it,
 * the applicant revises and resubmits, the check passes, a panel of three reviews it (declaration,
 * scores, site inspection, photo), the lead writes the panel opinion, the bureau approves and
 * publishes a notice, the public sees it and objects without login, the objection is dismissed,
 * recognition is refused until the period is over, then issued, and the base is listed publicly.
 *
 * The publicity period passes by moving the stack's clock (the development-only POST /api/v1/dev/clock)
 * and the browser's clock with it; nothing in the database is edited, and the clock is put back after the
 * test. Objections are limited per address and hour (settings.objections_per_ip_per_hour; `make run`
 * raises the limit for repeated local runs).
 */
import path from 'node:path'
import { expect, test, type Page, type TestInfo } from '@playwright/test'
import { AdminReviewPage } from './pages/AdminReviewPage'
import { ExpertReviewPage } from './pages/ExpertReviewPage'
import { AdminNoticePage, PublicPages } from './pages/PublicityPages'
import { Shell } from './pages/Shell'
import { DEMO_PASSWORD } from './support/accounts'
import { runId } from './support/data'
import { loginAs, loginAsAdmin } from './support/login'
import { pdfBytes, registerApprovedOrganization } from './support/api'
import { makePng, movePublicityToPast, readyApplication, resetClock } from './support/reviewApi'
import { timeouts } from '../../frontend/playwright.timeouts'

test.setTimeout(timeouts.scenario.reviewFlow)

// the scenario moves the stack's clock forward: put it back whatever happened
test.afterEach(async ({ request }) => {
  await resetClock(request)
})

const EXPERTS = [
  { email: 'expert1@demo.skillbase.cn', name: '王建国' },
  { email: 'expert2@demo.skillbase.cn', name: '李秀英' },
  { email: 'expert3@demo.skillbase.cn', name: '张伟' },
]

/** Scores per criterion of the default rubric (labels as the score sheet shows them). */
const SCORES = [
  { 规范管理: 13, 培训能力: 18, 师资队伍: 13, 校企合作: 12, 建设方案: 13, 产出指标: 8, 保障措施: 9 }, // 86
  { 规范管理: 12, 培训能力: 17, 师资队伍: 12, 校企合作: 13, 建设方案: 12, 产出指标: 9, 保障措施: 8 }, // 83
  { 规范管理: 14, 培训能力: 16, 师资队伍: 14, 校企合作: 12, 建设方案: 14, 产出指标: 8, 保障措施: 9 }, // 87
]
const sum = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0)

const today = () => {
  const d = new Date(Date.now() + 8 * 3600_000) // Beijing date, like the server
  return d.toISOString().slice(0, 10)
}

/**
 * A named full-page screenshot (tests/e2e/artifacts/) once the page is still: nothing loading, no
 * modal fading out, CSS transitions finished (a table that just stopped loading fades back in).
 */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0)
  await expect(page.locator('.ant-spin-blur')).toHaveCount(0)
  await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0)
  const file = path.join(testInfo.project.testDir, 'artifacts', `${name}.png`)
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
  await testInfo.attach(name, { path: file, contentType: 'image/png' })
}

async function logout(page: Page) {
  await new Shell(page).logout()
}

test('review, publicity and recognition across all roles', async ({ page, request, browser }, testInfo) => {
  const id = runId()
  const school = await registerApprovedOrganization(request, 'technical_school')
  const app = await readyApplication(request, school.user.email, school.user.password)
  expect(app.status).toBe('draft')
  const returnReason = `项目背景过于简略，请补充产业需求数据（${id}）`
  const noticeTitle = `${new Date().getFullYear()}年顺义区技能人才培训基地拟认定名单公示（${id}）`
  const documentNumber = `顺人社发〔2026〕${Math.floor(100 + Math.random() * 899_900)}号`
  const admin = new AdminReviewPage(page)

  await test.step('applicant (UI): submits the completed application', async () => {
    await loginAs(page, school.user.email, school.user.password)
    await page.goto(`/app/applications/${app.id}`)
    await page.getByTestId('section-preview').click()
    await page.getByRole('button', { name: '提交申报' }).click()
    await page.getByRole('tooltip').getByRole('button', { name: '提交' }).click()
    await expect(page.getByText('申报已提交')).toBeVisible()
    await shot(page, testInfo, '05-00-applicant-submitted')
    await logout(page)
  })

  await test.step('admin: 形式审查 → 退回 with a reason for 表1-2', async () => {
    await loginAsAdmin(page)
    await admin.openQueue('待形式审查')
    await admin.search(school.name)
    await expect(admin.row(school.name)).toBeVisible()
    await shot(page, testInfo, '05-01-admin-queue-formal')
    await admin.openApplication(school.name)
    await shot(page, testInfo, '05-02-admin-formal-check')
    await admin.returnWithReason('表1-2 项目背景与工作基础', returnReason)
    await expect(admin.formalCheck().getByTestId('formal-check').first()).toContainText(returnReason)
    await shot(page, testInfo, '05-03-admin-returned')
    await logout(page)
  })

  await test.step('applicant (UI): sees the reason, changes 项目背景, resubmits', async () => {
    await loginAs(page, school.user.email, school.user.password)
    await page.goto(`/app/applications/${app.id}`)
    const returned = page.getByRole('alert').filter({ hasText: '申报已被退回修改' })
    await expect(returned).toContainText(returnReason)
    await shot(page, testInfo, '05-04-applicant-returned')
    await page.getByTestId('section-table_1_2').click()
    await page.getByLabel('项目背景').fill(`顺义区临空经济和先进制造业对数控、电工技能人才年需求约 3000 人（${id}）`)
    await page.getByTestId('section-preview').click()
    await page.getByRole('button', { name: '提交申报' }).click()
    await page.getByRole('tooltip').getByRole('button', { name: '提交' }).click()
    await expect(page.getByText('申报已提交')).toBeVisible()
    await shot(page, testInfo, '05-05-applicant-resubmitted')
    await logout(page)
  })

  await test.step('admin: 形式审查 passes the second version; forms a panel of three', async () => {
    await loginAsAdmin(page)
    await admin.openQueue('待形式审查')
    await admin.openApplication(school.name)
    await expect(page.getByText('第 2 版')).toHaveCount(0) // nothing checked on version 2 yet
    await admin.pass()
    await expect(admin.panelForm()).toBeVisible()
    for (const e of EXPERTS) await admin.expectEligible(e.name)
    // the rule is shown live and the submit waits for it
    await expect(admin.submitPanelButton()).toBeDisabled()
    await admin.choose(EXPERTS[0].name)
    await admin.choose(EXPERTS[1].name)
    await expect(admin.rule('min')).toHaveAttribute('data-ok', 'no')
    await expect(admin.rule('odd')).toHaveAttribute('data-ok', 'no')
    await shot(page, testInfo, '05-06-admin-panel-two-chosen')
    await admin.choose(EXPERTS[2].name)
    await expect(admin.rule('min')).toHaveAttribute('data-ok', 'yes')
    await expect(admin.rule('odd')).toHaveAttribute('data-ok', 'yes')
    await expect(admin.rule('excluded')).toHaveAttribute('data-ok', 'yes')
    await expect(admin.submitPanelButton()).toBeDisabled() // no lead yet
    await admin.makeLead(EXPERTS[0].name)
    await expect(admin.rule('lead')).toHaveAttribute('data-ok', 'yes')
    await expect(admin.submitPanelButton()).toBeEnabled()
    await shot(page, testInfo, '05-07-admin-panel-ready')
    await admin.submitPanelButton().click()
    await expect(page.getByText('专家组已组建，已通知专家')).toBeVisible()
    const status = page.getByTestId('panel-status')
    for (const e of EXPERTS) await expect(status.getByRole('row').filter({ hasText: e.name })).toContainText('待声明')
    await shot(page, testInfo, '05-08-admin-panel-formed')
    await logout(page)
  })

  for (const [i, e] of EXPERTS.entries()) {
    await test.step(`expert ${e.name}: declares no conflict, scores, inspects, submits`, async () => {
      await loginAs(page, e.email, DEMO_PASSWORD)
      const expert = new ExpertReviewPage(page)
      await expert.openAssignments()
      await expect(expert.row(school.name)).toContainText('待声明')
      if (i === 0) await shot(page, testInfo, '05-09-expert-assignments')
      await expert.openAssignment(school.name)
      // nothing of the application before the declaration
      await expect(expert.tab('申报材料')).toHaveCount(0)
      await expect(page.getByTestId('application-form-view')).toHaveCount(0)
      if (i === 0) await shot(page, testInfo, '05-10-expert-declaration')
      await expert.declareNoConflict()
      await expect(page.getByTestId('application-form-view')).toBeVisible()
      if (i === 0) {
        await shot(page, testInfo, '05-11-expert-materials')
        await page.getByRole('tab', { name: 'PDF 预览' }).click()
        await expect(page.getByTestId('pdf-preview')).toBeVisible()
      }
      await expert.fillReview({
        scores: SCORES[i],
        visitedOn: today(),
        place: '实训楼一层数控实训车间',
        opinion: `培训体系完整，师资和设备满足要求，建议认定。（${e.name}）`,
        recommend: true,
        photo: i === 0 ? { name: '现场核查.png', mimeType: 'image/png', buffer: makePng() } : undefined,
      })
      await expect(expert.runningTotal()).toContainText(String(sum(SCORES[i])))
      await expert.saveDraft()
      if (i === 0) await shot(page, testInfo, '05-12-expert-score-sheet')
      await expert.submit()
      await expect(page.getByTestId('review-total')).toContainText(`${sum(SCORES[i])} / 100`)
      if (i === 0) await shot(page, testInfo, '05-13-expert-submitted')
      // blind until one's own is submitted: now the panel tab shows the others' submitted reviews
      await expert.tab('专家组').click()
      await expect(page.getByTestId('panel-result')).toBeVisible()
      if (i === 2) await shot(page, testInfo, '05-14-expert3-panel-result')
      await logout(page)
    })
  }

  await test.step('expert1 (lead) writes the panel opinion', async () => {
    await loginAs(page, EXPERTS[0].email, DEMO_PASSWORD)
    const expert = new ExpertReviewPage(page)
    await expert.openAssignments()
    await expert.openAssignment(school.name)
    await expert.writePanelOpinion('专家组一致认为该单位培训体系完整、师资与设备满足要求，同意推荐认定为顺义区职业技能提升培训基地。')
    await shot(page, testInfo, '05-15-lead-panel-opinion')
    await logout(page)
  })

  await test.step('admin: panel result and approval', async () => {
    await loginAsAdmin(page)
    await admin.openQueue('待决定')
    await admin.openApplication(school.name)
    const result = page.getByTestId('panel-result').first()
    await expect(result).toContainText('全部专家已提交')
    await expect(result.getByTestId('majority')).toHaveText('推荐认定')
    await expect(result.getByTestId('divergence-flag')).toHaveCount(0) // 83..87: within 20 points
    await expect(result.getByTestId('panel-opinion')).toBeVisible()
    await shot(page, testInfo, '05-16-admin-panel-result')
    await admin.approve('经审核，同意拟认定为顺义区职业技能提升培训基地，予以公示。')
    await expect(page.getByTestId('decision')).toContainText('拟认定')
    await shot(page, testInfo, '05-17-admin-approved')
  })

  let noticeId = ''
  await test.step('admin: composes and publishes the notice', async () => {
    const notices = new AdminNoticePage(page)
    await notices.openList()
    await notices.compose(school.name, noticeTitle)
    noticeId = page.url().split('/').pop()!
    await shot(page, testInfo, '05-18-admin-notice-draft')
    await notices.publish()
    await expect(page.getByTestId('notice-phase').first()).toHaveText('公示中')
    await shot(page, testInfo, '05-19-admin-notice-published')
  })

  const visitor = await browser.newContext()
  const pub = new PublicPages(await visitor.newPage())
  let ticket = ''
  await test.step('public (no login): sees the notice and files an objection', async () => {
    await pub.openNoticesFromLogin()
    await pub.openNotice(noticeTitle)
    await expect(pub.page.getByTestId('public-notice-items')).toContainText(school.name)
    await shot(pub.page, testInfo, '05-20-public-notice')
    ticket = await pub.fileObjection({
      name: '王市民',
      contact: '13900001234',
      orgName: school.name,
      text: '该单位实训场地面积与申报不符，请核查。',
      file: { name: '现场照片说明.pdf', mimeType: 'application/pdf', buffer: pdfBytes('objection') },
    })
    expect(ticket).toMatch(/^YY[A-Z0-9]{10}$/)
    await shot(pub.page, testInfo, '05-21-public-objection-ticket')
    const result = await pub.queryObjection(ticket)
    await expect(result).toContainText('待处理')
  })

  await test.step('admin: dismisses the objection; recognition refused during the period', async () => {
    await page.reload()
    const notices = new AdminNoticePage(page)
    const row = notices.objections().getByRole('row').filter({ hasText: ticket })
    await expect(row).toContainText('现场照片说明.pdf')
    await notices.dismiss(ticket, '经现场复核，实训场地面积与申报一致。')
    await expect(row).toContainText('不成立')
    await expect(notices.recognition().getByTestId('recognition-refusal')).toContainText('公示期结束后才能认定')
    await expect(notices.recognition().getByRole('button', { name: '认定发文' })).toBeDisabled()
    await shot(page, testInfo, '05-22-admin-objection-dismissed')
  })

  await test.step('public: the objection shows 不成立 with the reason', async () => {
    const result = await pub.queryObjection(ticket)
    await expect(result).toContainText('不成立')
    await expect(result).toContainText('经现场复核，实训场地面积与申报一致。')
    await shot(pub.page, testInfo, '05-23-public-objection-status')
  })

  await test.step('the period ends (the clock moves); admin issues the recognition', async () => {
    const noticeUrl = new URL(page.url()).pathname
    const moved = await movePublicityToPast(request, noticeId)
    await page.clock.setSystemTime(new Date(moved.now)) // the UI dates the phase by the browser's clock: same day as the server
    // a week later the administrator's session is over, as it would be: log in again
    await page.evaluate(() => localStorage.clear())
    await loginAsAdmin(page)
    await page.goto(noticeUrl)
    const notices = new AdminNoticePage(page)
    await expect(page.getByTestId('notice-phase').first()).toHaveText('公示期结束')
    await expect(notices.recognition().getByTestId('recognition-refusal')).toHaveCount(0)
    await notices.recognise(documentNumber)
    await expect(notices.recognition()).toContainText(school.name)
    await expect(notices.recognition()).toContainText(documentNumber)
    await shot(page, testInfo, '05-24-admin-recognised')
  })

  await test.step('public (no login): the base is listed', async () => {
    await pub.openBases()
    const row = pub.page.getByRole('row').filter({ hasText: school.name })
    await expect(row).toContainText('顺义区职业技能提升培训基地')
    await expect(row).toContainText(documentNumber)
    await shot(pub.page, testInfo, '05-25-public-bases')
  })

  await test.step('admin: 基地 — 登记铭牌发放', async () => {
    await page.getByRole('menu', { name: '主导航' }).getByRole('menuitem', { name: '基地', exact: true }).click()
    const row = page.getByRole('row').filter({ hasText: school.name })
    await row.getByRole('button', { name: `登记铭牌发放 ${school.name}` }).click()
    const dialog = page.getByRole('dialog').filter({ hasText: '登记铭牌发放' })
    await dialog.getByRole('button', { name: '确定' }).click()
    await expect(row).toContainText('已发放')
    await expect(dialog).toBeHidden()
    await shot(page, testInfo, '05-26-admin-bases-plaque')
  })
  await visitor.close()
})
