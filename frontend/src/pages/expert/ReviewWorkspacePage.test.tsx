import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Assignment, Review } from '../../api/reviews'
import { tokens } from '../../lib/tokens'
import { makeApplication, meExpert } from '../../test/fixtures'
import { jsonResponse, mockApi, renderApp } from '../../test/render'

const APP_ID = '00000000-0000-0000-0000-00000000a001'
const MEMBER_ID = '00000000-0000-0000-0000-00000000b001'
const RUBRIC = [
  { key: 'management', name: '规范管理', description: '管理制度', max_points: 15 },
  { key: 'training_capacity', name: '培训能力', description: '', max_points: 20 },
  { key: 'teachers', name: '师资队伍', description: '', max_points: 15 },
  { key: 'cooperation', name: '校企合作', description: '', max_points: 15 },
  { key: 'construction_plan', name: '建设方案', description: '', max_points: 15 },
  { key: 'output_targets', name: '产出指标', description: '', max_points: 10 },
  { key: 'safeguards', name: '保障措施', description: '', max_points: 10 },
]

function assignment(over: Partial<Assignment> = {}): Assignment {
  return {
    member_id: MEMBER_ID,
    application_id: APP_ID,
    organization_name: '顺义区测试技工学校',
    base_type: 'skills_upgrading',
    call_name: '2026年申报批次',
    application_status: 'under_review',
    specialties: ['数控车工'],
    is_lead: false,
    declaration: 'pending',
    review_status: null,
    due_on: '2026-12-31',
    version_no: 1,
    rubric: RUBRIC,
    ...over,
  }
}

const review: Review = {
  id: '00000000-0000-0000-0000-00000000c001',
  member_id: MEMBER_ID,
  expert_name: '王专家',
  scores: {},
  total: 0,
  site_visit: { visited_on: null, place: null, findings: [] },
  opinion: null,
  recommend: null,
  status: 'draft',
  submitted_at: null,
  version: 1,
  photos: [],
}

const application = makeApplication({ id: APP_ID })

const version = {
  id: '00000000-0000-0000-0000-00000000f001',
  version_no: 1,
  submitted_at: '2026-11-01T00:00:00Z',
  submitted_by_id: '00000000-0000-0000-0000-000000000009',
  form: { table_1_2: { project_background: '顺义区产业升级需求旺盛' } },
  organization_snapshot: { name: '顺义区测试技工学校' },
  attachments: [],
}

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

function serve(state: { declaration: Assignment['declaration'] }, calls: string[] = []) {
  return mockApi(async (req, path) => {
    calls.push(`${req.method} ${path}`)
    if (path === '/api/v1/me') return jsonResponse(200, meExpert())
    if (path === '/api/v1/notifications') return jsonResponse(200, { items: [], total: 0, limit: 1, offset: 0, unread: 0 })
    if (path === '/api/v1/reviews/assignments') {
      return jsonResponse(200, { items: [assignment({ declaration: state.declaration })], total: 1, limit: 100, offset: 0 })
    }
    if (path === `/api/v1/reviews/assignments/${MEMBER_ID}/declaration`) {
      const body = (await req.json()) as { conflict: boolean }
      state.declaration = body.conflict ? 'conflict' : 'no_conflict'
      return jsonResponse(200, assignment({ declaration: state.declaration }))
    }
    if (path === `/api/v1/reviews/assignments/${MEMBER_ID}/review`) return jsonResponse(200, review)
    if (path === `/api/v1/applications/${APP_ID}`) return jsonResponse(200, application)
    if (path === `/api/v1/applications/${APP_ID}/versions/1`) return jsonResponse(200, version)
    return undefined
  })
}

describe('expert workspace', () => {
  it('shows nothing of the application before the declaration; 无利益冲突 opens it', async () => {
    const calls: string[] = []
    const fetch = serve({ declaration: 'pending' }, calls)
    renderApp(`/app/reviews/${MEMBER_ID}`)
    const card = await screen.findByTestId('declaration-card')
    expect(screen.queryByRole('tab', { name: '申报材料' })).not.toBeInTheDocument()
    expect(calls.some((c) => c.includes(`/applications/${APP_ID}`))).toBe(false)

    const user = userEvent.setup()
    await user.click(within(card).getByRole('button', { name: '无利益冲突' }))
    await user.click(await screen.findByRole('button', { name: '确定' }))

    expect(await screen.findByRole('tab', { name: '申报材料' })).toBeInTheDocument()
    expect(await screen.findByText('顺义区产业升级需求旺盛')).toBeInTheDocument()
    const declaration = fetch.mock.calls
      .map(([input]) => input as Request)
      .find((r) => r.url.endsWith('/declaration'))
    expect(declaration?.method).toBe('POST')
  })

  it('存在利益冲突 needs a note before anything is sent', async () => {
    const calls: string[] = []
    serve({ declaration: 'pending' }, calls)
    renderApp(`/app/reviews/${MEMBER_ID}`)
    const user = userEvent.setup()
    await user.click(within(await screen.findByTestId('declaration-card')).getByRole('button', { name: '存在利益冲突' }))
    const dialog = await screen.findByRole('dialog')
    await user.click(within(dialog).getByRole('button', { name: '存在利益冲突' }))
    expect(await within(dialog).findByText('请填写说明')).toBeInTheDocument()
    expect(calls.some((c) => c.startsWith('POST'))).toBe(false)

    await user.type(within(dialog).getByLabelText('说明'), '曾在该单位兼职')
    await user.click(within(dialog).getByRole('button', { name: '存在利益冲突' }))
    expect(await screen.findByText('您已声明存在利益冲突')).toBeInTheDocument()
    expect(screen.queryByRole('tab', { name: '申报材料' })).not.toBeInTheDocument()
  })

  it('the score sheet keeps a running total out of 100', async () => {
    serve({ declaration: 'no_conflict' })
    renderApp(`/app/reviews/${MEMBER_ID}`)
    const user = userEvent.setup()
    await user.click(await screen.findByRole('tab', { name: '评分与现场核查' }))
    const total = await screen.findByTestId('running-total')
    expect(total).toHaveTextContent('0/ 100')
    await user.type(screen.getByLabelText('规范管理（满分 15）'), '12')
    await user.type(screen.getByLabelText('培训能力（满分 20）'), '18')
    await waitFor(() => expect(total).toHaveTextContent('30/ 100'))
    // the four standard inspection items are offered
    expect(screen.getByDisplayValue('场所设备符合国家建设和安全标准')).toBeInTheDocument()
    expect(screen.getByDisplayValue('管理制度健全')).toBeInTheDocument()
  })
})
