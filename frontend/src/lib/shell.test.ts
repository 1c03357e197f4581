import { describe, expect, it } from 'vitest'
import { roleLabelKey, selectedMenu } from './shell'
import { meAdmin, meApplicant, meExpert } from '../test/fixtures'

describe('selectedMenu', () => {
  it('picks the longest matching menu path', () => {
    const menus = ['applicantHome', 'organization', 'orgUsers', 'notifications', 'profile'] as const
    expect(selectedMenu('/applicant', [...menus])).toBe('applicantHome')
    expect(selectedMenu('/applicant/users', [...menus])).toBe('orgUsers')
    expect(selectedMenu('/notifications', [...menus])).toBe('notifications')
    expect(selectedMenu('/admin/audit', [...menus])).toBeUndefined()
  })

  it('pages under /app/… belong to their menu entries', () => {
    const admin = ['orgReview', 'calls', 'applications', 'notifications'] as const
    expect(selectedMenu('/app/admin/applications/123', [...admin])).toBe('applications')
    expect(selectedMenu('/admin/calls/new', [...admin])).toBe('calls')
    const applicant = ['applicantHome', 'organization', 'notifications'] as const
    expect(selectedMenu('/app/applications/123', [...applicant])).toBe('applicantHome')
  })
})

describe('roleLabelKey', () => {
  it('labels each role, owners apart', () => {
    expect(roleLabelKey(meAdmin())).toBe('role.admin')
    expect(roleLabelKey(meExpert())).toBe('role.expert')
    expect(roleLabelKey(meApplicant(true))).toBe('role.applicantOwner')
    expect(roleLabelKey(meApplicant(false))).toBe('role.applicant')
  })
})
