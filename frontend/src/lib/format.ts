import dayjs from 'dayjs'

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const d = dayjs(value)
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value
}

export function dash(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : value
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—'
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—'
  const d = dayjs(value)
  return d.isValid() ? d.format('YYYY-MM-DD') : value
}

export function formatTime(ms: number | null | undefined): string {
  return ms ? dayjs(ms).format('HH:mm:ss') : '—'
}

/** The call deadline as the API gives it (typed `unknown` in the OpenAPI: a date string in practice). */
export function deadlineText(value: unknown): string {
  return typeof value === 'string' ? formatDate(value) : '—'
}

/** "<organisation>-<base type>[-第n版].pdf" */
export function pdfFileName(app: { organization_name: string }, label: string, version?: number | null): string {
  return `${app.organization_name}-${label}${version ? `-第${version}版` : ''}.pdf`
}
