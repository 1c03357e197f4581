import { createBrowserRouter, type RouteObject } from 'react-router-dom'
import type { Access } from '../access'
import { Allow, FullPageSpin, HomeRedirect, RequireSession } from '../components/guards'
import { NotFound } from '../components/Forbidden'
import LoginPage from '../pages/public/LoginPage'

type PageModule = { default: React.ComponentType }

/** A lazily loaded page behind an access.ts check (403 result when refused). */
function guarded(path: string, when: (a: Access) => boolean, load: () => Promise<PageModule>): RouteObject {
  return {
    path,
    lazy: async () => {
      const { default: Page } = await load()
      return {
        Component: () => (
          <Allow when={when}>
            <Page />
          </Allow>
        ),
      }
    },
  }
}

const signedIn: RouteObject[] = [
  { index: true, element: <HomeRedirect /> },
  // applicant
  guarded('applicant', (a) => a.menus.includes('applicantHome'), () => import('../pages/applicant/ApplicantHomePage')),
  guarded('applicant/organization', (a) => a.canViewOwnOrganization, () => import('../pages/applicant/OrganizationPage')),
  guarded('applicant/users', (a) => a.canManageOrgUsers, () => import('../pages/applicant/OrgUsersPage')),
  // expert
  guarded('expert', (a) => a.isExpert, () => import('../pages/expert/ExpertHomePage')),
  // administrator
  guarded('admin/organizations', (a) => a.canReviewOrganizations, () => import('../pages/admin/OrganizationsReviewPage')),
  guarded('admin/experts', (a) => a.canManageExperts, () => import('../pages/admin/ExpertsPage')),
  guarded('admin/admins', (a) => a.canManageAdmins, () => import('../pages/admin/AdminsPage')),
  guarded('admin/audit', (a) => a.canReadAudit, () => import('../pages/admin/AuditPage')),
  // everyone
  guarded('notifications', (a) => a.canReadNotifications, () => import('../pages/common/NotificationsPage')),
  guarded('profile', (a) => a.canManageProfile, () => import('../pages/common/ProfilePage')),
  // Links written by the server into notifications ("/app", "/app/..."): land on the user's home.
  { path: 'app', element: <HomeRedirect /> },
  { path: 'app/*', element: <HomeRedirect /> },
  { path: '*', element: <NotFound /> },
]

export const routes: RouteObject[] = [
  {
    // Shown while a lazily loaded page arrives on the first render.
    HydrateFallback: FullPageSpin,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/register',
        lazy: async () => ({ Component: (await import('../pages/public/RegisterPage')).default }),
      },
      { path: '/', element: <RequireSession />, children: signedIn },
    ],
  },
]

export function createRouter() {
  return createBrowserRouter(routes)
}
