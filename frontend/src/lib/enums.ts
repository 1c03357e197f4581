/** The enum values the UI offers, in display order. Labels come from the i18n dictionary. */
import type { OrganizationAttribute, OrganizationCategory, OrganizationStatus, Qualification } from '../client/types'

export const ORGANIZATION_STATUSES: OrganizationStatus[] = ['pending', 'verified', 'rejected']
export const ORGANIZATION_CATEGORIES: OrganizationCategory[] = [
  'higher_education',
  'technical_school',
  'vocational_school',
  'training_institution',
  'enterprise_training_center',
  'enterprise',
  'public_institution',
  'other',
]
export const ORGANIZATION_ATTRIBUTES: OrganizationAttribute[] = ['government', 'industry_enterprise', 'other']
export const QUALIFICATIONS: Qualification[] = [
  'above_designated_size',
  'chain_leader',
  'listed_company',
  'industry_education_integration',
  'skills_oriented',
  'single_item_champion',
  'specialized_innovative',
]

export const STATUS_COLORS: Record<OrganizationStatus, string> = {
  pending: 'gold',
  verified: 'green',
  rejected: 'red',
}

export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 128
/** The server's patterns (OpenAPI), repeated so the form can say so before submitting. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/
export const OFFICE_PHONE_PATTERN = /^[0-9+\-() ]{5,30}$/
export const BANK_ACCOUNT_PATTERN = /^[0-9 -]{6,40}$/
export const WEBSITE_PATTERN = /^(https?:\/\/)?[\w.-]+\.[a-zA-Z]{2,}(\/\S*)?$/
