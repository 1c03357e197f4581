/** Friendly names for the generated schema types. Only aliases: the shapes come from the OpenAPI. */
import type { components } from './schema'

type S = components['schemas']

export type Me = S['Me']
export type User = S['UserRead']
export type Role = S['Role']
export type Organization = S['OrganizationRead']
export type OrganizationStatus = S['OrganizationStatus']
export type OrganizationCategory = S['OrganizationCategory']
export type OrganizationAttribute = S['OrganizationAttribute']
export type Qualification = S['EnterpriseQualification']
export type ContactPerson = S['Person']
export type RegistrationCreate = S['OrganizationRegistration']
export type RegistrationResult = S['RegistrationResult']
export type Expert = S['ExpertRead']
export type ExpertCreate = S['ExpertCreate']
export type ExpertUpdate = S['ExpertUpdate']
export type NewUser = S['NewUser']
export type ProfileUpdate = S['ProfileUpdate']
export type AuditEvent = S['AuditEventRead']
export type Notification = S['NotificationRead']
export type NotificationPage = S['NotificationPage']
export type TokenPair = S['TokenPair']

/**
 * The permission vocabulary the server publishes in /me.permissions. The OpenAPI types that
 * field as plain strings, so the names the SPA relies on are listed here.
 */
export type Permission =
  | 'profile:manage'
  | 'notification:read'
  | 'organization:read'
  | 'organization:verify'
  | 'organization:manage_users'
  | 'expert:manage'
  | 'admin:manage'
  | 'user:manage'
  | 'audit:read'

export interface Page<T> {
  items: T[]
  total: number
  limit: number
  offset: number
}

export interface PageQuery {
  limit: number
  offset: number
}
