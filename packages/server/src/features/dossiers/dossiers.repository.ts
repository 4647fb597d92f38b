import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The dossier's own SQL: only what no other feature already answers. Everything else (product,
 * holders, batches, flags, reports, licences) is read through the owning feature's repository.
 */
export const dossiersRepository = {
  /**
   * Adverse-event reporting timeliness of one reporting organisation: reports submitted, how many
   * ran on a statutory clock, how many of those were late and by how many hours in total.
   */
  async reportingTimeliness(db: Kysely<DB>, organizationId: number) {
    const r = await sql<{ reports: number; clocked: number; late: number; late_hours: number | null; max_late_hours: number | null }>`
      select count(*)::int as reports, count(deadline)::int as clocked, count(*) filter (where late)::int as late,
        sum(late_by_hours) filter (where late) as late_hours, max(late_by_hours) filter (where late) as max_late_hours
      from adverse_event_reports where reporter_organization_id = ${organizationId}`.execute(db);
    const x = r.rows[0];
    const clocked = Number(x?.clocked ?? 0);
    const late = Number(x?.late ?? 0);
    return {
      reports: Number(x?.reports ?? 0), withStatutoryClock: clocked, late, onTime: clocked - late,
      lateRate: clocked === 0 ? null : Math.round((late / clocked) * 1000) / 1000,
      lateHoursTotal: Number(x?.late_hours ?? 0), maxLateHours: Number(x?.max_late_hours ?? 0),
    };
  },
};
