import { shanghaiDate } from '@lianjian/core';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * A report's event date is a civil date in China. An instant becomes the Shanghai date it falls
 * on before it is compared with one: cast in the session's UTC, a run between 00:00 and 08:00
 * Shanghai time took the day before as today and left out yesterday's reports.
 */
const day = (instant: Date) => shanghaiDate(instant);

/**
 * The adverse-event data the statistical stages read (surge series, report × problem-code rows),
 * the evidence attribution weighs, and the names that make a signal readable. The engine runs as
 * the platform (all data); alerts are scoped when people read them.
 */
export interface ReportBehind {
  id: number;
  reporterId: number;
  reporterType: string;
  regionCode: string;
  lot: string | null;
  serial: string | null;
  eventDate: string;
}

export interface ProductInfo {
  id: number;
  name: string;
  model: string;
  deviceKind: string;
  di: string | null;
  registrantId: number;
  registrantRegion: string;
}

export interface OrganizationInfo {
  id: number;
  name: string;
  type: string;
  regionCode: string;
}

export const riskSignalsRepository = {
  /** Initial reports per product × city × week over `weeks` weeks ending at `to` (0 = the latest week). */
  async aeWeeklyProductCity(db: Kysely<DB>, to: Date, weeks: number) {
    // Weeks count back from today's civil date: yesterday to 7 days ago is week 0.
    const today = day(to);
    const rows = await sql<{ pid: number; city: string; w: number; n: number }>`
      select r.product_id as pid, left(r.region_code, 4) || '00' as city,
             ((${today}::date - r.event_date) / 7)::int as w, count(*)::int as n
      from adverse_event_reports r
      where r.kind = 'initial' and r.duplicate_of is null and r.event_date >= ${today}::date - ${weeks * 7}::int and r.event_date < ${today}::date
      group by 1, 2, 3`.execute(db);
    return rows.rows.map((r) => ({ productId: Number(r.pid), city: r.city, weeksAgo: Number(r.w), n: Number(r.n) }));
  },

  /** Report × IMDRF Annex A code rows (initial reports, duplicates folded) for disproportionality. */
  async aeProblemRows(db: Kysely<DB>, from: Date, to: Date) {
    const rows = await sql<{ id: number; pid: number; code: string }>`
      select r.id, r.product_id as pid, c.code from adverse_event_reports r, unnest(r.imdrf_codes) as c(code)
      where r.kind = 'initial' and r.duplicate_of is null and c.code like 'A%' and r.event_date >= ${day(from)}::date and r.event_date < ${day(to)}::date`.execute(db);
    return rows.rows.map((r) => ({ id: String(r.id), product: String(r.pid), event: r.code }));
  },

  /** The reports behind a signal: one product, optionally one problem code, place and window. */
  async reportsBehind(db: Kysely<DB>, f: { productId?: number; code?: string; reporterId?: number; cityPrefix?: string; lot?: string; from: Date; to: Date }): Promise<ReportBehind[]> {
    let q = db.selectFrom('adverse_event_reports as r')
      .select(['r.id', 'r.reporter_organization_id as reporterId', 'r.reporter_type as reporterType', 'r.region_code as regionCode', 'r.lot', 'r.serial', sql<string>`r.event_date::text`.as('eventDate')])
      .where('r.kind', '=', 'initial').where('r.duplicate_of', 'is', null)
      .where(sql<boolean>`r.event_date >= ${day(f.from)}::date and r.event_date < ${day(f.to)}::date`);
    if (f.productId !== undefined) q = q.where('r.product_id', '=', f.productId);
    if (f.code !== undefined) q = q.where(sql<boolean>`${f.code} = any(r.imdrf_codes)`);
    if (f.reporterId !== undefined) q = q.where('r.reporter_organization_id', '=', f.reporterId);
    if (f.cityPrefix !== undefined) q = q.where('r.region_code', 'like', `${f.cityPrefix}%`);
    if (f.lot !== undefined) q = q.where('r.lot', '=', f.lot);
    return (await q.orderBy('r.id').limit(5000).execute()).map((r) => ({ ...r, id: Number(r.id), reporterId: Number(r.reporterId) }));
  },

  /** The product reported most often by one reporter (or in one city) in the window, to name the problem of a place signal. */
  async dominantProduct(db: Kysely<DB>, f: { reporterId?: number; regionPrefix?: string; from: Date; to: Date }): Promise<number | undefined> {
    let q = db.selectFrom('adverse_event_reports as r').select(['r.product_id as pid', sql<number>`count(*)::int`.as('n')])
      .where('r.kind', '=', 'initial').where('r.duplicate_of', 'is', null)
      .where(sql<boolean>`r.event_date >= ${day(f.from)}::date and r.event_date < ${day(f.to)}::date`);
    if (f.reporterId !== undefined) q = q.where('r.reporter_organization_id', '=', f.reporterId);
    if (f.regionPrefix !== undefined) q = q.where('r.region_code', 'like', `${f.regionPrefix}%`);
    const top = await q.groupBy('r.product_id').orderBy('n', 'desc').orderBy('r.product_id').limit(1).executeTakeFirst();
    return top ? Number(top.pid) : undefined;
  },

  /** Most frequent Annex A codes of some reports. */
  async topCodes(db: Kysely<DB>, reportIds: number[], limit = 3): Promise<{ code: string; n: number }[]> {
    if (!reportIds.length) return [];
    const rows = await sql<{ code: string; n: number }>`
      select c.code, count(*)::int as n from adverse_event_reports r, unnest(r.imdrf_codes) as c(code)
      where r.id = any(${reportIds}::bigint[]) group by c.code order by n desc, c.code limit ${limit}`.execute(db);
    return rows.rows.map((r) => ({ code: r.code, n: Number(r.n) }));
  },

  async products(db: Kysely<DB>, ids: number[]): Promise<Map<number, ProductInfo>> {
    if (!ids.length) return new Map();
    const rows = await sql<{ id: number; name: string; model: string; device_kind: string; di: string | null; registrant_id: number; registrant_region: string }>`
      select p.id, p.name, p.model, p.device_kind, (select min(pd.di) from product_dis pd where pd.product_id = p.id and pd.package_level = 0) as di,
             g.holder_organization_id as registrant_id, o.region_code as registrant_region
      from products p join registrations g on g.id = p.registration_id join organizations o on o.id = g.holder_organization_id
      where p.id = any(${ids}::bigint[])`.execute(db);
    return new Map(rows.rows.map((r) => [Number(r.id), { id: Number(r.id), name: r.name, model: r.model, deviceKind: r.device_kind, di: r.di, registrantId: Number(r.registrant_id), registrantRegion: r.registrant_region }]));
  },

  async organizations(db: Kysely<DB>, ids: number[]): Promise<Map<number, OrganizationInfo>> {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom('organizations').select(['id', 'name', 'type', 'region_code as regionCode']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
  },

  /** Lots of a product with release records, and how many failed (production module; undefined when absent). */
  async lotProduction(db: Kysely<DB>, productId: number, lots: string[]): Promise<{ lots: number; failedLots: number } | undefined> {
    if (!lots.length) return undefined;
    const r = await sql<{ lots: number; failed: number }>`
      select count(*)::int as lots, count(*) filter (where rr.decision = 'rejected' or rr.failed_count > 0)::int as failed
      from production_batches b join release_reports rr on rr.batch_id = b.id
      where b.product_id = ${productId} and b.lot = any(${lots}::text[])`.execute(db);
    const row = r.rows[0];
    return row && Number(row.lots) > 0 ? { lots: Number(row.lots), failedLots: Number(row.failed) } : undefined;
  },

  /** Operators who used the product at these institutions, and how many without valid training (use-records module). */
  async operators(db: Kysely<DB>, productId: number, institutionIds: number[]): Promise<{ total: number; untrained: number } | undefined> {
    if (!institutionIds.length) return undefined;
    const r = await sql<{ total: number; untrained: number }>`
      select count(distinct (u.organization_id, u.operator))::int as total,
             count(distinct (u.organization_id, u.operator)) filter (where not u.operator_trained)::int as untrained
      from clinical_uses u where u.product_id = ${productId} and u.organization_id = any(${institutionIds}::bigint[])`.execute(db);
    const row = r.rows[0];
    return row && Number(row.total) > 0 ? { total: Number(row.total), untrained: Number(row.untrained) } : undefined;
  },

  /**
   * Units of the product in use at these institutions (serials in clinical use records) and how many
   * had no maintenance record in the last year: overdue upkeep points to use, not to the device.
   */
  async maintenance(db: Kysely<DB>, productId: number, institutionIds: number[], asOf: Date): Promise<{ units: number; overdueOrFailed: number } | undefined> {
    if (!institutionIds.length) return undefined;
    const r = await sql<{ units: number; overdue: number }>`
      select count(*)::int as units, count(*) filter (where not exists (
               select 1 from maintenance_records m where m.product_id = ${productId} and m.organization_id = u.organization_id and m.serial = u.serial
                 and m.started_on > (${day(asOf)}::date - 365))) ::int as overdue
      from (select distinct organization_id, serial from clinical_uses
            where product_id = ${productId} and serial is not null and organization_id = any(${institutionIds}::bigint[])) u`.execute(db);
    const row = r.rows[0];
    return row && Number(row.units) > 0 ? { units: Number(row.units), overdueOrFailed: Number(row.overdue) } : undefined;
  },

  /**
   * The infusion-pump cases the use-records demo planted, if it ran: per pump product, the hospitals
   * using it and how many of their uses were by untrained operators. The risk demo files its reports
   * on the same DIs and hospitals so the evidence lines up.
   */
  async pumpUse(db: Kysely<DB>): Promise<{ model: string; di: string; organizationId: number; gln: string | null; uses: number; untrained: number }[]> {
    const rows = await sql<{ model: string; di: string; org: number; gln: string | null; uses: number; untrained: number }>`
      select p.model, u.product_di as di, u.organization_id as org, o.gln, count(*)::int as uses, count(*) filter (where not u.operator_trained)::int as untrained
      from clinical_uses u join products p on p.id = u.product_id join organizations o on o.id = u.organization_id
      where p.device_kind = 'infusion_pump' group by 1, 2, 3, 4 order by 2, 3`.execute(db);
    return rows.rows.map((r) => ({ model: r.model, di: r.di, organizationId: Number(r.org), gln: r.gln, uses: Number(r.uses), untrained: Number(r.untrained) }));
  },

  /** Organisation ids by GLN (the demo loader maps its generated world onto the database with it). */
  async organizationIdsByGln(db: Kysely<DB>, glns: string[]): Promise<Map<string, number>> {
    if (!glns.length) return new Map();
    const rows = await db.selectFrom('organizations').select(['id', 'gln']).where('gln', 'in', glns).execute();
    return new Map(rows.filter((r) => r.gln !== null).map((r) => [r.gln as string, Number(r.id)]));
  },
};
