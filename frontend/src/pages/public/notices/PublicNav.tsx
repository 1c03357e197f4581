import { Flex } from 'antd'
import { NavLink } from 'react-router-dom'
import { useT, type TKey } from '../../../i18n'

const LINKS: { to: string; label: TKey }[] = [
  { to: '/public/notices', label: 'public.nav.notices' },
  { to: '/public/objections', label: 'public.nav.objections' },
  { to: '/public/bases', label: 'public.nav.bases' },
  { to: '/login', label: 'public.nav.login' },
]

/** The public pages, reachable without login from the header of the login page. */
export function PublicNav() {
  const t = useT()
  return (
    <nav aria-label={t('public.nav.label')}>
      <Flex gap={20} wrap>
        {LINKS.map((l) => (
          <NavLink
            key={l.to}
            to={l.to}
            style={({ isActive }) => ({
              color: isActive ? '#fff' : 'rgba(255,255,255,0.75)',
              fontWeight: isActive ? 600 : 400,
              borderBottom: isActive ? '2px solid #1677ff' : '2px solid transparent',
              paddingBottom: 2,
              whiteSpace: 'nowrap',
            })}
          >
            {t(l.label)}
          </NavLink>
        ))}
      </Flex>
    </nav>
  )
}
