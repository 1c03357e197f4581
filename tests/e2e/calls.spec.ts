import { expect, test } from '@playwright/test'
import { Shell } from './pages/Shell'
import { adminToken } from './support/api'
import { runId } from './support/data'
import { loginAsAdmin, loginAsApplicant } from './support/login'
import { snap } from './support/screenshots'
import { timeouts } from '../../frontend/playwright.timeouts'

test('an administrator creates a call with a modified subsidy (in 元), publishes it, and applicants see it', async ({ page, request }, testInfo) => {
  test.setTimeout(timeouts.scenario.calls)
  const name = `端到端测试批次${runId()}`
  let callId = ''
  const token = await adminToken(request)
  const auth = { Authorization: `Bearer ${token}` }

  try {
    await test.step('申报批次 → 新建批次, prefilled from the policy defaults', async () => {
      await loginAsAdmin(page)
      await new Shell(page).open('申报批次')
      await expect(page.getByRole('heading', { name: '申报批次' })).toBeVisible()
      await page.getByRole('button', { name: '新建批次' }).click()
      await expect(page.getByRole('heading', { name: '新建申报批次' })).toBeVisible()
      const policy = page.getByRole('tabpanel')
      await expect(policy.getByLabel('认定称号')).toHaveValue('顺义区职业技能提升培训基地')
      await expect(policy.getByLabel('建设补助')).toHaveValue('1000000')
      await expect(page.getByTestId('rubric-total')).toHaveText('合计 100 / 100 分')
    })

    await test.step('edit: name, subsidy 1,200,000.50 元, and a rubric that must add up to 100', async () => {
      await page.getByLabel('批次名称').fill(name)
      await page.getByRole('tabpanel').getByLabel('建设补助').fill('1200000.50')
      await page.getByLabel('第 1 项分值').fill('20')
      await expect(page.getByTestId('rubric-total')).toHaveText('合计 105 / 100 分')
      const rubricError = page.getByRole('alert').filter({ hasText: '各项分值之和应为 100 分（当前 105 分）' })
      await expect(rubricError.first()).toBeVisible()
      await page.getByRole('button', { name: '创建批次' }).click()
      await expect(page).toHaveURL(/\/admin\/calls\/new$/) // refused: nothing is sent
      await page.getByLabel('第 1 项分值').fill('15')
      await expect(page.getByTestId('rubric-total')).toHaveText('合计 100 / 100 分')
      await expect(page.getByText('各项分值之和应为 100 分（当前 100 分）')).toHaveCount(0)
      await snap(page, testInfo, '05-1-call-form')
      await page.getByRole('button', { name: '创建批次' }).click()
      await expect(page).toHaveURL(/\/admin\/calls\/[0-9a-f-]{36}$/)
      callId = page.url().split('/').pop()!
      await expect(page.getByTestId('call-status')).toHaveText('草稿')
      const call = await (await request.get(`/api/v1/calls/${callId}`, { headers: auth })).json()
      expect(call.policies.skills_upgrading.subsidy_fen).toBe(120_000_050)
      await expect(page.getByRole('tabpanel').getByLabel('建设补助')).toHaveValue('1200000.5')
    })

    await test.step('a save on a stale version shows 412 nicely and reloads', async () => {
      const current = await request.get(`/api/v1/calls/${callId}`, { headers: auth })
      const etag = current.headers()['etag']
      const patched = await request.patch(`/api/v1/calls/${callId}`, {
        headers: { ...auth, 'If-Match': etag },
        data: { publicity_days: 9 },
      })
      expect(patched.status()).toBe(200)
      await page.getByLabel('公示天数').fill('8')
      await page.getByRole('button', { name: '保存', exact: true }).click()
      const stale = page.getByRole('dialog').filter({ hasText: '该申报批次已被他人修改' })
      await expect(stale).toBeVisible()
      await snap(page, testInfo, '05-2-call-412')
      await stale.getByRole('button', { name: '重新加载' }).click()
      await expect(stale).toBeHidden()
      await expect(page.getByLabel('公示天数')).toHaveValue('9')
    })

    await test.step('publish with confirmation: the policy is then locked', async () => {
      await page.getByRole('button', { name: `发布 ${name}` }).click()
      await page.getByRole('tooltip').getByRole('button', { name: '发布' }).click()
      await expect(page.getByTestId('call-status')).toHaveText('已发布')
      await expect(page.getByRole('tabpanel').getByLabel('建设补助')).toBeDisabled()
      await expect(page.getByLabel('批次名称')).toBeEnabled()
      await snap(page, testInfo, '05-3-call-published')
    })

    await test.step('the public calls list has it, accepting, with the new subsidy', async () => {
      const res = await request.get('/api/v1/public/calls?limit=100&offset=0')
      const found = (await res.json()).items.find((c: { id: string }) => c.id === callId)
      expect(found).toBeTruthy()
      expect(found.name).toBe(name)
      expect(found.accepting_applications).toBe(true)
      expect(found.policies.skills_upgrading.subsidy_fen).toBe(120_000_050)
      await new Shell(page).open('申报批次')
      await expect(page.getByRole('row').filter({ hasText: name })).toContainText('已发布')
      await new Shell(page).logout()
      await loginAsApplicant(page)
      await expect(page.getByTestId('open-calls')).toContainText(name)
      await snap(page, testInfo, '05-4-applicant-sees-call')
    })
  } finally {
    // Keep the demo database tidy across runs: the test call stops accepting applications.
    // (A fresh token: logging out in the UI ends the administrator's sessions.)
    if (callId) {
      const closed = await request.post(`/api/v1/calls/${callId}/close`, { headers: { Authorization: `Bearer ${await adminToken(request)}` } })
      expect(closed.ok(), await closed.text()).toBe(true)
    }
  }
})
