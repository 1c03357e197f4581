import dayjs from 'dayjs'
import { describe, expect, it } from 'vitest'
import { defaultPeriod, noticePhase, periodDays, periodOver, publicityDays, republishPeriod } from './period'

describe('publicity period', () => {
  it('defaults to the call’s days, both ends included', () => {
    const [s, e] = defaultPeriod(7, dayjs('2026-11-28T15:30:00'))
    expect(s.format('YYYY-MM-DD')).toBe('2026-11-28')
    expect(e.format('YYYY-MM-DD')).toBe('2026-12-04')
    expect(defaultPeriod(null, dayjs('2026-11-28'))[1].format('YYYY-MM-DD')).toBe('2026-12-04')
    expect(defaultPeriod(1, dayjs('2026-11-28'))[1].format('YYYY-MM-DD')).toBe('2026-11-28')
  })

  it('takes the longest period of the calls involved', () => {
    const days = new Map([
      ['a', 7],
      ['b', 10],
    ])
    expect(publicityDays(['a', 'b'], days)).toBe(10)
    expect(publicityDays(['a'], days)).toBe(7)
    expect(publicityDays(['unknown'], days)).toBe(7)
  })

  it('tells the phase of a notice', () => {
    const n = { status: 'published' as const, starts_on: '2026-11-28', ends_on: '2026-12-04' }
    expect(noticePhase({ ...n, status: 'draft' }, '2026-11-30')).toBe('draft')
    expect(noticePhase(n, '2026-11-27')).toBe('upcoming')
    expect(noticePhase(n, '2026-11-28')).toBe('open')
    expect(noticePhase(n, '2026-12-04')).toBe('open')
    expect(noticePhase(n, '2026-12-05')).toBe('over')
    expect(noticePhase({ ...n, recognised: true }, '2026-12-05')).toBe('recognised')
  })

  it('allows recognition only after the last day', () => {
    expect(periodOver('2026-12-04', '2026-12-04')).toBe(false)
    expect(periodOver('2026-12-04', '2026-12-05')).toBe(true)
  })

  it('moves a draft whose start has passed to start today, keeping its length', () => {
    const draft = { status: 'draft' as const, starts_on: '2026-11-20', ends_on: '2026-11-26' }
    expect(republishPeriod(draft, '2026-11-28')).toEqual({ starts_on: '2026-11-28', ends_on: '2026-12-04' })
    expect(republishPeriod(draft, '2026-11-20')).toBeNull()
    expect(republishPeriod({ ...draft, status: 'published' }, '2026-11-28')).toBeNull()
  })

  it('counts a period’s days with both ends included', () => {
    expect(periodDays(dayjs('2026-11-28'), dayjs('2026-12-04'))).toBe(7)
    expect(periodDays(dayjs('2026-11-28T23:00:00'), dayjs('2026-11-28T01:00:00'))).toBe(1)
  })
})
