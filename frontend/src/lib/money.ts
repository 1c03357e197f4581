/**
 * Money: the API speaks integer fen (分), people read and type yuan (元). Conversions are exact
 * string/integer arithmetic (yuan × 100), never floating point: 1,000,000 元 ⇄ 100000000 分.
 */

export const FEN_PER_YUAN = 100
/** The server's upper bound for any amount (BaseTypePolicy: le=10_000_000_000 fen). */
export const MAX_FEN = 10_000_000_000

export class MoneyError extends Error {
  readonly reason: 'format' | 'fraction' | 'range'
  constructor(reason: 'format' | 'fraction' | 'range', message: string) {
    super(message)
    this.name = 'MoneyError'
    this.reason = reason
  }
}

const YUAN_PATTERN = /^(\d+)(?:\.(\d*))?$/

/**
 * "1,000,000.5" 元 → 100000050 分. Accepts digits with an optional decimal point and thousands
 * separators; refuses negatives, more than two decimals that are not zero (a fraction of a fen)
 * and amounts beyond MAX_FEN.
 */
export function yuanToFen(input: string | number): number {
  const raw = typeof input === 'number' ? numberToPlainString(input) : input
  const text = raw.replace(/[,，\s]/g, '')
  const m = YUAN_PATTERN.exec(text)
  if (!m || text === '' || text === '.') throw new MoneyError('format', `不是有效的金额：${raw}`)
  const whole = m[1].replace(/^0+(?=\d)/, '')
  const decimals = (m[2] ?? '').replace(/0+$/, '')
  if (decimals.length > 2) throw new MoneyError('fraction', `金额最小单位为分：${raw}`)
  // whole * 100 + cents, built as a digit string first so no float is ever involved
  const fenText = `${whole}${decimals.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '')
  if (fenText.length > String(MAX_FEN).length || Number(fenText) > MAX_FEN) {
    throw new MoneyError('range', `金额超出上限：${raw}`)
  }
  return Number(fenText)
}

/** 100000050 分 → "1000000.5"; 100000000 → "1000000" (plain, for editing). */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new MoneyError('format', `不是有效的金额（分）：${fen}`)
  const whole = Math.floor(fen / FEN_PER_YUAN)
  const cents = fen % FEN_PER_YUAN
  if (cents === 0) return String(whole)
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`
}

/** 100000050 分 → "1,000,000.50" (for display; whole yuan keep no decimals: "1,000,000"). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—'
  const whole = Math.floor(fen / FEN_PER_YUAN)
  const cents = fen % FEN_PER_YUAN
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return cents === 0 ? grouped : `${grouped}.${String(cents).padStart(2, '0')}`
}

/** Validates a yuan text as typed in a form: null when fine, else the reason. */
export function yuanProblem(input: string | number | null | undefined): MoneyError['reason'] | null {
  if (input === null || input === undefined || input === '') return null
  try {
    yuanToFen(input)
    return null
  } catch (e) {
    return e instanceof MoneyError ? e.reason : 'format'
  }
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n) || n < 0) return String(n)
  // Avoid exponent notation (1e21) so the pattern can judge it; toString keeps the shortest exact digits.
  const s = String(n)
  return /e/i.test(s) ? n.toFixed(20).replace(/\.?0+$/, '') : s
}
