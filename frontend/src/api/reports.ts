/**
 * A base under construction and its monthly reports (每月报送工作进展): the organisation's workspace (its bases,
 * account and contacts, the months, the report editor) and the bureau's queue and review.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, getBlob, unwrap, type BlobResult, type components } from '../client'
import { postRaw } from '../client/rawUpload'
import type { Page, PageQuery } from '../client/types'
import { ApiError } from '../lib/errors'
import { MAX_UPLOAD_BYTES } from './applications'
import { qk } from './keys'

type S = components['schemas']

export type BaseDetail = S['BaseDetail']
export type BaseSummary = S['BaseRead']
export type BaseContactsInput = S['BaseContactsUpdate']
export type Report = S['ReportRead']
export type ReportSummary = S['ReportSummary']
export type ReportQueueItem = S['ReportQueueItem']
export type ReportDraft = S['ReportDraft']
export type ReportStatus = S['ReportStatus']
export type ReportPart = S['ReportPart']
export type ReportVersionSummary = S['ReportVersionSummary']
export type ReportVersion = S['ReportVersionRead']
export type Competition = S['CompetitionRead']
export type CompetitionInput = S['CompetitionWrite']
export type CompetitionLevel = S['CompetitionLevel']
export type ReportAttachment = S['ReportAttachmentRead']

export const REPORT_PARTS: ReportPart[] = ['narrative', 'figures', 'trainees', 'certificates', 'competitions', 'attachments']
export const COMPETITION_LEVELS: CompetitionLevel[] = ['school', 'district', 'city', 'province', 'national']
export const DECLARED_FIGURES = [
  'declared_trainees',
  'declared_certified_trainees',
  'declared_certificates',
  'declared_senior_certificates',
  'declared_surveyed',
  'declared_satisfied',
  'declared_competitions',
] as const satisfies readonly (keyof ReportDraft)[]

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` })

// --- bases ----------------------------------------------------------------------------------------

/** GET /bases: the server scopes it (an organisation sees its own bases only). */
export function useMyBases(page: PageQuery) {
  return useQuery({
    queryKey: [...qk.bases, 'mine', page],
    queryFn: () => unwrap<Page<BaseSummary>>(api.GET('/api/v1/bases', { params: { query: page } })),
    placeholderData: keepPreviousData,
  })
}

export function useBase(id: string | undefined) {
  return useQuery({
    queryKey: qk.base(id ?? ''),
    queryFn: () => unwrap<BaseDetail>(api.GET('/api/v1/bases/{base_id}', { params: { path: { base_id: id! } } })),
    enabled: !!id,
  })
}

export function useUpdateBaseContacts(id: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: BaseContactsInput }) =>
      unwrap<BaseDetail>(api.PATCH('/api/v1/bases/{base_id}', { params: { path: { base_id: id }, header: ifMatch(version) }, body })),
    onSuccess: (base) => qc.setQueryData(qk.base(id), base),
    onError: () => void qc.invalidateQueries({ queryKey: qk.base(id) }),
  })
}

export function useBaseReports(baseId: string | undefined, page: PageQuery) {
  return useQuery({
    queryKey: [...qk.baseReports(baseId ?? ''), page],
    queryFn: () =>
      unwrap<Page<ReportSummary>>(api.GET('/api/v1/bases/{base_id}/reports', { params: { path: { base_id: baseId! }, query: page } })),
    enabled: !!baseId,
    placeholderData: keepPreviousData,
  })
}

export function useBaseCompetitions(baseId: string | undefined, page: PageQuery) {
  return useQuery({
    queryKey: [...qk.baseCompetitions(baseId ?? ''), page],
    queryFn: () =>
      unwrap<Page<Competition>>(api.GET('/api/v1/bases/{base_id}/competitions', { params: { path: { base_id: baseId! }, query: page } })),
    enabled: !!baseId,
    placeholderData: keepPreviousData,
  })
}

// --- the queue and one report ----------------------------------------------------------------------

export interface ReportFilter extends PageQuery {
  status?: ReportStatus
  overdue?: boolean
  base_type?: S['BaseType']
  month_no?: number
  sort?: 'due_on' | '-due_on' | 'submitted_at' | '-submitted_at'
}

export function useReportQueue(filter: ReportFilter) {
  return useQuery({
    queryKey: [...qk.reports, 'list', filter],
    queryFn: () => unwrap<Page<ReportQueueItem>>(api.GET('/api/v1/reports', { params: { query: filter } })),
    placeholderData: keepPreviousData,
  })
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: qk.report(id ?? ''),
    queryFn: () => unwrap<Report>(api.GET('/api/v1/reports/{report_id}', { params: { path: { report_id: id! } } })),
    enabled: !!id,
  })
}

/** PUT /draft with If-Match: the narrative and figures. Throws ApiError (412 STALE_VERSION, 409, 428 …). */
export function saveReportDraft(id: string, version: number, body: ReportDraft): Promise<Report> {
  return unwrap<Report>(api.PUT('/api/v1/reports/{report_id}/draft', { params: { path: { report_id: id }, header: ifMatch(version) }, body }))
}

function useReportAction(action: 'submit' | 'accept') {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap<Report>(
        action === 'submit'
          ? api.POST('/api/v1/reports/{report_id}/submit', { params: { path: { report_id: id }, header: ifMatch(version) } })
          : api.POST('/api/v1/reports/{report_id}/accept', { params: { path: { report_id: id }, header: ifMatch(version) } }),
      ),
    onSuccess: (report) => qc.setQueryData(qk.report(report.id), report),
    onSettled: (_r, _e, { id }) => {
      void qc.invalidateQueries({ queryKey: qk.reports })
      void qc.invalidateQueries({ queryKey: qk.reportVersions(id) })
      void qc.invalidateQueries({ queryKey: qk.bases })
    },
  })
}

export const useSubmitReport = () => useReportAction('submit')
export const useAcceptReport = () => useReportAction('accept')

export function useReturnReport() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, version, reasons }: { id: string; version: number; reasons: Partial<Record<ReportPart, string>> }) =>
      unwrap<Report>(
        api.POST('/api/v1/reports/{report_id}/return', {
          params: { path: { report_id: id }, header: ifMatch(version) },
          body: { reasons: reasons as Record<string, string> },
        }),
      ),
    onSuccess: (report) => qc.setQueryData(qk.report(report.id), report),
    onSettled: (_r, _e, { id }) => {
      void qc.invalidateQueries({ queryKey: qk.reports })
      void qc.invalidateQueries({ queryKey: qk.reportVersions(id) })
    },
  })
}

export function useReportVersions(id: string | undefined) {
  return useQuery({
    queryKey: qk.reportVersions(id ?? ''),
    queryFn: () =>
      unwrap<Page<ReportVersionSummary>>(
        api.GET('/api/v1/reports/{report_id}/versions', { params: { path: { report_id: id! }, query: { limit: 100 } } }),
      ),
    enabled: !!id,
  })
}

export function useReportVersion(id: string | undefined, no: number | null | undefined) {
  return useQuery({
    queryKey: qk.reportVersion(id ?? '', no ?? 0),
    queryFn: () =>
      unwrap<ReportVersion>(
        api.GET('/api/v1/reports/{report_id}/versions/{version_no}', { params: { path: { report_id: id!, version_no: no! } } }),
      ),
    enabled: !!id && !!no,
  })
}

// --- competitions -----------------------------------------------------------------------------------

export function useSaveCompetition(reportId: string) {
  const qc = useQueryClient()
  return useMutation({
    /** `editing`: the competition as the page holds it (its version goes out as If-Match; a stale one answers 412). */
    mutationFn: ({ editing, body }: { editing?: Competition; body: CompetitionInput }) =>
      unwrap<Competition>(
        editing
          ? api.PUT('/api/v1/reports/{report_id}/competitions/{competition_id}', {
              params: { path: { report_id: reportId, competition_id: editing.id }, header: ifMatch(editing.version) },
              body,
            })
          : api.POST('/api/v1/reports/{report_id}/competitions', { params: { path: { report_id: reportId } }, body }),
      ),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: qk.report(reportId) })
      void qc.invalidateQueries({ queryKey: qk.bases })
    },
  })
}

export function useDeleteCompetition(reportId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (item: Competition) =>
      unwrap(
        api.DELETE('/api/v1/reports/{report_id}/competitions/{competition_id}', {
          params: { path: { report_id: reportId, competition_id: item.id }, header: ifMatch(item.version) },
        }),
      ),
    onSettled: () => void qc.invalidateQueries({ queryKey: qk.report(reportId) }),
  })
}

// --- evidence files ---------------------------------------------------------------------------------

export function uploadReportAttachment(reportId: string, file: File, description: string, onProgress?: (p: number) => void) {
  if (file.size > MAX_UPLOAD_BYTES) {
    return Promise.reject(new ApiError(413, 'PAYLOAD_TOO_LARGE', `文件过大（上限 ${MAX_UPLOAD_BYTES / 1048576} MB）`))
  }
  const query = new URLSearchParams({ filename: file.name, description })
  return postRaw<ReportAttachment>({ path: `/reports/${encodeURIComponent(reportId)}/attachments?${query}`, file, auth: true, onProgress })
}

export function useUploadReportAttachment(reportId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ file, description }: { file: File; description: string }) => uploadReportAttachment(reportId, file, description),
    onSettled: () => void qc.invalidateQueries({ queryKey: qk.report(reportId) }),
  })
}

export function useDeleteReportAttachment(reportId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/v1/reports/{report_id}/attachments/{attachment_id}', {
          params: { path: { report_id: reportId, attachment_id: id } },
        }),
      ),
    onSettled: () => void qc.invalidateQueries({ queryKey: qk.report(reportId) }),
  })
}

/** A current file, or (with `version`) one as a submitted version lists it, even if removed since. */
export function downloadReportAttachment(reportId: string, attachmentId: string, version?: number | null): Promise<BlobResult> {
  if (version) {
    return getBlob('/api/v1/reports/{report_id}/versions/{version_no}/attachments/{attachment_id}', {
      path: { report_id: reportId, version_no: String(version), attachment_id: attachmentId },
    })
  }
  return getBlob('/api/v1/reports/{report_id}/attachments/{attachment_id}', { path: { report_id: reportId, attachment_id: attachmentId } })
}
