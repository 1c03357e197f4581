import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mockApi, renderApp } from '../../../test/render'

const NOTICE_ID = '00000000-0000-0000-0000-00000000a0a1'
const APP_ID = '00000000-0000-0000-0000-00000000a002'

function notice(open: boolean) {
  return {
    id: NOTICE_ID,
    title: '2026年顺义区技能人才培训基地拟认定名单公示',
    body: '现予公示。',
    contact: '顺义区人力资源和社会保障局',
    starts_on: '2026-11-28',
    ends_on: '2026-12-04',
    published_at: '2026-11-28T02:00:00Z',
    open_for_objections: open,
    items: [{ application_id: APP_ID, organization_name: '顺义区测试技工学校', base_type: 'skills_upgrading', specialties: ['数控车工'] }],
  }
}

afterEach(() => vi.unstubAllGlobals())

describe('public notice (no login)', () => {
  it('files an objection and shows the ticket to keep', async () => {
    let sent: { body: unknown; auth: string | null } | null = null
    mockApi(async (req, path) => {
      if (path === `/api/v1/public/publicity-notices/${NOTICE_ID}`) return jsonResponse(200, notice(true))
      if (path === `/api/v1/public/publicity-notices/${NOTICE_ID}/objections`) {
        sent = { body: await req.json(), auth: req.headers.get('Authorization') }
        return jsonResponse(201, { ticket: 'YYABCDEFGH23', status: 'pending' })
      }
      return undefined
    })
    renderApp(`/public/notices/${NOTICE_ID}`)
    expect(await screen.findByText('顺义区测试技工学校')).toBeInTheDocument()
    const form = await screen.findByTestId('objection-form')
    const user = userEvent.setup()
    await user.type(within(form).getByLabelText('姓名'), '王市民')
    await user.type(within(form).getByLabelText('联系方式'), '13900001234')
    await user.type(within(form).getByLabelText('异议内容'), '实训场地面积与申报不符。')
    await user.click(within(form).getByRole('button', { name: '提交异议' }))

    expect(await screen.findByTestId('objection-ticket')).toHaveTextContent('YYABCDEFGH23')
    expect(screen.getByText('请妥善保存异议编号，凭编号查询处理结果。')).toBeInTheDocument()
    expect(sent).toEqual({
      body: { name: '王市民', contact: '13900001234', text: '实训场地面积与申报不符。', application_id: null },
      auth: null,
    })
  })

  it('outside the period there is no form', async () => {
    mockApi((_req, path) => (path.startsWith('/api/v1/public/publicity-notices/') ? jsonResponse(200, notice(false)) : undefined))
    renderApp(`/public/notices/${NOTICE_ID}`)
    expect(await screen.findByText('公示期为 2026-11-28 至 2026-12-04，当前不受理异议。')).toBeInTheDocument()
    expect(screen.queryByTestId('objection-form')).not.toBeInTheDocument()
  })
})
