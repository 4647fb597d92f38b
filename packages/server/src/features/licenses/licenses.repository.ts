import { sql, type Kysely } from 'kysely';
import type { DB, LicenseKind, RecordStatus } from '../../db/schema.ts';
import { byName } from '../../db/name-sort.repository.ts';
import { likeContains, scopeCondition } from '../../db/scope-sql.ts';
import type { DataScope } from '../auth/data-scope.ts';

export interface LicenseRow {
  id: number;
  organizationId: number;
  organizationName: string;
  organizationType: string;
  regionCode: string;
  kind: LicenseKind;
  number: string;
  scopeClasses: number[];
  scopeCategories: string[];
  scopeText: string | null;
  issuer: string;
  validFrom: string;
  validTo: string | null;
  status: RecordStatus;
  createdAt: Date;
}

/** valid | expiring (≤ 90 days) | expired | suspended | revoked | cancelled, as of `today`. */
export type EffectiveStatus = 'valid' | 'expiring' | 'expired' | 'suspended' | 'revoked' | 'cancelled';

export interface LicenseFilter {
  organizationId?: number;
  kind?: LicenseKind;
  regionPrefix?: string;
  effectiveStatus?: EffectiveStatus;
  expiringWithinDays?: number;
  q?: string;
}

export type LicenseSort = 'l.valid_to' | 'l.number' | 'l.id' | 'o.name' | 'l.kind';

const EXPIRING_DAYS = 90;

function base(db: Kysely<DB>, scope: DataScope, f: LicenseFilter, today: string) {
  let q = db.selectFrom('licenses as l').innerJoin('organizations as o', 'o.id', 'l.organization_id').where(scopeCondition(scope, 'o.id', 'o.region_code'));
  if (f.organizationId) q = q.where('l.organization_id', '=', f.organizationId);
  if (f.kind) q = q.where('l.kind', '=', f.kind);
  if (f.regionPrefix) q = q.where('o.region_code', 'like', `${f.regionPrefix}%`);
  if (f.q) q = q.where((eb) => eb.or([eb('l.number', 'like', likeContains(f.q ?? '')), eb('o.name', 'like', likeContains(f.q ?? ''))]));
  if (f.expiringWithinDays !== undefined) {
    q = q.where('l.status', '=', 'active').where('l.valid_to', '>=', today).where(sql<boolean>`l.valid_to <= ${today}::date + ${f.expiringWithinDays}::int`);
  }
  switch (f.effectiveStatus) {
    case undefined:
      break;
    case 'valid':
      q = q.where('l.status', '=', 'active').where((eb) => eb.or([eb('l.valid_to', 'is', null), eb(sql`l.valid_to`, '>', sql`${today}::date + ${EXPIRING_DAYS}::int`)]));
      break;
    case 'expiring':
      q = q.where('l.status', '=', 'active').where('l.valid_to', '>=', today).where(sql<boolean>`l.valid_to <= ${today}::date + ${EXPIRING_DAYS}::int`);
      break;
    case 'expired':
      q = q.where('l.status', '=', 'active').where('l.valid_to', '<', today);
      break;
    default:
      q = q.where('l.status', '=', f.effectiveStatus);
  }
  return q;
}

const columns = [
  'l.id', 'l.organization_id as organizationId', 'o.name as organizationName', 'o.type as organizationType', 'o.region_code as regionCode',
  'l.kind', 'l.number', 'l.scope_classes as scopeClasses', 'l.scope_categories as scopeCategories', 'l.scope_text as scopeText',
  'l.issuer', 'l.valid_from as validFrom', 'l.valid_to as validTo', 'l.status', 'l.created_at as createdAt',
] as const;

export function effectiveStatus(l: { status: RecordStatus; validTo: string | null }, today: string): EffectiveStatus {
  if (l.status !== 'active') return l.status;
  if (l.validTo === null) return 'valid';
  if (l.validTo < today) return 'expired';
  const days = (Date.parse(l.validTo) - Date.parse(today)) / 86_400_000;
  return days <= EXPIRING_DAYS ? 'expiring' : 'valid';
}

export const licensesRepository = {
  async list(db: Kysely<DB>, scope: DataScope, f: LicenseFilter, page: { limit: number; offset: number }, sort: { column: LicenseSort; direction: 'asc' | 'desc' }, today: string) {
    const [items, total] = await Promise.all([
      // The holder's name in pinyin order, by its organisation's key.
      base(db, scope, f, today).select(columns).orderBy(sort.column === 'o.name' ? byName('o') : sort.column, sort.direction).orderBy('l.id').limit(page.limit).offset(page.offset).execute(),
      base(db, scope, f, today).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as LicenseRow[], total: Number(total.n) };
  },
  async findById(db: Kysely<DB>, id: number, scope: DataScope): Promise<LicenseRow | undefined> {
    return (await base(db, scope, {}, '1970-01-01').select(columns).where('l.id', '=', id).executeTakeFirst()) as LicenseRow | undefined;
  },
  async history(db: Kysely<DB>, licenseId: number) {
    return db.selectFrom('license_status_history').select(['status', 'reason', 'changed_at as changedAt', 'changed_by as changedBy']).where('license_id', '=', licenseId).orderBy('changed_at').orderBy('id').execute();
  },
  async insert(db: Kysely<DB>, l: { organizationId: number; kind: LicenseKind; number: string; scopeClasses: number[]; scopeCategories: string[]; scopeText: string | null; issuer: string; validFrom: string; validTo: string | null }): Promise<number> {
    const r = await db
      .insertInto('licenses')
      .values({ organization_id: l.organizationId, kind: l.kind, number: l.number, scope_classes: l.scopeClasses, scope_categories: l.scopeCategories, scope_text: l.scopeText, issuer: l.issuer, valid_from: l.validFrom, valid_to: l.validTo })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },
  async setStatus(db: Kysely<DB>, id: number, status: RecordStatus, reason: string | null, by: number | null): Promise<void> {
    await db.updateTable('licenses').set({ status }).where('id', '=', id).execute();
    await db.insertInto('license_status_history').values({ license_id: id, status, reason, changed_by: by }).execute();
  },
};
