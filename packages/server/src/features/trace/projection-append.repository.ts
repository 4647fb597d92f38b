import { sql, type Kysely } from 'kysely';
import { bareTextArray, boolArray, intArray, textArray } from '../../db/array-literal.ts';
import type { DB } from '../../db/schema.ts';
import type { Holding, ObjectState, Status, Transfer } from './projection-fold.ts';

/**
 * SQL of capture's append path (projection-append.ts): reads of the current state around the
 * objects a document names, and writes of exactly what changed. Every statement is set-based over
 * arrays, as in projection.repository.ts.
 */

export interface OpenInterval {
  childId: number;
  parentId: number;
  tFrom: Date;
}

export interface StoredState extends ObjectState {
  objectId: number;
  kind: string;
  di: string | null;
  lot: string | null;
}

export interface ContentRow extends OpenInterval {
  /** The content's stored state (null when it has none, which the append path refuses). */
  state: StoredState | null;
}

interface StateRow {
  object_id: number;
  kind: string;
  di: string | null;
  lot: string | null;
  holder_org_id: number | null;
  location: string | null;
  disposition: string | null;
  last_biz_step: string | null;
  last_event_id: number | null;
  last_event_time: Date | null;
  status: string;
  in_transit: boolean;
  destination_org_id: number | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** RFC 3339 text of dates that many rows share (an event's time on each object it reaches), formatted once each. */
function isoTexts(): (d: Date | null) => string | null {
  const seen = new Map<Date, string>();
  return (d) => {
    if (d === null) return null;
    let s = seen.get(d);
    if (s === undefined) seen.set(d, (s = d.toISOString()));
    return s;
  };
}

function toState(r: StateRow): StoredState {
  return {
    objectId: Number(r.object_id), kind: r.kind, di: r.di, lot: r.lot, holderOrgId: num(r.holder_org_id), location: r.location, disposition: r.disposition,
    lastBizStep: r.last_biz_step, lastEventId: num(r.last_event_id), lastEventTime: r.last_event_time === null ? null : new Date(r.last_event_time),
    status: r.status as Status, inTransit: r.in_transit, destinationOrgId: num(r.destination_org_id),
  };
}

export interface IntervalWrite {
  childId: number;
  parentId: number;
  tFrom: string;
  tTo: string | null;
  addEventId: number;
}

export const projectionAppendRepository = {
  /** Marks where a declined append rolls back to (releasing the lot locks it took). */
  async savepoint(db: Kysely<DB>): Promise<void> {
    await sql`savepoint projection_append`.execute(db);
  },

  async releaseSavepoint(db: Kysely<DB>): Promise<void> {
    await sql`release savepoint projection_append`.execute(db);
  },

  async rollbackToSavepoint(db: Kysely<DB>): Promise<void> {
    await sql`rollback to savepoint projection_append`.execute(db);
    await sql`release savepoint projection_append`.execute(db);
  },

  /** What is inside these objects now (open intervals), transitively to four levels, with each content's state. */
  async openContents(db: Kysely<DB>, ids: number[]): Promise<ContentRow[]> {
    if (ids.length === 0) return [];
    const r = await sql<StateRow & { child_id: number; parent_id: number; t_from: Date; has_state: boolean }>`
      with recursive d(child_id, parent_id, t_from, depth) as (
        select c.child_id, c.parent_id, c.t_from, 1 from containment c where c.parent_id = any(${ids}::bigint[]) and c.t_to is null
        union all
        -- Each level by the parent index (LATERAL … OFFSET 0 keeps it a per-row lookup): the planner
        -- sizes a recursive CTE at 10× its first level and, at millions of rows, chose hash joins over
        -- full scans of containment and object_state (3 s per document at 5 million events; 32 ms now).
        select c.child_id, c.parent_id, c.t_from, d.depth + 1 from d
        cross join lateral (select c.child_id, c.parent_id, c.t_from from containment c where c.parent_id = d.child_id and c.t_to is null offset 0) c
        where d.depth < 4)
      select d.child_id, d.parent_id, d.t_from, s.object_id is not null as has_state, s.*
      from d left join lateral (select * from object_state s where s.object_id = d.child_id offset 0) s on true`.execute(db);
    return r.rows.map((x) => ({ childId: Number(x.child_id), parentId: Number(x.parent_id), tFrom: new Date(x.t_from), state: x.has_state ? toState({ ...x, object_id: x.child_id }) : null }));
  },

  /** The container each of these objects is in now (its open interval). */
  async openParents(db: Kysely<DB>, ids: number[]): Promise<OpenInterval[]> {
    if (ids.length === 0) return [];
    const r = await sql<{ child_id: number; parent_id: number; t_from: Date }>`
      select distinct on (c.child_id) c.child_id, c.parent_id, c.t_from from containment c
      where c.child_id = any(${ids}::bigint[]) and c.t_to is null order by c.child_id, c.t_from desc`.execute(db);
    return r.rows.map((x) => ({ childId: Number(x.child_id), parentId: Number(x.parent_id), tFrom: new Date(x.t_from) }));
  },

  async states(db: Kysely<DB>, ids: number[]): Promise<StoredState[]> {
    if (ids.length === 0) return [];
    const r = await sql<StateRow>`select * from object_state where object_id = any(${ids}::bigint[])`.execute(db);
    return r.rows.map(toState);
  },

  /** Those of these objects that already have events other than the given ones. */
  async withOtherEvents(db: Kysely<DB>, ids: number[], eventIds: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const r = await sql<{ object_id: number }>`
      select distinct object_id from event_objects where object_id = any(${ids}::bigint[]) and not (event_id = any(${eventIds}::bigint[]))`.execute(db);
    return r.rows.map((x) => Number(x.object_id));
  },

  /**
   * Writes object states whose container the caller computed: `fresh` rows are states of objects
   * interned by this capture (a plain insert; the conflict check costs a speculative insertion per
   * row), the others are upserted.
   */
  async writeStates(db: Kysely<DB>, rows: StoredState[], parentOf: (objectId: number) => number | null, fresh: boolean): Promise<void> {
    if (rows.length === 0) return;
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    const iso = isoTexts();
    const upsert = fresh
      ? sql``
      : sql`on conflict (object_id) do update set kind = excluded.kind, di = excluded.di, lot = excluded.lot, holder_org_id = excluded.holder_org_id,
        location = excluded.location, disposition = excluded.disposition, last_biz_step = excluded.last_biz_step, last_event_id = excluded.last_event_id,
        last_event_time = excluded.last_event_time, status = excluded.status, in_transit = excluded.in_transit,
        destination_org_id = excluded.destination_org_id, parent_object_id = excluded.parent_object_id`;
    await sql`
      insert into object_state (object_id, kind, di, lot, holder_org_id, location, disposition, last_biz_step, last_event_id, last_event_time,
        status, in_transit, destination_org_id, parent_object_id)
      select * from unnest(${intArray(col((r) => r.objectId))}::bigint[], ${textArray(col((r) => r.kind))}::text[], ${textArray(col((r) => r.di))}::text[], ${textArray(col((r) => r.lot))}::text[],
        ${intArray(col((r) => r.holderOrgId))}::bigint[], ${textArray(col((r) => r.location))}::text[], ${textArray(col((r) => r.disposition))}::text[],
        ${textArray(col((r) => r.lastBizStep))}::text[], ${intArray(col((r) => r.lastEventId))}::bigint[], ${bareTextArray(col((r) => iso(r.lastEventTime)))}::timestamptz[],
        ${bareTextArray(col((r) => r.status))}::text[], ${boolArray(col((r) => r.inTransit))}::boolean[], ${intArray(col((r) => r.destinationOrgId))}::bigint[], ${intArray(col((r) => parentOf(r.objectId)))}::bigint[])
      ${upsert}`.execute(db);
  },

  /**
   * New transfers of new events ((object, event) cannot be stored yet), grouped by object as the
   * fold makes them: the columns are filled straight from the groups (a document makes ~10,000).
   */
  async insertTransfers(db: Kysely<DB>, byObject: { objectId: number; transfers: Transfer[] }[]): Promise<void> {
    const objectIds: number[] = [];
    const eventIds: number[] = [];
    const times: string[] = [];
    const kinds: string[] = [];
    const from: (number | null)[] = [];
    const to: (number | null)[] = [];
    const iso = isoTexts();
    for (const o of byObject) {
      for (const t of o.transfers) {
        objectIds.push(o.objectId);
        eventIds.push(t.eventId);
        times.push(iso(t.eventTime) as string);
        kinds.push(t.kind);
        from.push(t.fromOrgId);
        to.push(t.toOrgId);
      }
    }
    if (objectIds.length === 0) return;
    await sql`
      insert into custody_transfers (object_id, event_id, event_time, kind, from_org_id, to_org_id)
      select * from unnest(${intArray(objectIds)}::bigint[], ${intArray(eventIds)}::bigint[], ${bareTextArray(times)}::timestamptz[],
        ${bareTextArray(kinds)}::text[], ${intArray(from)}::bigint[], ${intArray(to)}::bigint[])`.execute(db);
  },

  /**
   * Ends the open interval of each child at t_to. Matched by child and parent, not by t_from: a
   * stored t_from can carry microseconds a JS Date has lost, and a child has one open interval.
   */
  async closeIntervals(db: Kysely<DB>, closes: { childId: number; parentId: number; tTo: string }[]): Promise<void> {
    if (closes.length === 0) return;
    await sql`
      update containment c set t_to = x.t_to
      from unnest(${intArray(closes.map((c) => c.childId))}::bigint[], ${intArray(closes.map((c) => c.parentId))}::bigint[], ${bareTextArray(closes.map((c) => c.tTo))}::timestamptz[])
        as x(child_id, parent_id, t_to)
      where c.child_id = x.child_id and c.parent_id = x.parent_id and c.t_to is null`.execute(db);
  },

  /**
   * Per parent, the latest end of a stored closed interval ending at or after `since`: an event on
   * the parent up to that time also reaches the former content, which the open intervals miss.
   */
  async closedUntil(db: Kysely<DB>, parentIds: number[], since: Date): Promise<Map<number, Date>> {
    if (parentIds.length === 0) return new Map();
    const r = await sql<{ parent_id: number; t_to: Date }>`
      select parent_id, max(t_to) as t_to from containment
      where parent_id = any(${intArray(parentIds)}::bigint[]) and t_to is not null and t_to >= ${since.toISOString()}::timestamptz
      group by parent_id`.execute(db);
    return new Map(r.rows.map((x) => [Number(x.parent_id), new Date(x.t_to)]));
  },

  /**
   * Those of these lots whose rows hold a fractional quantity (from lot-level quantities): adding
   * unit differences to a fraction rounds differently from the rebuild's sum, so they are re-derived.
   */
  async fractionalLots(db: Kysely<DB>, keys: { di: string; lot: string; holderOrgId: number }[]): Promise<{ di: string; lot: string }[]> {
    if (keys.length === 0) return [];
    const r = await sql<{ di: string; lot: string }>`
      select distinct h.di, h.lot from lot_holdings h
      join unnest(${keys.map((k) => k.di)}::text[], ${keys.map((k) => k.lot)}::text[], ${intArray(keys.map((k) => k.holderOrgId))}::bigint[]) as x(di, lot, holder)
        on h.di = x.di and h.lot = x.lot and h.holder_org_id = x.holder
      where h.received <> trunc(h.received) or h.in_stock <> trunc(h.in_stock) or h.in_transit <> trunc(h.in_transit)
        or h.used <> trunc(h.used) or h.returned <> trunc(h.returned) or h.destroyed <> trunc(h.destroyed)`.execute(db);
    return r.rows;
  },

  async insertIntervals(db: Kysely<DB>, rows: IntervalWrite[]): Promise<void> {
    if (rows.length === 0) return;
    const col = <T>(f: (r: IntervalWrite) => T) => rows.map(f);
    await sql`
      insert into containment (child_id, parent_id, t_from, t_to, add_event_id)
      select * from unnest(${intArray(col((r) => r.childId))}::bigint[], ${intArray(col((r) => r.parentId))}::bigint[], ${bareTextArray(col((r) => r.tFrom))}::timestamptz[],
        ${bareTextArray(col((r) => r.tTo))}::timestamptz[], ${intArray(col((r) => r.addEventId))}::bigint[])`.execute(db);
  },

  /** Adds per-holder changes to lot_holdings and drops rows left all zero (a full derivation writes none). */
  async addToLotHoldings(db: Kysely<DB>, deltas: ({ di: string; lot: string; holderOrgId: number } & Holding)[]): Promise<void> {
    if (deltas.length === 0) return;
    const col = <T>(f: (r: (typeof deltas)[number]) => T) => deltas.map(f);
    await sql`
      insert into lot_holdings (di, lot, holder_org_id, received, in_stock, in_transit, used, returned, destroyed)
      select * from unnest(${col((r) => r.di)}::text[], ${col((r) => r.lot)}::text[], ${col((r) => r.holderOrgId)}::bigint[], ${col((r) => r.received)}::float8[],
        ${col((r) => r.inStock)}::float8[], ${col((r) => r.inTransit)}::float8[], ${col((r) => r.used)}::float8[], ${col((r) => r.returned)}::float8[],
        ${col((r) => r.destroyed)}::float8[])
      on conflict (di, lot, holder_org_id) do update set received = lot_holdings.received + excluded.received,
        in_stock = lot_holdings.in_stock + excluded.in_stock, in_transit = lot_holdings.in_transit + excluded.in_transit,
        used = lot_holdings.used + excluded.used, returned = lot_holdings.returned + excluded.returned,
        destroyed = lot_holdings.destroyed + excluded.destroyed, updated_at = now()`.execute(db);
    await sql`
      delete from lot_holdings h using unnest(${col((r) => r.di)}::text[], ${col((r) => r.lot)}::text[], ${col((r) => r.holderOrgId)}::bigint[]) as x(di, lot, holder)
      where h.di = x.di and h.lot = x.lot and h.holder_org_id = x.holder
        and h.received = 0 and h.in_stock = 0 and h.in_transit = 0 and h.used = 0 and h.returned = 0 and h.destroyed = 0`.execute(db);
  },
};
