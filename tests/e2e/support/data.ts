/**
 * Unique test data per run. The credit code uses the SPA's own GB 32100-2015 implementation,
 * so the check character is computed exactly as the registration form validates it.
 */
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../../../frontend/src/lib/creditCode'

function randomFrom(alphabet: string, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)]
  return s
}

/** 91 (enterprise) + 110113 (Shunyi) + 9 random organisation-code characters + check character. */
export function uniqueCreditCode(division = '110113'): string {
  const prefix = `91${division}${randomFrom(CREDIT_CODE_ALPHABET, 9)}`
  return prefix + creditCodeCheckChar(prefix)
}

export function runId(): string {
  return `${Date.now().toString(36)}${randomFrom('abcdefghijkmnpqrstuvwxyz23456789', 4)}`
}

export function uniqueMobile(): string {
  return `139${randomFrom('0123456789', 8)}`
}

export interface NewOrganization {
  name: string
  creditCode: string
  address: string
  website: string
  legal: { name: string; deptPost: string; officePhone: string; mobile: string }
  contact: { name: string; deptPost: string; officePhone: string; mobile: string }
  bankName: string
  bankAccount: string
  user: { fullName: string; email: string; mobile: string; password: string }
}

export function newOrganization(): NewOrganization {
  const id = runId()
  return {
    name: `顺义区端到端测试培训学校${id}`,
    creditCode: uniqueCreditCode(),
    address: '北京市顺义区府前中街 1 号',
    website: 'https://example.org',
    legal: { name: '赵法人', deptPost: '校长办公室 校长', officePhone: '010-69440000', mobile: uniqueMobile() },
    contact: { name: '钱联系', deptPost: '培训部 主任', officePhone: '010-69440001', mobile: uniqueMobile() },
    bankName: '中国工商银行北京顺义支行',
    bankAccount: `0200${randomFrom('0123456789', 15)}`,
    user: {
      fullName: '孙管理',
      email: `e2e-${id}@e2e.skillbase.cn`,
      mobile: uniqueMobile(),
      password: `E2e-${id}-Passw0rd`,
    },
  }
}
