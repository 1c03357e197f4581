import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { tokens } from '../../lib/tokens'
import { makeExpert, makeOrganization, meAdmin } from '../../test/fixtures'
import { jsonResponse, mockApi, renderApp } from '../../test/render'

const ORG = makeOrganization({ id: '00000000-0000-0000-0000-00000000e0e0', name: '顺义区高级技工学校', credit_code: '91110113MA00000031' })

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

describe('专家库: the employer link', () => {
  it('shows the linked organisation and sends null when the link is cleared', async () => {
    const expert = makeExpert({ organization_id: ORG.id, organization_credit_code: '91110113MA00000031' })
    let patched: unknown
    mockApi(async (req, path) => {
      if (path === '/api/v1/me') return jsonResponse(200, meAdmin())
      if (path === '/api/v1/notifications') return jsonResponse(200, { items: [], total: 0, limit: 1, offset: 0, unread: 0 })
      if (path === '/api/v1/experts' && req.method === 'GET') return jsonResponse(200, { items: [expert], total: 1, limit: 20, offset: 0 })
      if (path === '/api/v1/organizations') return jsonResponse(200, { items: [], total: 0, limit: 20, offset: 0 })
      if (path === `/api/v1/organizations/${ORG.id}`) return jsonResponse(200, ORG)
      if (path === `/api/v1/experts/${expert.id}` && req.method === 'PATCH') {
        patched = await req.json()
        return jsonResponse(200, { ...expert, organization_id: null, organization_credit_code: null })
      }
      return undefined
    })
    renderApp('/admin/experts')
    const row = (await screen.findByText(expert.name, {}, { timeout: 8000 })).closest('tr')!
    expect(within(row).getByText('已关联')).toBeInTheDocument()
    expect(within(row).getByText('91110113MA00000031')).toBeInTheDocument()

    const user = userEvent.setup()
    await user.click(within(row).getByRole('button', { name: `编辑 ${expert.name}` }))
    const dialog = await screen.findByRole('dialog', {}, { timeout: 8000 })
    expect(await within(dialog).findByText(`${ORG.name}（${ORG.credit_code}）`, {}, { timeout: 8000 })).toBeInTheDocument()
    const code = within(dialog).getByLabelText('工作单位统一社会信用代码')
    await user.clear(code)
    const link = within(dialog).getByLabelText('关联注册单位').closest('.ant-select')!
    await user.hover(link)
    await user.click(link.querySelector('.ant-select-clear')!)
    await user.click(within(dialog).getByRole('button', { name: '保存' }))
    await waitFor(() => expect(patched).toBeTruthy())
    expect(patched).toMatchObject({ organization_id: null, organization_credit_code: null })
  }, 60_000) // a modal, a searchable select and typing: slow on a loaded machine
})
