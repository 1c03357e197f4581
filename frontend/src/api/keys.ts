/** Query keys of every domain, in one place so invalidations stay consistent. */
export const qk = {
  me: ['me'] as const,
  organizations: ['organizations'] as const,
  organization: (id: string) => ['organizations', 'detail', id] as const,
  orgUsers: (orgId: string) => ['organizations', orgId, 'users'] as const,
  experts: ['experts'] as const,
  admins: ['admins'] as const,
  audit: ['audit-events'] as const,
  notifications: ['notifications'] as const,
}
