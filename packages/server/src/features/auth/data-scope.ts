import type { Actor } from './actor.ts';

/**
 * What part of the world an actor's business data queries may touch (DESIGN.md decision 7):
 * a regulator its jurisdiction (GB/T 2260 prefix), an organisation's user its own organisation.
 * Repositories take a DataScope and add the matching WHERE clause; services never skip it.
 */
export type DataScope =
  | { kind: 'all' }
  | { kind: 'region'; prefix: string }
  | { kind: 'organization'; organizationId: number }
  | { kind: 'none' };

/**
 * The prefix a GB/T 2260 code stands for: '330000' (province) → '33', '330100' (city) → '3301',
 * '330106' (county) → '330106'. '000000' / '100000' (national) → '' (everything).
 */
export function jurisdictionPrefix(code: string): string {
  if (code === '000000' || code === '100000') return '';
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function regionInPrefix(regionCode: string, prefix: string): boolean {
  return regionCode.startsWith(prefix);
}

/** The scope for master and traceability data. Admin roles see no business data except where a feature says so. */
export function businessScope(actor: Actor): DataScope {
  switch (actor.role) {
    case 'regulator': {
      if (actor.regulatorLevel === 'national' || !actor.jurisdictionCode) return actor.regulatorLevel === 'national' ? { kind: 'all' } : { kind: 'none' };
      const prefix = jurisdictionPrefix(actor.jurisdictionCode);
      return prefix === '' ? { kind: 'all' } : { kind: 'region', prefix };
    }
    case 'enterprise':
    case 'institution':
    case 'agency':
      return actor.organizationId ? { kind: 'organization', organizationId: actor.organizationId } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/** True when an organisation (by id and region) lies inside the scope. */
export function organizationInScope(scope: DataScope, org: { id: number; regionCode: string }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'region':
      return regionInPrefix(org.regionCode, scope.prefix);
    case 'organization':
      return scope.organizationId === org.id;
    case 'none':
      return false;
  }
}
