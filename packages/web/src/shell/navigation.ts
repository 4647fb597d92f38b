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
  { path: '/capture-jobs', label: 'captureJobs.nav' },
  { path: '/master', label: 'nav.masterData', children: [
    { path: '/organizations', label: 'nav.organizations' },
    { path: '/licenses', label: 'nav.licenses' },
    { path: '/products', label: 'nav.products' },
  ] },
];

const SUBMITTER: NavItem[] = [
  { path: '/portal', label: 'nav.myData' },
  { path: '/portal/adverse-event', label: 'nav.aeReport' },
  { path: '/portal/deadlines', label: 'nav.deadlines' },
  { path: '/trace', label: 'nav.trace' },
  { path: '/products', label: 'nav.products' },
  // Last: enterprises and institutions both get it (their menus take SUBMITTER's tail); epcis.capture is theirs and the regulators'.
  { path: '/capture-jobs', label: 'captureJobs.nav' },
];

/** The menu group of the plain supply-chain submissions (a key, not a route). */
export const SUPPLY_CHAIN_GROUP = '/supply-chain';

/** Groups open when the menu first shows: a closed group would hide the everyday entries. */
export const OPEN_GROUPS = ['/master', SUPPLY_CHAIN_GROUP];

/**
 * The nine plain submissions in the order goods move, each shown only to who makes it: commissioning
 * (the units' first event) is the maker's; packing into cartons and pallets and storing (cold chain)
 * the manufacturer's and the distributor's (an unknown type sees them: the server decides); shipping,
 * receiving, use, returns and destruction anyone's who holds goods.
 */
function supplyChain(role: 'enterprise' | 'institution', organizationType: string | null | undefined): NavItem {
  const maker = role === 'enterprise' && organizationType !== 'distributor';
  const handler = role === 'enterprise' && (organizationType == null || organizationType === 'manufacturer' || organizationType === 'distributor');
  const kinds = [maker && 'commission', handler && 'pack', handler && 'unpack', 'ship', 'receive', handler && 'store', 'use', 'return', 'destroy'];
  return { path: SUPPLY_CHAIN_GROUP, label: 'nav.records', children: kinds.filter((k) => typeof k === 'string').map((k) => ({ path: `/portal/${k}`, label: `nav.${k}` })) };
}

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
      return [...SUBMITTER.slice(0, 1), supplyChain(role, organizationType), ...SUBMITTER.slice(1, 2),
        ...(organizationType !== 'distributor' ? [{ path: '/portal/production', label: 'pf.nav.production' }] : []),
        ...(organizationType !== 'manufacturer' ? [{ path: '/portal/documents', label: 'pf.nav.distribution' }] : []),
        ...SUBMITTER.slice(2)];
    case 'institution':
      // Use records (clinical use with its operator, maintenance) are kept by medical institutions only.
      return [...SUBMITTER.slice(0, 1), supplyChain(role, organizationType), { path: '/portal/clinical-use', label: 'nav.clinicalUse' }, { path: '/portal/maintenance', label: 'nav.maintenance' },
        { path: '/portal/documents', label: 'pf.nav.distribution' }, { path: '/portal/institution', label: 'pf.nav.institution' }, ...SUBMITTER.slice(1)];
    case 'sysadmin':
      return [{ path: '/admin/users', label: 'nav.users' }, { path: '/admin/tokens', label: 'nav.tokens' }, { path: '/admin/calendar', label: 'nav.calendar' }];
    case 'secadmin':
      return [{ path: '/admin/security', label: 'nav.security' }];
    case 'auditadmin':
      return [{ path: '/admin/audit', label: 'nav.audit' }];
    case 'privacy_officer':
      return [{ path: '/admin/privacy', label: 'nav.privacy' }];
    case 'agency':
      // A partner agency (public security, customs…) reads master data only: organizations.read, products.read (server permissions).
      return [{ path: '/organizations', label: 'nav.organizations' }, { path: '/products', label: 'nav.products' }];
    default:
      return [{ path: '/admin', label: 'nav.admin' }];
  }
}

/** Where a role lands after logging in. */
export function homeFor(role: Role): string {
  return navigationFor(role)[0]?.path ?? '/admin';
}
