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
export type BaseType = S['BaseType']
export type CallStatus = S['CallStatus']
export type Call = S['CallRead']
export type CallCreate = S['CallCreate']
export type CallUpdate = S['CallUpdate']
export type CallDefaults = S['CallDefaults']
export type BaseTypePolicy = S['BaseTypePolicy']
export type RubricCriterion = S['RubricCriterion']
export type ApplicationStatus = S['ApplicationStatus']
export type ApplicationSummary = S['ApplicationSummary']
export type ApplicationStats = S['ApplicationStats']
export type ApplicationPage = S['CursorPage_ApplicationSummary_']
export type Application = S['ApplicationRead']
export type ApplicationForm = S['ApplicationForm']
export type AttachmentSlot = S['AttachmentSlot']
export type Attachment = S['AttachmentRead']
export type Eligibility = S['EligibilityRead']
export type Check = S['CheckRead']
export type EligibilityCode = S['EligibilityCode']
export type VersionSummary = S['VersionSummary']
export type Version = S['VersionRead']
export type VersionDiff = S['VersionDiff']
export type FieldChange = S['FieldChange']
export type TimelineEntry = S['TimelineEntry']
export type Specialty = S['Specialty']
export type ContentItem = S['ContentItem']
export type Partner = S['Partner']
export type PastCompetition = S['PastCompetition']

/** Every `code` an API error answer can carry (the ErrorCode enum of the OpenAPI). */
export type ErrorCode = S['ErrorCode']

/** The permission vocabulary the server publishes in /me.permissions (an enum in the OpenAPI). */
export type Permission = S['Permission']

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

// --- rosters and duplicate certificates (issue 10 B) ---
export type RosterKind = S['RosterKind']
export type RosterStatus = S['RosterStatus']
export type RosterRead = S['RosterRead']
export type RosterError = S['RosterError']
export type ReportRosters = S['ReportRosters']
export type RosterRowPage = S['RosterRowPage']
export type TraineeRow = S['TraineeRowRead']
export type CertificateRow = S['CertificateRowRead']
export type Revealed = S['Revealed']
export type DuplicateStatus = S['DuplicateStatus']
export type DuplicateGroup = S['DuplicateGroupRead']
export type DuplicateRow = S['DuplicateRowRead']
export type DuplicateResolve = S['DuplicateResolve']
export type CertificateKind = S['CertificateKind']
export type CertificateLevel = S['CertificateLevel']
