/** The publicity period as the UI shows it (the server decides: open_for_objections, recognition refusals). */
import dayjs, { type Dayjs } from 'dayjs'

export const DEFAULT_PUBLICITY_DAYS = 7

/** starts today (or `from`), lasts `days` calendar days, both ends included: the server's default. */
export function defaultPeriod(days: number | null | undefined, from: Dayjs = dayjs()): [Dayjs, Dayjs] {
  const n = days && days > 0 ? days : DEFAULT_PUBLICITY_DAYS
  const start = from.startOf('day')
  return [start, start.add(n - 1, 'day')]
}

/** The longest publicity of the calls involved (what the server uses when no end date is given). */
export function publicityDays(callIds: readonly string[], daysByCall: ReadonlyMap<string, number>): number {
  const known = callIds.map((id) => daysByCall.get(id)).filter((d): d is number => typeof d === 'number' && d > 0)
  return known.length ? Math.max(...known) : DEFAULT_PUBLICITY_DAYS
}

export type NoticePhase = 'draft' | 'upcoming' | 'open' | 'over' | 'recognised'

/** Where a notice stands on `today` (YYYY-MM-DD strings compare as dates). */
export function noticePhase(
  n: { status: 'draft' | 'published'; starts_on: string; ends_on: string; recognised?: boolean },
  today: string = dayjs().format('YYYY-MM-DD'),
): NoticePhase {
  if (n.status === 'draft') return 'draft'
  if (n.recognised) return 'recognised'
  if (today < n.starts_on) return 'upcoming'
  if (today <= n.ends_on) return 'open'
  return 'over'
}

/** Recognition is refused until the day after the period ends (server: PUBLICITY_NOT_OVER). */
export function periodOver(endsOn: string, today: string = dayjs().format('YYYY-MM-DD')): boolean {
  return today > endsOn
}

/**
 * A draft whose start has passed cannot be published as it is (the server refuses a period that began
 * before its publication): the period it will be published with instead — from today, same length.
 * Null when the draft's own dates still hold.
 */
export function republishPeriod(
  n: { status: 'draft' | 'published'; starts_on: string; ends_on: string },
  today: string = dayjs().format('YYYY-MM-DD'),
): { starts_on: string; ends_on: string } | null {
  if (n.status !== 'draft' || n.starts_on >= today) return null
  const days = dayjs(n.ends_on).diff(dayjs(n.starts_on), 'day')
  return { starts_on: today, ends_on: dayjs(today).add(days, 'day').format('YYYY-MM-DD') }
}

/** Calendar days of a period, both ends included. */
export function periodDays(start: Dayjs, end: Dayjs): number {
  return end.startOf('day').diff(start.startOf('day'), 'day') + 1
}
