import { describe, expect, it } from 'vitest'
import { CREDIT_CODE_ALPHABET, checkCreditCode, creditCodeCheckChar, isValidCreditCode } from './creditCode'

/** Builds a valid code from a 17-character prefix by appending its check character. */
function build(prefix17: string): string {
  const check = creditCodeCheckChar(prefix17)
  if (check === null) throw new Error(`bad prefix ${prefix17}`)
  return prefix17 + check
}

describe('credit code check character (GB 32100-2015)', () => {
  it('matches a published code', () => {
    // Well-known published code (Tencent, Shenzhen): 91440300708461136T
    expect(creditCodeCheckChar('91440300708461136')).toBe('T')
    expect(isValidCreditCode('91440300708461136T')).toBe(true)
  })

  it('accepts a built Shunyi code without warning', () => {
    const code = build('91110113MA0000000')
    const r = checkCreditCode(code)
    expect(r.valid).toBe(true)
    expect(r.division).toBe('110113')
    expect(r.outsideShunyi).toBe(false)
  })

  it('normalises case and whitespace', () => {
    const code = build('91110113MA01ABCD2')
    expect(checkCreditCode(` ${code.toLowerCase()} `).valid).toBe(true)
  })

  it('warns (does not block) outside Shunyi', () => {
    const r = checkCreditCode(build('91110105MA0000000'))
    expect(r.valid).toBe(true)
    expect(r.outsideShunyi).toBe(true)
    expect(r.division).toBe('110105')
  })

  it('refuses any single-character change of a valid code', () => {
    const code = build('91110113MA01XY7K3')
    for (let i = 0; i < 18; i++) {
      const original = code[i]
      const replacement = CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(original) + 1) % 31]
      const changed = code.slice(0, i) + replacement + code.slice(i + 1)
      const r = checkCreditCode(changed)
      expect(r.valid, `position ${i}`).toBe(false)
      expect(r.error).toBe('checksum')
    }
  })

  it('refuses wrong length', () => {
    expect(checkCreditCode('91110113MA000000').error).toBe('length')
    expect(checkCreditCode('').error).toBe('length')
  })

  it.each(['I', 'O', 'Z', 'S', 'V', '-'])('refuses the character %s', (ch) => {
    const code = build('91110113MA0000000')
    expect(checkCreditCode(ch + code.slice(1)).error).toBe('charset')
  })

  it('check character 0 when the weighted sum is a multiple of 31', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0')
    expect(isValidCreditCode('000000000000000000')).toBe(true)
  })
})
