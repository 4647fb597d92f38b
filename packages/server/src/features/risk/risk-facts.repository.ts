import type { RiskFact, RiskGrouping } from '@lianjian/core/risk/index';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { scopeCondition } from '../../db/scope-sql.ts';
import type { DataScope } from '../auth/data-scope.ts';

/**
 * Counting the facts risk indicators are made of. Each fact is one SQL relation of the same shape
 * (product, lot, manufacturer, place organisation and its type and region, a time, n), so any
 * fact can be grouped any way its catalogue entry allows and a numerator and a denominator line up
 * on the same keys. SQL lives here only; the engine never builds any.
 */

/** Tables a fact needs; facts of a module not installed yet are skipped with this as the reason. */
export const FACT_TABLES: Record<RiskFact, string[]> = {
  ae_reports: ['adverse_event_reports'],
  late_ae_reports: ['adverse_event_reports'],
  units_used: ['event_objects', 'object_state'],
  storage_readings: ['sensor_readings', 'containment'],
  storage_excursions: ['sensor_readings', 'containment'],
  incoming_inspections: ['material_receipts'],
  incoming_inspection_failures: ['material_receipts'],
  release_tests: ['release_reports', 'production_batches'],
  release_test_failures: ['release_reports', 'production_batches'],
  maintenance_checks: ['maintenance_records'],
  maintenance_failures: ['maintenance_records'],
};

// Every fact's time `t` is a wall-clock time in Asia/Shanghai (timestamp without time zone): a date
// column (a report's event date, an inspection date) is that day's local midnight, an instant is
// converted to local time, and a window's bounds are converted the same way before they are compared.
// Comparing a date with an instant directly would read the date as midnight UTC, 08:00 in Shanghai,
// and leave out what happened today until eight in the morning.
const localTime = (instant: RawBuilder<unknown>) => sql`(${instant} at time zone 'Asia/Shanghai')`;
const localBound = (d: Date) => localTime(sql`${d}::timestamptz`);

const initialReports = (late: boolean) => sql`
  select r.product_id as pid, r.lot, r.registrant_organization_id as mfr, r.reporter_organization_id as org_id, o.type as org_type,
         r.region_code as region, r.event_date::timestamp as t, 1::double precision as n
  from adverse_event_reports r join organizations o on o.id = r.reporter_organization_id
  where r.kind = 'initial' and r.duplicate_of is null ${late ? sql`and r.late` : sql``}`;

// Units used, each at the time it was used, so a rate's denominator covers the same window as its
// numerator: units named by a use event (CBV dispensing / retail_selling / use, or disposition
// dispensed / retail_sold, as the projections' effectOf reads them) — serialised units once, a lot's
// quantity as the event gives it — at the organisation where it happened. Durable equipment (not
// single use, no lot) in service at an institution is exposure throughout: its rows have no time
// (t null) and count in every window.
const USE_EFFECT = sql`(regexp_replace(coalesce(e.biz_step, ''), '^.*[:/-]', '') in ('dispensing', 'retail_selling', 'use')
  or regexp_replace(coalesce(e.disposition, ''), '^.*[:/-]', '') in ('dispensed', 'retail_sold'))
  and regexp_replace(coalesce(e.biz_step, ''), '^.*[:/-]', '') <> 'destroying'
  and regexp_replace(coalesce(e.disposition, ''), '^.*[:/-]', '') not in ('destroyed', 'disposed')`;
const unitsUsed = sql`
  select pd.product_id as pid, u.lot, g.holder_organization_id as mfr, u.org_id, o.type as org_type, o.region_code as region, u.t, u.n
  from (
    select x.di, x.lot, coalesce(e.biz_location_org_id, e.read_point_org_id, e.submitted_by_org_id) as org_id, ${localTime(sql`e.event_time`)} as t,
           sum(case when x.kind = 'lgtin' then coalesce(eo.quantity, 0) else 1 end)::double precision as n
    from epcis_events e join event_objects eo on eo.event_id = e.event_id join epc_objects x on x.object_id = eo.object_id
    where e.superseded_by is null and not e.declaration and ${USE_EFFECT}
      and ((x.kind = 'sgtin' and eo.role = 'epc') or (x.kind = 'lgtin' and eo.role = 'quantity'))
    group by 1, 2, 3, 4
    union all
    select s.di, null, s.holder_org_id, null::timestamp, count(*)::double precision from object_state s
      join product_dis pd2 on pd2.di = s.di join products p2 on p2.id = pd2.product_id
      join organizations o2 on o2.id = s.holder_org_id
    where s.lot is null and s.kind = 'sgtin' and not p2.single_use and s.status = 'in_stock' and o2.type = 'institution'
    group by s.di, s.holder_org_id
  ) u
  join product_dis pd on pd.di = u.di join products p on p.id = pd.product_id join registrations g on g.id = p.registration_id
  join organizations o on o.id = u.org_id`;

// A storing or receiving event whose temperature readings left the storage range of a product it
// carried: named in the event, or inside a pallet / carton the event names (containment at the
// event's time, nested containers included), since a warehouse often records only the pallet.
const storageEvents = (excursionsOnly: boolean) => sql`
  select null::bigint as pid, null::text as lot, null::bigint as mfr, e.biz_location_org_id as org_id, o.type as org_type, o.region_code as region,
         ${localTime(sql`e.event_time`)} as t, 1::double precision as n
  from epcis_events e join organizations o on o.id = e.biz_location_org_id
  where e.superseded_by is null and exists (select 1 from sensor_readings s0 where s0.event_id = e.event_id) and exists (
    with recursive carried(object_id, depth) as (
      select eo.object_id, 0 from event_objects eo where eo.event_id = e.event_id
      union all
      select c.child_id, k.depth + 1 from carried k
        join containment c on c.parent_id = k.object_id and c.t_from <= e.event_time and (c.t_to is null or c.t_to > e.event_time)
      where k.depth < 8
    )
    select 1 from sensor_readings s
      cross join carried k join epc_objects x on x.object_id = k.object_id
      join product_dis pd on pd.di = x.di join products p on p.id = pd.product_id
    where s.event_id = e.event_id and s.type in ('gs1:Temperature', 'Temperature')
      ${excursionsOnly ? sql`and (coalesce(s.max_value, s.value) > p.storage_max_c or coalesce(s.min_value, s.value) < p.storage_min_c)` : sql`and p.storage_max_c is not null`})`;

const receipts = (failedOnly: boolean) => sql`
  select null::bigint as pid, m.material_lot as lot, m.organization_id as mfr, m.organization_id as org_id, 'manufacturer'::text as org_type,
         m.region_code as region, m.inspection_date::timestamp as t, 1::double precision as n
  from material_receipts m ${failedOnly ? sql`where m.inspection_result = 'fail'` : sql``}`;

const releases = (failedOnly: boolean) => sql`
  select b.product_id as pid, b.lot, rr.organization_id as mfr, rr.organization_id as org_id, 'manufacturer'::text as org_type,
         rr.region_code as region, ${localTime(sql`rr.decided_at`)} as t, 1::double precision as n
  from release_reports rr join production_batches b on b.id = rr.batch_id
  ${failedOnly ? sql`where rr.decision = 'rejected' or rr.failed_count > 0` : sql``}`;

const maintenance = (failedOnly: boolean) => sql`
  select mr.product_id as pid, mr.lot, g.holder_organization_id as mfr, mr.organization_id as org_id, 'institution'::text as org_type,
         mr.region_code as region, mr.started_on::timestamp as t, 1::double precision as n
  from maintenance_records mr join products p on p.id = mr.product_id join registrations g on g.id = p.registration_id
  ${failedOnly ? sql`where mr.fault is not null` : sql``}`;

function factRelation(fact: RiskFact): RawBuilder<unknown> {
  switch (fact) {
    case 'ae_reports': return initialReports(false);
    case 'late_ae_reports': return initialReports(true);
    case 'units_used': return unitsUsed;
    case 'storage_readings': return storageEvents(false);
    case 'storage_excursions': return storageEvents(true);
    case 'incoming_inspections': return receipts(false);
    case 'incoming_inspection_failures': return receipts(true);
    case 'release_tests': return releases(false);
    case 'release_test_failures': return releases(true);
    case 'maintenance_checks': return maintenance(false);
    case 'maintenance_failures': return maintenance(true);
  }
}

/** The group key of a row; null rows (e.g. a report without a lot, grouped by lot) drop out. */
function groupKey(grouping: RiskGrouping): RawBuilder<string | null> {
  switch (grouping) {
    case 'product':
    case 'equipment_model': return sql`b.pid::text`;
    case 'lot': return sql`case when b.lot is not null and b.pid is not null then b.pid::text || '|' || b.lot end`;
    case 'manufacturer': return sql`b.mfr::text`;
    case 'region_province': return sql`left(b.region, 2) || '0000'`;
    case 'region_city': return sql`left(b.region, 4) || '00'`;
    case 'institution': return sql`case when b.org_type = 'institution' then b.org_id::text end`;
    case 'distributor': return sql`case when b.org_type = 'distributor' then b.org_id::text end`;
    case 'reporter': return sql`b.org_id::text`;
  }
}

export interface FactCount {
  key: string;
  n: number;
}

export interface WeeklyCount {
  key: string;
  /** Weeks before `to`: 0 = the last full week ending at `to`. */
  weeksAgo: number;
  n: number;
}

export const riskFactsRepository = {
  /**
   * The IMDRF Annex D conclusions of the registrant's investigations of these reports: per report
   * its latest filing (the final one once filed), so a superseded interim conclusion does not count.
   */
  async investigationConclusions(db: Kysely<DB>, reportIds: number[]): Promise<string[]> {
    if (!reportIds.length) return [];
    const rows = await sql<{ code: string }>`
      select unnest(i.conclusion_codes) as code from (
        select distinct on (report_id) report_id, conclusion_codes from adverse_event_investigations
        where report_id = any(${reportIds}::bigint[]) order by report_id, id desc
      ) i`.execute(db);
    return rows.rows.map((r) => r.code);
  },

  /** Which of these tables exist (the modules of other issues may not be installed yet). */
  async missingTables(db: Kysely<DB>, tables: string[]): Promise<string[]> {
    if (!tables.length) return [];
    const rows = await sql<{ name: string; oid: string | null }>`select t.name, to_regclass(t.name)::text as oid from unnest(${tables}::text[]) as t(name)`.execute(db);
    return rows.rows.filter((r) => r.oid === null).map((r) => r.name);
  },

  /** Sum of a fact per group in [from, to); rows without a time (equipment in service) count in every window. */
  async count(db: Kysely<DB>, scope: DataScope, fact: RiskFact, grouping: RiskGrouping, from: Date, to: Date): Promise<FactCount[]> {
    const key = groupKey(grouping);
    const rows = await sql<{ key: string; n: number }>`
      select ${key} as key, sum(b.n)::double precision as n from (${factRelation(fact)}) b
      where ${scopeCondition(scope, 'b.org_id', 'b.region')} and (b.t is null or (b.t >= ${localBound(from)} and b.t < ${localBound(to)}))
      group by 1 having ${key} is not null`.execute(db);
    return rows.rows.map((r) => ({ key: r.key, n: Number(r.n) }));
  },

  /** Weekly sums of a timed fact per group over `weeks` weeks ending at `to`. */
  async weekly(db: Kysely<DB>, scope: DataScope, fact: RiskFact, grouping: RiskGrouping, to: Date, weeks: number): Promise<WeeklyCount[]> {
    const from = new Date(to.getTime() - weeks * 7 * 86_400_000);
    const key = groupKey(grouping);
    const rows = await sql<{ key: string; w: number; n: number }>`
      select ${key} as key, floor(extract(epoch from (${localBound(to)} - b.t)) / 604800)::int as w, sum(b.n)::double precision as n
      from (${factRelation(fact)}) b
      where ${scopeCondition(scope, 'b.org_id', 'b.region')} and b.t >= ${localBound(from)} and b.t < ${localBound(to)}
      group by 1, 2 having ${key} is not null`.execute(db);
    return rows.rows.map((r) => ({ key: r.key, weeksAgo: Number(r.w), n: Number(r.n) }));
  },
};
