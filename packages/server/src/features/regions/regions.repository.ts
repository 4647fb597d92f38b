import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { likeContains } from '../../db/scope-sql.ts';

export interface RegionRow {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
}

/** List filters; `codes` picks exactly those regions (current ones unless `includeWithdrawn`). */
export interface RegionFilter { parent?: string; level?: number; q?: string; prefix?: string; codes?: string[]; includeWithdrawn?: boolean }

const columns = ['code', 'name', 'level', 'parent_code as parentCode', 'valid_from as validFrom', 'valid_to as validTo'] as const;

export const regionsRepository = {
  /** The region as it stands today (not withdrawn). */
  async findCurrent(db: Kysely<DB>, code: string): Promise<RegionRow | undefined> {
    return db.selectFrom('regions').select(columns).where('code', '=', code).where('valid_to', 'is', null).executeTakeFirst();
  },
  async list(db: Kysely<DB>, f: RegionFilter, page: { limit: number; offset: number }) {
    let q = db.selectFrom('regions');
    if (!f.includeWithdrawn) q = q.where('valid_to', 'is', null);
    if (f.parent) q = q.where('parent_code', '=', f.parent);
    if (f.level) q = q.where('level', '=', f.level as 1 | 2 | 3);
    if (f.prefix) q = q.where('code', 'like', `${f.prefix}%`);
    if (f.codes) q = f.codes.length ? q.where('code', 'in', f.codes) : q.where(sql<boolean>`false`);
    if (f.q) q = q.where((eb) => eb.or([eb('name', 'like', likeContains(f.q ?? '')), eb('code', 'like', `${f.q}%`)]));
    const [items, total] = await Promise.all([
      q.select(columns).orderBy('code').orderBy('valid_from').limit(page.limit).offset(page.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  },
  async current(db: Kysely<DB>): Promise<RegionRow[]> {
    return db.selectFrom('regions').select(columns).where('valid_to', 'is', null).execute();
  },
  async insertMany(db: Kysely<DB>, rows: { code: string; name: string; level: number; parentCode: string | null; validFrom: string; source: string }[]): Promise<void> {
    if (!rows.length) return;
    await sql`insert into regions (code, name, level, parent_code, valid_from, source)
      select * from unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.level)}::smallint[],
        ${rows.map((r) => r.parentCode)}::text[], ${rows.map((r) => r.validFrom)}::date[], ${rows.map((r) => r.source)}::text[])`.execute(db);
  },
  async close(db: Kysely<DB>, codes: string[], validTo: string): Promise<void> {
    if (!codes.length) return;
    await db.updateTable('regions').set({ valid_to: validTo }).where('code', 'in', codes).where('valid_to', 'is', null).execute();
  },
};
