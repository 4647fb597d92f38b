import { sql, type Kysely } from 'kysely';
import { bareTextArray, boolArray, floatArray, intArray, jsonArray, textArray } from '../../db/array-literal.ts';
import type { DB } from '../../db/schema.ts';
import type { ObjectIdentity, StoredRole } from './epcis-identifiers.ts';

/**
 * SQL of the event store. Writes are set-based: each statement sends whole columns as arrays and
 * inserts with `unnest`, so a 1,000-event document costs a handful of round trips, not thousands
 * (PERFORMANCE.md). Arrays of arrays (an event's organisations) travel as array literals.
 */

export interface NewEvent {
  hash: string;
  declaration: boolean;
  uri: string | null;
  type: string;
  eventTime: string;
  timeZoneOffset: string;
  action: string | null;
  bizStep: string | null;
  disposition: string | null;
  readPoint: string | null;
  bizLocation: string | null;
  readPointOrgId: number | null;
  bizLocationOrgId: number | null;
  sourceOrgIds: number[];
  destinationOrgIds: number[];
  involvedOrgIds: number[];
  submittedByOrgId: number | null;
  /** The event as JSON text (EPCIS 2.0 JSON binding). */
  json: string;
  errorDeclarationTime: string | null;
  errorReason: string | null;
}

/**
 * The (event, object) rows of a capture as columns, one entry per row: a document has tens of
 * thousands of them, and columns are what the insert sends, so no object is made per row.
 */
export interface EventObjectColumns {
  eventIds: number[];
  objectIds: number[];
  eventTimes: string[];
  roles: StoredRole[];
  quantities: (number | null)[];
  uoms: (string | null)[];
}

export interface NewReading {
  eventId: number;
  index: number;
  time: string;
  type: string | null;
  value: number | null;
  minValue: number | null;
  maxValue: number | null;
  meanValue: number | null;
  stringValue: string | null;
  booleanValue: boolean | null;
  uom: string | null;
  deviceId: string | null;
  exception: string | null;
}

export interface NewViolation {
  eventId: number;
  eventTime: string;
  rule: string;
  path: string;
  params: Record<string, unknown>;
  organizationId: number | null;
}

const arrayLiteral = (ids: number[]) => `{${ids.join(',')}}`;

export const eventStoreRepository = {
  /** Inserts events not stored yet; returns the ids of those inserted (the others were duplicates). */
  async insertEvents(db: Kysely<DB>, jobId: string, events: NewEvent[]): Promise<{ eventId: number; hash: string; declaration: boolean }[]> {
    if (events.length === 0) return [];
    const col = <T>(f: (e: NewEvent) => T) => events.map(f);
    const result = await sql<{ event_id: number; event_hash: string; declaration: boolean }>`
      insert into epcis_events (event_hash, declaration, event_uri, event_type, event_time, event_time_zone_offset, action, biz_step,
        disposition, read_point, biz_location, read_point_org_id, biz_location_org_id, source_org_ids, destination_org_ids,
        involved_org_ids, submitted_by_org_id, capture_job_id, event, error_declaration_time, error_reason)
      select h, d, u, t, et::timestamptz, tz, a, bs, dp, rp, bl, rpo, blo, so::bigint[], dso::bigint[], io::bigint[], sub, ${jobId}::uuid, ev, edt::timestamptz, er
      -- The events' JSON travels as one JSON array, not as a text[] element each: quoting every
      -- double quote of a megabyte of JSON for the array literal (and PostgreSQL undoing it) cost
      -- more than parsing the JSON itself. ROWS FROM zips the array's elements with the columns.
      from rows from (unnest(${textArray(col((e) => e.hash))}::text[], ${boolArray(col((e) => e.declaration))}::boolean[], ${textArray(col((e) => e.uri))}::text[], ${textArray(col((e) => e.type))}::text[],
        ${textArray(col((e) => e.eventTime))}::text[], ${textArray(col((e) => e.timeZoneOffset))}::text[], ${textArray(col((e) => e.action))}::text[], ${textArray(col((e) => e.bizStep))}::text[],
        ${textArray(col((e) => e.disposition))}::text[], ${textArray(col((e) => e.readPoint))}::text[], ${textArray(col((e) => e.bizLocation))}::text[],
        ${intArray(col((e) => e.readPointOrgId))}::bigint[], ${intArray(col((e) => e.bizLocationOrgId))}::bigint[], ${textArray(col((e) => arrayLiteral(e.sourceOrgIds)))}::text[],
        ${textArray(col((e) => arrayLiteral(e.destinationOrgIds)))}::text[], ${textArray(col((e) => arrayLiteral(e.involvedOrgIds)))}::text[], ${intArray(col((e) => e.submittedByOrgId))}::bigint[],
        ${textArray(col((e) => e.errorDeclarationTime))}::text[], ${textArray(col((e) => e.errorReason))}::text[]),
        jsonb_array_elements(${jsonArray(col((e) => e.json))}::jsonb))
        as x(h, d, u, t, et, tz, a, bs, dp, rp, bl, rpo, blo, so, dso, io, sub, edt, er, ev)
      on conflict (event_hash, declaration) do nothing
      returning event_id, event_hash, declaration`.execute(db);
    return result.rows.map((r) => ({ eventId: Number(r.event_id), hash: r.event_hash, declaration: r.declaration }));
  },

  /** Stored events by hash (to name the earlier copy of a duplicate). */
  async findByHashes(db: Kysely<DB>, hashes: string[]): Promise<{ eventId: number; hash: string; declaration: boolean }[]> {
    if (hashes.length === 0) return [];
    return db
      .selectFrom('epcis_events')
      .select(['event_id as eventId', 'event_hash as hash', 'declaration'])
      .where(sql<boolean>`event_hash = any(${hashes}::text[])`)
      .execute();
  },

  /** Interns identifiers; returns code → object_id for all of them and the ids interned just now. */
  async internObjects(db: Kysely<DB>, objects: ObjectIdentity[]): Promise<{ ids: Map<string, number>; created: Set<number> }> {
    const ids = new Map<string, number>();
    const created = new Set<number>();
    if (objects.length === 0) return { ids, created };
    const col = <T>(f: (o: ObjectIdentity) => T) => objects.map(f);
    // Sorted codes take row locks in one order, so concurrent captures of overlapping objects cannot deadlock.
    objects.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const inserted = await sql<{ object_id: number; code: string }>`
      insert into epc_objects (kind, code, di, lot, serial)
      select * from unnest(${textArray(col((o) => o.kind))}::text[], ${textArray(col((o) => o.code))}::text[], ${textArray(col((o) => o.di))}::text[], ${textArray(col((o) => o.lot))}::text[], ${textArray(col((o) => o.serial))}::text[])
      on conflict (code) do nothing
      returning object_id, code`.execute(db);
    for (const r of inserted.rows) {
      ids.set(r.code, Number(r.object_id));
      created.add(Number(r.object_id));
    }
    const rest = objects.filter((o) => !ids.has(o.code)).map((o) => o.code);
    if (rest.length > 0) {
      const rows = await sql<{ object_id: number; code: string }>`select object_id, code from epc_objects where code = any(${rest}::text[])`.execute(db);
      for (const r of rows.rows) ids.set(r.code, Number(r.object_id));
    }
    return { ids, created };
  },

  async insertEventObjects(db: Kysely<DB>, rows: EventObjectColumns): Promise<void> {
    if (rows.eventIds.length === 0) return;
    await sql`
      insert into event_objects (event_id, object_id, event_time, role, quantity, uom)
      select e, o, t::timestamptz, r, q, u
      from unnest(${intArray(rows.eventIds)}::bigint[], ${intArray(rows.objectIds)}::bigint[], ${textArray(rows.eventTimes)}::text[], ${bareTextArray(rows.roles)}::text[],
        ${floatArray(rows.quantities)}::float8[], ${textArray(rows.uoms)}::text[]) as x(e, o, t, r, q, u)`.execute(db);
  },

  async insertReadings(db: Kysely<DB>, rows: NewReading[]): Promise<void> {
    if (rows.length === 0) return;
    const col = <T>(f: (o: NewReading) => T) => rows.map(f);
    await sql`
      insert into sensor_readings (event_id, reading_index, time, type, value, min_value, max_value, mean_value, string_value, boolean_value, uom, device_id, exception)
      select e, i, t::timestamptz, ty, v, mi, ma, me, sv, bv, u, d, ex
      from unnest(${col((r) => r.eventId)}::bigint[], ${col((r) => r.index)}::int[], ${col((r) => r.time)}::text[], ${col((r) => r.type)}::text[],
        ${col((r) => r.value)}::float8[], ${col((r) => r.minValue)}::float8[], ${col((r) => r.maxValue)}::float8[], ${col((r) => r.meanValue)}::float8[],
        ${col((r) => r.stringValue)}::text[], ${col((r) => r.booleanValue)}::boolean[], ${col((r) => r.uom)}::text[], ${col((r) => r.deviceId)}::text[],
        ${col((r) => r.exception)}::text[]) as x(e, i, t, ty, v, mi, ma, me, sv, bv, u, d, ex)`.execute(db);
  },

  async insertViolations(db: Kysely<DB>, rows: NewViolation[]): Promise<void> {
    if (rows.length === 0) return;
    const col = <T>(f: (o: NewViolation) => T) => rows.map(f);
    await sql`
      insert into event_violations (event_id, event_time, rule, path, params, organization_id)
      select e, t::timestamptz, r, p, pa::jsonb, o
      from unnest(${col((r) => r.eventId)}::bigint[], ${col((r) => r.eventTime)}::text[], ${col((r) => r.rule)}::text[], ${col((r) => r.path)}::text[],
        ${col((r) => JSON.stringify(r.params))}::text[], ${col((r) => r.organizationId)}::bigint[]) as x(e, t, r, p, pa, o)`.execute(db);
  },

  /**
   * Links error declarations and the events they declare erroneous (same event hash), in whichever
   * order they arrive, and records the corrective event ids the declarations name.
   */
  async linkErrorDeclarations(db: Kysely<DB>, jobId: string, corrections: { declarationEventId: number; correctiveUri: string }[]): Promise<void> {
    await sql`
      update epcis_events o set superseded_by = m.declaration_id
      from (
        -- Two index paths instead of one OR across both sides (which scanned every declaration: 210 ms
        -- per document at 5 million events, 4 ms this way). At most one declaration per hash (unique key).
        select t.event_id as target, d.event_id as declaration_id
        from epcis_events d join epcis_events t on t.event_hash = d.event_hash and not t.declaration
        where d.capture_job_id = ${jobId}::uuid and d.declaration
        union
        select t.event_id, d.event_id
        from epcis_events t join epcis_events d on d.event_hash = t.event_hash and d.declaration
        where t.capture_job_id = ${jobId}::uuid and not t.declaration) m
      where o.event_id = m.target and o.superseded_by is null`.execute(db);
    if (corrections.length > 0) {
      await sql`
        insert into epcis_corrections (declaration_event_id, corrective_event_uri)
        select * from unnest(${corrections.map((c) => c.declarationEventId)}::bigint[], ${corrections.map((c) => c.correctiveUri)}::text[])
        on conflict do nothing`.execute(db);
    }
    await sql`
      update epcis_corrections c set corrective_event_id = e.event_id
      from epcis_events e
      where c.corrective_event_id is null and e.event_uri = c.corrective_event_uri and not e.declaration`.execute(db);
  },
};
