/**
 * The call (申报批次) editor's values and the API bodies, converted both ways. Money is edited in
 * yuan (strings, exact) and sent in fen; everything else passes through unchanged.
 */
import type { BaseType, BaseTypePolicy, Call, CallCreate, CallDefaults, CallStatus, CallUpdate, RubricCriterion } from '../client/types'
import { fenToYuan, yuanToFen } from './money'

export const MONEY_FIELDS = ['subsidy_fen', 'brand_award_fen', 'high_skill_award_per_step_fen', 'high_skill_award_cap_fen'] as const
export type MoneyField = (typeof MONEY_FIELDS)[number]

/** A policy as the form holds it: the *_fen amounts as yuan text. */
export type PolicyValues = Omit<BaseTypePolicy, MoneyField> & { [K in MoneyField]: string | null }

export interface CallValues {
  name: string
  year: number
  district_code: string
  opens_on: string
  deadline: string
  valid_until: string
  base_types: BaseType[]
  policies: Partial<Record<BaseType, PolicyValues>>
  rubric: RubricCriterion[]
  publicity_days: number
  report_due_day: number
  score_divergence_points: number
}

/** What a published call still lets an administrator change (calls/workflow.py). */
export const PUBLISHED_EDITABLE = ['name', 'deadline', 'valid_until', 'publicity_days', 'report_due_day'] as const

export function isFieldLocked(status: CallStatus | undefined, field: string): boolean {
  if (!status || status === 'draft') return false
  if (status === 'closed') return true
  return !(PUBLISHED_EDITABLE as readonly string[]).includes(field)
}

export function policyToValues(p: BaseTypePolicy): PolicyValues {
  const out = { ...p } as unknown as PolicyValues
  for (const f of MONEY_FIELDS) {
    const fen = p[f]
    out[f] = fen === null || fen === undefined ? null : fenToYuan(fen)
  }
  return out
}

export function policyFromValues(v: PolicyValues): BaseTypePolicy {
  const out = { ...v } as unknown as BaseTypePolicy
  for (const f of MONEY_FIELDS) {
    const yuan = v[f]
    const fen = yuan === null || yuan === undefined || String(yuan).trim() === '' ? null : yuanToFen(yuan)
    if (f === 'subsidy_fen') out.subsidy_fen = fen ?? 0
    else out[f] = fen
  }
  return out
}

export function rubricTotal(rubric: readonly (Partial<RubricCriterion> | undefined)[] | undefined): number {
  return (rubric ?? []).reduce((sum, c) => sum + (Number.isInteger(c?.max_points) ? (c!.max_points as number) : 0), 0)
}

function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A new call: the policy defaults, this year, open from today for three months. */
export function newCallValues(defaults: CallDefaults, today = new Date()): CallValues {
  const deadline = new Date(today)
  deadline.setMonth(deadline.getMonth() + 3)
  const validUntil = new Date(deadline)
  validUntil.setFullYear(validUntil.getFullYear() + 3)
  const baseTypes = Object.keys(defaults.policies) as BaseType[]
  return {
    name: '',
    year: today.getFullYear(),
    district_code: '110113',
    opens_on: isoDate(today),
    deadline: isoDate(deadline),
    valid_until: isoDate(validUntil),
    base_types: baseTypes,
    policies: Object.fromEntries(baseTypes.map((bt) => [bt, policyToValues(defaults.policies[bt])])),
    rubric: defaults.rubric.map((c) => ({ ...c })),
    publicity_days: defaults.publicity_days,
    report_due_day: defaults.report_due_day,
    score_divergence_points: defaults.score_divergence_points,
  }
}

/** An existing call; base types it lacks get the defaults' policy, so adding one starts prefilled. */
export function callToValues(call: Call, defaults?: CallDefaults): CallValues {
  const policies: Partial<Record<BaseType, PolicyValues>> = {}
  for (const [bt, p] of Object.entries(defaults?.policies ?? {})) policies[bt as BaseType] = policyToValues(p)
  for (const [bt, p] of Object.entries(call.policies)) policies[bt as BaseType] = policyToValues(p)
  return {
    name: call.name,
    year: call.year,
    district_code: call.district_code,
    opens_on: call.opens_on,
    deadline: call.deadline,
    valid_until: call.valid_until,
    base_types: [...call.base_types],
    policies,
    rubric: call.rubric.map((c) => ({ ...c })),
    publicity_days: call.publicity_days,
    report_due_day: call.report_due_day,
    score_divergence_points: call.score_divergence_points,
  }
}

function selectedPolicies(v: CallValues): Record<string, BaseTypePolicy> {
  const out: Record<string, BaseTypePolicy> = {}
  for (const bt of v.base_types) {
    const p = v.policies[bt]
    if (p) out[bt] = policyFromValues(p)
  }
  return out
}

export function toCallCreate(v: CallValues): CallCreate {
  return {
    name: v.name.trim(),
    year: v.year,
    district_code: v.district_code,
    opens_on: v.opens_on,
    deadline: v.deadline,
    valid_until: v.valid_until,
    base_types: v.base_types,
    policies: selectedPolicies(v),
    rubric: v.rubric,
    publicity_days: v.publicity_days,
    report_due_day: v.report_due_day,
    score_divergence_points: v.score_divergence_points,
  }
}

/** The PATCH body: everything for a draft; for a published call only what may still change. */
export function toCallUpdate(v: CallValues, status: CallStatus): CallUpdate {
  if (status === 'draft') {
    const { ...all } = toCallCreate(v)
    return all
  }
  return {
    name: v.name.trim(),
    deadline: v.deadline,
    valid_until: v.valid_until,
    publicity_days: v.publicity_days,
    report_due_day: v.report_due_day,
  }
}
