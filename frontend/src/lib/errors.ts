import type { ErrorCode } from '../client/types'

/** The API's single error shape, {"error": {"code", "message", "details"}}, as a thrown Error. */
export interface FieldError {
  field: string
  message: string
  code?: string
}

/**
 * A published error code; or one the client makes itself: HTTP_<status> when the answer was not the API's error
 * shape (a proxy's 502 …), NETWORK_ERROR when no answer came, ABORTED when an upload was cancelled.
 */
export type ApiErrorCode = ErrorCode | `HTTP_${number}` | 'NETWORK_ERROR' | 'ABORTED'

export class ApiError extends Error {
  readonly status: number
  readonly code: ApiErrorCode
  readonly details: unknown

  constructor(status: number, code: ApiErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }

  /** 422 details: a list of {field, message}. Anything else yields []. */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return []
    return this.details.filter(
      (d): d is FieldError =>
        typeof d === 'object' && d !== null && typeof (d as FieldError).field === 'string' && typeof (d as FieldError).message === 'string',
    )
  }
}

/** Builds an ApiError from a response and its parsed body (which may be anything). */
export function toApiError(status: number, body: unknown, fallbackMessage: string): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const e = (body as { error: unknown }).error
    if (typeof e === 'object' && e !== null) {
      const { code, message, details } = e as { code?: unknown; message?: unknown; details?: unknown }
      return new ApiError(
        status,
        typeof code === 'string' ? (code as ErrorCode) : `HTTP_${status}`,
        typeof message === 'string' && message ? message : fallbackMessage,
        details,
      )
    }
  }
  // FastAPI's default shape, in case a route escapes the handler: {"detail": ...}
  if (typeof body === 'object' && body !== null && 'detail' in body) {
    const detail = (body as { detail: unknown }).detail
    if (typeof detail === 'string') return new ApiError(status, `HTTP_${status}`, detail)
  }
  return new ApiError(status, `HTTP_${status}`, fallbackMessage)
}

/** antd form field errors from a 422 ApiError: "organization.credit_code" -> ['organization', 'credit_code']. */
export function formFieldErrors(
  err: unknown,
  rename: Record<string, string> = {},
): { name: (string | number)[]; errors: string[] }[] {
  if (!(err instanceof ApiError) || err.status !== 422) return []
  const grouped = new Map<string, string[]>()
  for (const fe of err.fieldErrors) {
    if (!fe.field) continue
    const field = rename[fe.field] ?? fe.field
    grouped.set(field, [...(grouped.get(field) ?? []), fe.message])
  }
  return [...grouped.entries()].map(([field, errors]) => ({
    name: field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    errors,
  }))
}
