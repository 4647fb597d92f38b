import { sql, type Kysely } from 'kysely';
import type { DB, OrganizationType } from '../../db/schema.ts';
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

const ids = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : typeof v === 'string' ? v.replace(/[{}]/g, '').split(',').filter(Boolean).map(Number) : []);
const json = (v: unknown): Record<string, unknown> => (typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : (v as Record<string, unknown>));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export const traceRepository = {
  /** The first interned object among candidate codes (in the order given). */
  async findObject(db: Kysely<DB>, codes: string[]): Promise<ObjectRow | null> {
    const r = await sql<{ object_id: number; kind: string; code: string; di: string | null; lot: string | null; serial: string | null }>`
      select object_id, kind, code, di, lot, serial from epc_objects where code = any(${codes}::text[])
      order by array_position(${codes}::text[], code::text) limit 1`.execute(db);
    const o = r.rows[0];
    return o ? { objectId: Number(o.object_id), kind: o.kind, code: o.code, di: o.di, lot: o.lot, serial: o.serial } : null;
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

  async state(db: Kysely<DB>, objectId: number) {
    return db.selectFrom('object_state').selectAll().where('object_id', '=', objectId).executeTakeFirst();
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
    return r.rows.map((x) => ({
      eventId: Number(x.event_id), eventTime: new Date(x.event_time as string), eventType: x.event_type as string, action: x.action as string | null,
      bizStep: x.biz_step as string | null, disposition: x.disposition as string | null, bizLocation: x.biz_location as string | null,
      readPoint: x.read_point as string | null, locationOrgId: num(x.location_org_id), sourceOrgIds: ids(x.source_org_ids),
      destinationOrgIds: ids(x.destination_org_ids), involvedOrgIds: ids(x.involved_org_ids), submitterOrgId: num(x.submitted_by_org_id),
      event: json(x.event), viaCode: x.via_code as string | null, quantity: num(x.quantity),
    }));
  },

  async readings(db: Kysely<DB>, eventIds: number[]): Promise<ReadingRow[]> {
    if (eventIds.length === 0) return [];
    const r = await sql<Record<string, unknown>>`
      select event_id, time, type, value, min_value, max_value, uom, device_id from sensor_readings
      where event_id = any(${eventIds}::bigint[]) order by event_id, reading_index`.execute(db);
    return r.rows.map((x) => ({
      eventId: Number(x.event_id), time: new Date(x.time as string), type: x.type as string | null, value: num(x.value), minValue: num(x.min_value),
      maxValue: num(x.max_value), uom: x.uom as string | null, deviceId: x.device_id as string | null,
    }));
  },

  /** Containers the object was inside (any level), with the window it was inside each. */
  async containers(db: Kysely<DB>, objectId: number) {
    const r = await sql<{ code: string; kind: string; t_from: Date; t_to: Date; depth: number }>`
      with recursive ${ancestorsCte({ ids: [objectId] })}
      select o.code, o.kind, a.t_from, a.t_to, a.depth from anc a join epc_objects o on o.object_id = a.cont
      where a.depth > 0 order by a.t_from, a.depth`.execute(db);
    const time = (d: Date) => (Number.isFinite(new Date(d).getTime()) ? new Date(d).toISOString() : null);
    return r.rows.map((x) => ({ code: x.code, kind: x.kind, level: Number(x.depth), from: time(x.t_from), to: time(x.t_to) }));
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
      order by o.region_code, o.name, h.di, h.lot`.execute(db);
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
