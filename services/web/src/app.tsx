import { lazy, Suspense } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { LocaleProvider, useLocale } from './i18n/locale.tsx';
import { Shell } from './layout/shell.tsx';
import { usePhone } from './layout/use-phone.ts';
import { LoginPage } from './pages/login.tsx';
import { ChangePasswordPage } from './pages/change-password.tsx';
import { ForgotPasswordPage } from './pages/forgot-password.tsx';
import { ResetPasswordPage } from './pages/reset-password.tsx';
import { NotFound } from './pages/not-found.tsx';
import { PageError } from './pages/page-error.tsx';
import { SessionProvider, homeOf, useSession } from './session.tsx';

// Each role's pages load on demand: an enterprise never downloads the supervision board's charts.
const MyIssues = lazy(() => import('./pages/portal/my-issues.tsx'));
const FileIssue = lazy(() => import('./pages/portal/file-issue.tsx'));
const ApiKeys = lazy(() => import('./pages/portal/api-keys.tsx'));
const IssuePage = lazy(() => import('./pages/issue/issue-page.tsx'));
const Inbox = lazy(() => import('./pages/inbox.tsx'));
const Dispatch = lazy(() => import('./pages/dispatch/dispatch-page.tsx'));
const LeaderDesk = lazy(() => import('./pages/leader-desk.tsx'));
const Board = lazy(() => import('./pages/board/supervision-board.tsx'));
const Orders = lazy(() => import('./pages/orders.tsx'));
const Issues = lazy(() => import('./pages/issue-search.tsx'));
const OpenList = lazy(() => import('./pages/open-list.tsx'));
const Projects = lazy(() => import('./pages/projects/project-list.tsx'));
const ProjectPage = lazy(() => import('./pages/projects/project-page.tsx'));
const Scorecards = lazy(() => import('./pages/reports/scorecards.tsx'));
const Bulletins = lazy(() => import('./pages/reports/bulletins.tsx'));
const Appeals = lazy(() => import('./pages/reports/appeals-page.tsx'));
const BulletinView = lazy(() => import('./pages/reports/bulletin-view.tsx'));
const TimeRules = lazy(() => import('./pages/admin/time-rules.tsx'));
const NoticeChannels = lazy(() => import('./pages/admin/notice-channels.tsx'));
const WorkCalendar = lazy(() => import('./pages/admin/work-calendar.tsx'));
const DistrictImport = lazy(() => import('./pages/admin/district-import.tsx'));
const Officials = lazy(() => import('./pages/admin/officials.tsx'));
const PublicFigures = lazy(() => import('./pages/public/public-figures.tsx'));
const IssuePrint = lazy(() => import('./pages/issue/issue-print.tsx'));

function Home() {
  const { me } = useSession();
  return me ? <Navigate to={homeOf(me)} replace /> : null;
}

const router = createBrowserRouter([
  // The pages outside the console's frame: one that fails says so in the same words as a page inside it.
  {
    errorElement: <PageError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/change-password', element: <ChangePasswordPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      // 政务公开: outside the shell, so no session is asked for and no one is sent to sign in.
      {
        path: '/public',
        element: (
          <Suspense fallback={null}>
            <PublicFigures />
          </Suspense>
        ),
      },
      // 工单打印: the issue on paper, outside the console's frame (menu and header are not printed).
      {
        path: '/issues/:id/print',
        element: (
          <Suspense fallback={null}>
            <IssuePrint />
          </Suspense>
        ),
      },
    ],
  },
  {
    element: <Shell />,
    // The frame itself failing (its header, search or bell) leaves no frame to keep: the page alone.
    errorElement: <PageError />,
    children: [
      // A page that throws shows its error inside the frame: the header and menu stay usable.
      {
        errorElement: <PageError />,
        children: [
          { index: true, element: <Home /> },
          { path: 'portal', element: <MyIssues /> },
          { path: 'portal/new', element: <FileIssue /> },
          { path: 'portal/api-keys', element: <ApiKeys /> },
          { path: 'issues', element: <Issues /> },
          { path: 'issues/:id', element: <IssuePage /> },
          { path: 'inbox', element: <Inbox /> },
          { path: 'dispatch', element: <Dispatch /> },
          { path: 'leader', element: <LeaderDesk /> },
          { path: 'board', element: <Board /> },
          { path: 'orders', element: <Orders /> },
          { path: 'open-list', element: <OpenList /> },
          { path: 'projects', element: <Projects /> },
          { path: 'projects/:id', element: <ProjectPage /> },
          { path: 'scorecards', element: <Scorecards /> },
          { path: 'bulletins', element: <Bulletins /> },
          { path: 'bulletins/:id', element: <BulletinView /> },
          { path: 'appeals', element: <Appeals /> },
          { path: 'admin/time-rules', element: <TimeRules /> },
          { path: 'admin/notice-channels', element: <NoticeChannels /> },
          { path: 'admin/calendar', element: <WorkCalendar /> },
          { path: 'admin/import', element: <DistrictImport /> },
          { path: 'admin/officials', element: <Officials /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

function Themed() {
  const { lang } = useLocale();
  // Touch-sized controls (44 px, a fingertip) on phones, on every page and in every dialog.
  const phone = usePhone();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      // Always a size, never undefined: ConfigProvider wraps its children in a size provider only
      // when one is given, so toggling it would remount the whole console whenever the window
      // crosses the phone breakpoint (a tablet turned, a window resized), losing what was typed.
      // 'middle' looks as no size does, except a Descriptions or Divider given no size of its own
      // (their medium spacing), and the console gives each of those a size or a margin.
      componentSize={phone ? 'large' : 'middle'}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4, ...(phone ? { controlHeightLG: 44 } : {}) } }}
    >
      <AntApp>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** The console: Chinese by default, one router for every role. */
export function App() {
  return (
    <LocaleProvider>
      <Themed />
    </LocaleProvider>
  );
}
