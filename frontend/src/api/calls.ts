import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../client'
import type { Call, CallCreate, CallDefaults, CallStatus, CallUpdate, Page, PageQuery } from '../client/types'
import { qk } from './keys'

/** Public: published calls (each says whether it is accepting applications now). */
export function usePublicCalls(page: PageQuery = { limit: 100, offset: 0 }, enabled = true) {
  return useQuery({
    queryKey: [...qk.publicCalls, page],
    queryFn: () => unwrap<Page<Call>>(api.GET('/api/v1/public/calls', { params: { query: page } })),
    enabled,
  })
}

export interface CallFilter extends PageQuery {
  status?: CallStatus
  year?: number
}

/** Administrator: every call, drafts included. */
export function useCalls(filter: CallFilter, enabled = true) {
  return useQuery({
    queryKey: [...qk.calls, 'list', filter],
    queryFn: () => unwrap<Page<Call>>(api.GET('/api/v1/calls', { params: { query: filter } })),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useCall(id: string | undefined) {
  return useQuery({
    queryKey: qk.call(id ?? ''),
    queryFn: () => unwrap<Call>(api.GET('/api/v1/calls/{call_id}', { params: { path: { call_id: id! } } })),
    enabled: !!id,
  })
}

/** The policy's default parameters, to prefill a new call. */
export function useCallDefaults(enabled = true) {
  return useQuery({
    queryKey: qk.callDefaults,
    queryFn: () => unwrap<CallDefaults>(api.GET('/api/v1/calls/defaults')),
    staleTime: Infinity,
    enabled,
  })
}

export function useCreateCall() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: CallCreate) => unwrap<Call>(api.POST('/api/v1/calls', { body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: qk.calls })
      void qc.invalidateQueries({ queryKey: qk.publicCalls })
    },
  })
}

/** PATCH with If-Match: "<version>" (412 when someone changed it meanwhile). */
export function useUpdateCall() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: CallUpdate }) =>
      unwrap<Call>(
        api.PATCH('/api/v1/calls/{call_id}', {
          params: { path: { call_id: id }, header: { 'if-match': `"${version}"` } },
          body,
        }),
      ),
    onSuccess: (call) => {
      qc.setQueryData(qk.call(call.id), call)
      void qc.invalidateQueries({ queryKey: qk.calls })
      void qc.invalidateQueries({ queryKey: qk.publicCalls })
    },
  })
}

export function useChangeCallStatus() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'publish' | 'close' }) =>
      unwrap<Call>(
        action === 'publish'
          ? api.POST('/api/v1/calls/{call_id}/publish', { params: { path: { call_id: id } } })
          : api.POST('/api/v1/calls/{call_id}/close', { params: { path: { call_id: id } } }),
      ),
    onSuccess: (call) => {
      qc.setQueryData(qk.call(call.id), call)
      void qc.invalidateQueries({ queryKey: qk.calls })
      void qc.invalidateQueries({ queryKey: qk.publicCalls })
    },
  })
}

/** Public: one call with its policies (applicants read thresholds and required attachments here). */
export function usePublicCall(id: string | undefined) {
  return useQuery({
    queryKey: [...qk.publicCalls, 'detail', id ?? ''],
    queryFn: () => unwrap<Call>(api.GET('/api/v1/public/calls/{call_id}', { params: { path: { call_id: id! } } })),
    enabled: !!id,
    staleTime: 60_000,
  })
}
