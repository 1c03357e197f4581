import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { creditCodeCheckChar } from '../../lib/creditCode'
import { MemoryRouter } from 'react-router-dom'
import { I18nProvider } from '../../i18n'
import { mockApi, renderApp } from '../../test/render'
import { RegistrationDone } from './RegisterPage'

afterEach(() => vi.unstubAllGlobals())

const valid = (prefix17: string) => prefix17 + creditCodeCheckChar(prefix17)

async function typeCode(code: string) {
  const user = userEvent.setup()
  const input = await screen.findByLabelText('统一社会信用代码')
  await user.clear(input)
  await user.type(input, code)
  await user.tab()
}

describe('RegisterPage credit code field', () => {
  it('blocks a wrong check character', async () => {
    mockApi(() => undefined)
    renderApp('/register')
    const good = valid('91110113MA01ABCD2')
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
    await typeCode(bad)
    expect(await screen.findByText('统一社会信用代码校验位不正确，请核对')).toBeInTheDocument()
  })

  it('warns, without blocking, when the division is not Shunyi', async () => {
    mockApi(() => undefined)
    renderApp('/register')
    await typeCode(valid('91110105MA01ABCD2'))
    expect(await screen.findByText(/行政区划码为 110105，不是顺义区/)).toBeInTheDocument()
  })

  it('accepts a Shunyi code silently', async () => {
    mockApi(() => undefined)
    renderApp('/register')
    await typeCode(valid('91110113MA01ABCD2').toLowerCase())
    expect(screen.queryByText(/不是顺义区/)).not.toBeInTheDocument()
    expect(screen.queryByText(/校验位不正确/)).not.toBeInTheDocument()
    expect(screen.getByLabelText('统一社会信用代码')).toHaveValue(valid('91110113MA01ABCD2'))
  })
})

describe('RegistrationDone', () => {
  it('says only what is true whether or not the e-mail had an account: check the mailbox', () => {
    render(
      <I18nProvider initialLang="zh">
        <MemoryRouter>
          <RegistrationDone
            result={{
              message: '注册申请已提交',
              organization_name: '顺义区某职业技能培训学校',
              email: 'owner@example.cn',
              warnings: [{ code: 'CREDIT_CODE_DIVISION', message: '行政区划码为 110105，不是顺义区' }],
            }}
          />
        </MemoryRouter>
      </I18nProvider>,
    )
    expect(screen.getByText('注册申请已提交')).toBeInTheDocument()
    expect(screen.getByText(/顺义区某职业技能培训学校/)).toHaveTextContent('owner@example.cn')
    expect(screen.getByText(/不是顺义区/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /登录/ })).toHaveAttribute('href', '/login')
  })
})
