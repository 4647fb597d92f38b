import { sql, type Kysely, type RawBuilder } from 'kysely';
import { intArray } from '../../db/array-literal.ts';
import type { DB } from '../../db/schema.ts';
import type { Holding, ObjectState, PathEvent, Transfer } from './projection-fold.ts';

/**
 * SQL of the projections (object_state, containment, custody_transfers, lot_holdings). Reads and
 * writes are set-based over arrays of object ids, so capture's maintenance and the full rebuild
 * share every statement; the rebuild only feeds them larger batches.
 */

/**
 * Objects to work on: an explicit list, an object-id range (the rebuild's batches), or a subquery of
 * the same statement yielding `object_id` (the trace finds its object and walks up in one statement).
 */
export type Seeds = { ids: number[] } | { from: number; to: number } | { select: RawBuilder<unknown> };

function seedRows(seeds: Seeds): RawBuilder<unknown> {
  if ('select' in seeds) return seeds.select;
  return 'ids' in seeds
    ? sql`(select unnest(${seeds.ids}::bigint[]) as object_id)`
    : sql`(select object_id from epc_objects where object_id >= ${seeds.from} and object_id < ${seeds.to})`;
}

/** Live facts: neither an error declaration nor an event one has superseded. */
export const LIVE = sql<boolean>`not e.declaration and e.superseded_by is null`;

/**
 * The recursive CTE `anc(obj, cont, t_from, t_to, depth)`: each seed object, and every container it
 * was inside (carton, pallet, …) with the time window it was inside it, up to four levels.
 */
export function ancestorsCte(seeds: Seeds): RawBuilder<unknown> {
  return sql`anc(obj, cont, t_from, t_to, depth) as (
      select s.object_id, s.object_id, '-infinity'::timestamptz, 'infinity'::timestamptz, 0 from ${seedRows(seeds)} s
      union all
      -- Each level by the child index, per row (LATERAL … OFFSET 0): the planner sizes a recursive CTE
      -- at 10× its first level and, on a store of millions, hash-joined full scans of containment instead.
      select a.obj, c.parent_id, greatest(a.t_from, c.t_from), least(a.t_to, coalesce(c.t_to, 'infinity'::timestamptz)), a.depth + 1
      from anc a cross join lateral (
        select c.parent_id, c.t_from, c.t_to from containment c
        where c.child_id = a.cont and c.t_from <= a.t_to and coalesce(c.t_to, 'infinity'::timestamptz) >= a.t_from offset 0) c
      where a.depth < 4)`;
}

interface PathRow {
  obj: number;
  event_id: number;
  event_time: Date;
  quantity: number | null;
  biz_step: string | null;
  disposition: string | null;
  biz_location: string | null;
  location_org_id: number | null;
  source_org_id: number | null;
  destination_org_id: number | null;
  submitted_by_org_id: number | null;
}

/** Advisory-lock keys of objects start here, above every lot key (hashtext is int4). */
export const OBJECT_LOCK_BASE = 2 ** 40;

export const projectionRepository = {
  async analyzeFacts(db: Kysely<DB>): Promise<void> {
    await sql`analyze epc_objects, epcis_events, event_objects`.execute(db);
  },

  async analyzeContainment(db: Kysely<DB>): Promise<void> {
    await sql`analyze containment`.execute(db);
  },

  async analyzeProjections(db: Kysely<DB>): Promise<void> {
    await sql`analyze object_state, containment, custody_transfers, lot_holdings`.execute(db);
  },

  /** More memory for the rebuild's sorts and hashes, for its transaction only (the default 4MB spills to disk). */
  async useRebuildMemory(db: Kysely<DB>): Promise<void> {
    await sql`set local work_mem = '64MB'`.execute(db);
  },

  async clear(db: Kysely<DB>): Promise<void> {
    await sql`delete from containment`.execute(db);
    await sql`delete from custody_transfers`.execute(db);
    await sql`delete from object_state`.execute(db);
    await sql`delete from lot_holdings`.execute(db);
  },

  async maxObjectId(db: Kysely<DB>): Promise<number> {
    const r = await sql<{ m: number | null }>`select max(object_id) as m from epc_objects`.execute(db);
    return Number(r.rows[0]?.m ?? 0);
  },

  /** Objects named by the given events. */
  async objectsOfEvents(db: Kysely<DB>, eventIds: number[]): Promise<number[]> {
    if (eventIds.length === 0) return [];
    const r = await sql<{ object_id: number }>`select distinct object_id from event_objects where event_id = any(${eventIds}::bigint[])`.execute(db);
    return r.rows.map((x) => Number(x.object_id));
  },

  /** Every object ever inside one of these (transitively), the objects themselves included. */
  async withDescendants(db: Kysely<DB>, ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const r = await sql<{ id: number }>`
      with recursive d(id, depth) as (
        select unnest(${ids}::bigint[]), 0
        union
        -- Per-row lookups by the parent index (see ancestorsCte).
        select c.child_id, d.depth + 1 from d cross join lateral (select c.child_id from containment c where c.parent_id = d.id offset 0) c where d.depth < 4)
      select distinct id from d`.execute(db);
    return r.rows.map((x) => Number(x.id));
  },

  /**
   * Re-derives the containment intervals of these children from AggregationEvent ADD / DELETE: an
   * ADD opens an interval that the child's next aggregation event closes, or the parent's DELETE
   * without childEPCs (which empties the parent).
   */
  async recomputeContainment(db: Kysely<DB>, seeds: Seeds): Promise<void> {
    if ('ids' in seeds) {
      if (seeds.ids.length === 0) return;
      await sql`delete from containment where child_id = any(${seeds.ids}::bigint[])`.execute(db);
    }
    await sql`
      insert into containment (child_id, parent_id, t_from, t_to, add_event_id)
      with agg as (
        select c.object_id as child, p.object_id as parent, e.event_time as t, e.action, e.event_id
        from ${seedRows(seeds)} s
        join event_objects c on c.object_id = s.object_id and c.role = 'child'
        join epcis_events e on e.event_id = c.event_id
        join event_objects p on p.event_id = e.event_id and p.role = 'parent'
        where e.event_type = 'AggregationEvent' and e.action in ('ADD', 'DELETE') and ${LIVE}),
      seq as (select agg.*, lead(t) over (partition by child order by t, event_id) as next_t from agg)
      select distinct q.child, q.parent, q.t, least(q.next_t, m.t), q.event_id
      from seq q
      -- The parent's first emptying after the ADD, looked up by the (object_id, event_time) index per
      -- interval: joined as a set it was planned as a nested loop of every carton against every
      -- emptied pallet (hundreds of seconds per 200,000 cartons at 5 million events).
      left join lateral (
        select min(u.event_time) as t
        from event_objects u join epcis_events e on e.event_id = u.event_id
        where u.object_id = q.parent and u.role = 'parent' and u.event_time > q.t
          and e.event_type = 'AggregationEvent' and e.action = 'DELETE' and ${LIVE}
          and not exists (select 1 from event_objects uc where uc.event_id = u.event_id and uc.role = 'child')) m on true
      where q.action = 'ADD'`.execute(db);
  },

  /** Each object's effective path in event-time order, with what the custody fold needs. */
  async pathEvents(db: Kysely<DB>, seeds: Seeds): Promise<Map<number, PathEvent[]>> {
    const r = await sql<PathRow>`
      with recursive ${ancestorsCte(seeds)}
      select * from (
        select distinct on (a.obj, eo.event_id) a.obj, eo.event_id, eo.event_time, eo.quantity, e.biz_step, e.disposition, e.biz_location,
          coalesce(e.biz_location_org_id, e.read_point_org_id) as location_org_id, e.source_org_ids[1] as source_org_id,
          e.destination_org_ids[1] as destination_org_id, e.submitted_by_org_id
        from anc a
        join event_objects eo on eo.object_id = a.cont and eo.event_time >= a.t_from and eo.event_time <= a.t_to
        join epcis_events e on e.event_id = eo.event_id
        where ${LIVE}
        order by a.obj, eo.event_id, a.depth) x
      order by obj, event_time, event_id`.execute(db);
    const out = new Map<number, PathEvent[]>();
    for (const row of r.rows) {
      const obj = Number(row.obj);
      let list = out.get(obj);
      if (!list) out.set(obj, (list = []));
      list.push({
        eventId: Number(row.event_id), eventTime: new Date(row.event_time), quantity: row.quantity, bizStep: row.biz_step, disposition: row.disposition,
        bizLocation: row.biz_location, locationOrgId: nullableNumber(row.location_org_id), sourceOrgId: nullableNumber(row.source_org_id),
        destinationOrgId: nullableNumber(row.destination_org_id), submitterOrgId: nullableNumber(row.submitted_by_org_id),
      });
    }
    return out;
  },

  /** Kind, DI and lot of objects (from the interned identifiers). */
  async objects(db: Kysely<DB>, seeds: Seeds): Promise<{ objectId: number; kind: string; di: string | null; lot: string | null }[]> {
    const r = await sql<{ object_id: number; kind: string; di: string | null; lot: string | null }>`
      select o.object_id, o.kind, o.di, o.lot from ${seedRows(seeds)} s join epc_objects o on o.object_id = s.object_id`.execute(db);
    return r.rows.map((x) => ({ objectId: Number(x.object_id), kind: x.kind, di: x.di, lot: x.lot }));
  },

  /** Writes object states (the current container comes from containment) and replaces their custody transfers. */
  async writeStates(db: Kysely<DB>, rows: { objectId: number; kind: string; di: string | null; lot: string | null; state: ObjectState; transfers: Transfer[] }[]): Promise<void> {
    if (rows.length === 0) return;
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    await sql`
      insert into object_state (object_id, kind, di, lot, holder_org_id, location, disposition, last_biz_step, last_event_id, last_event_time,
        status, in_transit, destination_org_id, parent_object_id)
      select x.id, x.kind, x.di, x.lot, x.holder, x.loc, x.disp, x.step, x.ev, x.t::timestamptz, x.status, x.transit, x.dest,
        (select c.parent_id from containment c where c.child_id = x.id and c.t_to is null order by c.t_from desc limit 1)
      from unnest(${col((r) => r.objectId)}::bigint[], ${col((r) => r.kind)}::text[], ${col((r) => r.di)}::text[], ${col((r) => r.lot)}::text[],
        ${col((r) => r.state.holderOrgId)}::bigint[], ${col((r) => r.state.location)}::text[], ${col((r) => r.state.disposition)}::text[],
        ${col((r) => r.state.lastBizStep)}::text[], ${col((r) => r.state.lastEventId)}::bigint[], ${col((r) => iso(r.state.lastEventTime))}::text[],
        ${col((r) => r.state.status)}::text[], ${col((r) => r.state.inTransit)}::boolean[], ${col((r) => r.state.destinationOrgId)}::bigint[])
        as x(id, kind, di, lot, holder, loc, disp, step, ev, t, status, transit, dest)
      on conflict (object_id) do update set kind = excluded.kind, di = excluded.di, lot = excluded.lot, holder_org_id = excluded.holder_org_id,
        location = excluded.location, disposition = excluded.disposition, last_biz_step = excluded.last_biz_step, last_event_id = excluded.last_event_id,
        last_event_time = excluded.last_event_time, status = excluded.status, in_transit = excluded.in_transit,
        destination_org_id = excluded.destination_org_id, parent_object_id = excluded.parent_object_id`.execute(db);
    await sql`delete from custody_transfers where object_id = any(${col((r) => r.objectId)}::bigint[])`.execute(db);
    const transfers = rows.flatMap((r) => r.transfers.map((t) => ({ objectId: r.objectId, ...t })));
    if (transfers.length === 0) return;
    const tc = <T>(f: (t: (typeof transfers)[number]) => T) => transfers.map(f);
    await sql`
      insert into custody_transfers (object_id, event_id, event_time, kind, from_org_id, to_org_id)
      select * from unnest(${tc((t) => t.objectId)}::bigint[], ${tc((t) => t.eventId)}::bigint[], ${tc((t) => t.eventTime.toISOString())}::timestamptz[],
        ${tc((t) => t.kind)}::text[], ${tc((t) => t.fromOrgId)}::bigint[], ${tc((t) => t.toOrgId)}::bigint[])
      on conflict (object_id, event_id) do nothing`.execute(db);
  },

  /**
   * Serialises maintenance of the same lots, and of the same lot-less objects (pallets, cartons), by
   * concurrent captures (locks held until commit). All keys are taken in one statement in numeric
   * order, so two captures cannot deadlock on them. Lots lock under their text hash (int4 range),
   * objects under OBJECT_LOCK_BASE + id, so the two kinds never collide.
   */
  async lockLots(db: Kysely<DB>, lots: { di: string; lot: string }[], objectIds: number[] = []): Promise<void> {
    const keys = [...new Set(lots.map((l) => `${l.di}|${l.lot}`))];
    const ids = [...new Set(objectIds)];
    if (keys.length === 0 && ids.length === 0) return;
    await sql`
      select pg_advisory_xact_lock(k) from (
        select hashtext('lianjian.lot|' || t)::bigint as k from unnest(${keys}::text[]) as t
        union
        select ${OBJECT_LOCK_BASE}::bigint + i from unnest(${intArray(ids)}::bigint[]) as i) s
      order by k`.execute(db);
  },

  /** Current-state counts of a lot's serialised units per holder and status. */
  async unitCounts(db: Kysely<DB>, lots: { di: string; lot: string }[]) {
    const r = await sql<{ di: string; lot: string; holder_org_id: number; status: string; n: number }>`
      select s.di, s.lot, s.holder_org_id, s.status, count(*)::int as n
      from (select distinct * from unnest(${lots.map((l) => l.di)}::text[], ${lots.map((l) => l.lot)}::text[]) as x(di, lot)) l
      join object_state s on s.di = l.di and s.lot = l.lot
      where s.kind = 'sgtin' and s.holder_org_id is not null
      group by 1, 2, 3, 4`.execute(db);
    return r.rows.map((x) => ({ di: x.di, lot: x.lot, holderOrgId: Number(x.holder_org_id), status: x.status, n: Number(x.n) }));
  },

  /** Receipts (to) and returns (from) of a lot's serialised units per organisation. */
  async transferCounts(db: Kysely<DB>, lots: { di: string; lot: string }[]) {
    const r = await sql<{ di: string; lot: string; org_id: number; kind: string; n: number }>`
      select s.di, s.lot, case when t.kind = 'receive' then t.to_org_id else t.from_org_id end as org_id, t.kind, count(*)::int as n
      from (select distinct * from unnest(${lots.map((l) => l.di)}::text[], ${lots.map((l) => l.lot)}::text[]) as x(di, lot)) l
      join object_state s on s.di = l.di and s.lot = l.lot
      join custody_transfers t on t.object_id = s.object_id
      where s.kind = 'sgtin' and t.kind in ('receive', 'return')
      group by 1, 2, 3, 4`.execute(db);
    return r.rows.filter((x) => x.org_id !== null).map((x) => ({ di: x.di, lot: x.lot, orgId: Number(x.org_id), kind: x.kind, n: Number(x.n) }));
  },

  /** Lot-level (class) objects of these lots. */
  async classObjects(db: Kysely<DB>, lots: { di: string; lot: string }[]) {
    const r = await sql<{ object_id: number; di: string; lot: string }>`
      select o.object_id, o.di, o.lot
      from (select distinct * from unnest(${lots.map((l) => l.di)}::text[], ${lots.map((l) => l.lot)}::text[]) as x(di, lot)) l
      join epc_objects o on o.di = l.di and o.lot = l.lot
      where o.kind = 'lgtin'`.execute(db);
    return r.rows.map((x) => ({ objectId: Number(x.object_id), di: x.di, lot: x.lot }));
  },

  /** Replaces the lot × holder rows of these lots. */
  async replaceLotHoldings(db: Kysely<DB>, lots: { di: string; lot: string }[], rows: ({ di: string; lot: string; holderOrgId: number } & Holding)[]): Promise<void> {
    if (lots.length > 0) {
      await sql`
        delete from lot_holdings h using unnest(${lots.map((l) => l.di)}::text[], ${lots.map((l) => l.lot)}::text[]) as x(di, lot)
        where h.di = x.di and h.lot = x.lot`.execute(db);
    }
    if (rows.length === 0) return;
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    await sql`
      insert into lot_holdings (di, lot, holder_org_id, received, in_stock, in_transit, used, returned, destroyed)
      select * from unnest(${col((r) => r.di)}::text[], ${col((r) => r.lot)}::text[], ${col((r) => r.holderOrgId)}::bigint[], ${col((r) => r.received)}::float8[],
        ${col((r) => r.inStock)}::float8[], ${col((r) => r.inTransit)}::float8[], ${col((r) => r.used)}::float8[], ${col((r) => r.returned)}::float8[],
        ${col((r) => r.destroyed)}::float8[])`.execute(db);
  },

  /** Every lot that has serialised units or lot-level quantities. */
  async allLots(db: Kysely<DB>): Promise<{ di: string; lot: string }[]> {
    const r = await sql<{ di: string; lot: string }>`select distinct di, lot from epc_objects where di is not null and lot is not null and kind in ('sgtin', 'lgtin')`.execute(db);
    return r.rows;
  },
};

function nullableNumber(v: number | string | null): number | null {
  return v === null ? null : Number(v);
}
