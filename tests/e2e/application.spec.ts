import { expect, test, type Page } from '@playwright/test'
import { ApplicationEditorPage } from './pages/ApplicationEditorPage'
import { adminToken, pdfBytes, registerApprovedOrganization } from './support/api'
import { Shell } from './pages/Shell'
import { loginAs, loginAsAdmin } from './support/login'
import { snap } from './support/screenshots'
import { timeouts } from '../../frontend/playwright.timeouts'

const REQUIRED_SLOTS: [string, string][] = [
  ['营业执照或办学许可证', 'licence.pdf'],
  ['设备清单', 'equipment-list.pdf'],
  ['师资清单', 'teacher-list.pdf'],
  ['项目实施管理制度', 'project-rules.pdf'],
  ['经费管理制度', 'finance-rules.pdf'],
  ['安全管理制度', 'safety-rules.pdf'],
]

const CONTENT_LISTS = ['system_items', 'capacity_items', 'results_items'] as const
const CONTENT_TOPICS: Record<(typeof CONTENT_LISTS)[number], string> = {
  system_items: '课程体系与教材开发',
  capacity_items: '校企合作与师资能力提升',
  results_items: '培训经验成果总结推广',
}

async function createApplication(page: Page, baseType: string): Promise<void> {
  await page.getByRole('button', { name: /^新建申报 .*演示批次/ }).first().click()
  const modal = page.getByRole('dialog').filter({ hasText: '新建申报' })
  await modal.getByLabel(baseType).check()
  await modal.getByRole('button', { name: '创建申报' }).click()
}

async function fillSpecialty(editor: ApplicationEditorPage, page: Page, index: number, name: string): Promise<void> {
  const panel = page.getByRole('tabpanel')
  await editor.fill('专业（职业、工种）名称', name, panel)
  await editor.fill('项目负责人', `${name}带头人`, panel)
  await editor.fill('项目负责人单位及职务/职称', '本校 高级技师', panel)

  const members = editor.list(`specialties.${index}.members`)
  await members.getByRole('button', { name: '添加成员' }).click()
  const member = editor.row(members, '成员 1')
  await member.getByLabel('姓名', { exact: true }).fill(`${name}教师甲`)
  await member.getByLabel('单位及职务/职称', { exact: true }).fill('本校 一级实习指导教师')

  const goal = editor.row(editor.list(`specialties.${index}.goals`), '指标 1')
  await goal.getByLabel('指标', { exact: true }).fill(`${name}年度取证人次`)
  await goal.getByLabel('目标值', { exact: true }).fill('300 人次')

  for (const list of CONTENT_LISTS) {
    const row = editor.row(editor.list(`specialties.${index}.${list}`), '第 1 条')
    const topic = CONTENT_TOPICS[list]
    await row.getByLabel('建设内容条目', { exact: true }).fill(`${name}${topic}`)
    await row.getByLabel('建设期第一年验收要点', { exact: true }).fill(`${name}${topic}：第一年完成方案与条件建设`)
    await row.getByLabel('建设期第二年验收要点', { exact: true }).fill(`${name}${topic}：第二年通过成效验收`)
  }
}

test('an applicant fills every section of Annex 1, submits, downloads the PDF, and cannot also apply for an industry-chain base', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(timeouts.scenario.application)
  const org = await registerApprovedOrganization(request, 'technical_school')
  const editor = new ApplicationEditorPage(page)
  let applicationId = ''

  await test.step('log in and create a skills-upgrading application in the open demo call', async () => {
    await loginAs(page, org.user.email, org.user.password)
    await expect(page.getByTestId('open-calls')).toBeVisible()
    await snap(page, testInfo, '04-1-applicant-home')
    await createApplication(page, '职业技能提升培训基地')
    await expect(page).toHaveURL(/\/app\/applications\/[0-9a-f-]{36}$/)
    applicationId = page.url().split('/').pop()!
    await expect(page.getByTestId('section-title')).toHaveText('封面')
    await expect(editor.panel.getByTestId('eligibility-not-ready')).toBeVisible()
    await snap(page, testInfo, '04-2-editor-empty')
  })

  await test.step('封面', async () => {
    await expect(page.getByLabel('填报人', { exact: true })).toHaveValue(org.user.fullName)
    const date = page.getByLabel('填报时间', { exact: true })
    await date.click()
    await date.fill('2026-11-20')
    await date.press('Enter')
    await editor.waitSaved()
  })

  await test.step('表1-1 … 表2-2', async () => {
    await editor.open('表1-1 项目单位基本情况')
    await expect(page.getByTestId('organization-facts')).toContainText(org.name)
    await editor.fill('特色概述', '学校是国家级重点技工院校，规范管理，师资雄厚，与区内企业长期开展校企合作，多次承办区级技能竞赛。')

    await editor.open('表1-2 项目背景及工作基础')
    await editor.fill('项目背景', '顺义区先进制造业集聚，数控加工、电气自动化等岗位技能人才缺口大。')
    await editor.fill('工作基础', '数控车工、电工专业已有实训车间 2 个、设备 80 台套，年培训 1,000 人次以上。')

    await editor.open('表2-1 项目实施工作思路')
    await editor.fill('指导思想', '贯彻落实“十四五”职业技能培训规划，培养急需紧缺技能人才，服务区域产业发展。')
    await editor.fill('基本思路', '校企共建、以赛促训、以评促学，分年度推进基地建设。')

    await editor.open('表2-2 项目实施工作目标')
    await editor.fill('总体目标', '两年内建成区级示范培训基地，累计取证 1,800 人次。')
    const stages = editor.list('table_2_2.staged_goals')
    for (const [n, period, goal, indicator, target] of [
      [1, '建设期第一年', '完成课程体系和实训条件建设', '取证人次', '600 人次'],
      [2, '建设期第二年', '形成可推广的培训评价模式', '累计取证人次', '1800 人次'],
    ] as const) {
      await stages.getByRole('button', { name: '添加阶段目标' }).click()
      const stage = editor.row(stages, `阶段目标 ${n}`)
      await stage.getByLabel('阶段', { exact: true }).fill(period)
      await stage.getByLabel('目标', { exact: true }).fill(goal)
      const ind = editor.row(stage, '指标 1')
      await ind.getByLabel('指标', { exact: true }).fill(indicator)
      await ind.getByLabel('目标值', { exact: true }).fill(target)
    }
    await editor.waitSaved()
  })

  await test.step('专业: two specialties, 数控车工 and 电工, each with 表3-n-1 and 表3-n-2', async () => {
    await editor.open('表3 专业建设内容')
    await page.getByRole('button', { name: '添加专业' }).click()
    await fillSpecialty(editor, page, 0, '数控车工')
    await page.getByRole('button', { name: '添加专业' }).click()
    await expect(page.getByRole('tab', { name: /表3-2/ })).toHaveAttribute('aria-selected', 'true')
    await fillSpecialty(editor, page, 1, '电工')
    await expect(page.getByRole('tab', { name: '表3-1 数控车工' })).toBeVisible()
    await expect(page.getByRole('tab', { name: '表3-2 电工' })).toBeVisible()
    await editor.waitSaved()
    await snap(page, testInfo, '04-3-editor-specialties')
  })

  await test.step('表4, 申报条件, 承诺', async () => {
    await editor.open('表4 保障机制')
    await editor.fill('管理机构', '成立由校长任组长的基地建设领导小组，下设项目办公室。')
    await editor.fill('保障机制', '建立培训质量监控、考核奖惩和校企联席会议制度。')
    await editor.fill('经费保障', '补助资金专款专用，学校按 1:1 配套自筹资金。')

    await editor.open('申报条件')
    await editor.fill('上一年度或申报前十二个月职业技能培训和评价总人次', '1200')
    const partners = editor.list('eligibility.cooperating_enterprises')
    for (let n = 1; n <= 5; n++) {
      await partners.getByRole('button', { name: '添加单位' }).click()
      const row = editor.row(partners, `合作单位 ${n}`)
      await row.getByLabel('单位名称', { exact: true }).fill(`顺义区合作企业${n}有限公司`)
      await row.getByLabel('合作内容', { exact: true }).fill('共建实训基地、订单培养')
    }
    await expect(partners).toContainText('已填 5 家 / 至少 5 家')

    await editor.open('承诺')
    await page.getByLabel('本单位近3年未受过刑事、行政处罚，未被列入失信联合惩戒对象').check()
    await page.getByLabel('本单位培训场所、设备设施符合国家建设和安全标准').check()
    await page.getByLabel('本单位已建立规范的培训、财务、资产、风险管理等规章制度').check()
    await editor.waitSaved()
  })

  await test.step('附件: the six required files, with progress', async () => {
    await editor.open('附件')
    const table = page.getByTestId('attachments-table')
    for (const [slot, file] of REQUIRED_SLOTS) {
      const row = table.getByRole('row').filter({ hasText: slot })
      await row.locator('input[type=file]').setInputFiles({ name: file, mimeType: 'application/pdf', buffer: pdfBytes(file) })
      await expect(row).toContainText(file)
    }
    await expect(page.getByText('必需附件已齐全')).toBeVisible()
  })

  await test.step('the eligibility panel turns green and every section is complete', async () => {
    await expect(editor.panel.getByTestId('eligibility-ready')).toHaveText('可以提交', { timeout: timeouts.eligibility })
    for (const key of ['cover', 'table_1_1', 'table_1_2', 'table_2_1', 'table_2_2', 'specialties', 'table_4', 'eligibility', 'declarations', 'attachments']) {
      await expect(editor.sectionState(key)).toHaveAttribute('data-state', 'complete')
    }
    await snap(page, testInfo, '04-4-editor-ready')
  })

  await test.step('预览与提交: the PDF preview, then 提交', async () => {
    await editor.open('预览与提交')
    await expect(page.getByTestId('pdf-preview')).toBeVisible({ timeout: timeouts.pdf })
    await snap(page, testInfo, '04-5-preview')
    await page.getByRole('button', { name: '提交申报' }).click()
    await page.getByRole('tooltip').getByRole('button', { name: '提交' }).click()
    await expect(page.getByRole('heading', { name: '职业技能提升培训基地申报' })).toBeVisible()
    await expect(page.getByTestId('application-status').first()).toHaveText('已提交')
    await snap(page, testInfo, '04-6-submitted')
  })

  await test.step('after submission: timeline, versions, and the PDF downloads', async () => {
    await page.getByRole('tab', { name: '办理进程' }).click()
    await expect(page.getByTestId('application-timeline')).toContainText('提交申报')
    await page.getByRole('tab', { name: '历史版本' }).click()
    await expect(page.getByRole('cell', { name: '第 1 版', exact: true })).toBeVisible()
    await page.getByRole('button', { name: '查看第 1 版' }).click()
    const drawer = page.getByRole('dialog').filter({ hasText: '第 1 版（只读）' })
    await expect(drawer.getByTestId('application-form-view')).toContainText('表3-2 电工')
    await expect(drawer).toContainText('licence.pdf')
    await snap(page, testInfo, '04-7-version-1')
    await page.keyboard.press('Escape')
    await expect(drawer).toBeHidden()
    await page.getByRole('tab', { name: 'PDF 预览' }).click()
    await expect(page.getByTestId('pdf-preview')).toBeVisible({ timeout: timeouts.pdf })
    const downloadPromise = page.waitForEvent('download')
    await page.getByRole('button', { name: '下载 PDF' }).click()
    const download = await downloadPromise
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)
    const stream = await download.createReadStream()
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(Buffer.from(chunk))
    const bytes = Buffer.concat(chunks)
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    await snap(page, testInfo, '04-8-pdf-tab')
  })

  await test.step('an industry-chain application for the same organisation is refused (不可同时申报)', async () => {
    await page.getByRole('button', { name: '返回首页' }).click()
    await expect(page.getByTestId('my-applications')).toContainText('已提交')
    await createApplication(page, '产业链企业培训基地')
    await expect(page.getByTestId('create-error')).toContainText('不可同时申报')
    await snap(page, testInfo, '04-9-exclusivity')
  })

  await test.step('the administrator finds it in 申报管理, read-only with attachments and timeline', async () => {
    await page.keyboard.press('Escape')
    await new Shell(page).logout()
    await loginAsAdmin(page)
    await new Shell(page).open('申报管理')
    await page.getByRole('searchbox', { name: '单位名称' }).fill(org.name)
    await page.getByRole('button', { name: '搜索' }).click()
    await page.getByRole('link', { name: org.name }).click()
    await expect(page).toHaveURL(/\/app\/admin\/applications\/[0-9a-f-]{36}$/)
    await expect(page.getByTestId('application-status').first()).toHaveText('已提交')
    await expect(page.getByTestId('application-form-view')).toContainText('表3-1 数控车工')
    await page.getByRole('tab', { name: '附件' }).click()
    await expect(page.getByRole('button', { name: '下载 licence.pdf' })).toBeVisible()
    await page.getByRole('tab', { name: '办理进程' }).click()
    await expect(page.getByTestId('application-timeline')).toContainText('提交申报')
    await snap(page, testInfo, '04-10-admin-detail')
  })

  await test.step('returned for changes, edited and resubmitted: 历史版本 compares 第 1 版 and 第 2 版', async () => {
    const token = await adminToken(request)
    const returned = await request.post(`/api/v1/applications/${applicationId}/formal-check`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { decision: 'return', reasons: [{ section: '表1-2', reason: '项目背景请补充区域产业数据' }] },
    })
    expect(returned.ok(), await returned.text()).toBe(true)
    await new Shell(page).logout()
    await loginAs(page, org.user.email, org.user.password)
    await expect(page.getByTestId('my-applications')).toContainText('退回修改')
    await page.getByTestId('my-applications').getByRole('button', { name: '继续填写' }).click()
    await expect(page.getByText('申报已被退回修改')).toBeVisible()
    await expect(page.getByText(/项目背景请补充区域产业数据/)).toBeVisible()
    await editor.open('表1-2 项目背景及工作基础')
    await editor.fill('项目背景', '顺义区先进制造业集聚，2025 年规模以上工业产值超 3,000 亿元，数控加工、电气自动化岗位缺口约 5,000 人。')
    await editor.waitSaved()
    await editor.open('预览与提交')
    await page.getByRole('button', { name: '提交申报' }).click()
    await page.getByRole('tooltip').getByRole('button', { name: '提交' }).click()
    await expect(page.getByTestId('application-status').first()).toHaveText('已提交')
    await page.getByRole('tab', { name: '历史版本' }).click()
    const diff = page.getByTestId('version-diff')
    await expect(diff).toContainText('表1-2 / 项目背景')
    await expect(diff).toContainText('规模以上工业产值超 3,000 亿元')
    await snap(page, testInfo, '04-11-version-diff')
  })
})
