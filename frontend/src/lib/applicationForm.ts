/**
 * The Annex 1 application form as editor sections, and what the eligibility checks say about them.
 * Pure functions only: the editor, the read-only views and the tests share them.
 */
import type { ApplicationForm, ApplicationStatus, AttachmentSlot, BaseType, Check } from '../client/types'

/** The editor's steps, in the order of Annex 1. */
export const SECTION_KEYS = [
  'cover',
  'table_1_1',
  'table_1_2',
  'table_2_1',
  'table_2_2',
  'specialties',
  'table_4',
  'eligibility',
  'declarations',
  'attachments',
  'preview',
] as const
export type SectionKey = (typeof SECTION_KEYS)[number]

export type SectionState = 'complete' | 'incomplete' | 'unknown'

export const BASE_TYPES: BaseType[] = ['skills_upgrading', 'industry_chain', 'competition']

export const ATTACHMENT_SLOTS: AttachmentSlot[] = [
  'licence',
  'equipment_list',
  'teacher_list',
  'project_management_rules',
  'finance_management_rules',
  'safety_management_rules',
  'other_evidence',
  'sealed_scan',
]

export const APPLICATION_STATUSES: ApplicationStatus[] = [
  'draft',
  'submitted',
  'returned',
  'formal_check_passed',
  'under_review',
  'reviewed',
  'approved',
  'in_publicity',
  'recognised',
  'rejected',
  'withdrawn',
]

export const APPLICATION_STATUS_COLORS: Record<ApplicationStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  formal_check_passed: 'cyan',
  under_review: 'geekblue',
  reviewed: 'purple',
  approved: 'lime',
  in_publicity: 'gold',
  recognised: 'green',
  rejected: 'red',
  withdrawn: 'default',
}

/** The server's workflow (applications/workflow.py): the applicant may withdraw until the decision. */
export const WITHDRAWABLE: ReadonlySet<ApplicationStatus> = new Set([
  'draft',
  'submitted',
  'returned',
  'formal_check_passed',
  'under_review',
  'reviewed',
])

export const CHECK_GROUPS = ['call', 'organization', 'conditions', 'form', 'attachments', 'declarations'] as const
export type CheckGroup = (typeof CHECK_GROUPS)[number]

/** 申报条件: only the fields the base type is judged on (domain.md §2). */
export type EligibilityField =
  | 'training_volume'
  | 'cooperating_enterprises'
  | 'posts_offered'
  | 'ecosystem_enterprises'
  | 'partner_institutions'
  | 'support_team'
  | 'emergency_capability'
  | 'logistics_support'
  | 'past_competitions'
  | 'staged_selection_plan'

export const ELIGIBILITY_FIELDS: Record<BaseType, EligibilityField[]> = {
  skills_upgrading: ['training_volume', 'cooperating_enterprises'],
  industry_chain: ['posts_offered', 'ecosystem_enterprises', 'partner_institutions'],
  competition: ['support_team', 'emergency_capability', 'logistics_support', 'past_competitions', 'staged_selection_plan'],
}

export const CONTENT_LISTS = ['system_items', 'capacity_items', 'results_items'] as const
export type ContentList = (typeof CONTENT_LISTS)[number]

/** The section a check belongs to: by its `field` prefix, else by its group. */
export function sectionOfCheck(check: Pick<Check, 'field' | 'group'>): SectionKey | null {
  if (check.field) {
    const head = check.field.split('.')[0]
    if ((SECTION_KEYS as readonly string[]).includes(head)) return head as SectionKey
  }
  switch (check.group) {
    case 'organization':
      return 'table_1_1' // the organisation facts are shown there
    case 'conditions':
      return 'eligibility'
    case 'attachments':
      return 'attachments'
    case 'declarations':
      return 'declarations'
    default:
      return null
  }
}

/**
 * A section is complete when at least one check names a field inside it (by `field` prefix)
 * and every such check passed; incomplete when one failed; unknown when no check concerns it.
 * 预览与提交 is complete when every check passed (the application is ready).
 */
export function sectionStates(checks: readonly Check[] | undefined): Record<SectionKey, SectionState> {
  const out = Object.fromEntries(SECTION_KEYS.map((k) => [k, 'unknown'])) as Record<SectionKey, SectionState>
  if (!checks) return out
  for (const c of checks) {
    if (!c.field) continue
    const head = c.field.split('.')[0]
    if (!(SECTION_KEYS as readonly string[]).includes(head)) continue
    const key = head as SectionKey
    if (!c.passed) out[key] = 'incomplete'
    else if (out[key] === 'unknown') out[key] = 'complete'
  }
  if (checks.length > 0) out.preview = checks.every((c) => c.passed) ? 'complete' : 'incomplete'
  return out
}

/** "specialties.1.capacity_items" → 1 (the specialty a field is in), else null. */
export function specialtyIndexOf(field: string | null | undefined): number | null {
  const m = field ? /^specialties\.(\d+)(\.|$)/.exec(field) : null
  return m ? Number(m[1]) : null
}

/** "specialties.1.name" → ['specialties', 1, 'name'] (an antd name path). */
export function namePath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))
}

/** The DOM id of the block that shows a field: the eligibility panel scrolls to it. */
export function anchorId(field: string): string {
  return `field-${field.replace(/\./g, '-')}`
}

export function groupChecks(checks: readonly Check[]): { group: string; checks: Check[] }[] {
  const order = [...CHECK_GROUPS] as string[]
  const map = new Map<string, Check[]>()
  for (const c of checks) map.set(c.group, [...(map.get(c.group) ?? []), c])
  return [...map.entries()]
    .sort(([a], [b]) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)))
    .map(([group, cs]) => ({ group, checks: cs }))
}

// --- comparing forms ------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/**
 * The form without what carries no content (null, undefined, '', empty lists and objects), with
 * sorted keys: two forms that mean the same compare equal whatever antd or the server left out.
 */
export function canonical(value: unknown): Json | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return value
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v) ?? null)
    while (items.length && items[items.length - 1] === null) items.pop()
    return items.length ? items : undefined
  }
  if (typeof value === 'object') {
    // dayjs and other objects with toJSON: compare what would be sent
    const withJson = value as { toJSON?: () => unknown }
    if (typeof withJson.toJSON === 'function' && !isPlainObject(value)) return canonical(withJson.toJSON())
    const out: { [k: string]: Json } = {}
    for (const key of Object.keys(value as object).sort()) {
      const v = canonical((value as Record<string, unknown>)[key])
      if (v !== undefined) out[key] = v
    }
    return Object.keys(out).length ? out : undefined
  }
  return undefined
}

function isPlainObject(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

export function sameForm(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a) ?? null) === JSON.stringify(canonical(b) ?? null)
}

/** {a: {b: [x]}} → {"a.b.0": x}: leaves only, like the server's diff. */
export function flatten(value: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (Array.isArray(value)) {
    value.forEach((item, i) => Object.assign(out, flatten(item, prefix ? `${prefix}.${i}` : String(i))))
    return out
  }
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      Object.assign(out, flatten(v, prefix ? `${prefix}.${k}` : k))
    }
    return out
  }
  if (prefix) out[prefix] = value
  return out
}

export interface FieldDifference {
  field: string
  before: unknown
  after: unknown
}

/** Leaves that differ between two forms (empty values count as absent). */
export function formDifferences(before: unknown, after: unknown): FieldDifference[] {
  const a = flatten(canonical(before) ?? {})
  const b = flatten(canonical(after) ?? {})
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareFieldPaths)
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => ({ field: k, before: a[k], after: b[k] }))
}

/** Orders dotted paths with numeric parts compared as numbers ("x.2" before "x.10"). */
export function compareFieldPaths(a: string, b: string): number {
  const pa = a.split('.')
  const pb = b.split('.')
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue
    const na = /^\d+$/.test(pa[i]) ? Number(pa[i]) : NaN
    const nb = /^\d+$/.test(pb[i]) ? Number(pb[i]) : NaN
    if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb
    return pa[i] < pb[i] ? -1 : 1
  }
  return pa.length - pb.length
}

/** What the editor starts from when the server has nothing yet: every list present. */
export function withDefaults(form: ApplicationForm | null | undefined): ApplicationForm {
  const f = form ?? {}
  return {
    ...f,
    cover: { ...f.cover },
    table_1_1: { ...f.table_1_1 },
    table_1_2: { ...f.table_1_2 },
    table_2_1: { ...f.table_2_1 },
    table_2_2: { ...f.table_2_2, staged_goals: f.table_2_2?.staged_goals ?? [] },
    specialties: f.specialties ?? [],
    table_4: { ...f.table_4 },
    eligibility: {
      ...f.eligibility,
      cooperating_enterprises: f.eligibility?.cooperating_enterprises ?? [],
      ecosystem_enterprises: f.eligibility?.ecosystem_enterprises ?? [],
      partner_institutions: f.eligibility?.partner_institutions ?? [],
      support_team: f.eligibility?.support_team ?? [],
      past_competitions: f.eligibility?.past_competitions ?? [],
    },
    declarations: {
      no_penalty_3y: f.declarations?.no_penalty_3y ?? false,
      premises_meet_standards: f.declarations?.premises_meet_standards ?? false,
      management_rules_in_force: f.declarations?.management_rules_in_force ?? false,
    },
  }
}

/** A new specialty: the three content lists start with one row each, as in the printed form. */
export function newSpecialty(): NonNullable<ApplicationForm['specialties']>[number] {
  return {
    name: '',
    leader: { name: '', post: '' },
    members: [],
    goals: [{ name: '', target: '' }],
    system_items: [{}],
    capacity_items: [{}],
    results_items: [{}],
  }
}
