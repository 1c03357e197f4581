/**
 * Review workflow (domain.md §5): the bureau's formal check, panel, decision; the expert's
 * declaration, score sheet, site inspection, photos and the lead's panel opinion.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { api, getBlob, unwrap, unwrapAll, type BlobResult, type components } from '../client'
import type { ApplicationPage, ApplicationStats, ApplicationStatus, PageQuery, Version } from '../client/types'
import { ApiError } from '../lib/errors'
import { postRaw } from '../client/rawUpload'
import { qk } from './keys'

type S = components['schemas']

export type Assignment = S['Assignment']
export type Declaration = S['Declaration']
export type ReviewStatus = S['ReviewStatus']
export type FormalCheck = S['FormalCheckRead']
export type FormalCheckInput = S['FormalCheckCreate']
export type SectionReason = S['SectionReason']
export type ExpertSuggestion = S['ExpertSuggestion']
export type PanelInput = S['PanelCreate']
export type Panel = S['PanelRead']
export type PanelMember = S['MemberRead']
export type PanelResult = S['PanelResultRead']
export type Review = S['ReviewRead']
export type ReviewInput = S['ReviewBody']
export type SiteVisit = S['SiteVisit']
export type Finding = S['Finding']
export type FindingResult = NonNullable<Finding['result']>
export type ReviewPhoto = S['PhotoRead']
export type DecisionInput = S['DecisionCreate']
export type Decision = S['DecisionRead']
export type Criterion = S['RubricCriterion']

/** One row of PanelResultRead.totals (typed loosely in the OpenAPI). */
export interface ExpertTotal {
  expert_name: string
  total: number
  recommend: boolean | null
}

export function resultTotals(result: PanelResult | null | undefined): ExpertTotal[] {
  return (result?.totals ?? []) as unknown as ExpertTotal[]
}

/** Assignment.rubric is typed loosely in the OpenAPI: it is the call's rubric. */
export function assignmentRubric(a: Pick<Assignment, 'rubric'>): Criterion[] {
  return a.rubric as unknown as Criterion[]
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` })

/** Everything an action on one application may change. */
function invalidateApplication(qc: QueryClient, appId: string) {
  void qc.invalidateQueries({ queryKey: qk.applications })
  void qc.invalidateQueries({ queryKey: qk.reviewApp(appId) })
  void qc.invalidateQueries({ queryKey: qk.reviewQueue })
}

// --- administrator: queue, formal check, panel, decision ---------------------------------------

export interface QueueFilter extends PageQuery {
  status: ApplicationStatus
  q?: string
}

/** 评审管理: GET /applications?status=… (one tab per stage). */
export function useReviewQueue(filter: QueueFilter, enabled = true) {
  return useQuery({
    queryKey: [...qk.reviewQueue, filter],
    queryFn: () =>
      unwrap<ApplicationPage>(
        api.GET('/api/v1/applications', { params: { query: { ...filter, q: filter.q || undefined } } }),
      ),
    placeholderData: keepPreviousData,
    enabled,
  })
}

/** How many applications wait in each stage: one GET /applications/stats (counts per status in one GROUP BY). */
export function useStageCounts(stages: readonly ApplicationStatus[]): Partial<Record<ApplicationStatus, number>> {
  const stats = useQuery({
    queryKey: [...qk.reviewQueue, 'stats'],
    queryFn: () => unwrap<ApplicationStats>(api.GET('/api/v1/applications/stats')),
  })
  const out: Partial<Record<ApplicationStatus, number>> = {}
  for (const s of stages) {
    const n = stats.data?.counts[s]
    if (n !== undefined) out[s] = n
  }
  return out
}

export function useFormalChecks(appId: string | undefined) {
  return useQuery({
    queryKey: [...qk.reviewApp(appId ?? ''), 'formal-checks'],
    queryFn: () =>
      unwrapAll<FormalCheck>((query) =>
        api.GET('/api/v1/applications/{application_id}/formal-checks', { params: { path: { application_id: appId! }, query } }),
      ),
    enabled: !!appId,
  })
}

export function useFormalCheck(appId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: FormalCheckInput) =>
      unwrap<FormalCheck>(
        api.POST('/api/v1/applications/{application_id}/formal-check', { params: { path: { application_id: appId } }, body }),
      ),
    onSettled: () => invalidateApplication(qc, appId),
  })
}

export function usePanelSuggestions(appId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...qk.reviewApp(appId ?? ''), 'suggestions'],
    queryFn: () =>
      unwrapAll<ExpertSuggestion>((query) =>
        api.GET('/api/v1/applications/{application_id}/panel/suggestions', { params: { path: { application_id: appId! }, query } }),
      ),
    enabled: !!appId && enabled,
  })
}

export function useFormPanel(appId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: PanelInput) =>
      unwrap<Panel>(api.POST('/api/v1/applications/{application_id}/panel', { params: { path: { application_id: appId } }, body })),
    onSettled: () => invalidateApplication(qc, appId),
  })
}

/** GET /applications/{id}/panel: null while no panel exists (404). */
export function usePanel(appId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...qk.reviewApp(appId ?? ''), 'panel'],
    queryFn: async () => {
      try {
        return await unwrap<Panel>(
          api.GET('/api/v1/applications/{application_id}/panel', { params: { path: { application_id: appId! } } }),
        )
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null
        throw err
      }
    },
    enabled: !!appId && enabled,
  })
}

export function useReplaceMember(appId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ memberId, newExpertId, reason }: { memberId: string; newExpertId: string; reason: string }) =>
      unwrap<Panel>(
        api.POST('/api/v1/applications/{application_id}/panel/members/{member_id}/replace', {
          params: { path: { application_id: appId, member_id: memberId } },
          body: { new_expert_id: newExpertId, reason },
        }),
      ),
    onSettled: () => invalidateApplication(qc, appId),
  })
}

export function useReopenReview(appId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ memberId, reason }: { memberId: string; reason: string }) =>
      unwrap<Panel>(
        api.POST('/api/v1/applications/{application_id}/panel/members/{member_id}/reopen', {
          params: { path: { application_id: appId, member_id: memberId } },
          body: { reason },
        }),
      ),
    onSettled: () => invalidateApplication(qc, appId),
  })
}

/** GET /applications/{id}/decision: null before the decision (404). */
export function useDecision(appId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...qk.reviewApp(appId ?? ''), 'decision'],
    queryFn: async () => {
      try {
        return await unwrap<Decision>(
          api.GET('/api/v1/applications/{application_id}/decision', { params: { path: { application_id: appId! } } }),
        )
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null
        throw err
      }
    },
    enabled: !!appId && enabled,
  })
}

export function useDecide(appId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: DecisionInput) =>
      unwrap<Decision>(
        api.POST('/api/v1/applications/{application_id}/decision', { params: { path: { application_id: appId } }, body }),
      ),
    onSettled: () => invalidateApplication(qc, appId),
  })
}

/** The submitted version an expert (or the bureau) reads: form, organisation snapshot, attachments. */
export function useSubmittedVersion(appId: string | undefined, versionNo: number | null | undefined) {
  return useQuery({
    queryKey: [...qk.reviewApp(appId ?? ''), 'version', versionNo],
    queryFn: () =>
      unwrap<Version>(
        api.GET('/api/v1/applications/{application_id}/versions/{version_no}', {
          params: { path: { application_id: appId!, version_no: versionNo! } },
        }),
      ),
    enabled: !!appId && !!versionNo,
  })
}

// --- expert: assignments, declaration, review, photos, panel opinion ----------------------------

export function useAssignments(enabled = true) {
  return useQuery({
    queryKey: qk.assignments,
    queryFn: () => unwrapAll<Assignment>((query) => api.GET('/api/v1/reviews/assignments', { params: { query } })),
    enabled,
  })
}

export function useDeclare() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ memberId, conflict, note }: { memberId: string; conflict: boolean; note?: string | null }) =>
      unwrap<Assignment>(
        api.POST('/api/v1/reviews/assignments/{member_id}/declaration', {
          params: { path: { member_id: memberId } },
          body: { conflict, note: note ?? null },
        }),
      ),
    onSuccess: (declared) =>
      qc.setQueryData<Assignment[]>(qk.assignments, (list) =>
        list?.map((a) => (a.member_id === declared.member_id ? declared : a)),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: qk.assignments }),
  })
}

/** The expert's own review (created empty on first read). Its `version` is the ETag for If-Match. */
export function fetchMyReview(memberId: string): Promise<Review> {
  return unwrap<Review>(api.GET('/api/v1/reviews/assignments/{member_id}/review', { params: { path: { member_id: memberId } } }))
}

export function useMyReview(memberId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: qk.myReview(memberId ?? ''),
    queryFn: () => fetchMyReview(memberId!),
    enabled: !!memberId && enabled,
  })
}

export function saveReview(memberId: string, version: number, body: ReviewInput): Promise<Review> {
  return unwrap<Review>(
    api.PUT('/api/v1/reviews/assignments/{member_id}/review', {
      params: { path: { member_id: memberId }, header: ifMatch(version) },
      body,
    }),
  )
}

export function submitReview(memberId: string, version: number): Promise<Review> {
  return unwrap<Review>(
    api.POST('/api/v1/reviews/assignments/{member_id}/review/submit', {
      params: { path: { member_id: memberId }, header: ifMatch(version) },
    }),
  )
}

export function useSaveReview(memberId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: ReviewInput }) => saveReview(memberId, version, body),
    onSuccess: (review) => qc.setQueryData(qk.myReview(memberId), review),
  })
}

/** Saves what is on screen, then submits (both with If-Match): the review is locked afterwards. */
export function useSubmitReview(memberId: string, appId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ version, body }: { version: number; body: ReviewInput }) => {
      const saved = await saveReview(memberId, version, body)
      qc.setQueryData(qk.myReview(memberId), saved)
      return submitReview(memberId, saved.version)
    },
    onSuccess: (review) => qc.setQueryData(qk.myReview(memberId), review),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: qk.assignments })
      void qc.invalidateQueries({ queryKey: qk.reviewApp(appId) })
    },
  })
}

export function usePanelOpinion(appId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (text: string) =>
      unwrap<Panel>(
        api.POST('/api/v1/applications/{application_id}/panel/opinion', {
          params: { path: { application_id: appId } },
          body: { text },
        }),
      ),
    onSettled: () => invalidateApplication(qc, appId),
  })
}

// --- raw uploads (photos, objection attachments) with progress ----------------------------------

export const PHOTO_ACCEPT = '.jpg,.jpeg,.png'
export const PHOTO_MAX_BYTES = 20 * 1024 * 1024

export function uploadReviewPhoto(
  memberId: string,
  file: File,
  onProgress?: (percent: number) => void,
  signal?: AbortSignal,
): Promise<ReviewPhoto> {
  if (file.size > PHOTO_MAX_BYTES) {
    return Promise.reject(new ApiError(413, 'PAYLOAD_TOO_LARGE', `文件过大（上限 ${PHOTO_MAX_BYTES / 1048576} MB）`))
  }
  const query = new URLSearchParams({ filename: file.name })
  return postRaw<ReviewPhoto>({
    path: `/reviews/assignments/${encodeURIComponent(memberId)}/review/photos?${query}`,
    file,
    auth: true,
    onProgress,
    signal,
  })
}

/** A site-inspection photo, as a blob fetched with the bearer token. */
export function fetchReviewPhoto(appId: string, photoId: string): Promise<BlobResult> {
  return getBlob('/api/v1/applications/{application_id}/review-photos/{photo_id}', {
    path: { application_id: appId, photo_id: photoId },
  })
}
