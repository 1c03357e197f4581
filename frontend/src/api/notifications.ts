import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../client'
import type { NotificationPage, PageQuery } from '../client/types'
import { qk } from './keys'

export interface NotificationFilter extends PageQuery {
  unread_only?: boolean
}

export function useNotifications(filter: NotificationFilter, enabled = true) {
  return useQuery({
    queryKey: [...qk.notifications, filter],
    queryFn: () => unwrap<NotificationPage>(api.GET('/api/v1/notifications', { params: { query: filter } })),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useMarkNotificationRead() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/notifications/{notification_id}/read', { params: { path: { notification_id: id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.notifications }),
  })
}

/** Unread notifications, for the badge in the menu (refreshed every minute). */
export function useUnreadCount(enabled = true): number {
  const q = useQuery({
    queryKey: [...qk.notifications, 'unread-count'],
    queryFn: () =>
      unwrap<NotificationPage>(api.GET('/api/v1/notifications', { params: { query: { unread_only: true, limit: 1, offset: 0 } } })),
    enabled,
    refetchInterval: 60_000,
  })
  return q.data?.unread ?? 0
}
