/** Rosters of a monthly report (培训人员名册、取证人员名册) and duplicate certificates (issue 10 B). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, getBlob, unwrap, type BlobResult } from '../client'
import { postRaw } from '../client/rawUpload'
import type {
  DuplicateGroup,
  DuplicateResolve,
  DuplicateStatus,
  Page,
  PageQuery,
  ReportRosters,
  Revealed,
  RosterKind,
  RosterRead,
  RosterRowPage,
} from '../client/types'
import { ApiError } from '../lib/errors'
import { MAX_UPLOAD_BYTES } from './applications'

export const ROSTER_ACCEPT = '.xlsx,.csv'
/** How often the panel asks for an import's progress while it runs. */
export const ROSTER_POLL_MS = 1000

const keys = {
  rosters: (reportId: string, kind: RosterKind) => ['reports', reportId, 'rosters', kind] as const,
  roster: (id: string) => ['rosters', id] as const,
  duplicates: ['duplicates'] as const,
  duplicate: (id: string) => ['duplicates', 'detail', id] as const,
}

/** A roster still on its way in: the panel keeps polling it. */
export function isRunning(roster: RosterRead | null | undefined): boolean {
  return !!roster && (roster.status === 'queued' || roster.status === 'importing')
}

/** Percent done of an import (0–100); 0 until the total is known. */
export function progressPercent(roster: RosterRead): number {
  if (roster.status === 'imported') return 100
  if (!roster.rows_total) return 0
  return Math.min(100, Math.round((roster.rows_processed / roster.rows_total) * 100))
}

export function useReportRosters(reportId: string, kind: RosterKind) {
  return useQuery({
    queryKey: keys.rosters(reportId, kind),
    queryFn: () =>
      unwrap<ReportRosters>(
        api.GET('/api/v1/reports/{report_id}/rosters/{kind}', { params: { path: { report_id: reportId, kind } } }),
      ),
    refetchInterval: (q) => (isRunning(q.state.data?.latest) ? ROSTER_POLL_MS : false),
  })
}

export function useRosterRows(reportId: string, kind: RosterKind, page: PageQuery, rosterId: string | null | undefined) {
  return useQuery({
    queryKey: [...keys.rosters(reportId, kind), 'rows', rosterId, page],
    queryFn: () =>
      unwrap<RosterRowPage>(
        api.GET('/api/v1/reports/{report_id}/rosters/{kind}/rows', {
          params: { path: { report_id: reportId, kind }, query: page },
        }),
      ),
    enabled: !!rosterId,
    placeholderData: keepPreviousData,
  })
}

export interface RosterUpload {
  reportId: string
  kind: RosterKind
  file: File | Blob
  filename: string
  onProgress?: (percent: number) => void
}

export async function uploadRoster(input: RosterUpload): Promise<RosterRead> {
  if (input.file.size > MAX_UPLOAD_BYTES) {
    throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `文件过大（上限 ${MAX_UPLOAD_BYTES / 1048576} MB）`)
  }
  const query = new URLSearchParams({ filename: input.filename })
  return postRaw<RosterRead>({
    path: `/reports/${encodeURIComponent(input.reportId)}/rosters/${input.kind}?${query}`,
    file: input.file,
    auth: true,
    onProgress: input.onProgress,
  })
}

export function useUploadRoster(reportId: string, kind: RosterKind) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: Omit<RosterUpload, 'reportId' | 'kind'>) => uploadRoster({ ...input, reportId, kind }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.rosters(reportId, kind) }),
  })
}

export function downloadTemplate(kind: RosterKind): Promise<BlobResult> {
  return getBlob('/api/v1/rosters/templates/{kind}', { path: { kind } })
}

export function downloadErrorReport(rosterId: string): Promise<BlobResult> {
  return getBlob('/api/v1/rosters/{roster_id}/errors', { path: { roster_id: rosterId } })
}

/** The full resident ID of one row (audited on the server); only for holders of personal_data:read_full. */
export function revealRow(kind: RosterKind, rowId: number): Promise<Revealed> {
  return unwrap<Revealed>(
    api.POST('/api/v1/roster-rows/{kind}/{row_id}/reveal', { params: { path: { kind, row_id: rowId } } }),
  )
}

// --- duplicates (administrators) ---

export interface DuplicateFilter extends PageQuery {
  status?: DuplicateStatus
  spans_bases?: boolean
}

export function useDuplicates(filter: DuplicateFilter) {
  return useQuery({
    queryKey: [...keys.duplicates, filter],
    queryFn: () => unwrap<Page<DuplicateGroup>>(api.GET('/api/v1/duplicates', { params: { query: filter } })),
    placeholderData: keepPreviousData,
  })
}

export function useResolveDuplicate() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DuplicateResolve }) =>
      unwrap<DuplicateGroup>(
        api.POST('/api/v1/duplicates/{group_id}/resolve', { params: { path: { group_id: id } }, body }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.duplicates }),
  })
}
