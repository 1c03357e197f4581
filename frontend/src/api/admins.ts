import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../client'
import type { NewUser, Page, PageQuery, User } from '../client/types'
import { qk } from './keys'

export function useAdmins(page: PageQuery) {
  return useQuery({
    queryKey: [...qk.admins, page],
    queryFn: () => unwrap<Page<User>>(api.GET('/api/v1/admins', { params: { query: page } })),
    placeholderData: keepPreviousData,
  })
}

export function useCreateAdmin() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: NewUser) => unwrap<User>(api.POST('/api/v1/admins', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: qk.admins }),
  })
}
