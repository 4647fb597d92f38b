import { DIRECTORY_TYPES, type DirectoryEntry, type DirectoryType } from '@lianjian/core/master-data/organization-directory';
import { sql, type Kysely } from 'kysely';
import type { DB, OrganizationType } from '../../db/schema.ts';
import { byName } from '../../db/name-sort.repository.ts';
import { likeContains, scopeCondition } from '../../db/scope-sql.ts';
import { nameSortKey } from '../../shared/name-sort-key.ts';
import type { DataScope } from '../auth/data-scope.ts';

export interface LocationRow {
  id: number;
  organizationId: number;
  name: string;
  kind: string;
  gln: string;
  extension: string;
  sgln: string;
  regionCode: string;
  address: string | null;
}

export interface OrganizationRow {
  id: number;
  type: OrganizationType;
  name: string;
  nameEn: string | null;
  creditCode: string | null;
  regionCode: string;
  regionName: string | null;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  gs1CompanyPrefix: string | null;
  gln: string | null;
  institutionGrade: string | null;
  rural: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrganizationFilter {
  type?: OrganizationType;
  regionPrefix?: string;
  q?: string;
  ids?: number[];
}

// The directory's contract is shared with the web app's picker.
export { DIRECTORY_TYPES, type DirectoryEntry, type DirectoryType } from '@lianjian/core/master-data/organization-directory';

export interface DirectoryFilter {
  q?: string;
  type?: DirectoryType;
  id?: number;
}

/** LIKE pattern for text at the start, wildcards in the text escaped. */
const likePrefix = (text: string) => `${text.replace(/[%_\\]/g, '\\$&')}%`;

export type OrganizationSort = 'o.name' | 'o.region_code' | 'o.created_at' | 'o.type' | 'o.id';

export interface NewOrganization {
  type: OrganizationType;
  name: string;
  nameEn?: string | null;
  creditCode?: string | null;
  regionCode: string;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  gs1CompanyPrefix?: string | null;
  gln?: string | null;
  institutionGrade?: string | null;
  rural?: boolean;
}

function base(db: Kysely<DB>, scope: DataScope, f: OrganizationFilter) {
  let q = db.selectFrom('organizations as o').where(scopeCondition(scope, 'o.id', 'o.region_code'));
  if (f.type) q = q.where('o.type', '=', f.type);
  if (f.regionPrefix) q = q.where('o.region_code', 'like', `${f.regionPrefix}%`);
  if (f.ids) q = q.where('o.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.q) {
    const like = likeContains(f.q);
    q = q.where((eb) => eb.or([eb('o.name', 'like', like), eb('o.credit_code', '=', f.q?.toUpperCase() ?? ''), eb('o.gln', '=', f.q ?? '')]));
  }
  return q;
}

const columns = [
  'o.id', 'o.type', 'o.name', 'o.name_en as nameEn', 'o.credit_code as creditCode', 'o.region_code as regionCode',
  'o.address', 'o.contact_name as contactName', 'o.contact_phone as contactPhone', 'o.gs1_company_prefix as gs1CompanyPrefix',
  'o.gln', 'o.institution_grade as institutionGrade', 'o.rural', 'o.created_at as createdAt', 'o.updated_at as updatedAt',
] as const;

export const organizationsRepository = {
  async list(db: Kysely<DB>, scope: DataScope, f: OrganizationFilter, page: { limit: number; offset: number }, sort: { column: OrganizationSort; direction: 'asc' | 'desc' }): Promise<{ items: OrganizationRow[]; total: number }> {
    const [items, total] = await Promise.all([
      base(db, scope, f)
        .leftJoin('regions as r', (j) => j.onRef('r.code', '=', 'o.region_code').on('r.valid_to', 'is', null))
        .select([...columns, 'r.name as regionName'])
        .orderBy(sort.column === 'o.name' ? byName('o') : sort.column, sort.direction).orderBy('o.id')
        .limit(page.limit).offset(page.offset).execute(),
      base(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  },
  /**
   * The directory behind the organisation pickers: names (zh or en) containing q, credit codes and GLNs
   * starting with it; names starting with q first. Deliberately unscoped: these are registry facts.
   */
  async directory(db: Kysely<DB>, f: DirectoryFilter, limit: number): Promise<DirectoryEntry[]> {
    let q = db.selectFrom('organizations as o')
      .leftJoin('regions as r', (j) => j.onRef('r.code', '=', 'o.region_code').on('r.valid_to', 'is', null))
      .select(['o.id', 'o.type', 'o.name', 'o.name_en as nameEn', 'o.credit_code as creditCode', 'o.region_code as regionCode', 'r.name as regionName', 'o.gln'])
      .where('o.type', 'in', f.type ? [f.type] : [...DIRECTORY_TYPES]);
    if (f.id !== undefined) q = q.where('o.id', '=', f.id);
    const text = f.q?.trim();
    if (text) {
      const like = likeContains(text);
      const prefix = likePrefix(text);
      q = q.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('o.name_en', 'ilike', like), eb('o.credit_code', 'like', likePrefix(text.toUpperCase())), eb('o.gln', 'like', prefix)]))
        .orderBy(sql`case when o.name ilike ${prefix} then 0 else 1 end`);
    }
    const rows = await q.orderBy(byName('o')).orderBy('o.id').limit(limit).execute();
    return rows as DirectoryEntry[];
  },
  async findById(db: Kysely<DB>, id: number, scope: DataScope): Promise<OrganizationRow | undefined> {
    return base(db, scope, {})
      .leftJoin('regions as r', (j) => j.onRef('r.code', '=', 'o.region_code').on('r.valid_to', 'is', null))
      .select([...columns, 'r.name as regionName'])
      .where('o.id', '=', id)
      .executeTakeFirst();
  },
  async locationsOf(db: Kysely<DB>, organizationIds: number[]): Promise<LocationRow[]> {
    if (!organizationIds.length) return [];
    return db
      .selectFrom('organization_locations')
      .select(['id', 'organization_id as organizationId', 'name', 'kind', 'gln', 'extension', 'sgln', 'region_code as regionCode', 'address'])
      .where('organization_id', 'in', organizationIds)
      .orderBy('organization_id').orderBy('id')
      .execute();
  },
  async insert(db: Kysely<DB>, o: NewOrganization): Promise<number> {
    const r = await db
      .insertInto('organizations')
      // The pinyin sort key goes with the name, on every write (shared/name-sort-key.ts).
      .values({
        type: o.type, name: o.name, name_sort: nameSortKey(o.name), name_en: o.nameEn ?? null, credit_code: o.creditCode ?? null, region_code: o.regionCode,
        address: o.address ?? null, contact_name: o.contactName ?? null, contact_phone: o.contactPhone ?? null,
        gs1_company_prefix: o.gs1CompanyPrefix ?? null, gln: o.gln ?? null, institution_grade: o.institutionGrade ?? null, rural: o.rural ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },
  async update(db: Kysely<DB>, id: number, patch: Partial<Omit<NewOrganization, 'type' | 'creditCode'>>): Promise<void> {
    await db
      .updateTable('organizations')
      .set({
        ...(patch.name !== undefined && { name: patch.name, name_sort: nameSortKey(patch.name) }),
        ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
        ...(patch.regionCode !== undefined && { region_code: patch.regionCode }),
        ...(patch.address !== undefined && { address: patch.address }),
        ...(patch.contactName !== undefined && { contact_name: patch.contactName }),
        ...(patch.contactPhone !== undefined && { contact_phone: patch.contactPhone }),
        ...(patch.gs1CompanyPrefix !== undefined && { gs1_company_prefix: patch.gs1CompanyPrefix }),
        ...(patch.gln !== undefined && { gln: patch.gln }),
        ...(patch.institutionGrade !== undefined && { institution_grade: patch.institutionGrade }),
        ...(patch.rural !== undefined && { rural: patch.rural }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
  },
  async insertLocation(db: Kysely<DB>, l: Omit<LocationRow, 'id'>): Promise<number> {
    const r = await db
      .insertInto('organization_locations')
      .values({ organization_id: l.organizationId, name: l.name, kind: l.kind as never, gln: l.gln, extension: l.extension, sgln: l.sgln, region_code: l.regionCode, address: l.address })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },
};
