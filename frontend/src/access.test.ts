import { describe, expect, it } from 'vitest'
import { accessFor } from './access'
import { meAdmin, meApplicant, meExpert, makeUser } from './test/fixtures'

describe('accessFor', () => {
  it('gives nothing to nobody', () => {
    const a = accessFor(null)
    expect(a.menus).toEqual([])
    expect(a.homePath).toBe('/login')
    expect(a.canVerifyOrganizations).toBe(false)
  })

  it('administrator: review, experts, administrators, audit', () => {
    const a = accessFor(meAdmin())
    expect(a.menus).toEqual(['orgReview', 'experts', 'admins', 'audit', 'notifications', 'profile'])
    expect(a.homePath).toBe('/admin/organizations')
    expect(a.canVerifyOrganizations).toBe(true)
    expect(a.canReviewOrganizations).toBe(true)
    expect(a.canManageExperts).toBe(true)
    expect(a.canManageAdmins).toBe(true)
    expect(a.canReadAudit).toBe(true)
    expect(a.canManageOrgUsers).toBe(false)
    expect(a.canViewOwnOrganization).toBe(false)
  })

  it('expert: home, notifications, profile only', () => {
    const a = accessFor(meExpert())
    expect(a.menus).toEqual(['expertHome', 'notifications', 'profile'])
    expect(a.homePath).toBe('/expert')
    expect(a.isExpert).toBe(true)
    expect(a.canVerifyOrganizations).toBe(false)
    expect(a.canManageExperts).toBe(false)
    expect(a.canReadAudit).toBe(false)
  })

  it('applicant organisation owner manages the organisation users', () => {
    const a = accessFor(meApplicant(true))
    expect(a.menus).toEqual(['applicantHome', 'organization', 'orgUsers', 'notifications', 'profile'])
    expect(a.homePath).toBe('/applicant')
    expect(a.canManageOrgUsers).toBe(true)
    expect(a.canViewOwnOrganization).toBe(true)
    expect(a.canVerifyOrganizations).toBe(false)
    expect(a.canManageExperts).toBe(false)
  })

  it('applicant who is not the owner does not', () => {
    const a = accessFor(meApplicant(false))
    expect(a.menus).toEqual(['applicantHome', 'organization', 'notifications', 'profile'])
    expect(a.canManageOrgUsers).toBe(false)
  })

  it('non-owner stays refused even if the permission were published', () => {
    const me = meApplicant(false)
    me.permissions = [...me.permissions, 'organization:manage_users']
    expect(accessFor(me).canManageOrgUsers).toBe(false)
  })

  it('the permissions decide, not the role: an admin without audit:read sees no audit log', () => {
    const me = meAdmin()
    me.permissions = me.permissions.filter((p) => p !== 'audit:read' && p !== 'admin:manage')
    const a = accessFor(me)
    expect(a.menus).toEqual(['orgReview', 'experts', 'notifications', 'profile'])
    expect(a.canReadAudit).toBe(false)
    expect(a.canManageAdmins).toBe(false)
  })

  it('an applicant cannot review organisations', () => {
    const me = meApplicant(true)
    expect(accessFor(me).canReviewOrganizations).toBe(false)
  })

  it('a disabled account gets no menu', () => {
    const me = meAdmin()
    me.user = makeUser({ ...me.user, is_active: false })
    expect(accessFor(me).menus).toEqual([])
  })

  it('unknown permission strings are ignored', () => {
    const me = meExpert()
    me.permissions = [...me.permissions, 'something:new' as never]
    expect(accessFor(me).menus).toEqual(['expertHome', 'notifications', 'profile'])
  })
})
