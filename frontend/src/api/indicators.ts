/**
 * Indicators against targets (issue 10): one base's figures per construction year and month (base:read — its own
 * organisation or an administrator), and the administrators' register of every base with its XLSX export
 * (indicator:register).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, getBlob, unwrap, type BlobResult, type components } from '../client'
import type { Page, PageQuery } from '../client/types'
import { qk } from './keys'

type S = components['schemas']

export type BaseIndicators = S['BaseIndicators']
export type YearIndicators = S['YearIndicators']
export type MonthPoint = S['MonthPoint']
export type RegisterRow = S['RegisterRow']
export type Risk = S['Risk']
export type RegisterSort = 'reached' | 'projection' | 'overdue' | 'recognised_on'

export interface RegisterFilter {
  base_type?: S['BaseType']
  at_risk?: boolean
  overdue?: boolean
  q?: string
  sort?: RegisterSort
  order?: 'asc' | 'desc'
}

export function useRegister(filter: RegisterFilter, page: PageQuery) {
  return useQuery({
    queryKey: [...qk.indicatorRegister, filter, page],
    queryFn: () => unwrap<Page<RegisterRow>>(api.GET('/api/v1/indicators/bases', { params: { query: { ...filter, ...page } } })),
    placeholderData: keepPreviousData,
  })
}

export function useBaseIndicators(baseId: string | undefined) {
  return useQuery({
    queryKey: qk.baseIndicators(baseId ?? ''),
    queryFn: () => unwrap<BaseIndicators>(api.GET('/api/v1/bases/{base_id}/indicators', { params: { path: { base_id: baseId! } } })),
    enabled: !!baseId,
  })
}

/** GET /indicators/bases/export with the register's current filters and sort: an XLSX file. */
export function exportRegister(filter: RegisterFilter): Promise<BlobResult> {
  const query: Record<string, string> = {}
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') query[k] = String(v)
  return getBlob('/api/v1/indicators/bases/export', { query })
}

/** ‰ as a percentage with one decimal, rounded down as the server does: 949 -> "94.9%". */
export function permilleText(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  return `${Math.floor(value / 10)}.${value % 10}%`
}
