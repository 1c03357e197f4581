import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../client'
import type { Me, ProfileUpdate, User } from '../client/types'
import { tokens } from '../lib/tokens'
import { qk } from './keys'

export interface Credentials {
  email: string
  password: string
}

/** POST /auth/token (form-urlencoded, OAuth2 password flow) and keep the pair. */
export async function login({ email, password }: Credentials): Promise<void> {
  const pair = await unwrap(
    api.POST('/api/v1/auth/token', {
      body: { grant_type: 'password', username: email.trim(), password, scope: '' },
      bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  )
  tokens.set(pair)
}

export function useLogin() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: login,
    onSuccess: () => qc.removeQueries({ queryKey: qk.me }),
  })
}

/** Revokes the session on the server (best effort), then forgets everything locally. */
export function useLogout() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      if (tokens.access()) {
        try {
          await api.POST('/api/v1/auth/logout')
        } catch {
          // the local logout below is what matters
        }
      }
    },
    onSettled: () => {
      tokens.clear()
      qc.clear()
    },
  })
}

export function useMe(enabled = true) {
  return useQuery({
    queryKey: qk.me,
    queryFn: () => unwrap<Me>(api.GET('/api/v1/me')),
    enabled: enabled && tokens.has(),
    staleTime: 60_000,
  })
}

export function useUpdateMe() {
  const qc = useQueryClient()
  return useMutation({
    /** `version` is the profile's as last read (me.user.version, If-Match): 412 when it changed meanwhile. */
    mutationFn: ({ version, body }: { version: number; body: ProfileUpdate }) =>
      unwrap<User>(api.PATCH('/api/v1/me', { params: { header: { 'if-match': `"${version}"` } }, body })),
    // also after a 412: the next save then sends the current version
    onSettled: () => qc.invalidateQueries({ queryKey: qk.me }),
  })
}

/** The server revokes every session on success: the caller logs out and goes to /login. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) =>
      unwrap(api.POST('/api/v1/me/password', { body })),
  })
}
