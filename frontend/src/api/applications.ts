import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, getBlob, unwrap, unwrapAll, type BlobResult } from '../client'
import type {
  Application,
  ApplicationForm,
  ApplicationPage,
  ApplicationStatus,
  Attachment,
  AttachmentSlot,
  BaseType,
  Eligibility,
  PageQuery,
  TimelineEntry,
  Version,
  VersionDiff,
  VersionSummary,
} from '../client/types'
import { ApiError } from '../lib/errors'
import { postRaw } from '../client/rawUpload'
import { qk } from './keys'

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` })

export interface ApplicationFilter extends PageQuery {
  call_id?: string
  base_type?: BaseType
  status?: ApplicationStatus
  organization_id?: string
  q?: string
}

/** Applicants see their organisation's applications only; administrators see all. */
export function useApplications(filter: ApplicationFilter, enabled = true) {
  return useQuery({
    queryKey: [...qk.applications, 'list', filter],
    queryFn: () =>
      unwrap<ApplicationPage>(
        api.GET('/api/v1/applications', { params: { query: { ...filter, q: filter.q || undefined } } }),
      ),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function fetchApplication(id: string): Promise<Application> {
  return unwrap<Application>(api.GET('/api/v1/applications/{application_id}', { params: { path: { application_id: id } } }))
}

export function useApplication(id: string | undefined) {
  return useQuery({
    queryKey: qk.application(id ?? ''),
    queryFn: () => fetchApplication(id!),
    enabled: !!id,
  })
}

export function useCreateApplication() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { call_id: string; base_type: BaseType }) =>
      unwrap<Application>(api.POST('/api/v1/applications', { body })),
    onSuccess: (app) => {
      qc.setQueryData(qk.application(app.id), app)
      void qc.invalidateQueries({ queryKey: [...qk.applications, 'list'] })
    },
  })
}

/** PUT /draft with If-Match: the whole form. Throws ApiError (412 STALE_VERSION, 409, 428 …). */
export function saveDraft(id: string, version: number, form: ApplicationForm): Promise<Application> {
  return unwrap<Application>(
    api.PUT('/api/v1/applications/{application_id}/draft', {
      params: { path: { application_id: id }, header: ifMatch(version) },
      body: form,
    }),
  )
}

export function useEligibility(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: qk.eligibility(id ?? ''),
    queryFn: () =>
      unwrap<Eligibility>(
        api.GET('/api/v1/applications/{application_id}/eligibility', { params: { path: { application_id: id! } } }),
      ),
    enabled: !!id && enabled,
    placeholderData: keepPreviousData,
  })
}

export function useSubmitApplication() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap<Application>(
        api.POST('/api/v1/applications/{application_id}/submit', {
          params: { path: { application_id: id }, header: ifMatch(version) },
        }),
      ),
    onSuccess: (app) => {
      qc.setQueryData(qk.application(app.id), app)
      void qc.invalidateQueries({ queryKey: qk.applications })
    },
  })
}

export function useWithdrawApplication() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap<Application>(
        api.POST('/api/v1/applications/{application_id}/withdraw', {
          params: { path: { application_id: id } },
          body: { reason },
        }),
      ),
    onSuccess: (app) => {
      qc.setQueryData(qk.application(app.id), app)
      void qc.invalidateQueries({ queryKey: qk.applications })
    },
  })
}

// --- attachments -----------------------------------------------------------------------------------

/** The server's default cap (settings.upload_max_bytes): checked here first so nothing big is sent for nothing. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
export const UPLOAD_ACCEPT = '.pdf,.jpg,.jpeg,.png,.xlsx,.docx'

export interface UploadInput {
  applicationId: string
  slot: AttachmentSlot
  file: File | Blob
  filename: string
  onProgress?: (percent: number) => void
  signal?: AbortSignal
}

/**
 * POST the raw file (application/octet-stream) with XMLHttpRequest, for upload progress.
 * On a 401 the session is refreshed once through the typed client (GET /me), then the upload is retried.
 */
export async function uploadAttachment(input: UploadInput): Promise<Attachment> {
  if (input.file.size > MAX_UPLOAD_BYTES) {
    throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `文件过大（上限 ${MAX_UPLOAD_BYTES / 1048576} MB）`)
  }
  const query = new URLSearchParams({ slot: input.slot, filename: input.filename })
  return postRaw<Attachment>({
    path: `/applications/${encodeURIComponent(input.applicationId)}/attachments?${query}`,
    file: input.file,
    auth: true,
    onProgress: input.onProgress,
    signal: input.signal,
  })
}

export function useUploadAttachment(applicationId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: Omit<UploadInput, 'applicationId'>) => uploadAttachment({ ...input, applicationId }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: qk.application(applicationId) })
    },
  })
}

export function useDeleteAttachment(applicationId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (attachmentId: string) =>
      unwrap(
        api.DELETE('/api/v1/applications/{application_id}/attachments/{attachment_id}', {
          params: { path: { application_id: applicationId, attachment_id: attachmentId } },
        }),
      ),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: qk.application(applicationId) })
    },
  })
}

/**
 * GET an attachment: a current one, or (with `version`) one as submitted in that version — the only way to a file
 * removed from the draft since (the current route answers 404 for it).
 */
export function downloadAttachment(applicationId: string, attachmentId: string, version?: number | null): Promise<BlobResult> {
  if (version) {
    return getBlob('/api/v1/applications/{application_id}/versions/{version_no}/attachments/{attachment_id}', {
      path: { application_id: applicationId, version_no: String(version), attachment_id: attachmentId },
    })
  }
  return getBlob('/api/v1/applications/{application_id}/attachments/{attachment_id}', {
    path: { application_id: applicationId, attachment_id: attachmentId },
  })
}

/** GET /applications/{id}/pdf[?version=n]: the Annex 1 form as a PDF (the draft when no version). */
export function fetchApplicationPdf(applicationId: string, version?: number | null): Promise<BlobResult> {
  return getBlob('/api/v1/applications/{application_id}/pdf', {
    path: { application_id: applicationId },
    query: version ? { version } : undefined,
  })
}

/** Saves a blob under a file name (the browser's download). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

// --- versions and timeline -------------------------------------------------------------------------

export function useVersions(id: string | undefined) {
  return useQuery({
    queryKey: qk.versions(id ?? ''),
    queryFn: () =>
      unwrapAll<VersionSummary>((query) =>
        api.GET('/api/v1/applications/{application_id}/versions', { params: { path: { application_id: id! }, query } }),
      ),
    enabled: !!id,
  })
}

export function useVersion(id: string | undefined, versionNo: number | null) {
  return useQuery({
    queryKey: [...qk.versions(id ?? ''), versionNo],
    queryFn: () =>
      unwrap<Version>(
        api.GET('/api/v1/applications/{application_id}/versions/{version_no}', {
          params: { path: { application_id: id!, version_no: versionNo! } },
        }),
      ),
    enabled: !!id && versionNo !== null,
  })
}

export function useVersionDiff(id: string | undefined, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...qk.versions(id ?? ''), 'diff', from, to],
    queryFn: () =>
      unwrap<VersionDiff>(
        api.GET('/api/v1/applications/{application_id}/versions/{from_version}/diff/{to_version}', {
          params: { path: { application_id: id!, from_version: from!, to_version: to! } },
        }),
      ),
    enabled: !!id && from !== null && to !== null && from !== to,
  })
}

export function useTimeline(id: string | undefined) {
  return useQuery({
    queryKey: qk.timeline(id ?? ''),
    queryFn: () =>
      unwrapAll<TimelineEntry>((query) =>
        api.GET('/api/v1/applications/{application_id}/timeline', { params: { path: { application_id: id! }, query } }),
      ),
    enabled: !!id,
  })
}
