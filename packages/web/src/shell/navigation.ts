import type { Role } from '../api/types.ts';

/** One menu entry: the route and the i18n key of its label. */
export interface NavItem {
  path: string;
  label: string;
  children?: NavItem[];
}

const REGULATOR: NavItem[] = [
  { path: '/dashboard', label: 'nav.dashboard' },
  { path: '/trace', label: 'nav.trace' },
  { path: '/recall', label: 'nav.recall' },
  { path: '/alerts', label: 'nav.alerts' },
  { path: '/adverse-events', label: 'nav.adverseEvents' },
  { path: '/master', label: 'nav.masterData', children: [
    { path: '/organizations', label: 'nav.organizations' },
    { path: '/licenses', label: 'nav.licenses' },
    { path: '/products', label: 'nav.products' },
  ] },
];

const SUBMITTER: NavItem[] = [
  { path: '/portal', label: 'nav.myData' },
  { path: '/portal/ship', label: 'nav.ship' },
  { path: '/portal/receive', label: 'nav.receive' },
  { path: '/portal/use', label: 'nav.use' },
  { path: '/portal/adverse-event', label: 'nav.aeReport' },
  { path: '/portal/deadlines', label: 'nav.deadlines' },
  { path: '/trace', label: 'nav.trace' },
  { path: '/products', label: 'nav.products' },
];

/**
 * Role-aware navigation (the server enforces permissions anyway; this only avoids showing doors
 * that would answer 403): regulators get the workbench, organisations the portal, the three
 * administrators (三员分立) only their own tools.
 */
export function navigationFor(role: Role): NavItem[] {
  switch (role) {
    case 'regulator':
      return REGULATOR;
    case 'enterprise':
      return SUBMITTER;
    case 'institution':
      // Use records (clinical use with its operator, maintenance) are kept by medical institutions only.
      return [...SUBMITTER.slice(0, 4), { path: '/portal/clinical-use', label: 'nav.clinicalUse' }, { path: '/portal/maintenance', label: 'nav.maintenance' }, ...SUBMITTER.slice(4)];
    case 'sysadmin':
      return [{ path: '/admin/users', label: 'nav.users' }];
    case 'auditadmin':
      return [{ path: '/admin/audit', label: 'nav.audit' }];
    default:
      return [{ path: '/admin', label: 'nav.admin' }];
  }
}

/** Where a role lands after logging in. */
export function homeFor(role: Role): string {
  return navigationFor(role)[0]?.path ?? '/admin';
}
