import { Flex, Spin } from 'antd'
import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router-dom'
import type { Access } from '../access'
import { SessionContext, useAccess, useSession } from '../hooks/useAccess'
import { tokens } from '../lib/tokens'
import { useT } from '../i18n'
import { AppShell } from './AppShell'
import { Forbidden } from './Forbidden'
import { QueryError } from './QueryError'

export function FullPageSpin() {
  const t = useT()
  return (
    <Flex justify="center" align="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" description={t('common.loading')}>
        <div style={{ width: 120, height: 80 }} />
      </Spin>
    </Flex>
  )
}

/** Signed-in area: loads /me, then shows the shell with the menus access.ts allows. */
export function RequireSession() {
  const location = useLocation()
  const { me, access, query } = useAccess()
  if (!tokens.has()) return <Navigate to="/login" replace state={{ from: location.pathname }} />
  if (query.isPending) return <FullPageSpin />
  if (query.isError || !me) {
    return (
      <div style={{ padding: 48 }}>
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </div>
    )
  }
  return (
    <SessionContext.Provider value={{ me, access }}>
      <AppShell me={me} access={access} />
    </SessionContext.Provider>
  )
}

/** Route guard: renders the page only when access.ts allows it, else a 403 result. */
export function Allow({ when, children }: { when: (a: Access) => boolean; children: ReactNode }) {
  const { access } = useSession()
  return when(access) ? <>{children}</> : <Forbidden />
}

export function HomeRedirect() {
  const { access } = useSession()
  return <Navigate to={access.homePath} replace />
}
