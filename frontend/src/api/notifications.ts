import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../client'
import type { Notification, Page, PageQuery } from '../client/types'
import { qk } from './keys'

export interface NotificationFilter extends PageQuery {
  unread_only?: boolean
}

export function useNotifications(filter: NotificationFilter, enabled = true) {
  return useQuery({
    queryKey: [...qk.notifications, filter],
    queryFn: () => unwrap<Page<Notification>>(api.GET('/api/v1/notifications', { params: { query: filter } })),
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
