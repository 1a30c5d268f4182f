import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

// The signed-in views, each in its own chunk. Keep the paths in step with the server's list of
// entry points (src/server/web.ts), which answers them with the app.
export const ROUTES: { path: string; page: LazyExoticComponent<ComponentType> }[] = [
  { path: '/', page: lazy(() => import('./pages/dashboard/DashboardPage.js')) },
  { path: '/ranking', page: lazy(() => import('./pages/ranking/RankingPage.js')) },
  { path: '/counties/:code', page: lazy(() => import('./pages/county/CountyPage.js')) },
  { path: '/map', page: lazy(() => import('./pages/map/MapPage.js')) },
  { path: '/indicators/:code', page: lazy(() => import('./pages/indicators/IndicatorPage.js')) },
  { path: '/warnings', page: lazy(() => import('./pages/warnings/WarningsPage.js')) },
  { path: '/quality', page: lazy(() => import('./pages/quality/QualityPage.js')) },
  { path: '/entry', page: lazy(() => import('./pages/entry/EntryPage.js')) },
  { path: '/completeness', page: lazy(() => import('./pages/completeness/CompletenessPage.js')) },
  { path: '/bulletins', page: lazy(() => import('./pages/bulletins/BulletinsPage.js')) },
  { path: '/review', page: lazy(() => import('./pages/review/ReviewPage.js')) },
  { path: '/admin/regions', page: lazy(() => import('./pages/admin/RegionsPage.js')) },
  { path: '/admin/users', page: lazy(() => import('./pages/admin/UsersPage.js')) },
  { path: '/plans', page: lazy(() => import('./pages/plans/PlansPage.js')) },
  { path: '/plans/:id', page: lazy(() => import('./pages/plans/PlanPage.js')) },
  { path: '/projects', page: lazy(() => import('./pages/projects/ProjectsPage.js')) },
  { path: '/projects/:id', page: lazy(() => import('./pages/projects/ProjectPage.js')) },
  { path: '/tasks', page: lazy(() => import('./pages/tasks/TasksPage.js')) },
  { path: '/industries', page: lazy(() => import('./pages/industries/IndustriesPage.js')) },
];
