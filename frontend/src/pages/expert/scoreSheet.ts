/** The expert's score sheet and site inspection, as pure functions (the form and the tests share them). */
import type { Criterion, Finding, FindingResult } from '../../api/reviews'

/** Sum of the whole-number scores entered so far (blank, fractional or out-of-range ones count as 0). */
export function runningTotal(scores: Record<string, unknown> | null | undefined, rubric: readonly Criterion[]): number {
  if (!scores) return 0
  let sum = 0
  for (const c of rubric) {
    const v = scores[c.key]
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= c.max_points) sum += v
  }
  return sum
}

/** The most a review can total (100 with the default rubric). */
export function rubricMax(rubric: readonly Criterion[]): number {
  return rubric.reduce((s, c) => s + c.max_points, 0)
}

/** Criteria not scored yet (what "提交" would be refused for). */
export function unscored(scores: Record<string, unknown> | null | undefined, rubric: readonly Criterion[]): Criterion[] {
  return rubric.filter((c) => {
    const v = scores?.[c.key]
    return !(typeof v === 'number' && Number.isInteger(v))
  })
}

/** Only the rubric's keys, only numbers: what PUT …/review accepts as `scores`. */
export function cleanScores(scores: Record<string, unknown> | null | undefined, rubric: readonly Criterion[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const c of rubric) {
    const v = scores?.[c.key]
    if (typeof v === 'number' && Number.isFinite(v)) out[c.key] = v
  }
  return out
}

/** 现场核查: the items checked on every visit (the expert may add, edit or remove rows). */
export const DEFAULT_FINDING_ITEMS = ['场所设备符合国家建设和安全标准', '实训场地与申报条件相符', '师资与申报相符', '管理制度健全']

export const FINDING_RESULTS: FindingResult[] = ['pass', 'partly', 'fail']

export function defaultFindings(): Finding[] {
  return DEFAULT_FINDING_ITEMS.map((item) => ({ item, result: null, note: null }))
}
