import { MENU_PATHS, type MenuKey } from '../access'
import type { Me } from '../client/types'
import type { TKey } from '../i18n'

export function roleLabelKey(me: Me): TKey {
  if (me.user.role === 'admin') return 'role.admin'
  if (me.user.role === 'expert') return 'role.expert'
  return me.user.is_org_owner ? 'role.applicantOwner' : 'role.applicant'
}

/** The menu entry whose path is the longest prefix of the current location. */
export function selectedMenu(pathname: string, menus: MenuKey[]): MenuKey | undefined {
  let best: MenuKey | undefined
  for (const key of menus) {
    const path = MENU_PATHS[key]
    if (pathname === path || pathname.startsWith(`${path}/`)) {
      if (!best || path.length > MENU_PATHS[best].length) best = key
    }
  }
  return best
}
