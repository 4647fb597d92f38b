import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * What the demo loader reads back from the captured demo chain to record use records against it:
 * units held by hospitals, use (dispensing) events at hospitals, and shipments with a despatch
 * advice. Only the demo loader calls these; they read the whole database (no scope), as the loader
 * acts for the system.
 */
export const demoSourcesRepository = {
  /** Serialised units of these DIs that a medical institution holds now, in a stable order. */
  async unitsAtInstitutions(db: Kysely<DB>, dis: string[]): Promise<{ di: string; serial: string; organizationId: number }[]> {
    if (dis.length === 0) return [];
    const r = await sql<{ di: string; serial: string; organizationId: number }>`
      select o.di, o.serial, s.holder_org_id as "organizationId"
      from object_state s join epc_objects o on o.object_id = s.object_id join organizations g on g.id = s.holder_org_id
      where o.di in (${sql.join(dis)}) and o.serial is not null and g.type = 'institution' and s.status <> 'destroyed'
      order by o.di, s.holder_org_id, o.serial`.execute(db);
    return r.rows.map((x) => ({ ...x, organizationId: Number(x.organizationId) }));
  },

  /** Use events at institutions with their first object, oldest first. */
  async usesAtInstitutions(db: Kysely<DB>, limit: number) {
    const r = await sql<{ eventId: number; organizationId: number; eventTime: Date; di: string; lot: string | null; serial: string | null; department: string | null; quantity: number | null }>`
      select e.event_id as "eventId", g.id as "organizationId", e.event_time as "eventTime", o.di, o.lot, o.serial,
             coalesce(e.event ->> 'lj:department', e.event ->> 'department') as department, eo.quantity
      from epcis_events e
      join organizations g on g.id = coalesce(e.biz_location_org_id, e.read_point_org_id) and g.type = 'institution'
      join lateral (select object_id, quantity from event_objects where event_id = e.event_id order by object_id limit 1) eo on true
      join epc_objects o on o.object_id = eo.object_id
      where e.biz_step = 'dispensing' and not e.declaration and o.di is not null
      order by e.event_time, e.event_id
      limit ${limit}`.execute(db);
    return r.rows.map((x) => ({ ...x, eventId: Number(x.eventId), organizationId: Number(x.organizationId), quantity: x.quantity === null ? null : Number(x.quantity) }));
  },

  /**
   * Shipments to distributors and institutions that cite a despatch advice (desadv) and whose goods
   * are lots with quantities or serialised units, with their receiving event; oldest first.
   */
  async shipmentsWithDespatchAdvice(db: Kysely<DB>, limit: number) {
    const r = await sql<{ eventId: number; number: string; supplierId: number; buyerId: number; buyerType: string; eventTime: Date; receivingEventId: number | null; receivedAt: Date | null }>`
      select e.event_id as "eventId", split_part(bt ->> 'bizTransaction', ':', 6) as number, e.source_org_ids[1] as "supplierId",
             e.destination_org_ids[1] as "buyerId", g.type as "buyerType", e.event_time as "eventTime", rcv.event_id as "receivingEventId", rcv.event_time as "receivedAt"
      from epcis_events e
      cross join lateral jsonb_array_elements(coalesce(e.event -> 'bizTransactionList', '[]'::jsonb)) bt
      join organizations g on g.id = e.destination_org_ids[1] and g.type in ('distributor', 'institution')
      left join lateral (
        select r.event_id, r.event_time from epcis_events r
        where r.biz_step = 'receiving' and e.destination_org_ids[1] = any (r.involved_org_ids) and r.event_time >= e.event_time
          and r.event -> 'bizTransactionList' @> jsonb_build_array(jsonb_build_object('bizTransaction', bt ->> 'bizTransaction'))
        order by r.event_time limit 1) rcv on true
      where e.biz_step = 'shipping' and e.disposition = 'in_transit' and bt ->> 'type' in ('desadv', 'urn:epcglobal:cbv:btt:desadv')
        and cardinality(e.source_org_ids) > 0 and rcv.event_id is not null
        and not exists (select 1 from event_objects eo join epc_objects o on o.object_id = eo.object_id where eo.event_id = e.event_id and o.di is null)
      order by e.event_time, e.event_id
      limit ${limit}`.execute(db);
    return r.rows.map((x) => ({ ...x, eventId: Number(x.eventId), supplierId: Number(x.supplierId), buyerId: Number(x.buyerId), receivingEventId: x.receivingEventId === null ? null : Number(x.receivingEventId) }));
  },

  /** The goods of an event as delivery-note lines: lots with their quantity, units counted per DI and lot. */
  async linesOf(db: Kysely<DB>, eventId: number) {
    const r = await sql<{ di: string; lot: string | null; quantity: number }>`
      select o.di, o.lot, sum(case when o.serial is null then coalesce(eo.quantity, 0) else 1 end)::int as quantity
      from event_objects eo join epc_objects o on o.object_id = eo.object_id
      where eo.event_id = ${eventId} and o.di is not null
      group by o.di, o.lot order by o.di, o.lot`.execute(db);
    return r.rows.map((x) => ({ ...x, quantity: Number(x.quantity) }));
  },
};
