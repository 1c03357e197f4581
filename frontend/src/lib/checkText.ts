/**
 * The text of one eligibility check. Chinese shows the server's message as it always has; other languages render
 * the check from its code and params through the dictionary (`check.*`), so numbers and names stay the server's.
 */
import type { Check, EligibilityCode } from '../client/types'
import { isTKey, type Lang, type TFunction, type TKey } from '../i18n'
import { fieldLabel } from './fieldLabels'

/** A condition's passed and failed codes share one dictionary entry; the type lists every published code. */
const CHECK_KEYS: Record<EligibilityCode, TKey> = {
  CALL_OPEN: 'check.CALL_OPEN',
  CALL_NOT_OPEN: 'check.CALL_NOT_OPEN',
  CALL_NOT_YET_OPEN: 'check.CALL_NOT_YET_OPEN',
  DEADLINE_PASSED: 'check.DEADLINE_PASSED',
  ORGANIZATION_VERIFIED: 'check.ORGANIZATION_VERIFIED',
  ORGANIZATION_NOT_VERIFIED: 'check.ORGANIZATION_NOT_VERIFIED',
  CATEGORY_ALLOWED: 'check.CATEGORY_ALLOWED',
  CATEGORY_NOT_ALLOWED: 'check.CATEGORY_NOT_ALLOWED',
  QUALIFICATION_PRESENT: 'check.QUALIFICATION_PRESENT',
  QUALIFICATION_REQUIRED: 'check.QUALIFICATION_REQUIRED',
  EXCLUSIVITY_OK: 'check.EXCLUSIVITY_OK',
  EXCLUSIVE_BASE_TYPES: 'check.EXCLUSIVE_BASE_TYPES',
  TRAINING_VOLUME_TOO_LOW: 'check.TRAINING_VOLUME_TOO_LOW',
  TRAINING_VOLUME_TOO_LOW_OK: 'check.TRAINING_VOLUME_TOO_LOW',
  TOO_FEW_COOPERATING_ENTERPRISES: 'check.TOO_FEW_COOPERATING_ENTERPRISES',
  TOO_FEW_COOPERATING_ENTERPRISES_OK: 'check.TOO_FEW_COOPERATING_ENTERPRISES',
  TOO_FEW_POSTS: 'check.TOO_FEW_POSTS',
  TOO_FEW_POSTS_OK: 'check.TOO_FEW_POSTS',
  TOO_FEW_ECOSYSTEM_ENTERPRISES: 'check.TOO_FEW_ECOSYSTEM_ENTERPRISES',
  TOO_FEW_ECOSYSTEM_ENTERPRISES_OK: 'check.TOO_FEW_ECOSYSTEM_ENTERPRISES',
  TOO_FEW_PARTNER_INSTITUTIONS: 'check.TOO_FEW_PARTNER_INSTITUTIONS',
  TOO_FEW_PARTNER_INSTITUTIONS_OK: 'check.TOO_FEW_PARTNER_INSTITUTIONS',
  SUPPORT_TEAM_MISSING: 'check.SUPPORT_TEAM_MISSING',
  SUPPORT_TEAM_OK: 'check.SUPPORT_TEAM_MISSING',
  EMERGENCY_CAPABILITY_MISSING: 'check.EMERGENCY_CAPABILITY_MISSING',
  EMERGENCY_CAPABILITY_OK: 'check.EMERGENCY_CAPABILITY_MISSING',
  LOGISTICS_SUPPORT_MISSING: 'check.LOGISTICS_SUPPORT_MISSING',
  LOGISTICS_SUPPORT_OK: 'check.LOGISTICS_SUPPORT_MISSING',
  STAGED_SELECTION_PLAN_MISSING: 'check.STAGED_SELECTION_PLAN_MISSING',
  STAGED_SELECTION_PLAN_OK: 'check.STAGED_SELECTION_PLAN_MISSING',
  COMPETITION_EXPERIENCE_MISSING: 'check.COMPETITION_EXPERIENCE_MISSING',
  COMPETITION_EXPERIENCE_OK: 'check.COMPETITION_EXPERIENCE_MISSING',
  SECTION_COMPLETE: 'check.SECTION_INCOMPLETE',
  SECTION_INCOMPLETE: 'check.SECTION_INCOMPLETE',
  NO_SPECIALTY: 'check.NO_SPECIALTY',
  ATTACHMENT_PRESENT: 'check.ATTACHMENT_MISSING',
  ATTACHMENT_MISSING: 'check.ATTACHMENT_MISSING',
  NO_PENALTY_DECLARED: 'check.NO_PENALTY_NOT_DECLARED',
  NO_PENALTY_NOT_DECLARED: 'check.NO_PENALTY_NOT_DECLARED',
  PREMISES_DECLARED: 'check.PREMISES_NOT_DECLARED',
  PREMISES_NOT_DECLARED: 'check.PREMISES_NOT_DECLARED',
  MANAGEMENT_RULES_DECLARED: 'check.MANAGEMENT_RULES_NOT_DECLARED',
  MANAGEMENT_RULES_NOT_DECLARED: 'check.MANAGEMENT_RULES_NOT_DECLARED',
}

function label(prefix: string, value: string, t: TFunction): string {
  const key = `${prefix}.${value}`
  return isTKey(key) ? t(key) : value
}

function labels(prefix: string, values: string, t: TFunction, separator: string): string {
  return values
    .split(',')
    .filter(Boolean)
    .map((v) => label(prefix, v, t))
    .join(separator)
}

/** The dictionary's slots filled from params: enum values named, a missing number said, a form field labelled. */
function vars(check: Check, t: TFunction): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(check.params ?? {})) {
    if (value === null || value === undefined) out[name] = t('check.notFilled')
    else if (typeof value === 'number') out[name] = value
    else if (name === 'base_type') out[name] = label('enum.baseType', value, t)
    else if (name === 'conflicting') out[name] = labels('enum.baseType', value, t, ', ')
    else if (name === 'category') out[name] = label('enum.category', value, t)
    else if (name === 'allowed_categories') out[name] = labels('enum.category', value, t, ', ')
    else if (name === 'slot') out[name] = label('enum.slot', value, t)
    else out[name] = value
  }
  if (check.group === 'form') out.section = fieldLabel(check.field ?? String(check.params?.section ?? ''), t)
  return out
}

export function checkText(check: Check, lang: Lang, t: TFunction): string {
  if (lang === 'zh') return check.message
  const key = CHECK_KEYS[check.code] as TKey | undefined // a code newer than this build: the server's message
  return key ? t(key, vars(check, t)) : check.message
}
