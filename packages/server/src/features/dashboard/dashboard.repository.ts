import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { scopeCondition } from '../../db/scope-sql.ts';
import { visible } from '../adverse-events/adverse-events.repository.ts';
import type { DataScope } from '../auth/data-scope.ts';

export interface RegionCount {
  regionCode: string;
  count: number;
}

export interface MonthCount {
  /** 'YYYY-MM'; null for the reports known outside the window (they still count in the total). */
  month: string | null;
  count: number;
}

/**
 * The dashboard's figures, counted in SQL. Each query uses the very scope condition of the list it
 * summarises (organisations: scopeCondition on o.id / o.region_code; reports: the list's `visible`),
 * so a figure always equals that list's total for the same caller.
 */
export const dashboardRepository = {
  async organizationsByRegion(db: Kysely<DB>, scope: DataScope): Promise<RegionCount[]> {
    const rows = await db
      .selectFrom('organizations as o')
      .where(scopeCondition(scope, 'o.id', 'o.region_code'))
      .select(['o.region_code as regionCode', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('o.region_code')
      .orderBy('o.region_code')
      .execute();
    return rows.map((r) => ({ regionCode: r.regionCode, count: Number(r.n) }));
  },

  /**
   * Reports per month of their date known, in [from, to), plus one null-month group for the rest:
   * one scan gives both the trend and the total. date_known is a civil `date` (the day in China
   * the reporter learnt of the event), so its month needs no time-zone conversion.
   */
  async adverseEventsByMonth(db: Kysely<DB>, scope: DataScope, window: { from: string; to: string }): Promise<MonthCount[]> {
    const month = sql<string | null>`case when r.date_known >= ${window.from}::date and r.date_known < ${window.to}::date then to_char(r.date_known, 'YYYY-MM') end`;
    const rows = await db
      .selectFrom('adverse_event_reports as r')
      .where(visible(scope))
      .select([month.as('month'), (eb) => eb.fn.countAll<string>().as('n')])
      // By position: the bound dates make a repeated expression a different one to PostgreSQL.
      .groupBy(sql`1`)
      .execute();
    return rows.map((r) => ({ month: r.month, count: Number(r.n) }));
  },
};
