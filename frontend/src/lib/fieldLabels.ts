/**
 * Readable labels for the dotted field paths of the form ("form.specialties.0.system_items.1.item"),
 * as the version diff, the 412 conflict dialog and the eligibility checks name them.
 */
import { isTKey, type TFunction, type TKey } from '../i18n'

/** A segment whose meaning depends on the list it is in ("name": 姓名, 指标, 单位名称 …). */
const CONTEXTUAL: Record<string, Record<string, TKey>> = {
  name: {
    specialties: 'field.specialtyName',
    leader: 'field.personName',
    members: 'field.personName',
    support_team: 'field.personName',
    legal_representative: 'field.personName',
    contact_person: 'field.personName',
    goals: 'field.indicatorName',
    indicators: 'field.indicatorName',
    cooperating_enterprises: 'field.partnerName',
    ecosystem_enterprises: 'field.partnerName',
    partner_institutions: 'field.partnerName',
    past_competitions: 'field.competitionName',
    organization: 'field.organizationName',
  },
  role: {
    support_team: 'field.memberRole',
    past_competitions: 'field.competitionRole',
  },
}

/** The nearest enclosing list or object name (skipping indices) of segment i. */
function parentOf(parts: string[], i: number): string | undefined {
  for (let j = i - 1; j >= 0; j--) if (!/^\d+$/.test(parts[j])) return parts[j]
  return undefined
}

export function fieldLabelParts(path: string, t: TFunction): string[] {
  const parts = path.split('.')
  const out: string[] = []
  for (let i = 0; i < parts.length; i++) {
    const seg = parts[i]
    if (i === 0 && seg === 'form') continue
    if (/^\d+$/.test(seg)) {
      const n = Number(seg) + 1
      if (parts[i - 1] === 'specialties') out[out.length - 1] = t('field.specialtyN', { n })
      else out.push(t('field.index', { n }))
      continue
    }
    const contextual = CONTEXTUAL[seg]?.[parentOf(parts, i) ?? '']
    if (contextual) out.push(t(contextual))
    else {
      const key = `field.${seg}`
      out.push(isTKey(key) ? t(key) : seg)
    }
  }
  return out
}

export function fieldLabel(path: string, t: TFunction): string {
  return fieldLabelParts(path, t).join(' / ')
}

/** A diff value as text: lists and objects as JSON, booleans as 是/否, empty as —. */
export function valueText(value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no')
  if (Array.isArray(value) && value.length === 0) return '—'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
