import { useMemo } from 'react'
import { accessFor, type Access } from '../access'
import { useMe } from '../api/auth'
import type { Me } from '../client/types'

export function useAccess() {
  const me = useMe()
  const access = useMemo(() => accessFor(me.data), [me.data])
  return { me: me.data, access, query: me }
}

/** Inside the signed-in shell /me is loaded: pages read it from here. */
export function useSession(): { me: Me; access: Access } {
  const { me, access } = useAccess()
  if (!me) throw new Error('useSession used outside the signed-in shell')
  return { me, access }
}
