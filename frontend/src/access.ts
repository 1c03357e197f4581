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
  | 'expertHome'
  | 'orgReview'
  | 'experts'
  | 'admins'
  | 'audit'
  | 'notifications'
  | 'profile'

export const MENU_PATHS: Record<MenuKey, string> = {
  applicantHome: '/applicant',
  organization: '/applicant/organization',
  orgUsers: '/applicant/users',
  expertHome: '/expert',
  orgReview: '/admin/organizations',
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

  const menus: MenuKey[] = []
  if (isApplicant) menus.push('applicantHome')
  if (canViewOwnOrganization) menus.push('organization')
  if (canManageOrgUsers) menus.push('orgUsers')
  if (isExpert) menus.push('expertHome')
  if (canReviewOrganizations) menus.push('orgReview')
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
    canReadNotifications,
    canManageProfile,
  }
}
