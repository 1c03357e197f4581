import { describe, expect, it } from 'vitest'
import { fenToYuan, formatFen, MAX_FEN, MoneyError, yuanProblem, yuanToFen } from './money'

describe('yuanToFen', () => {
  it('is exact: 1,000,000 元 is 100000000 分', () => {
    expect(yuanToFen('1000000')).toBe(100_000_000)
    expect(yuanToFen('1,000,000')).toBe(100_000_000)
    expect(yuanToFen(1_000_000)).toBe(100_000_000)
  })

  it('keeps cents without floating-point drift', () => {
    expect(yuanToFen('0.1')).toBe(10)
    expect(yuanToFen('0.29')).toBe(29) // 0.29 * 100 = 28.999999999999996 in floats
    expect(yuanToFen('19.99')).toBe(1999)
    expect(yuanToFen(1234.56)).toBe(123456)
    expect(yuanToFen('500000.5')).toBe(50_000_050)
    expect(yuanToFen('007.50')).toBe(750)
    expect(yuanToFen('3.')).toBe(300)
    expect(yuanToFen('0')).toBe(0)
  })

  it('accepts trailing zeros beyond two decimals (they are no fraction of a fen)', () => {
    expect(yuanToFen('12.3400')).toBe(1234)
  })

  it('refuses a fraction of a fen', () => {
    expect(() => yuanToFen('0.001')).toThrow(MoneyError)
    expect(() => yuanToFen('1.234')).toThrowError(/分/)
    expect(yuanProblem('100.555')).toBe('fraction')
  })

  it('refuses what is not an amount', () => {
    for (const bad of ['', '.', '-1', 'abc', '1e5', '1.2.3', '¥100']) {
      expect(() => yuanToFen(bad), bad).toThrow(MoneyError)
    }
    expect(yuanProblem('-5')).toBe('format')
  })

  it('refuses amounts beyond the server limit', () => {
    expect(yuanToFen(String(MAX_FEN / 100))).toBe(MAX_FEN)
    expect(() => yuanToFen('100000000.01')).toThrow(MoneyError)
    expect(yuanProblem('999999999999999999')).toBe('range')
  })

  it('treats an empty value as no problem (optional amounts)', () => {
    expect(yuanProblem('')).toBeNull()
    expect(yuanProblem(null)).toBeNull()
    expect(yuanProblem('50000')).toBeNull()
  })
})

describe('fenToYuan', () => {
  it('is exact: 100000000 分 is "1000000" 元', () => {
    expect(fenToYuan(100_000_000)).toBe('1000000')
    expect(fenToYuan(100_000_050)).toBe('1000000.5')
    expect(fenToYuan(1999)).toBe('19.99')
    expect(fenToYuan(5)).toBe('0.05')
    expect(fenToYuan(0)).toBe('0')
  })

  it('round-trips every cent value', () => {
    for (let fen = 0; fen < 1000; fen++) expect(yuanToFen(fenToYuan(fen))).toBe(fen)
    for (const fen of [100_000_000, 50_000_000, 10_000_000_000, 123_456_789]) expect(yuanToFen(fenToYuan(fen))).toBe(fen)
  })

  it('refuses non-integers and negatives', () => {
    expect(() => fenToYuan(1.5)).toThrow(MoneyError)
    expect(() => fenToYuan(-1)).toThrow(MoneyError)
  })
})

describe('formatFen', () => {
  it('groups thousands and shows cents only when there are some', () => {
    expect(formatFen(100_000_000)).toBe('1,000,000')
    expect(formatFen(100_000_050)).toBe('1,000,000.50')
    expect(formatFen(null)).toBe('—')
  })
})
