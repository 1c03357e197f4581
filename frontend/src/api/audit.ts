import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../client'
import type { AuditEvent, Page, PageQuery } from '../client/types'
import { qk } from './keys'

export interface AuditFilter extends PageQuery {
  action?: string
}

export function useAuditEvents(filter: AuditFilter) {
  return useQuery({
    queryKey: [...qk.audit, filter],
    queryFn: () =>
      unwrap<Page<AuditEvent>>(
        api.GET('/api/v1/audit-events', { params: { query: { ...filter, action: filter.action || undefined } } }),
      ),
    placeholderData: keepPreviousData,
  })
}
