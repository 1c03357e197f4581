/**
 * Publicity (公示), objections (异议), recognition (认定) and the recognised bases: the bureau's side
 * (publicity:manage, base:read) and the public pages (no login).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, getBlob, unwrap, type BlobResult, type components } from '../client'
import type { Page, PageQuery } from '../client/types'
import { qk } from './keys'
import { postRaw } from '../client/rawUpload'

type S = components['schemas']

export type Notice = S['NoticeRead']
export type NoticeItem = S['NoticeItemRead']
export type NoticeInput = S['NoticeCreate']
export type NoticePublishInput = S['NoticePublish']
export type NoticeStatus = S['NoticeStatus']
export type Objection = S['ObjectionRead']
export type ObjectionStatus = S['ObjectionStatus']
export type ObjectionDecisionInput = S['ObjectionDecision']
export type RecognitionInput = S['RecognitionCreate']
export type Recognition = S['RecognitionRead']
export type Base = S['BaseRead']
export type PublicNotice = S['PublicNoticeRead']
export type PublicNoticeItem = S['PublicNoticeItem']
export type ObjectionInput = S['ObjectionCreate']
export type ObjectionTicket = S['ObjectionTicket']
export type PublicObjectionStatus = S['PublicObjectionStatus']

// --- the bureau -----------------------------------------------------------------------------------

export function useNotices(page: PageQuery, enabled = true) {
  return useQuery({
    queryKey: [...qk.notices, 'list', page],
    queryFn: () => unwrap<Page<Notice>>(api.GET('/api/v1/publicity-notices', { params: { query: page } })),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useNotice(id: string | undefined) {
  return useQuery({
    queryKey: qk.notice(id ?? ''),
    queryFn: () => unwrap<Notice>(api.GET('/api/v1/publicity-notices/{notice_id}', { params: { path: { notice_id: id! } } })),
    enabled: !!id,
  })
}

export function useCreateNotice() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: NoticeInput) => unwrap<Notice>(api.POST('/api/v1/publicity-notices', { body })),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: qk.notices })
      void qc.invalidateQueries({ queryKey: qk.reviewQueue })
    },
  })
}

export function usePublishNotice() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, period }: { id: string; period?: NoticePublishInput }) =>
      unwrap<Notice>(
        api.POST('/api/v1/publicity-notices/{notice_id}/publish', { params: { path: { notice_id: id } }, ...(period ? { body: period } : {}) }),
      ),
    onSuccess: (notice) => qc.setQueryData(qk.notice(notice.id), notice),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: qk.notices })
      void qc.invalidateQueries({ queryKey: qk.reviewQueue })
      void qc.invalidateQueries({ queryKey: qk.applications })
      void qc.invalidateQueries({ queryKey: qk.publicNotices })
    },
  })
}

export interface ObjectionFilter extends PageQuery {
  notice_id?: string
  status?: ObjectionStatus
}

export function useObjections(filter: ObjectionFilter, enabled = true) {
  return useQuery({
    queryKey: [...qk.objections, filter],
    queryFn: () => unwrap<Page<Objection>>(api.GET('/api/v1/objections', { params: { query: filter } })),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useDecideObjection() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ObjectionDecisionInput }) =>
      unwrap<Objection>(api.POST('/api/v1/objections/{objection_id}/decision', { params: { path: { objection_id: id } }, body })),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: qk.objections })
      void qc.invalidateQueries({ queryKey: qk.notices })
      void qc.invalidateQueries({ queryKey: qk.applications })
      void qc.invalidateQueries({ queryKey: qk.reviewQueue })
    },
  })
}

export function downloadObjectionAttachment(id: string): Promise<BlobResult> {
  return getBlob('/api/v1/objections/{objection_id}/attachment', { path: { objection_id: id } })
}

export function useRecognise() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: RecognitionInput) => unwrap<Recognition>(api.POST('/api/v1/recognitions', { body })),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: qk.notices })
      void qc.invalidateQueries({ queryKey: qk.bases })
      void qc.invalidateQueries({ queryKey: qk.publicBases })
      void qc.invalidateQueries({ queryKey: qk.applications })
      void qc.invalidateQueries({ queryKey: qk.reviewQueue })
    },
  })
}

export function useBases(page: PageQuery, enabled = true) {
  return useQuery({
    queryKey: [...qk.bases, page],
    queryFn: () => unwrap<Page<Base>>(api.GET('/api/v1/bases', { params: { query: page } })),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useIssuePlaque() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, issuedOn }: { id: string; issuedOn: string }) =>
      unwrap<Base>(api.POST('/api/v1/bases/{base_id}/plaque', { params: { path: { base_id: id } }, body: { issued_on: issuedOn } })),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: qk.bases })
      void qc.invalidateQueries({ queryKey: qk.publicBases })
    },
  })
}

// --- the public (no login) --------------------------------------------------------------------------

export function usePublicNotices(page: PageQuery) {
  return useQuery({
    queryKey: [...qk.publicNotices, 'list', page],
    queryFn: () => unwrap<Page<PublicNotice>>(api.GET('/api/v1/public/publicity-notices', { params: { query: page } })),
    placeholderData: keepPreviousData,
  })
}

export function usePublicNotice(id: string | undefined) {
  return useQuery({
    queryKey: [...qk.publicNotices, 'detail', id],
    queryFn: () =>
      unwrap<PublicNotice>(api.GET('/api/v1/public/publicity-notices/{notice_id}', { params: { path: { notice_id: id! } } })),
    enabled: !!id,
  })
}

export const OBJECTION_ACCEPT = '.pdf,.jpg,.jpeg,.png'
/** The server's default cap (settings.objection_attachment_max_bytes). */
export const OBJECTION_MAX_BYTES = 10 * 1024 * 1024

/** Files an objection; the attachment, when any, follows by its ticket. */
export function useFileObjection(noticeId: string) {
  return useMutation({
    mutationFn: (body: ObjectionInput) =>
      unwrap<ObjectionTicket>(
        api.POST('/api/v1/public/publicity-notices/{notice_id}/objections', { params: { path: { notice_id: noticeId } }, body }),
      ),
  })
}

export function uploadObjectionAttachment(ticket: string, file: File, onProgress?: (p: number) => void) {
  const query = new URLSearchParams({ filename: file.name })
  return postRaw<PublicObjectionStatus>({
    path: `/public/objections/${encodeURIComponent(ticket)}/attachment?${query}`,
    file,
    auth: false,
    onProgress,
  })
}

export function usePublicObjection(ticket: string | undefined) {
  return useQuery({
    queryKey: ['public-objection', ticket],
    queryFn: () =>
      unwrap<PublicObjectionStatus>(api.GET('/api/v1/public/objections/{ticket}', { params: { path: { ticket: ticket! } } })),
    enabled: !!ticket,
    retry: false,
  })
}

export function usePublicBases(page: PageQuery) {
  return useQuery({
    queryKey: [...qk.publicBases, page],
    queryFn: () => unwrap<Page<Base>>(api.GET('/api/v1/public/bases', { params: { query: page } })),
    placeholderData: keepPreviousData,
  })
}
