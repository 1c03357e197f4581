/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters over a 31-symbol alphabet (no I, O, Z, S, V). Character 18 is a check
 * character computed from the first 17 with fixed weights; characters 3-8 are the
 * registering authority's administrative division code (110113 = Shunyi District).
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const
export const SHUNYI_DIVISION_CODE = '110113'

export type CreditCodeError = 'length' | 'charset' | 'checksum'

export interface CreditCodeResult {
  /** The normalised code (trimmed, upper-case). */
  code: string
  valid: boolean
  error?: CreditCodeError
  /** Characters 3-8, present when the code is long enough. */
  division?: string
  /** True when valid but registered outside Shunyi: show a warning, do not block. */
  outsideShunyi: boolean
}

export function normalizeCreditCode(raw: string): string {
  return raw.trim().toUpperCase()
}

/** The check character for a 17-character prefix, or null when the prefix is malformed. */
export function creditCodeCheckChar(prefix17: string): string | null {
  if (prefix17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(prefix17[i])
    if (value < 0) return null
    sum += value * CREDIT_CODE_WEIGHTS[i]
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]
}

export function checkCreditCode(raw: string): CreditCodeResult {
  const code = normalizeCreditCode(raw)
  const division = code.length >= 8 ? code.slice(2, 8) : undefined
  const fail = (error: CreditCodeError): CreditCodeResult => ({ code, valid: false, error, division, outsideShunyi: false })
  if (code.length !== 18) return fail('length')
  for (const ch of code) {
    if (!CREDIT_CODE_ALPHABET.includes(ch)) return fail('charset')
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return fail('checksum')
  return { code, valid: true, division, outsideShunyi: division !== SHUNYI_DIVISION_CODE }
}

export function isValidCreditCode(raw: string): boolean {
  return checkCreditCode(raw).valid
}
