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
  { path: '/risk', label: 'nav.risk' },
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
export function navigationFor(role: Role, organizationType?: string | null): NavItem[] {
  switch (role) {
    case 'regulator':
      return REGULATOR;
    case 'enterprise':
      // Production records are the manufacturer's; distribution documents and acceptance the distributor's (an unknown type sees both: the server decides).
      // Commissioning (the units' first event) is the maker's.
      return [...SUBMITTER.slice(0, 1), ...(organizationType !== 'distributor' ? [{ path: '/portal/commission', label: 'nav.commission' }] : []), ...SUBMITTER.slice(1, 5),
        ...(organizationType !== 'distributor' ? [{ path: '/portal/production', label: 'pf.nav.production' }] : []),
        ...(organizationType !== 'manufacturer' ? [{ path: '/portal/documents', label: 'pf.nav.distribution' }] : []),
        ...SUBMITTER.slice(5)];
    case 'institution':
      // Use records (clinical use with its operator, maintenance) are kept by medical institutions only.
      return [...SUBMITTER.slice(0, 4), { path: '/portal/clinical-use', label: 'nav.clinicalUse' }, { path: '/portal/maintenance', label: 'nav.maintenance' },
        { path: '/portal/documents', label: 'pf.nav.distribution' }, { path: '/portal/institution', label: 'pf.nav.institution' }, ...SUBMITTER.slice(4)];
    case 'sysadmin':
      return [{ path: '/admin/users', label: 'nav.users' }, { path: '/admin/tokens', label: 'nav.tokens' }, { path: '/admin/calendar', label: 'nav.calendar' }];
    case 'secadmin':
      return [{ path: '/admin/security', label: 'nav.security' }];
    case 'auditadmin':
      return [{ path: '/admin/audit', label: 'nav.audit' }];
    case 'privacy_officer':
      return [{ path: '/admin/privacy', label: 'nav.privacy' }];
    default:
      return [{ path: '/admin', label: 'nav.admin' }];
  }
}

/** Where a role lands after logging in. */
export function homeFor(role: Role): string {
  return navigationFor(role)[0]?.path ?? '/admin';
}
