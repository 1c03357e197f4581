/** Friendly names for the generated schema types. Only aliases: the shapes come from the OpenAPI. */
import type { components } from './schema'

type S = components['schemas']

export type Me = S['MeRead']
export type User = S['UserRead']
export type Role = User['role']
export type Organization = S['OrganizationRead']
export type OrganizationStatus = Organization['status']
export type OrganizationCategory = Organization['category']
export type OrganizationAttribute = Organization['attribute']
export type Qualification = Organization['qualifications'][number]
export type ContactPerson = Organization['contact_person']
export type RegistrationCreate = S['RegistrationCreate']
export type RegistrationResult = S['RegistrationRead']
export type Expert = S['ExpertRead']
export type ExpertCreate = S['ExpertCreate']
export type ExpertUpdate = S['ExpertUpdate']
export type AdminCreate = S['AdminCreate']
export type OrgUserCreate = S['OrgUserCreate']
export type AuditEvent = S['AuditEventRead']
export type Notification = S['NotificationRead']
export type Permission = Me['permissions'][number]
export type TokenPair = S['TokenPair']

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
