import dayjs from 'dayjs'

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const d = dayjs(value)
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value
}

export function dash(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : value
}
