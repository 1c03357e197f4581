import { MENU_PATHS, type MenuKey } from '../access'
import type { Me } from '../client/types'
import type { TKey } from '../i18n'

export function roleLabelKey(me: Me): TKey {
  if (me.user.role === 'admin') return 'role.admin'
  if (me.user.role === 'expert') return 'role.expert'
  return me.user.is_org_owner ? 'role.applicantOwner' : 'role.applicant'
}

/**
 * Pages reached through server links live under /app/… (notifications link to
 * /app/applications/:id and /app/admin/applications/:id): they belong to these menu entries.
 */
const APP_ALIASES: [string, string][] = [
  ['/app/admin/', '/admin/'],
  ['/app/applications/', '/applicant/applications/'],
]

/** The menu entry whose path is the longest prefix of the current location. */
export function selectedMenu(rawPathname: string, menus: MenuKey[]): MenuKey | undefined {
  const alias = APP_ALIASES.find(([from]) => rawPathname.startsWith(from))
  const pathname = alias ? alias[1] + rawPathname.slice(alias[0].length) : rawPathname
  let best: MenuKey | undefined
  for (const key of menus) {
    const path = MENU_PATHS[key]
    if (pathname === path || pathname.startsWith(`${path}/`)) {
      if (!best || path.length > MENU_PATHS[best].length) best = key
    }
  }
  return best
}
