import { describe, expect, it } from 'vitest';
// The routes as written: rendering the whole router would load every page's chunk.
import routes from './app-routes.tsx?raw';
import { homeFor, navigationFor, OPEN_GROUPS, SUPPLY_CHAIN_GROUP, type NavItem } from './navigation.ts';

const group = (items: NavItem[]) => items.find((n) => n.path === SUPPLY_CHAIN_GROUP);
const records = (items: NavItem[]) => group(items)?.children?.map((n) => n.path.replace('/portal/', ''));

describe('navigation: the supply-chain records', () => {
  it('groups the plain submissions in the order goods move, each for who makes it', () => {
    expect(records(navigationFor('enterprise', 'manufacturer'))).toEqual(['commission', 'pack', 'unpack', 'ship', 'receive', 'store', 'use', 'return', 'destroy']);
    expect(records(navigationFor('enterprise', 'distributor'))).toEqual(['pack', 'unpack', 'ship', 'receive', 'store', 'use', 'return', 'destroy']);
    expect(records(navigationFor('enterprise', 'logistics'))).toEqual(['commission', 'ship', 'receive', 'use', 'return', 'destroy']);
    // An unknown type sees what an enterprise may do: the server decides.
    expect(records(navigationFor('enterprise', null))).toEqual(['commission', 'pack', 'unpack', 'ship', 'receive', 'store', 'use', 'return', 'destroy']);
    expect(records(navigationFor('institution', 'institution'))).toEqual(['ship', 'receive', 'use', 'return', 'destroy']);
    expect(group(navigationFor('regulator'))).toBeUndefined();
  });

  it('keeps the portal’s other entries around the group, the home page first', () => {
    expect(navigationFor('enterprise', 'manufacturer').map((n) => n.path)).toEqual(
      ['/portal', SUPPLY_CHAIN_GROUP, '/portal/adverse-event', '/portal/production', '/portal/deadlines', '/trace', '/products', '/capture-jobs']);
    expect(navigationFor('enterprise', 'distributor').map((n) => n.path)).toEqual(
      ['/portal', SUPPLY_CHAIN_GROUP, '/portal/adverse-event', '/portal/documents', '/portal/deadlines', '/trace', '/products', '/capture-jobs']);
    expect(navigationFor('institution', 'institution').map((n) => n.path)).toEqual(
      ['/portal', SUPPLY_CHAIN_GROUP, '/portal/clinical-use', '/portal/maintenance', '/portal/documents', '/portal/institution', '/portal/adverse-event', '/portal/deadlines', '/trace', '/products', '/capture-jobs']);
  });

  it('opens the group when the menu first shows, and every entry in it has its page', () => {
    expect(OPEN_GROUPS).toContain(SUPPLY_CHAIN_GROUP);
    for (const path of records(navigationFor('enterprise', null)) ?? []) expect(routes, path).toContain(`<Route path="portal/${path}" element={<SubmissionPage kind="${path}" />} />`);
  });
});

describe('navigation: a partner agency', () => {
  it('gets the master-data pages its permissions allow, not the administrators’ entry', () => {
    const paths = navigationFor('agency').map((n) => n.path);
    // organizations.read and products.read (server permissions.ts): both lists, each with its page.
    expect(paths).toEqual(['/organizations', '/products']);
    expect(paths).not.toContain('/admin');
    for (const path of paths) expect(routes).toContain(`<Route path="${path.slice(1)}" element=`);
    expect(homeFor('agency')).toBe('/organizations');
  });
});
