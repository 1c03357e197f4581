import { screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mockApi, renderApp } from '../test/render'
import { meAdmin, meApplicant, meExpert } from '../test/fixtures'
import { tokens } from '../lib/tokens'
import type { Me } from '../client/types'

const emptyPage = { items: [], total: 0, limit: 20, offset: 0 }

function serve(me: Me) {
  return mockApi((_req, path) => {
    if (path === '/api/v1/me') return jsonResponse(200, me)
    if (path === '/api/v1/notifications') return jsonResponse(200, { ...emptyPage, unread: 0 })
    if (path.startsWith('/api/v1/organizations')) return jsonResponse(200, me.organization ?? emptyPage)
    return jsonResponse(200, emptyPage)
  })
}

async function menuLabels() {
  const nav = await screen.findByRole('menu', { name: '主导航' })
  return within(nav)
    .getAllByRole('menuitem')
    .map((el) => el.textContent?.trim())
}

beforeEach(() => tokens.set({ access_token: 'a', refresh_token: 'r' }))
afterEach(() => vi.unstubAllGlobals())

describe('signed-in shell', () => {
  it('administrator menu', async () => {
    serve(meAdmin())
    renderApp('/')
    expect(await menuLabels()).toEqual([
      '单位审核',
      '申报批次',
      '申报管理',
      '评审管理',
      '公示管理',
      '基地',
      '重复证书',
      '基地指标',
      '专家库',
      '管理员',
      '审计日志',
      '消息通知',
      '个人资料',
    ])
    expect(await screen.findByTestId('current-role')).toHaveTextContent('区人社局管理员')
  })

  it('expert menu', async () => {
    serve(meExpert())
    renderApp('/')
    expect(await menuLabels()).toEqual(['首页', '我的评审', '消息通知', '个人资料'])
    expect(await screen.findByText('北京某职业技术学院')).toBeInTheDocument()
  })

  it('applicant owner menu includes 单位用户; a member does not', async () => {
    serve(meApplicant(true))
    const first = renderApp('/')
    expect(await menuLabels()).toEqual(['首页', '本单位信息', '单位用户', '消息通知', '个人资料'])
    first.unmount()
    serve(meApplicant(false))
    renderApp('/')
    expect(await menuLabels()).toEqual(['首页', '本单位信息', '消息通知', '个人资料'])
  })

  it('applicant home shows the organisation status', async () => {
    serve(meApplicant(true))
    renderApp('/applicant')
    const card = await screen.findByTestId('org-status-card')
    expect(within(card).getByTestId('org-status')).toHaveTextContent('待审核')
  })

  it('an administrator page answers 403 to an applicant, who stays signed in', async () => {
    serve(meApplicant(true))
    renderApp('/admin/experts')
    expect(await screen.findByText('无权访问')).toBeInTheDocument()
    expect(tokens.has()).toBe(true)
  })

  it('without tokens the shell sends to /login', async () => {
    tokens.clear()
    serve(meAdmin())
    const { router } = renderApp('/admin/organizations')
    expect(await screen.findByRole('button', { name: '登录' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/login')
  })
})
