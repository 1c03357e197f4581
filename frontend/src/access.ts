/**
 * What the signed-in user may see and do, computed from GET /api/v1/me alone.
 *
 * A PURE function: menus and route guards use only its answer. The server stays the authority
 * (every request is checked again there); this only hides what would be refused anyway.
 * Capabilities come from the `permissions` the server publishes; the role only chooses which
 * home page to show.
 */
import type { Me, Permission } from './client/types'

export type MenuKey =
  | 'applicantHome'
  | 'organization'
  | 'orgUsers'
  | 'myBases'
  | 'expertHome'
  | 'orgReview'
  | 'calls'
  | 'applications'
  | 'reviewQueue'
  | 'notices'
  | 'bases'
  | 'duplicates'
  | 'indicators'
  | 'reportQueue'
  | 'reviews'
  | 'experts'
  | 'admins'
  | 'audit'
  | 'notifications'
  | 'profile'

export const MENU_PATHS: Record<MenuKey, string> = {
  applicantHome: '/applicant',
  organization: '/applicant/organization',
  orgUsers: '/applicant/users',
  myBases: '/applicant/bases',
  expertHome: '/expert',
  orgReview: '/admin/organizations',
  calls: '/admin/calls',
  applications: '/admin/applications',
  reviewQueue: '/admin/review',
  notices: '/admin/notices',
  bases: '/admin/bases',
  duplicates: '/admin/duplicates',
  indicators: '/admin/indicators',
  reportQueue: '/app/admin/reports',
  reviews: '/app/reviews',
  experts: '/admin/experts',
  admins: '/admin/admins',
  audit: '/admin/audit',
  notifications: '/notifications',
  profile: '/profile',
}

export interface Access {
  menus: MenuKey[]
  homePath: string
  /** applicant pages: their own organisation */
  canViewOwnOrganization: boolean
  canManageOrgUsers: boolean
  /** expert pages */
  isExpert: boolean
  /** administrator pages */
  canReviewOrganizations: boolean
  canVerifyOrganizations: boolean
  canManageExperts: boolean
  canManageAdmins: boolean
  canManageUsers: boolean
  canReadAudit: boolean
  /** 申报批次: create, edit, publish and close calls */
  canManageCalls: boolean
  /** applicant: read their organisation's applications (editor, read-only view, versions, timeline) */
  canReadOwnApplications: boolean
  /** applicant: create applications, edit drafts, upload, submit, withdraw */
  canWriteApplications: boolean
  /** administrator: 申报管理, every organisation's applications (read-only) */
  canBrowseApplications: boolean
  /** 评审管理: formal check, panel, decision (review:manage) */
  canManageReviews: boolean
  /** 我的评审: the expert's declarations, score sheets, site inspections (review:perform) */
  canPerformReviews: boolean
  /** 公示管理: notices, objections, recognition, plaques (publicity:manage) */
  canManagePublicity: boolean
  /** 基地: every recognised base (administrators with base:read) */
  canBrowseBases: boolean
  /** 重复证书: list and resolve duplicate certificates across months and bases (duplicate:resolve) */
  canResolveDuplicates: boolean
  /** the full resident ID of a roster row, on request and audited (personal_data:read_full) */
  canRevealPersonalData: boolean
  /** applicant: upload the rosters of their bases' monthly reports (roster:write) */
  canWriteRosters: boolean
  /** 基地指标台账: every base's indicators against its targets, with the export (indicator:register) */
  canBrowseIndicators: boolean
  /** 我的基地: the organisation's bases, their account and contacts, the monthly reports (base:read + report:read) */
  canReadOwnReports: boolean
  /** the organisation writes and submits its monthly reports (report:write) */
  canWriteReports: boolean
  /** the organisation's owner keeps the dedicated account and contact current (base:write) */
  canEditBaseContacts: boolean
  /** 月报审核: every base's reports, accept or return them (report:read + report:review) */
  canReviewReports: boolean
  /** everyone */
  canReadNotifications: boolean
  canManageProfile: boolean
}

type MeLike = Pick<Me, 'user' | 'permissions'> & { organization?: Me['organization']; expert?: Me['expert'] }

export function accessFor(me: MeLike | null | undefined): Access {
  const perms = new Set<Permission | string>(me?.permissions ?? [])
  const has = (p: Permission) => perms.has(p)
  const user = me?.user
  const role = user?.role
  const active = user?.is_active !== false

  const isApplicant = active && role === 'applicant'
  const isExpert = active && role === 'expert'
  const hasOrganization = isApplicant && !!me?.organization

  const canViewOwnOrganization = hasOrganization && has('organization:read')
  const canManageOrgUsers = hasOrganization && !!user?.is_org_owner && has('organization:manage_users')
  const canVerifyOrganizations = active && has('organization:verify')
  // Reviewing lists every organisation: only whoever may decide on them.
  const canReviewOrganizations = canVerifyOrganizations && has('organization:read')
  const canManageExperts = active && has('expert:manage')
  const canManageAdmins = active && has('admin:manage')
  const canManageUsers = active && has('user:manage')
  const canReadAudit = active && has('audit:read')
  const canReadNotifications = active && has('notification:read')
  const canManageProfile = active && has('profile:manage')
  const canManageCalls = active && has('call:manage')
  // The server scopes GET /applications by role (own organisation for applicants, all for administrators);
  // the permissions decide whether either page is offered at all.
  const canReadOwnApplications = hasOrganization && has('application:read')
  const canWriteApplications = canReadOwnApplications && has('application:write')
  const canBrowseApplications = active && role === 'admin' && has('application:read')
  // The review pages read applications, panels and decisions too (application:read).
  const canManageReviews = active && role === 'admin' && has('review:manage') && has('application:read')
  const canPerformReviews = isExpert && has('review:perform')
  const canManagePublicity = active && role === 'admin' && has('publicity:manage')
  const canBrowseBases = active && role === 'admin' && has('base:read')
  const canResolveDuplicates = active && role === 'admin' && has('duplicate:resolve')
  const canRevealPersonalData = active && has('personal_data:read_full')
  const canWriteRosters = hasOrganization && has('roster:write')
  // The register links to each base's indicators (GET /bases/{id}/indicators needs base:read too).
  const canBrowseIndicators = active && role === 'admin' && has('indicator:register') && has('base:read')
  const canReadOwnReports = hasOrganization && has('base:read') && has('report:read')
  const canWriteReports = canReadOwnReports && has('report:write')
  const canEditBaseContacts = canReadOwnReports && has('base:write')
  const canReviewReports = active && role === 'admin' && has('report:read') && has('report:review')

  const menus: MenuKey[] = []
  if (isApplicant) menus.push('applicantHome')
  if (canViewOwnOrganization) menus.push('organization')
  if (canManageOrgUsers) menus.push('orgUsers')
  if (canReadOwnReports) menus.push('myBases')
  if (isExpert) menus.push('expertHome')
  if (canReviewOrganizations) menus.push('orgReview')
  if (canManageCalls) menus.push('calls')
  if (canBrowseApplications) menus.push('applications')
  if (canManageReviews) menus.push('reviewQueue')
  if (canManagePublicity) menus.push('notices')
  if (canBrowseBases) menus.push('bases')
  if (canResolveDuplicates) menus.push('duplicates')
  if (canBrowseIndicators) menus.push('indicators')
  if (canReviewReports) menus.push('reportQueue')
  if (canPerformReviews) menus.push('reviews')
  if (canManageExperts) menus.push('experts')
  if (canManageAdmins) menus.push('admins')
  if (canReadAudit) menus.push('audit')
  if (canReadNotifications) menus.push('notifications')
  if (canManageProfile) menus.push('profile')

  return {
    menus,
    homePath: menus.length > 0 ? MENU_PATHS[menus[0]] : '/login',
    canViewOwnOrganization,
    canManageOrgUsers,
    isExpert,
    canReviewOrganizations,
    canVerifyOrganizations,
    canManageExperts,
    canManageAdmins,
    canManageUsers,
    canReadAudit,
    canManageCalls,
    canReadOwnApplications,
    canWriteApplications,
    canBrowseApplications,
    canManageReviews,
    canPerformReviews,
    canManagePublicity,
    canBrowseBases,
    canResolveDuplicates,
    canRevealPersonalData,
    canWriteRosters,
    canBrowseIndicators,
    canReadOwnReports,
    canWriteReports,
    canEditBaseContacts,
    canReviewReports,
    canReadNotifications,
    canManageProfile,
  }
}
