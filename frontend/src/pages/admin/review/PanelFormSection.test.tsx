import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { tokens } from '../../../lib/tokens'
import { makeApplication, meAdmin } from '../../../test/fixtures'
import { jsonResponse, mockApi, renderApp } from '../../../test/render'

const APP_ID = '00000000-0000-0000-0000-00000000a001'
const expert = (n: number, name: string, excluded: string | null = null) => ({
  expert_id: `00000000-0000-0000-0000-0000000000e${n}`,
  name,
  organization_name: `单位${n}`,
  title: '高级技师',
  specialties: ['数控车工'],
  match: 1,
  load: n,
  excluded,
})
const SUGGESTIONS = [
  expert(1, '王建国'),
  expert(2, '李秀英'),
  expert(3, '张伟'),
  expert(4, '刘芳'),
  expert(5, '本单位专家', '申报单位本单位的专家，须回避'),
]

const application = makeApplication({ id: APP_ID, status: 'formal_check_passed' })

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

describe('组建专家组', () => {
  it('holds the submit until at least 3, an odd number, nobody excluded and a lead; then posts the panel', async () => {
    let posted: unknown
    mockApi(async (req, path) => {
      if (path === '/api/v1/me') return jsonResponse(200, meAdmin())
      if (path === '/api/v1/notifications') return jsonResponse(200, { items: [], total: 0, limit: 1, offset: 0, unread: 0 })
      if (path === `/api/v1/applications/${APP_ID}`) return jsonResponse(200, application)
      if (path === `/api/v1/applications/${APP_ID}/formal-checks`) return jsonResponse(200, { items: [], total: 0, limit: 100, offset: 0 })
      if (path === `/api/v1/applications/${APP_ID}/panel/suggestions`) return jsonResponse(200, { items: SUGGESTIONS, total: SUGGESTIONS.length, limit: 100, offset: 0 })
      if (path === `/api/v1/applications/${APP_ID}/panel` && req.method === 'POST') {
        posted = await req.json()
        return jsonResponse(422, {
          error: {
            code: 'PANEL_INVALID',
            message: '专家组组成不符合要求',
            details: [{ field: 'expert_ids', message: '专家「张伟」已停用' }],
          },
        })
      }
      if (path.startsWith('/api/v1/calls/')) return jsonResponse(404, { error: { code: 'NOT_FOUND', message: '不存在' } })
      return undefined
    })
    renderApp(`/admin/review/${APP_ID}`)
    const form = await screen.findByTestId('panel-form')
    const submit = () => within(form).getByRole('button', { name: /^组建专家组/ })
    const user = userEvent.setup()

    await within(form).findByText('王建国')
    expect(within(form).getByRole('checkbox', { name: '选择 本单位专家' })).toBeDisabled()
    expect(submit()).toBeDisabled()

    for (const name of ['王建国', '李秀英']) await user.click(within(form).getByRole('checkbox', { name: `选择 ${name}` }))
    expect(within(form).getByTestId('rule-min')).toHaveAttribute('data-ok', 'no')
    await user.click(within(form).getByRole('radio', { name: '设为组长 王建国' }))
    expect(submit()).toBeDisabled()

    await user.click(within(form).getByRole('checkbox', { name: '选择 张伟' }))
    expect(within(form).getByTestId('rule-min')).toHaveAttribute('data-ok', 'yes')
    expect(within(form).getByTestId('rule-odd')).toHaveAttribute('data-ok', 'yes')
    expect(submit()).toBeEnabled()

    await user.click(within(form).getByRole('checkbox', { name: '选择 刘芳' }))
    expect(within(form).getByTestId('rule-odd')).toHaveAttribute('data-ok', 'no')
    expect(submit()).toBeDisabled()
    await user.click(within(form).getByRole('checkbox', { name: '选择 刘芳' }))

    await user.click(submit())
    await waitFor(() => expect(posted).toBeTruthy())
    expect(posted).toMatchObject({
      expert_ids: [SUGGESTIONS[0].expert_id, SUGGESTIONS[1].expert_id, SUGGESTIONS[2].expert_id],
      lead_expert_id: SUGGESTIONS[0].expert_id,
    })
    // the server's refusal and its details are shown
    expect(await within(form).findByText('专家组组成不符合要求')).toBeInTheDocument()
    expect(within(form).getByText('专家「张伟」已停用')).toBeInTheDocument()
  })
})
