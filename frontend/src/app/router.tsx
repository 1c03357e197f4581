import { createBrowserRouter, type RouteObject } from 'react-router-dom'
import type { Access } from '../access'
import { Allow, FullPageSpin, HomeRedirect, RequireSession } from '../components/guards'
import { NotFound, PageCrashed } from '../components/Forbidden'
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

/** A lazily loaded page anyone may open (no session needed). */
function publicPage(path: string, load: () => Promise<PageModule>): RouteObject {
  return { path, lazy: async () => ({ Component: (await load()).default }) }
}

const signedIn: RouteObject[] = [
  { index: true, element: <HomeRedirect /> },
  // applicant
  guarded('applicant', (a) => a.menus.includes('applicantHome'), () => import('../pages/applicant/ApplicantHomePage')),
  guarded('applicant/organization', (a) => a.canViewOwnOrganization, () => import('../pages/applicant/OrganizationPage')),
  guarded('applicant/users', (a) => a.canManageOrgUsers, () => import('../pages/applicant/OrgUsersPage')),
  // 我的基地 and the monthly report editor (notifications link to /app/reports/:id)
  guarded('applicant/bases', (a) => a.canReadOwnReports, () => import('../pages/applicant/bases/MyBasesPage')),
  guarded('applicant/bases/:baseId', (a) => a.canReadOwnReports, () => import('../pages/applicant/bases/MyBasesPage')),
  guarded('app/reports/:id', (a) => a.canReadOwnReports, () => import('../pages/applicant/bases/ReportEditorPage')),
  // the application editor / read-only view (notifications link to /app/applications/:id)
  guarded('app/applications/:id', (a) => a.canReadOwnApplications, () => import('../pages/applicant/ApplicationPage')),
  // expert
  guarded('expert', (a) => a.isExpert, () => import('../pages/expert/ExpertHomePage')),
  // administrator
  guarded('admin/organizations', (a) => a.canReviewOrganizations, () => import('../pages/admin/OrganizationsReviewPage')),
  guarded('admin/calls', (a) => a.canManageCalls, () => import('../pages/admin/CallsPage')),
  guarded('admin/calls/new', (a) => a.canManageCalls, () => import('../pages/admin/CallEditPage')),
  guarded('admin/calls/:id', (a) => a.canManageCalls, () => import('../pages/admin/CallEditPage')),
  guarded('admin/applications', (a) => a.canBrowseApplications, () => import('../pages/admin/ApplicationsPage')),
  guarded('app/admin/applications/:id', (a) => a.canBrowseApplications, () => import('../pages/admin/ApplicationDetailPage')),
  guarded('admin/experts', (a) => a.canManageExperts, () => import('../pages/admin/ExpertsPage')),
  guarded('admin/admins', (a) => a.canManageAdmins, () => import('../pages/admin/AdminsPage')),
  guarded('admin/audit', (a) => a.canReadAudit, () => import('../pages/admin/AuditPage')),
  guarded('admin/duplicates', (a) => a.canResolveDuplicates, () => import('../pages/admin/DuplicatesPage')),
  // everyone
  guarded('notifications', (a) => a.canReadNotifications, () => import('../pages/common/NotificationsPage')),
  guarded('profile', (a) => a.canManageProfile, () => import('../pages/common/ProfilePage')),
  // expert review workspace (notifications link to /app/reviews)
  guarded('app/reviews', (a) => a.canPerformReviews, () => import('../pages/expert/ReviewAssignmentsPage')),
  guarded('app/reviews/:memberId', (a) => a.canPerformReviews, () => import('../pages/expert/ReviewWorkspacePage')),
  // administrator: review workflow, publicity, recognition, bases (notifications link to /app/admin/notices/:id)
  guarded('admin/review', (a) => a.canManageReviews, () => import('../pages/admin/review/ReviewQueuePage')),
  guarded('admin/review/:applicationId', (a) => a.canManageReviews, () => import('../pages/admin/review/ReviewApplicationPage')),
  guarded('admin/notices', (a) => a.canManagePublicity, () => import('../pages/admin/publicity/NoticesPage')),
  guarded('admin/notices/:id', (a) => a.canManagePublicity, () => import('../pages/admin/publicity/NoticeDetailPage')),
  guarded('app/admin/notices/:id', (a) => a.canManagePublicity, () => import('../pages/admin/publicity/NoticeDetailPage')),
  guarded('admin/bases', (a) => a.canBrowseBases, () => import('../pages/admin/publicity/BasesPage')),
  // administrator: indicators against targets (issue 10)
  guarded('admin/indicators', (a) => a.canBrowseIndicators, () => import('../pages/admin/indicators/RegisterPage')),
  guarded('admin/indicators/:baseId', (a) => a.canBrowseIndicators, () => import('../pages/admin/indicators/BaseIndicatorsPage')),
  // 月报审核 (the overdue summary links to /app/admin/reports?overdue=true)
  guarded('app/admin/reports', (a) => a.canReviewReports, () => import('../pages/admin/reports/ReportQueuePage')),
  guarded('app/admin/reports/:id', (a) => a.canReviewReports, () => import('../pages/admin/reports/ReportReviewPage')),
  // Other links written by the server into notifications ("/app", "/app/..."): land on the user's home.
  { path: 'app', element: <HomeRedirect /> },
  { path: 'app/*', element: <HomeRedirect /> },
  { path: '*', element: <NotFound /> },
]

export const routes: RouteObject[] = [
  {
    // Shown while a lazily loaded page arrives on the first render.
    HydrateFallback: FullPageSpin,
    // A page that throws while rendering: a message and a reload, not React Router's developer screen.
    errorElement: <PageCrashed />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/register',
        lazy: async () => ({ Component: (await import('../pages/public/RegisterPage')).default }),
      },
      // public pages, no login: notices, objections, recognised bases
      publicPage('/public/notices', () => import('../pages/public/notices/PublicNoticesPage')),
      publicPage('/public/notices/:id', () => import('../pages/public/notices/PublicNoticeDetailPage')),
      publicPage('/public/objections', () => import('../pages/public/notices/ObjectionQueryPage')),
      publicPage('/public/bases', () => import('../pages/public/bases/PublicBasesPage')),
      { path: '/', element: <RequireSession />, children: signedIn },
    ],
  },
]

export function createRouter() {
  return createBrowserRouter(routes)
}
