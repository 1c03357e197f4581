import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Application, Call, Eligibility } from '../../client/types'
import { localDraftKey, readConflictBackup } from '../../lib/autosave'
import { tokens } from '../../lib/tokens'
import { meApplicant } from '../../test/fixtures'
import { jsonResponse, mockApi, renderApp } from '../../test/render'

const APP_ID = '00000000-0000-0000-0000-00000000a001'
const CALL_ID = '00000000-0000-0000-0000-00000000c001'

function application(over: Partial<Application> = {}): Application {
  return {
    id: APP_ID,
    call_id: CALL_ID,
    call_name: '2026年演示批次',
    call_deadline: '2026-12-31',
    organization_id: '00000000-0000-0000-0000-0000000000a1',
    organization_name: '顺义示范职业技能培训学校',
    base_type: 'skills_upgrading',
    status: 'draft',
    submitted_versions: 0,
    submitted_at: null,
    status_changed_at: null,
    created_at: '2026-03-01T00:00:00Z',
    updated_at: '2026-03-01T00:00:00Z',
    draft_form: { cover: { form_filler: '张三', fill_date: null } },
    draft_version: 3,
    status_reason: null,
    editable: true,
    attachments: [],
    ...over,
  }
}

const eligibility: Eligibility = {
  ready: false,
  checks: [
    { code: 'SECTION_COMPLETE', message: '封面：填报人', passed: true, group: 'form', field: 'cover.form_filler', params: {} },
    { code: 'SECTION_INCOMPLETE', message: '表1-2：项目背景', passed: false, group: 'form', field: 'table_1_2.project_background', params: {} },
  ],
}

const call = { id: CALL_ID, policies: { skills_upgrading: { required_attachments: ['licence'] } } } as unknown as Call

interface Sent {
  ifMatch: string | null
  body: unknown
}

/** The API of the editor; `getApp` answers each GET of the application (the test decides what the server has). */
function api(onDraft: (sent: Sent) => Response, getApp: () => Application = () => application()) {
  const drafts: Sent[] = []
  mockApi(async (req, path) => {
    if (path === '/api/v1/me') return jsonResponse(200, meApplicant(true, { organization: { ...meApplicant(true).organization!, status: 'verified' } }))
    if (path === `/api/v1/applications/${APP_ID}/draft` && req.method === 'PUT') {
      const sent = { ifMatch: req.headers.get('If-Match'), body: await req.json() }
      drafts.push(sent)
      return onDraft(sent)
    }
    if (path === `/api/v1/applications/${APP_ID}/eligibility`) return jsonResponse(200, eligibility)
    if (path === `/api/v1/applications/${APP_ID}`) return jsonResponse(200, getApp())
    if (path === `/api/v1/public/calls/${CALL_ID}`) return jsonResponse(200, call)
    return jsonResponse(200, { items: [], total: 0, limit: 20, offset: 0, unread: 0 })
  })
  return drafts
}

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

describe('the application editor', () => {
  it('autosaves with If-Match, keeps a local copy, and on a 412 stops and shows the unsaved text', async () => {
    // the page loads version 3, then someone else saves version 4
    let gets = 0
    const drafts = api(
      () =>
        jsonResponse(412, {
          error: { code: 'STALE_VERSION', message: '记录已被他人修改，请刷新后重试', details: { current_version: 4, your_version: 3 } },
        }),
      () =>
        gets++ === 0
          ? application()
          : application({ draft_form: { cover: { form_filler: '李四（他人修改）' } }, draft_version: 4 }),
    )

    renderApp(`/app/applications/${APP_ID}`)
    const filler = await screen.findByLabelText('填报人')
    expect(filler).toHaveValue('张三')
    fireEvent.change(filler, { target: { value: '王五（我的修改）' } })

    // the local copy is written at once
    expect(localStorage.getItem(localDraftKey(APP_ID))).toContain('王五（我的修改）')
    expect(screen.getByTestId('save-status')).toHaveTextContent('有未保存的修改')

    // the debounced save goes out with If-Match "3" and the whole form
    await waitFor(() => expect(drafts).toHaveLength(1))
    expect(drafts[0].ifMatch).toBe('"3"')
    expect(drafts[0].body).toMatchObject({ cover: { form_filler: '王五（我的修改）' } })

    // 412: autosave stops and the dialog keeps the user's text next to the server's
    const dialog = await screen.findByRole('dialog', { name: '他人已修改此申报' })
    expect(within(dialog).getByText('封面 / 填报人')).toBeInTheDocument()
    expect(within(dialog).getAllByText('王五（我的修改）').length).toBeGreaterThan(0)
    expect(within(dialog).getByText('李四（他人修改）')).toBeInTheDocument()
    expect(screen.getByTestId('save-status')).toHaveTextContent('自动保存已停止')

    // 重新加载: the text is kept aside in localStorage, the server's version is loaded
    fireEvent.click(within(dialog).getByRole('button', { name: '重新加载' }))
    await waitFor(() => expect(screen.getByLabelText('填报人')).toHaveValue('李四（他人修改）'))
    expect(readConflictBackup(APP_ID)?.form).toMatchObject({ cover: { form_filler: '王五（我的修改）' } })
    const again = await screen.findByRole('dialog', { name: '他人已修改此申报' })
    expect(within(again).getByText(/已载入服务器上的最新版本/)).toBeInTheDocument()
    expect(drafts).toHaveLength(1) // nothing more was sent
  })

  it('offers to restore a local copy newer than the server version', async () => {
    localStorage.setItem(
      localDraftKey(APP_ID),
      JSON.stringify({ form: { cover: { form_filler: '本机未保存' } }, baseVersion: 3, updatedAt: Date.parse('2026-03-02T00:00:00Z') }),
    )
    const drafts = api((sent) => jsonResponse(200, application({ draft_form: sent.body as Application['draft_form'], draft_version: 4 })))

    renderApp(`/app/applications/${APP_ID}`)
    const dialog = await screen.findByRole('dialog', { name: '发现本机未保存的内容' })
    expect(screen.getByLabelText('填报人')).toHaveValue('张三')
    fireEvent.click(within(dialog).getByRole('button', { name: '恢复' }))
    await waitFor(() => expect(screen.getByLabelText('填报人')).toHaveValue('本机未保存'))
    await waitFor(() => expect(drafts).toHaveLength(1))
    expect(drafts[0].ifMatch).toBe('"3"')
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveTextContent('已保存'))
    expect(localStorage.getItem(localDraftKey(APP_ID))).toBeNull()
  })

  it('lists the eligibility checks and marks complete sections', async () => {
    api(() => jsonResponse(500, {}))
    renderApp(`/app/applications/${APP_ID}`)
    const panel = await screen.findByTestId('eligibility-panel')
    await within(panel).findByText('尚有 1 项不符合要求')
    expect(screen.getByTestId('section-cover')).toHaveAttribute('data-state', 'complete')
    expect(screen.getByTestId('section-table_1_2')).toHaveAttribute('data-state', 'incomplete')
    // a failing check jumps to its section
    fireEvent.click(within(panel).getByRole('button', { name: /表1-2：项目背景/ }))
    await waitFor(() => expect(screen.getByTestId('section-title')).toHaveTextContent('表1-2 项目背景及工作基础'))
    expect(await screen.findByLabelText('项目背景')).toBeInTheDocument()
  })
})
