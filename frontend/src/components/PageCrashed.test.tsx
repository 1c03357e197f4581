import { render, screen } from '@testing-library/react'
import { createMemoryRouter, RouterProvider } from 'react-router-dom'
import { describe, expect, it, vi } from 'vitest'
import { I18nProvider } from '../i18n'
import { routes } from '../app/router'
import { PageCrashed } from './Forbidden'

function Boom(): never {
  throw new Error('boom')
}

describe('a page that throws while rendering', () => {
  it('shows a message and a reload in Chinese, not the router developer screen', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    const router = createMemoryRouter([{ path: '/', Component: Boom, errorElement: <PageCrashed /> }])
    render(
      <I18nProvider initialLang="zh">
        <RouterProvider router={router} />
      </I18nProvider>,
    )
    expect(await screen.findByText('页面出错了')).toBeTruthy()
    expect(screen.getByRole('button', { name: '刷新页面' })).toBeTruthy()
    expect(screen.queryByText(/Unexpected Application Error/)).toBeNull()
    quiet.mockRestore()
  })

  it('is the root route’s errorElement, so every page has it', () => {
    expect(routes[0].errorElement).toBeTruthy()
  })
})
