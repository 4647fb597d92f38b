import { sql, type Kysely } from 'kysely';
import { PREPARED } from '../../db/database.ts';
import { readIntArray } from '../../db/array-literal.ts';
import { byName } from '../../db/name-sort.repository.ts';
import type { DB, OrganizationType, RecordStatus } from '../../db/schema.ts';
import { reportsTouchingJson, type TouchingReportRow } from '../adverse-events/adverse-events.repository.ts';
import type { DataScope } from '../auth/data-scope.ts';
import { restrictionsFromJson, restrictionsOfLotJson, type LotRestrictionRow } from '../lot-restrictions/lot-restrictions.repository.ts';
import { ancestorsCte, LIVE } from './projection.repository.ts';

/**
 * Reads for trace and recall scope. The service scopes what it returns step by step (a path
 * crosses organisations and jurisdictions, so the scope cannot be one WHERE clause here); every
 * query is keyed by one object, one lot or an explicit list of lots.
 */

export interface ObjectRow {
  objectId: number;
  kind: string;
  code: string;
  di: string | null;
  lot: string | null;
  serial: string | null;
}

export interface OrgRow {
  id: number;
  gln: string | null;
  name: string;
  regionCode: string;
  type: OrganizationType;
}

export interface StepRow {
  eventId: number;
  eventTime: Date;
  eventType: string;
  action: string | null;
  bizStep: string | null;
  disposition: string | null;
  bizLocation: string | null;
  readPoint: string | null;
  locationOrgId: number | null;
  sourceOrgIds: number[];
  destinationOrgIds: number[];
  involvedOrgIds: number[];
  submitterOrgId: number | null;
  event: Record<string, unknown>;
  /** The container whose event this is (null: the object's own event). */
  viaCode: string | null;
  quantity: number | null;
}

export interface ReadingRow {
  eventId: number;
  time: Date;
  type: string | null;
  value: number | null;
  minValue: number | null;
  maxValue: number | null;
  uom: string | null;
  deviceId: string | null;
}

/** The traced unit's current state (object_state), as the trace shows it. */
export interface StateRow {
  holder_org_id: number | null;
  status: string;
  in_transit: boolean;
  destination_org_id: number | null;
  last_biz_step: string | null;
  disposition: string | null;
  last_event_time: string | Date | null;
}

export interface ProductRow {
  productId: number;
  name: string;
  model: string;
  deviceKind: string;
  storageMinC: number | null;
  storageMaxC: number | null;
  di: string;
  packageLevel: number;
  registrationId: number;
  registrationNumber: string;
  managementClass: 1 | 2 | 3;
  registrationStatus: RecordStatus;
  /** YYYY-MM-DD */
  registrationValidFrom: string;
  registrationValidTo: string | null;
  holderId: number;
}

export interface ContainerRow {
  code: string;
  kind: string;
  level: number;
  from: string | null;
  to: string | null;
}

/** Everything a trace needs about one code, read in one statement (`traceRepository.bundle`). */
export interface TraceBundle {
  object: ObjectRow | null;
  steps: StepRow[];
  readings: ReadingRow[];
  state: StateRow | undefined;
  product: ProductRow | undefined;
  /** The organisations the path, the state and the registration name. */
  orgs: Map<number, OrgRow>;
  containers: ContainerRow[];
  reports: TouchingReportRow[];
  /** Suspensions and recalls of the object's lot (or the fallback lot), in force and lifted, oldest first; unscoped. */
  recalls: LotRestrictionRow[];
}

const json = (v: unknown): Record<string, unknown> => (typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : (v as Record<string, unknown>));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const jsonOf = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const isoOrNull = (v: unknown): string | null => {
  const d = new Date(v as string);
  return Number.isFinite(d.getTime()) ? d.toISOString() : null;
};

function stepOf(x: Record<string, unknown>): StepRow {
  return {
    eventId: Number(x.event_id), eventTime: new Date(x.event_time as string), eventType: x.event_type as string, action: x.action as string | null,
    bizStep: x.biz_step as string | null, disposition: x.disposition as string | null, bizLocation: x.biz_location as string | null,
    readPoint: x.read_point as string | null, locationOrgId: num(x.location_org_id), sourceOrgIds: readIntArray(x.source_org_ids),
    destinationOrgIds: readIntArray(x.destination_org_ids), involvedOrgIds: readIntArray(x.involved_org_ids), submitterOrgId: num(x.submitted_by_org_id),
    event: json(x.event), viaCode: x.via_code as string | null, quantity: num(x.quantity),
  };
}

function readingOf(x: Record<string, unknown>): ReadingRow {
  return {
    eventId: Number(x.event_id), time: new Date(x.time as string), type: x.type as string | null, value: num(x.value), minValue: num(x.min_value),
    maxValue: num(x.max_value), uom: x.uom as string | null, deviceId: x.device_id as string | null,
  };
}

export const traceRepository = {
  /**
   * One round trip for a trace (issue 3: p99 ≤ 20 ms): the first interned object among the candidate
   * codes, its effective path (own events and its containers' while inside), the path's sensor
   * readings, its state and containers, the product and registration of its DI, every organisation
   * these name, and the adverse-event reports about the unit or its lot within `reportScope`, and the lot's suspensions and recalls. With no
   * interned object (a lot named only through its units) `fallback` gives the DI and lot to read.
   * Each part is a json aggregate of a CTE keyed by the one object, so the statement costs what the
   * separate reads cost without their round trips.
   */
  async bundle(db: Kysely<DB>, codes: string[], fallback: { di: string | null; lot: string | null }, reportScope: DataScope): Promise<TraceBundle> {
    const r = await sql<Record<string, unknown>>`${PREPARED}
      with recursive obj as (
        select object_id, kind, code, di, lot, serial from epc_objects where code = any(${codes}::text[])
        order by array_position(${codes}::text[], code::text) limit 1),
      ${ancestorsCte({ select: sql`(select object_id from obj)` })},
      steps as (
        select distinct on (eo.event_id) eo.event_id, eo.quantity, case when a.depth = 0 then null else a.cont end as via
        from anc a
        join event_objects eo on eo.object_id = a.cont and eo.event_time >= a.t_from and eo.event_time <= a.t_to
        order by eo.event_id, a.depth),
      path as (
        select e.event_id, e.event_time, e.event_type, e.action, e.biz_step, e.disposition, e.biz_location, e.read_point,
          coalesce(e.biz_location_org_id, e.read_point_org_id) as location_org_id, e.source_org_ids, e.destination_org_ids, e.involved_org_ids,
          e.submitted_by_org_id, e.event, v.code as via_code, s.quantity
        from steps s join epcis_events e on e.event_id = s.event_id left join epc_objects v on v.object_id = s.via
        where ${LIVE}),
      st as (
        select holder_org_id, status, in_transit, destination_org_id, last_biz_step, disposition, last_event_time
        from object_state where object_id = (select object_id from obj)),
      keys as (
        select di, lot, serial from obj
        union all select ${fallback.di}::text, ${fallback.lot}::text, null::text where not exists (select 1 from obj)),
      prod as (
        select p.id as "productId", p.name, p.model, p.device_kind as "deviceKind", p.storage_min_c as "storageMinC", p.storage_max_c as "storageMaxC",
          d.di, d.package_level as "packageLevel", r.id as "registrationId", r.number as "registrationNumber", r.management_class as "managementClass",
          r.status as "registrationStatus", r.valid_from as "registrationValidFrom", r.valid_to as "registrationValidTo", r.holder_organization_id as "holderId"
        from product_dis d join products p on p.id = d.product_id join registrations r on r.id = p.registration_id
        where d.di = (select di from keys)),
      org_ids as (
        select unnest(p.involved_org_ids || p.source_org_ids || p.destination_org_ids || array[p.location_org_id, p.submitted_by_org_id]) as id from path p
        union select holder_org_id from st union select destination_org_id from st union select "holderId" from prod)
      select
        (select row_to_json(o) from obj o) as object,
        (select coalesce(json_agg(p order by p.event_time, p.event_id), '[]'::json) from path p) as path,
        (select coalesce(json_agg(x order by x.event_id, x.reading_index), '[]'::json) from (
          select event_id, reading_index, time, type, value, min_value, max_value, uom, device_id from sensor_readings
          where event_id = any(array(select event_id from path))) x) as readings,
        (select row_to_json(s) from st s) as state,
        (select row_to_json(d) from prod d) as product,
        (select coalesce(json_agg(json_build_object('id', o.id, 'gln', o.gln, 'name', o.name, 'regionCode', o.region_code, 'type', o.type)), '[]'::json)
          from organizations o where o.id = any(array(select id from org_ids))) as orgs,
        (select coalesce(json_agg(json_build_object('code', o.code, 'kind', o.kind, 'level', a.depth, 'from', a.t_from, 'to', a.t_to) order by a.t_from, a.depth), '[]'::json)
          from anc a join epc_objects o on o.object_id = a.cont where a.depth > 0) as containers,
        ${reportsTouchingJson(reportScope, { di: sql`(select di from keys)`, lot: sql`(select lot from keys)`, serial: sql`(select serial from keys)` })} as reports,
        ${restrictionsOfLotJson({ di: sql`(select di from keys)`, lot: sql`(select lot from keys)` })} as recalls`.execute(db);
    const x = r.rows[0] as Record<string, unknown>;
    const o = jsonOf<{ object_id: number; kind: string; code: string; di: string | null; lot: string | null; serial: string | null } | null>(x.object);
    const orgs = new Map<number, OrgRow>();
    for (const g of jsonOf<OrgRow[]>(x.orgs)) orgs.set(Number(g.id), { ...g, id: Number(g.id) });
    return {
      object: o ? { objectId: Number(o.object_id), kind: o.kind, code: o.code, di: o.di, lot: o.lot, serial: o.serial } : null,
      steps: jsonOf<Record<string, unknown>[]>(x.path).map(stepOf),
      readings: jsonOf<Record<string, unknown>[]>(x.readings).map(readingOf),
      state: jsonOf<StateRow | null>(x.state) ?? undefined,
      product: jsonOf<ProductRow | null>(x.product) ?? undefined,
      orgs,
      containers: jsonOf<{ code: string; kind: string; level: number; from: string; to: string }[]>(x.containers)
        .map((c) => ({ code: c.code, kind: c.kind, level: Number(c.level), from: isoOrNull(c.from), to: isoOrNull(c.to) })),
      reports: jsonOf<TouchingReportRow[]>(x.reports),
      recalls: restrictionsFromJson(x.recalls),
    };
  },

  async product(db: Kysely<DB>, di: string) {
    return db
      .selectFrom('product_dis as d')
      .innerJoin('products as p', 'p.id', 'd.product_id')
      .innerJoin('registrations as r', 'r.id', 'p.registration_id')
      .innerJoin('organizations as h', 'h.id', 'r.holder_organization_id')
      .select([
        'p.id as productId', 'p.name', 'p.model', 'p.device_kind as deviceKind', 'p.storage_min_c as storageMinC', 'p.storage_max_c as storageMaxC',
        'd.di', 'd.package_level as packageLevel', 'r.id as registrationId', 'r.number as registrationNumber', 'r.management_class as managementClass',
        'r.status as registrationStatus', 'r.valid_from as registrationValidFrom', 'r.valid_to as registrationValidTo',
        'h.id as holderId', 'h.name as holderName', 'h.region_code as holderRegionCode',
      ])
      .where('d.di', '=', di)
      .executeTakeFirst();
  },

  /** The object's effective path: its own live events and its containers' while it was inside. */
  async path(db: Kysely<DB>, objectId: number): Promise<StepRow[]> {
    const r = await sql<Record<string, unknown>>`
      with recursive ${ancestorsCte({ ids: [objectId] })},
      steps as (
        select distinct on (eo.event_id) eo.event_id, eo.quantity, case when a.depth = 0 then null else a.cont end as via
        from anc a
        join event_objects eo on eo.object_id = a.cont and eo.event_time >= a.t_from and eo.event_time <= a.t_to
        order by eo.event_id, a.depth)
      select e.event_id, e.event_time, e.event_type, e.action, e.biz_step, e.disposition, e.biz_location, e.read_point,
        coalesce(e.biz_location_org_id, e.read_point_org_id) as location_org_id, e.source_org_ids, e.destination_org_ids, e.involved_org_ids,
        e.submitted_by_org_id, e.event, v.code as via_code, s.quantity
      from steps s join epcis_events e on e.event_id = s.event_id left join epc_objects v on v.object_id = s.via
      where ${LIVE}
      order by e.event_time, e.event_id`.execute(db);
    return r.rows.map(stepOf);
  },

  /** What is inside a container now. */
  async contents(db: Kysely<DB>, objectId: number) {
    const r = await sql<{ code: string; kind: string; t_from: Date }>`
      select o.code, o.kind, c.t_from from containment c join epc_objects o on o.object_id = c.child_id
      where c.parent_id = ${objectId} and c.t_to is null order by o.code`.execute(db);
    return r.rows.map((x) => ({ code: x.code, kind: x.kind, since: new Date(x.t_from).toISOString() }));
  },

  async organizations(db: Kysely<DB>, orgIds: number[]): Promise<Map<number, OrgRow>> {
    const out = new Map<number, OrgRow>();
    if (orgIds.length === 0) return out;
    const rows = await db.selectFrom('organizations').select(['id', 'gln', 'name', 'region_code as regionCode', 'type']).where('id', 'in', [...new Set(orgIds)]).execute();
    for (const r of rows) out.set(Number(r.id), { ...r, id: Number(r.id) });
    return out;
  },

  async lotUnits(db: Kysely<DB>, di: string, lot: string, limit: number) {
    const r = await sql<{ code: string; serial: string | null; holder_org_id: number | null; status: string; in_transit: boolean; last_event_time: Date | null; n: number }>`
      select o.code, o.serial, s.holder_org_id, s.status, s.in_transit, s.last_event_time, count(*) over () ::int as n
      from object_state s join epc_objects o on o.object_id = s.object_id
      where s.di = ${di} and s.lot = ${lot} and s.kind = 'sgtin'
      order by o.code limit ${limit}`.execute(db);
    return r.rows.map((x) => ({
      code: x.code, serial: x.serial, holderOrgId: num(x.holder_org_id), status: x.status, inTransit: x.in_transit,
      lastEventTime: x.last_event_time ? new Date(x.last_event_time).toISOString() : null, total: Number(x.n),
    }));
  },

  /** lot_holdings rows of the lots, with the holder organisation. */
  async lotHoldings(db: Kysely<DB>, lots: { di: string; lot: string }[]) {
    if (lots.length === 0) return [];
    const r = await sql<Record<string, unknown>>`
      select h.di, h.lot, h.holder_org_id, o.gln, o.name, o.region_code, o.type, h.received, h.in_stock, h.in_transit, h.used, h.returned, h.destroyed
      from (select distinct * from unnest(${lots.map((l) => l.di)}::text[], ${lots.map((l) => l.lot)}::text[]) as x(di, lot)) l
      join lot_holdings h on h.di = l.di and h.lot = l.lot
      join organizations o on o.id = h.holder_org_id
      order by o.region_code, ${byName('o')}, h.di, h.lot`.execute(db);
    return r.rows.map((x) => ({
      di: x.di as string, lot: x.lot as string, holderOrgId: Number(x.holder_org_id), gln: x.gln as string | null, name: x.name as string,
      regionCode: x.region_code as string, type: x.type as OrganizationType, received: Number(x.received), inStock: Number(x.in_stock),
      inTransit: Number(x.in_transit), used: Number(x.used), returned: Number(x.returned), destroyed: Number(x.destroyed),
    }));
  },

  /**
   * Lots of a DI whose production (their first commissioning event, as a date in Asia/Shanghai)
   * falls in [from, to]. One commissioning lookup per lot, through one of its objects.
   */
  async lotsProducedBetween(db: Kysely<DB>, di: string, from: string, to: string): Promise<{ di: string; lot: string }[]> {
    const r = await sql<{ di: string; lot: string }>`
      select l.di, l.lot from (select distinct di, lot from lot_holdings where di = ${di}) l
      cross join lateral (
        select min(eo.event_time) as t from epc_objects o
        join event_objects eo on eo.object_id = o.object_id
        join epcis_events e on e.event_id = eo.event_id
        where o.object_id = (select min(object_id) from epc_objects where di = l.di and lot = l.lot)
          and e.biz_step = 'commissioning' and ${LIVE}) c
      where (c.t at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date
      order by l.lot`.execute(db);
    return r.rows;
  },
};
