import type { IndicatorInput } from '@lianjian/core/risk/index';
import type { Kysely, Selectable } from 'kysely';
import type { DB, RiskIndicatorsTable } from '../../db/schema.ts';

/** Indicators are platform configuration, not business data about an organisation: no data scope applies. */
export type IndicatorRow = Selectable<RiskIndicatorsTable>;
export type IndicatorSort = 'code' | 'id' | 'grade' | 'updated_at';

const toColumns = (i: IndicatorInput) => ({
  code: i.code, name: i.name, name_en: i.nameEn, metric: JSON.stringify(i.metric), grouping: i.grouping, window_unit: i.window.unit, window_length: i.window.length,
  method: i.method, threshold: i.threshold, min_count: i.minCount, grade: i.grade, department: i.department, enabled: i.enabled,
});

export const riskIndicatorsRepository = {
  async list(db: Kysely<DB>, f: { enabled?: boolean; department?: string }, page: { limit: number; offset: number }, sort: { column: IndicatorSort; direction: 'asc' | 'desc' }) {
    let q = db.selectFrom('risk_indicators');
    if (f.enabled !== undefined) q = q.where('enabled', '=', f.enabled);
    if (f.department !== undefined) q = q.where('department', '=', f.department);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const items = await q.selectAll().orderBy(sort.column, sort.direction).orderBy('id').limit(page.limit).offset(page.offset).execute();
    return { total, items };
  },
  async all(db: Kysely<DB>): Promise<IndicatorRow[]> {
    return db.selectFrom('risk_indicators').selectAll().orderBy('id').execute();
  },
  async findById(db: Kysely<DB>, id: number): Promise<IndicatorRow | undefined> {
    return db.selectFrom('risk_indicators').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async findByCode(db: Kysely<DB>, code: string): Promise<IndicatorRow | undefined> {
    return db.selectFrom('risk_indicators').selectAll().where('code', '=', code).executeTakeFirst();
  },
  async insert(db: Kysely<DB>, i: IndicatorInput, by: { type: 'user' | 'token' | 'system'; id: number | null }, builtin = false): Promise<number | undefined> {
    const r = await db.insertInto('risk_indicators').values({ ...toColumns(i), builtin, created_by_type: by.type, created_by: by.id })
      .onConflict((oc) => oc.column('code').doNothing()).returning('id').executeTakeFirst();
    return r ? Number(r.id) : undefined;
  },
  async update(db: Kysely<DB>, id: number, i: IndicatorInput, version: number): Promise<void> {
    const { code: _code, ...columns } = toColumns(i);
    await db.updateTable('risk_indicators').set({ ...columns, version: version + 1, updated_at: new Date() }).where('id', '=', id).execute();
  },
};
