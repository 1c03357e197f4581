import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../client'
import type {
  Organization,
  OrganizationStatus,
  Page,
  PageQuery,
  RegistrationCreate,
  RegistrationResult,
  NewUser,
  User,
} from '../client/types'
import { qk } from './keys'

/** Public: POST /public/organizations (no token needed). */
export function useRegisterOrganization() {
  return useMutation({
    mutationFn: (body: RegistrationCreate) =>
      unwrap<RegistrationResult>(api.POST('/api/v1/public/organizations', { body })),
  })
}

export interface OrganizationFilter extends PageQuery {
  status?: OrganizationStatus
  q?: string
}

export function useOrganizations(filter: OrganizationFilter, enabled = true) {
  return useQuery({
    queryKey: [...qk.organizations, 'list', filter],
    queryFn: () =>
      unwrap<Page<Organization>>(
        api.GET('/api/v1/organizations', {
          params: { query: { ...filter, q: filter.q || undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useOrganization(id: string | undefined) {
  return useQuery({
    queryKey: qk.organization(id ?? ''),
    queryFn: () =>
      unwrap<Organization>(api.GET('/api/v1/organizations/{organization_id}', { params: { path: { organization_id: id! } } })),
    enabled: !!id,
  })
}

export interface VerificationInput {
  id: string
  decision: 'approve' | 'reject'
  reason?: string
}

export function useVerifyOrganization() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, decision, reason }: VerificationInput) =>
      unwrap<Organization>(
        api.POST('/api/v1/organizations/{organization_id}/verification', {
          params: { path: { organization_id: id } },
          body: { decision, reason: reason ?? null },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.organizations }),
  })
}

export function useOrgUsers(orgId: string | undefined, page: PageQuery) {
  return useQuery({
    queryKey: [...qk.orgUsers(orgId ?? ''), page],
    queryFn: () =>
      unwrap<Page<User>>(
        api.GET('/api/v1/organizations/{organization_id}/users', {
          params: { path: { organization_id: orgId! }, query: page },
        }),
      ),
    enabled: !!orgId,
    placeholderData: keepPreviousData,
  })
}

export function useCreateOrgUser(orgId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: NewUser) =>
      unwrap<User>(
        api.POST('/api/v1/organizations/{organization_id}/users', { params: { path: { organization_id: orgId } }, body }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.orgUsers(orgId) }),
  })
}

export function useDeleteOrgUser(orgId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(
        api.DELETE('/api/v1/organizations/{organization_id}/users/{user_id}', {
          params: { path: { organization_id: orgId, user_id: userId } },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.orgUsers(orgId) }),
  })
}
