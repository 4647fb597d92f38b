import { sql, type Kysely, type RawBuilder } from 'kysely';
import { readIntArray } from '../../db/array-literal.ts';
import type { DB } from '../../db/schema.ts';
import { scopeCondition } from '../../db/scope-sql.ts';
import type { Page } from '../../http/list-query.ts';
import type { DataScope } from '../auth/data-scope.ts';

export type ActorType = 'user' | 'token' | 'system';

export interface LotRestrictionRow {
  id: number;
  di: string;
  lot: string;
  kind: 'suspension' | 'recall';
  recallLevel: 1 | 2 | 3 | null;
  reason: string;
  registrantOrgId: number | null;
  registrantName: string | null;
  registrantRegionCode: string | null;
  productName: string | null;
  productModel: string | null;
  voluntary: boolean;
  recordedByType: ActorType;
  recordedBy: number | null;
  regionCode: string;
  startedAt: Date;
  liftedAt: Date | null;
  liftedByType: ActorType | null;
  liftedBy: number | null;
  liftReason: string | null;
  createdAt: Date;
}

export interface NewLotRestriction {
  di: string;
  lot: string;
  kind: 'suspension' | 'recall';
  recallLevel: 1 | 2 | 3 | null;
  reason: string;
  registrantOrgId: number | null;
  voluntary: boolean;
  recordedByType: ActorType;
  recordedBy: number | null;
  regionCode: string;
  startedAt: Date;
}

export interface LotRestrictionFilter {
  di?: string;
  lot?: string;
  kind?: 'suspension' | 'recall';
  active?: boolean;
}

/** One supply-chain event on a restricted lot, as the alert engine's rule needs it. */
export interface LotEventRow {
  eventId: number;
  eventTime: Date;
  bizStep: string | null;
  disposition: string | null;
  sourceOrgIds: number[];
  destinationOrgIds: number[];
  bizLocationOrgId: number | null;
  readPointOrgId: number | null;
  submittedByOrgId: number | null;
  di: string;
  lot: string;
}

const NATIONAL = '000000';

/** Containment levels the restriction checks walk, as the projections do (trace/projection.repository.ts). */
const CONTAINMENT_DEPTH = 4;


function base(db: Kysely<DB>) {
  return db
    .selectFrom('lot_restrictions as r')
    .leftJoin('organizations as ro', 'ro.id', 'r.registrant_org_id')
    .leftJoin('product_dis as d', 'd.di', 'r.di')
    .leftJoin('products as p', 'p.id', 'd.product_id')
    .select([
      'r.id', 'r.di', 'r.lot', 'r.kind', 'r.recall_level as recallLevel', 'r.reason', 'r.registrant_org_id as registrantOrgId', 'ro.name as registrantName',
      'ro.region_code as registrantRegionCode', 'p.name as productName', 'p.model as productModel', 'r.voluntary', 'r.recorded_by_type as recordedByType',
      'r.recorded_by as recordedBy', 'r.region_code as regionCode', 'r.started_at as startedAt', 'r.lifted_at as liftedAt', 'r.lifted_by_type as liftedByType',
      'r.lifted_by as liftedBy', 'r.lift_reason as liftReason', 'r.created_at as createdAt',
    ]);
}

const num = (r: LotRestrictionRow): LotRestrictionRow => ({
  ...r, id: Number(r.id), registrantOrgId: r.registrantOrgId === null ? null : Number(r.registrantOrgId), recordedBy: r.recordedBy === null ? null : Number(r.recordedBy),
  liftedBy: r.liftedBy === null ? null : Number(r.liftedBy), recallLevel: r.recallLevel === null ? null : (Number(r.recallLevel) as 1 | 2 | 3),
});

/**
 * Who sees a restriction: the scope of the lot's registrant, of any organisation that ever held the
 * lot (lot_holdings; a hospital must learn that its stock is recalled), and for a regulator also the
 * recording office's region and every national measure.
 */
function visible(scope: DataScope): RawBuilder<boolean> {
  const holders = sql<boolean>`exists (select 1 from lot_holdings h join organizations ho on ho.id = h.holder_org_id
    where h.di = r.di and h.lot = r.lot and ${scopeCondition(scope, 'h.holder_org_id', 'ho.region_code')})`;
  const office = scope.kind === 'region' ? sql<boolean>`(r.region_code like ${`${scope.prefix}%`} or r.region_code = ${NATIONAL})` : sql<boolean>`false`;
  return sql<boolean>`(${scopeCondition(scope, 'r.registrant_org_id', 'ro.region_code')} or ${holders} or ${office})`;
}

/**
 * Every restriction (in force or lifted) of one lot, oldest first, as a JSON array of
 * LotRestrictionRow fields: a fragment for a larger statement (the trace reads it in its one round
 * trip, issue 3). `keys` are SQL expressions for the DI and lot; a null key matches nothing.
 * Unscoped like `ofLots`: the caller has decided the lot is its to see.
 */
export function restrictionsOfLotJson(keys: { di: RawBuilder<unknown>; lot: RawBuilder<unknown> }): RawBuilder<unknown> {
  return sql`(select coalesce(json_agg(json_build_object(
      'id', r.id, 'di', r.di, 'lot', r.lot, 'kind', r.kind, 'recallLevel', r.recall_level, 'reason', r.reason, 'registrantOrgId', r.registrant_org_id,
      'registrantName', ro.name, 'registrantRegionCode', ro.region_code, 'productName', p.name, 'productModel', p.model, 'voluntary', r.voluntary,
      'recordedByType', r.recorded_by_type, 'recordedBy', r.recorded_by, 'regionCode', r.region_code, 'startedAt', r.started_at, 'liftedAt', r.lifted_at,
      'liftedByType', r.lifted_by_type, 'liftedBy', r.lifted_by, 'liftReason', r.lift_reason, 'createdAt', r.created_at) order by r.started_at, r.id), '[]'::json)
    from lot_restrictions r
    left join organizations ro on ro.id = r.registrant_org_id
    left join product_dis d on d.di = r.di
    left join products p on p.id = d.product_id
    where r.di = ${keys.di} and r.lot = ${keys.lot})`;
}

/** The rows of a `restrictionsOfLotJson` value (json or its text), with dates and numbers restored. */
export function restrictionsFromJson(v: unknown): LotRestrictionRow[] {
  const rows = (typeof v === 'string' ? JSON.parse(v) : v ?? []) as (Omit<LotRestrictionRow, 'startedAt' | 'liftedAt' | 'createdAt'> & { startedAt: string; liftedAt: string | null; createdAt: string })[];
  return rows.map((r) => num({ ...r, startedAt: new Date(r.startedAt), liftedAt: r.liftedAt === null ? null : new Date(r.liftedAt), createdAt: new Date(r.createdAt) }));
}

export const lotRestrictionsRepository = {
  /**
   * What the platform knows of a lot: whether it exists (a production batch or any traceability
   * record of that DI and lot), its registrant (registration holder, else the batch's manufacturer)
   * with the registrant's region.
   */
  async lotFacts(db: Kysely<DB>, di: string, lot: string): Promise<{ known: boolean; registrantOrgId: number | null; registrantRegionCode: string | null }> {
    const r = await sql<{ batch_org: number | null; holder_org: number | null; traced: boolean }>`
      select (select b.organization_id from production_batches b where b.product_di = ${di} and b.lot = ${lot} order by b.id limit 1) as batch_org,
             (select g.holder_organization_id from product_dis d join products p on p.id = d.product_id join registrations g on g.id = p.registration_id
               where d.di = ${di} limit 1) as holder_org,
             exists (select 1 from epc_objects o where o.di = ${di} and o.lot = ${lot}) as traced`.execute(db);
    const row = r.rows[0];
    const batchOrg = row?.batch_org === null || row?.batch_org === undefined ? null : Number(row.batch_org);
    const registrantOrgId = row?.holder_org === null || row?.holder_org === undefined ? batchOrg : Number(row.holder_org);
    const region = registrantOrgId === null ? undefined : await db.selectFrom('organizations').select('region_code').where('id', '=', registrantOrgId).executeTakeFirst();
    return { known: batchOrg !== null || row?.traced === true, registrantOrgId, registrantRegionCode: region?.region_code ?? null };
  },

  /** True when some organisation that holds or held the lot lies in the scope. */
  async heldInScope(db: Kysely<DB>, scope: DataScope, di: string, lot: string): Promise<boolean> {
    const r = await sql<{ ok: boolean }>`select exists (select 1 from lot_holdings h join organizations ho on ho.id = h.holder_org_id
      where h.di = ${di} and h.lot = ${lot} and ${scopeCondition(scope, 'h.holder_org_id', 'ho.region_code')}) as ok`.execute(db);
    return r.rows[0]?.ok === true;
  },

  /** Serialises measures on one lot (the open-measure check and the insert), across processes. */
  async lockLot(db: Kysely<DB>, di: string, lot: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`lot_restrictions:${di}|${lot}`}, 0))`.execute(db);
  },

  async openOf(db: Kysely<DB>, di: string, lot: string, kind: 'suspension' | 'recall'): Promise<number | undefined> {
    const r = await db.selectFrom('lot_restrictions').select('id').where('di', '=', di).where('lot', '=', lot).where('kind', '=', kind).where('lifted_at', 'is', null).executeTakeFirst();
    return r ? Number(r.id) : undefined;
  },

  async insert(db: Kysely<DB>, n: NewLotRestriction): Promise<number> {
    const r = await db.insertInto('lot_restrictions').values({
      di: n.di, lot: n.lot, kind: n.kind, recall_level: n.recallLevel, reason: n.reason, registrant_org_id: n.registrantOrgId, voluntary: n.voluntary,
      recorded_by_type: n.recordedByType, recorded_by: n.recordedBy, region_code: n.regionCode, started_at: n.startedAt,
    }).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  },

  /** A restriction inside the scope (undefined outside it), locked for update when `lock`. */
  async findById(db: Kysely<DB>, id: number, scope: DataScope): Promise<LotRestrictionRow | undefined> {
    const r = await base(db).where('r.id', '=', id).where(visible(scope)).executeTakeFirst();
    return r ? num(r as LotRestrictionRow) : undefined;
  },

  async lockRow(db: Kysely<DB>, id: number): Promise<void> {
    await db.selectFrom('lot_restrictions').select('id').where('id', '=', id).forUpdate().execute();
  },

  async lift(db: Kysely<DB>, id: number, l: { liftedAt: Date; liftedByType: ActorType; liftedBy: number | null; reason: string }): Promise<void> {
    await db.updateTable('lot_restrictions').set({ lifted_at: l.liftedAt, lifted_by_type: l.liftedByType, lifted_by: l.liftedBy, lift_reason: l.reason })
      .where('id', '=', id).where('lifted_at', 'is', null).execute();
  },

  async list(db: Kysely<DB>, scope: DataScope, f: LotRestrictionFilter, page: Page): Promise<{ items: LotRestrictionRow[]; total: number }> {
    let q = base(db).where(visible(scope));
    if (f.di) q = q.where('r.di', '=', f.di);
    if (f.lot) q = q.where('r.lot', '=', f.lot);
    if (f.kind) q = q.where('r.kind', '=', f.kind);
    if (f.active !== undefined) q = q.where('r.lifted_at', f.active ? 'is' : 'is not', null);
    const [items, total] = await Promise.all([
      q.orderBy('r.started_at', 'desc').orderBy('r.id', 'desc').limit(page.limit).offset(page.offset).execute(),
      q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
    ]);
    return { items: (items as LotRestrictionRow[]).map(num), total: Number(total?.n ?? 0) };
  },

  /**
   * Every restriction (in force or lifted) of these lots, oldest first. Unscoped: callers (trace,
   * recall scope, the alert engine) have decided already that the lots are theirs to see.
   */
  async ofLots(db: Kysely<DB>, lots: { di: string; lot: string }[]): Promise<LotRestrictionRow[]> {
    if (!lots.length) return [];
    const rows = await base(db).where((eb) => eb.or(lots.map((l) => eb.and([eb('r.di', '=', l.di), eb('r.lot', '=', l.lot)])))).orderBy('r.started_at').orderBy('r.id').execute();
    return (rows as LotRestrictionRow[]).map(num);
  },

  /** Whether any lot was ever restricted (most of the time none is: the alert engine then skips its event scan). */
  async anyRecorded(db: Kysely<DB>): Promise<boolean> {
    return (await db.selectFrom('lot_restrictions').select('id').limit(1).executeTakeFirst()) !== undefined;
  },

  /** Restrictions recorded in (after, upTo] (the alert engine's cursor over this table). */
  async recordedAfter(db: Kysely<DB>, after: number, upTo: number, limit: number): Promise<LotRestrictionRow[]> {
    const rows = await base(db).where('r.id', '>', after).where('r.id', '<=', upTo).orderBy('r.id').limit(limit).execute();
    return (rows as LotRestrictionRow[]).map(num);
  },

  /**
   * Live events at or after `since` with one of the steps (any CBV form) that carry units or
   * quantities of the lot, directly or inside containers (a carton on a pallet shipped whole, up to
   * the projections' four levels) while the goods were in them, up to an event id, oldest first: what
   * a restriction recorded after the fact must still check.
   */
  async lotEventsSince(db: Kysely<DB>, di: string, lot: string, since: Date, stepForms: string[], maxEventId: number, limit: number): Promise<LotEventRow[]> {
    // `up`: every container a unit of the lot was in after `since`, with the window in which the unit
    // was inside it through every level (the intersection): an event on the container counts only
    // inside that window. Units packed together share their rows, so a pallet is read once, not per unit.
    const r = await sql<Omit<LotEventRow, 'di' | 'lot'>>`
      with recursive lot_objects as (select object_id from epc_objects where di = ${di} and lot = ${lot}),
      up(cont, t_from, t_to, depth) as (
        select c.parent_id, c.t_from, coalesce(c.t_to, 'infinity'::timestamptz), 1 from containment c
         where c.child_id in (select object_id from lot_objects) and coalesce(c.t_to, 'infinity'::timestamptz) > ${since}::timestamptz
        union
        select c.parent_id, greatest(u.t_from, c.t_from), least(u.t_to, coalesce(c.t_to, 'infinity'::timestamptz)), u.depth + 1
          from up u join containment c on c.child_id = u.cont and c.t_from < u.t_to and coalesce(c.t_to, 'infinity'::timestamptz) > greatest(u.t_from, ${since}::timestamptz)
         where u.depth < ${CONTAINMENT_DEPTH}
      ),
      hits as (
        select eo.event_id from event_objects eo where eo.object_id in (select object_id from lot_objects) and eo.event_time >= ${since}::timestamptz
        union
        select eo.event_id from up u join event_objects eo on eo.object_id = u.cont and eo.event_time >= greatest(u.t_from, ${since}::timestamptz) and eo.event_time < u.t_to
      )
      select ${sql.raw(EVENT_COLUMNS)} from epcis_events e
       where e.event_id in (select event_id from hits) and e.event_id <= ${maxEventId} and e.biz_step = any(${stepForms}::text[]) and e.superseded_by is null
       order by e.event_id limit ${limit}`.execute(db);
    return r.rows.map((row) => ({ ...eventRow(row), di, lot }));
  },

  /** Live events in (after, upTo] with one of the steps (the alert engine's cursor over events). */
  async movingEventsAfter(db: Kysely<DB>, after: number, upTo: number, stepForms: string[], limit: number): Promise<Omit<LotEventRow, 'di' | 'lot'>[]> {
    const r = await sql<Omit<LotEventRow, 'di' | 'lot'>>`
      select ${sql.raw(EVENT_COLUMNS)} from epcis_events e
       where e.event_id > ${after} and e.event_id <= ${upTo} and e.biz_step = any(${stepForms}::text[]) and e.superseded_by is null
       order by e.event_id limit ${limit}`.execute(db);
    return r.rows.map(eventRow);
  },

  /**
   * Which of these events moved units of a lot while one of its restrictions was in force (the
   * lot's objects carried directly, or inside containers at the event's time, up to the
   * projections' four levels: units in a carton on a pallet): (event, restriction) pairs. One
   * statement for the whole batch of events.
   */
  async restrictedInEvents(db: Kysely<DB>, eventIds: number[]): Promise<{ eventId: number; restrictionId: number }[]> {
    if (!eventIds.length) return [];
    // Walks down from each event's objects through what they contained at that event's time (a
    // carton unpacked before the pallet was shipped did not travel with it).
    const r = await sql<{ event_id: number | string; restriction_id: number | string }>`
      with recursive moved(event_id, object_id, event_time, depth) as (
        select eo.event_id, eo.object_id, eo.event_time, 0 from event_objects eo where eo.event_id = any(${eventIds}::bigint[])
        union
        select m.event_id, c.child_id, m.event_time, m.depth + 1 from moved m
          join containment c on c.parent_id = m.object_id and c.t_from <= m.event_time and (c.t_to is null or c.t_to > m.event_time)
         where m.depth < ${CONTAINMENT_DEPTH}
      )
      select distinct m.event_id, r.id as restriction_id from moved m
        join epc_objects o on o.object_id = m.object_id
        join lot_restrictions r on r.di = o.di and r.lot = o.lot
       where m.event_time >= r.started_at and (r.lifted_at is null or m.event_time < r.lifted_at)
       order by m.event_id, restriction_id`.execute(db);
    return r.rows.map((x) => ({ eventId: Number(x.event_id), restrictionId: Number(x.restriction_id) }));
  },

  /** Restrictions by id, unscoped (the alert engine's). */
  async byIds(db: Kysely<DB>, restrictionIds: number[]): Promise<Map<number, LotRestrictionRow>> {
    if (!restrictionIds.length) return new Map();
    const rows = await base(db).where('r.id', 'in', [...new Set(restrictionIds)]).execute();
    return new Map((rows as LotRestrictionRow[]).map(num).map((x) => [x.id, x]));
  },
};

const EVENT_COLUMNS = `e.event_id as "eventId", e.event_time as "eventTime", e.biz_step as "bizStep", e.disposition, e.source_org_ids as "sourceOrgIds",
  e.destination_org_ids as "destinationOrgIds", e.biz_location_org_id as "bizLocationOrgId", e.read_point_org_id as "readPointOrgId", e.submitted_by_org_id as "submittedByOrgId"`;

const optId = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function eventRow(r: Omit<LotEventRow, 'di' | 'lot'>): Omit<LotEventRow, 'di' | 'lot'> {
  return {
    ...r, eventId: Number(r.eventId), eventTime: new Date(r.eventTime), sourceOrgIds: readIntArray(r.sourceOrgIds), destinationOrgIds: readIntArray(r.destinationOrgIds),
    bizLocationOrgId: optId(r.bizLocationOrgId), readPointOrgId: optId(r.readPointOrgId), submittedByOrgId: optId(r.submittedByOrgId),
  };
}
