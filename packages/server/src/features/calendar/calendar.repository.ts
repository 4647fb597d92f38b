import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type CalendarDayKind = 'holiday' | 'workday';
export type DeadlineUnitValue = 'hours' | 'calendar_days' | 'working_days';

export interface CalendarOverrideRow {
  date: string;
  kind: CalendarDayKind;
  name: string | null;
  source: string;
  updatedAt: Date;
  updatedBy: number | null;
}

export interface DeadlineRuleRow {
  code: string;
  amount: number;
  unit: DeadlineUnitValue;
  from: string;
  responsible: string | null;
  configurable: boolean;
  extendPastHolidays: boolean;
  basis: string | null;
  updatedAt: Date;
  updatedBy: number | null;
}

/** The source of rows an administrator wrote; package rows carry 'package@version'. */
export const ADMIN_SOURCE = 'admin';

/**
 * The source of the statutory days of a year whose State Council notice is not in the package yet
 * (HOLIDAYS_CN_PROVISIONAL): right as far as they go, but the notice's bridging days and adjusted
 * working days are missing, so the year is shown as provisional until an administrator enters it.
 */
export const PROVISIONAL_SOURCE = 'statutory-provisional';

const overrideColumns = ['date', 'kind', 'name', 'source', 'updated_at as updatedAt', 'updated_by as updatedBy'] as const;
const ruleColumns = [
  'code', 'amount', 'unit', 'from', 'responsible', 'configurable', 'extend_past_holidays as extendPastHolidays', 'basis',
  'updated_at as updatedAt', 'updated_by as updatedBy',
] as const;

export const calendarRepository = {
  async listOverrides(db: Kysely<DB>, f: { year?: number } = {}): Promise<CalendarOverrideRow[]> {
    let q = db.selectFrom('calendar_overrides').select(overrideColumns);
    if (f.year !== undefined) q = q.where('date', '>=', `${f.year}-01-01`).where('date', '<=', `${f.year}-12-31`);
    return q.orderBy('date').execute();
  },
  async findOverride(db: Kysely<DB>, date: string): Promise<CalendarOverrideRow | undefined> {
    return db.selectFrom('calendar_overrides').select(overrideColumns).where('date', '=', date).executeTakeFirst();
  },
  async upsertOverride(db: Kysely<DB>, o: { date: string; kind: CalendarDayKind; name: string | null; source: string; by: number | null }): Promise<CalendarOverrideRow> {
    return db
      .insertInto('calendar_overrides')
      .values({ date: o.date, kind: o.kind, name: o.name, source: o.source, updated_by: o.by })
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: o.kind, name: o.name, source: o.source, updated_by: o.by, updated_at: sql`now()` }))
      .returning(overrideColumns)
      .executeTakeFirstOrThrow();
  },
  async deleteOverride(db: Kysely<DB>, date: string): Promise<void> {
    await db.deleteFrom('calendar_overrides').where('date', '=', date).execute();
  },
  /** Removes every row of a year (before an administrator's full arrangement replaces them). */
  async deleteYear(db: Kysely<DB>, year: number): Promise<void> {
    await db.deleteFrom('calendar_overrides').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  },
  /** Inserts an administrator's days (the year's rows were deleted first). */
  async insertAdminDays(db: Kysely<DB>, rows: { date: string; kind: CalendarDayKind; name: string | null }[], by: number): Promise<void> {
    if (!rows.length) return;
    await db.insertInto('calendar_overrides').values(rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, source: ADMIN_SOURCE, updated_by: by }))).execute();
  },
  /**
   * Loads the provisional statutory days: like syncPackagedOverrides, but not into a year where an
   * administrator has written any day (the admin is keeping that year, and a day the admin removed
   * must not come back), and provisional rows of years that are no longer provisional are removed
   * (the package now has the notice, whose rows replace them). Returns how many rows changed.
   */
  async syncProvisionalOverrides(db: Kysely<DB>, rows: { date: string; kind: CalendarDayKind; name: string | null }[], years: readonly number[]): Promise<number> {
    const stale = await sql`delete from calendar_overrides where source = ${PROVISIONAL_SOURCE}
      and not (extract(year from date)::int = any(${[...years]}::int[]))`.execute(db);
    let changed = Number(stale.numAffectedRows ?? 0);
    if (rows.length) {
      const r = await sql`insert into calendar_overrides (date, kind, name, source)
        select d, k, n, ${PROVISIONAL_SOURCE} from unnest(${rows.map((x) => x.date)}::date[], ${rows.map((x) => x.kind)}::text[], ${rows.map((x) => x.name)}::text[]) as t(d, k, n)
        where not exists (select 1 from calendar_overrides a where a.source = ${ADMIN_SOURCE} and extract(year from a.date) = extract(year from t.d))
        on conflict (date) do update set kind = excluded.kind, name = excluded.name, source = excluded.source, updated_at = now()
        where calendar_overrides.source <> ${ADMIN_SOURCE}
          and (calendar_overrides.kind, calendar_overrides.name, calendar_overrides.source) is distinct from (excluded.kind, excluded.name, excluded.source)`.execute(db);
      changed += Number(r.numAffectedRows ?? 0);
    }
    return changed;
  },
  /**
   * Inserts packaged rows that are missing and refreshes rows that came from an earlier package
   * version; rows written by an administrator are left alone. Returns how many rows changed.
   */
  async syncPackagedOverrides(db: Kysely<DB>, rows: { date: string; kind: CalendarDayKind; name: string | null }[], source: string): Promise<number> {
    if (!rows.length) return 0;
    const r = await sql`insert into calendar_overrides (date, kind, name, source)
      select d, k, n, ${source} from unnest(${rows.map((x) => x.date)}::date[], ${rows.map((x) => x.kind)}::text[], ${rows.map((x) => x.name)}::text[]) as t(d, k, n)
      on conflict (date) do update set kind = excluded.kind, name = excluded.name, source = excluded.source, updated_at = now()
      where calendar_overrides.source <> ${ADMIN_SOURCE}
        and (calendar_overrides.kind, calendar_overrides.name, calendar_overrides.source) is distinct from (excluded.kind, excluded.name, excluded.source)`.execute(db);
    return Number(r.numAffectedRows ?? 0);
  },

  async listRules(db: Kysely<DB>): Promise<DeadlineRuleRow[]> {
    return (await db.selectFrom('deadline_rules').select(ruleColumns).orderBy('code').execute()) as DeadlineRuleRow[];
  },
  async findRule(db: Kysely<DB>, code: string): Promise<DeadlineRuleRow | undefined> {
    return (await db.selectFrom('deadline_rules').select(ruleColumns).where('code', '=', code).executeTakeFirst()) as DeadlineRuleRow | undefined;
  },
  async updateRule(db: Kysely<DB>, code: string, r: { amount: number; unit: DeadlineUnitValue; responsible: string | null; extendPastHolidays: boolean }, by: number): Promise<DeadlineRuleRow> {
    return (await db
      .updateTable('deadline_rules')
      .set({ amount: r.amount, unit: r.unit, responsible: r.responsible, extend_past_holidays: r.extendPastHolidays, updated_by: by, updated_at: sql`now()` })
      .where('code', '=', code)
      .returning(ruleColumns)
      .executeTakeFirstOrThrow()) as DeadlineRuleRow;
  },
  /** Inserts packaged rules that are missing and refreshes those nobody has edited (updated_by is null). */
  async syncPackagedRules(db: Kysely<DB>, rules: Omit<DeadlineRuleRow, 'updatedAt' | 'updatedBy'>[]): Promise<number> {
    if (!rules.length) return 0;
    const r = await sql`insert into deadline_rules (code, amount, unit, "from", responsible, configurable, extend_past_holidays, basis)
      select * from unnest(${rules.map((x) => x.code)}::text[], ${rules.map((x) => x.amount)}::int[], ${rules.map((x) => x.unit)}::text[],
        ${rules.map((x) => x.from)}::text[], ${rules.map((x) => x.responsible)}::text[], ${rules.map((x) => x.configurable)}::boolean[],
        ${rules.map((x) => x.extendPastHolidays)}::boolean[], ${rules.map((x) => x.basis)}::text[])
      on conflict (code) do update set amount = excluded.amount, unit = excluded.unit, "from" = excluded."from", responsible = excluded.responsible,
        configurable = excluded.configurable, extend_past_holidays = excluded.extend_past_holidays, basis = excluded.basis, updated_at = now()
      where deadline_rules.updated_by is null
        and (deadline_rules.amount, deadline_rules.unit, deadline_rules."from", deadline_rules.responsible, deadline_rules.configurable, deadline_rules.extend_past_holidays, deadline_rules.basis)
          is distinct from (excluded.amount, excluded.unit, excluded."from", excluded.responsible, excluded.configurable, excluded.extend_past_holidays, excluded.basis)`.execute(db);
    return Number(r.numAffectedRows ?? 0);
  },
};
