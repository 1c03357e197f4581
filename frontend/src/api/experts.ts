import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../client'
import type { Expert, ExpertCreate, ExpertUpdate, Page, PageQuery } from '../client/types'
import { qk } from './keys'

export interface ExpertFilter extends PageQuery {
  q?: string
  is_active?: boolean
}

export function useExperts(filter: ExpertFilter) {
  return useQuery({
    queryKey: [...qk.experts, 'list', filter],
    queryFn: () =>
      unwrap<Page<Expert>>(api.GET('/api/v1/experts', { params: { query: { ...filter, q: filter.q || undefined } } })),
    placeholderData: keepPreviousData,
  })
}

export function useCreateExpert() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: ExpertCreate) => unwrap<Expert>(api.POST('/api/v1/experts', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.experts }),
  })
}

export function useUpdateExpert() {
  const qc = useQueryClient()
  return useMutation({
    /** `version` is the record's as last read (If-Match): 412 when someone changed it meanwhile. */
    mutationFn: ({ id, version, body }: { id: string; version: number; body: ExpertUpdate }) =>
      unwrap<Expert>(
        api.PATCH('/api/v1/experts/{expert_id}', {
          params: { path: { expert_id: id }, header: { 'if-match': `"${version}"` } },
          body,
        }),
      ),
    // also after a 412: the list then shows (and the next edit sends) the current version
    onSettled: () => qc.invalidateQueries({ queryKey: qk.experts }),
  })
}
