import type { Permission } from './client/types'
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

  it('administrator: review, calls, applications, experts, administrators, audit', () => {
    const a = accessFor(meAdmin())
    expect(a.menus).toEqual([
      'orgReview',
      'calls',
      'applications',
      'reviewQueue',
      'notices',
      'bases',
      'duplicates',
      'indicators',
      'experts',
      'admins',
      'audit',
      'notifications',
      'profile',
    ])
    expect(a.homePath).toBe('/admin/organizations')
    expect(a.canVerifyOrganizations).toBe(true)
    expect(a.canReviewOrganizations).toBe(true)
    expect(a.canManageExperts).toBe(true)
    expect(a.canManageAdmins).toBe(true)
    expect(a.canReadAudit).toBe(true)
    expect(a.canManageOrgUsers).toBe(false)
    expect(a.canViewOwnOrganization).toBe(false)
    expect(a.canManageCalls).toBe(true)
    expect(a.canBrowseApplications).toBe(true)
    expect(a.canReadOwnApplications).toBe(false)
    expect(a.canWriteApplications).toBe(false)
  })

  it('expert: home, 我的评审, notifications, profile only', () => {
    const a = accessFor(meExpert())
    expect(a.menus).toEqual(['expertHome', 'reviews', 'notifications', 'profile'])
    expect(a.homePath).toBe('/expert')
    expect(a.isExpert).toBe(true)
    expect(a.canVerifyOrganizations).toBe(false)
    expect(a.canManageExperts).toBe(false)
    expect(a.canReadAudit).toBe(false)
    // application:read lets an expert read what is assigned to them, not browse or edit applications
    expect(a.canBrowseApplications).toBe(false)
    expect(a.canReadOwnApplications).toBe(false)
    expect(a.canWriteApplications).toBe(false)
    expect(a.canManageCalls).toBe(false)
  })

  it('applicant organisation owner manages the organisation users', () => {
    const a = accessFor(meApplicant(true))
    expect(a.menus).toEqual(['applicantHome', 'organization', 'orgUsers', 'notifications', 'profile'])
    expect(a.homePath).toBe('/applicant')
    expect(a.canManageOrgUsers).toBe(true)
    expect(a.canViewOwnOrganization).toBe(true)
    expect(a.canVerifyOrganizations).toBe(false)
    expect(a.canManageExperts).toBe(false)
    expect(a.canReadOwnApplications).toBe(true)
    expect(a.canWriteApplications).toBe(true)
    expect(a.canBrowseApplications).toBe(false)
    expect(a.canManageCalls).toBe(false)
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
    expect(a.menus).toEqual([
      'orgReview',
      'calls',
      'applications',
      'reviewQueue',
      'notices',
      'bases',
      'duplicates',
      'indicators',
      'experts',
      'notifications',
      'profile',
    ])
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
    expect(accessFor(me).menus).toEqual(['expertHome', 'reviews', 'notifications', 'profile'])
  })

  it('call:manage alone decides 申报批次', () => {
    const me = meAdmin()
    me.permissions = me.permissions.filter((p) => p !== 'call:manage')
    const a = accessFor(me)
    expect(a.canManageCalls).toBe(false)
    expect(a.menus).not.toContain('calls')
    expect(a.menus).toContain('applications')
  })

  it('an administrator without application:read gets no 申报管理', () => {
    const me = meAdmin()
    me.permissions = me.permissions.filter((p) => p !== 'application:read')
    const a = accessFor(me)
    expect(a.canBrowseApplications).toBe(false)
    expect(a.menus).not.toContain('applications')
  })

  it('an applicant may read but not write applications without application:write', () => {
    const me = meApplicant(false)
    me.permissions = me.permissions.filter((p) => p !== 'application:write')
    const a = accessFor(me)
    expect(a.canReadOwnApplications).toBe(true)
    expect(a.canWriteApplications).toBe(false)
  })

  it('an applicant without an organisation has no applications', () => {
    const me = meApplicant(true)
    me.organization = null
    const a = accessFor(me)
    expect(a.canReadOwnApplications).toBe(false)
    expect(a.canWriteApplications).toBe(false)
  })

  it('application:write without application:read gives nothing', () => {
    const me = meApplicant(true)
    me.permissions = me.permissions.filter((p) => p !== 'application:read')
    expect(accessFor(me).canWriteApplications).toBe(false)
  })

  describe('review and publicity', () => {
    it('administrator: 评审管理, 公示管理 and 基地 with their capabilities', () => {
      const a = accessFor(meAdmin())
      expect(a.canManageReviews).toBe(true)
      expect(a.canManagePublicity).toBe(true)
      expect(a.canBrowseBases).toBe(true)
      expect(a.canPerformReviews).toBe(false)
      expect(a.menus).not.toContain('reviews')
    })

    it('expert: 我的评审 only through review:perform', () => {
      const a = accessFor(meExpert())
      expect(a.canPerformReviews).toBe(true)
      expect(a.canManageReviews).toBe(false)
      expect(a.canManagePublicity).toBe(false)
      expect(a.canBrowseBases).toBe(false)
      const me = meExpert()
      me.permissions = me.permissions.filter((p) => p !== 'review:perform')
      expect(accessFor(me).canPerformReviews).toBe(false)
      expect(accessFor(me).menus).not.toContain('reviews')
    })

    it('each administrator permission decides its own menu', () => {
      const noReview = meAdmin()
      noReview.permissions = noReview.permissions.filter((p) => p !== 'review:manage')
      expect(accessFor(noReview).menus).not.toContain('reviewQueue')
      expect(accessFor(noReview).menus).toContain('notices')

      const noPublicity = meAdmin()
      noPublicity.permissions = noPublicity.permissions.filter((p) => p !== 'publicity:manage')
      expect(accessFor(noPublicity).canManagePublicity).toBe(false)
      expect(accessFor(noPublicity).menus).not.toContain('notices')
      expect(accessFor(noPublicity).menus).toContain('bases')

      const noBases = meAdmin()
      noBases.permissions = noBases.permissions.filter((p) => p !== 'base:read')
      expect(accessFor(noBases).menus).not.toContain('bases')
    })

    it('基地指标台账 needs indicator:register and base:read, and is for administrators only', () => {
      expect(accessFor(meAdmin()).canBrowseIndicators).toBe(true)
      const noRegister = meAdmin()
      noRegister.permissions = noRegister.permissions.filter((p) => p !== 'indicator:register')
      expect(accessFor(noRegister).canBrowseIndicators).toBe(false)
      expect(accessFor(noRegister).menus).not.toContain('indicators')
      expect(accessFor(noRegister).menus).toContain('bases')
      const noBaseRead = meAdmin()
      noBaseRead.permissions = noBaseRead.permissions.filter((p) => p !== 'base:read')
      expect(accessFor(noBaseRead).menus).not.toContain('indicators')
      const applicant = meApplicant(true)
      applicant.permissions = [...applicant.permissions, 'indicator:register']
      expect(accessFor(applicant).canBrowseIndicators).toBe(false)
      expect(accessFor(meExpert()).menus).not.toContain('indicators')
    })

    it('review:manage without application:read offers no 评审管理', () => {
      const me = meAdmin()
      me.permissions = me.permissions.filter((p) => p !== 'application:read')
      expect(accessFor(me).canManageReviews).toBe(false)
    })

    it('an applicant with base:read gets none of these pages', () => {
      const a = accessFor(meApplicant(true))
      expect(a.canBrowseBases).toBe(false)
      expect(a.canManageReviews).toBe(false)
      expect(a.canPerformReviews).toBe(false)
      expect(a.canManagePublicity).toBe(false)
      expect(a.menus).not.toContain('bases')
    })

    it('a disabled expert or administrator gets none of them', () => {
      const e = meExpert()
      e.user = makeUser({ ...e.user, is_active: false })
      expect(accessFor(e).canPerformReviews).toBe(false)
      const m = meAdmin()
      m.user = makeUser({ ...m.user, is_active: false })
      expect(accessFor(m).canManageReviews).toBe(false)
      expect(accessFor(m).canManagePublicity).toBe(false)
    })
  })

  it('rosters: applicants upload their own, administrators resolve duplicates and may reveal an ID', () => {
    const owner = accessFor(meApplicant(true, { permissions: [...meApplicant(true).permissions, 'roster:write', 'base:read'] }))
    expect(owner.canWriteRosters).toBe(true)
    expect(owner.canRevealPersonalData).toBe(false)
    expect(owner.canResolveDuplicates).toBe(false)
    expect(owner.menus).not.toContain('duplicates')
    const admin = accessFor(meAdmin())
    expect(admin.canResolveDuplicates).toBe(true)
    expect(admin.canRevealPersonalData).toBe(true)
    expect(admin.canWriteRosters).toBe(false)
    const plain = meAdmin()
    plain.permissions = plain.permissions.filter((p) => p !== 'duplicate:resolve' && p !== 'personal_data:read_full')
    expect(accessFor(plain).menus).not.toContain('duplicates')
    expect(accessFor(plain).canRevealPersonalData).toBe(false)
  })

  describe('bases under construction and monthly reports', () => {
    const REPORTER: Permission[] = ['report:read', 'report:write', 'base:write']
    const REVIEWER: Permission[] = ['report:read', 'report:review', 'report:read_all']

    it('an organisation owner with report permissions gets 我的基地, writes reports and edits the account', () => {
      const me = meApplicant(true)
      me.permissions = [...me.permissions, ...REPORTER]
      const a = accessFor(me)
      expect(a.menus).toContain('myBases')
      expect(a.menus.indexOf('myBases')).toBe(a.menus.indexOf('organization') + 2) // after 单位用户
      expect(a.canReadOwnReports && a.canWriteReports && a.canEditBaseContacts).toBe(true)
      expect(a.canReviewReports).toBe(false)
      expect(a.menus).not.toContain('reportQueue')
    })

    it('a member without base:write reads and writes reports but cannot edit the account', () => {
      const me = meApplicant(false)
      me.permissions = [...me.permissions, 'report:read', 'report:write']
      const a = accessFor(me)
      expect(a.canWriteReports).toBe(true)
      expect(a.canEditBaseContacts).toBe(false)
    })

    it('without report:read or without an organisation there is no 我的基地', () => {
      const noReports = meApplicant(true)
      expect(accessFor(noReports).menus).not.toContain('myBases')
      const noOrg = meApplicant(true)
      noOrg.permissions = [...noOrg.permissions, ...REPORTER]
      noOrg.organization = null
      expect(accessFor(noOrg).canReadOwnReports).toBe(false)
    })

    it('an administrator with report:review gets 月报审核, an applicant holding it does not', () => {
      const admin = meAdmin()
      admin.permissions = [...admin.permissions, ...REVIEWER]
      expect(accessFor(admin).menus).toContain('reportQueue')
      expect(accessFor(admin).canReviewReports).toBe(true)
      expect(accessFor(admin).menus).not.toContain('myBases')
      const applicant = meApplicant(true)
      applicant.permissions = [...applicant.permissions, ...REVIEWER]
      expect(accessFor(applicant).canReviewReports).toBe(false)
      const disabled = meAdmin()
      disabled.permissions = [...disabled.permissions, ...REVIEWER]
      disabled.user = makeUser({ ...disabled.user, is_active: false })
      expect(accessFor(disabled).canReviewReports).toBe(false)
    })
  })
})
