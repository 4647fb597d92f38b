/**
 * The regulators' landing page and its chart library, fetched while the session is still being
 * checked instead of one after the other (index → session → page chunk → echarts): the same
 * module promises React.lazy uses, so nothing loads twice.
 */
export function preloadDashboard(): void {
  void import('./pages/dashboard-page.tsx');
  void import('./components/echarts-setup.ts');
}
