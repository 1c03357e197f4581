import { createContext, useContext, useMemo } from 'react'
import { accessFor, type Access } from '../access'
import { useMe } from '../api/auth'
import type { Me } from '../client/types'

export function useAccess() {
  const me = useMe()
  const access = useMemo(() => accessFor(me.data), [me.data])
  return { me: me.data, access, query: me }
}

export interface Session {
  me: Me
  access: Access
}

/**
 * The signed-in session, provided by <RequireSession> once /me is loaded. Pages read it from
 * context (not from the query) so that clearing the cache at logout unmounts them from the top
 * instead of re-rendering them without a user.
 */
export const SessionContext = createContext<Session | null>(null)

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession used outside the signed-in shell')
  return session
}
