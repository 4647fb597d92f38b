import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The EPCIS events a record links to (distribution documents, acceptances, uses, disposals): records
 * point at the event store rather than copying it, so a use captured as an event and recorded as a
 * use is one fact seen twice, not two facts.
 */

export interface EventRef {
  eventId: number;
  bizStep: string | null;
  eventTime: Date;
  involvedOrgIds: number[];
}

/** An event that cites a document, with the parties on either side of the movement. */
export interface DocumentEventRef extends EventRef {
  shipperOrgId: number | null;
  receiverOrgId: number | null;
}

const toRef = (r: { eventId: number | string; bizStep: string | null; eventTime: Date; involvedOrgIds: (number | string)[] | null }): EventRef =>
  ({ eventId: Number(r.eventId), bizStep: r.bizStep, eventTime: r.eventTime, involvedOrgIds: (r.involvedOrgIds ?? []).map(Number) });

export const recordEventsRepository = {
  /** The event with this id, unless an error declaration withdrew it. */
  async findById(db: Kysely<DB>, eventId: number): Promise<EventRef | undefined> {
    const r = await sql<{ eventId: number; bizStep: string | null; eventTime: Date; involvedOrgIds: number[] }>`
      select event_id as "eventId", biz_step as "bizStep", event_time as "eventTime", involved_org_ids as "involvedOrgIds"
      from epcis_events where event_id = ${eventId} and not declaration and error_declaration_time is null`.execute(db);
    return r.rows[0] && toRef(r.rows[0]);
  },

  /**
   * Shipping and receiving events that cite a document number in their bizTransactionList
   * (`urn:epcglobal:cbv:bt:{gln}:{number}`) and involve one of the organisations; oldest first. Each
   * says who shipped and who received (CBV source / destination, else where it happened, else the
   * submitter), so the caller can tell one party's event from the other's.
   */
  async byDocumentNumber(db: Kysely<DB>, number: string, organizationIds: number[]): Promise<DocumentEventRef[]> {
    const suffix = `:${encodeURIComponent(number)}`;
    const r = await sql<{ eventId: number; bizStep: string | null; eventTime: Date; involvedOrgIds: number[]; shipperOrgId: number | null; receiverOrgId: number | null }>`
      select e.event_id as "eventId", e.biz_step as "bizStep", e.event_time as "eventTime", e.involved_org_ids as "involvedOrgIds",
             coalesce(e.source_org_ids[1], e.biz_location_org_id, e.read_point_org_id, e.submitted_by_org_id) as "shipperOrgId",
             coalesce(e.destination_org_ids[1], e.biz_location_org_id, e.read_point_org_id, e.submitted_by_org_id) as "receiverOrgId"
      from epcis_events e
      where e.involved_org_ids && ${sql.val(organizationIds)}::bigint[]
        and e.biz_step in ('shipping', 'receiving') and not e.declaration and e.error_declaration_time is null
        and exists (select 1 from jsonb_array_elements(coalesce(e.event -> 'bizTransactionList', '[]'::jsonb)) bt
                    where right(bt ->> 'bizTransaction', ${suffix.length}) = ${suffix})
      order by e.event_time, e.event_id
      limit 20`.execute(db);
    const org = (id: number | string | null) => (id === null ? null : Number(id));
    return r.rows.map((x) => ({ ...toRef(x), shipperOrgId: org(x.shipperOrgId), receiverOrgId: org(x.receiverOrgId) }));
  },

  /** True when the event names the device (a unit by serial, or anything of the lot). */
  async eventConcerns(db: Kysely<DB>, eventId: number, d: { di: string; lot: string | null; serial: string | null }): Promise<boolean> {
    if (d.lot === null && d.serial === null) return false;
    const r = await sql<{ n: number }>`
      select count(*)::int as n from event_objects eo join epc_objects o on o.object_id = eo.object_id
      where eo.event_id = ${eventId} and o.di = ${d.di}
        and ${d.serial === null ? sql`o.lot = ${d.lot}` : sql`o.serial = ${d.serial}`}`.execute(db);
    return Number(r.rows[0]?.n ?? 0) > 0;
  },

  /**
   * The organisation's event of this business step that names the unit (by serial) or lot on the
   * given Shanghai day, to link a use or disposal recorded without an event id; newest first.
   */
  async findForDevice(db: Kysely<DB>, m: { organizationId: number; bizStep: string; di: string; lot: string | null; serial: string | null; on: string }): Promise<number | undefined> {
    if (m.lot === null && m.serial === null) return undefined;
    const r = await sql<{ eventId: number }>`
      select e.event_id as "eventId"
      from epc_objects o
      join event_objects eo on eo.object_id = o.object_id
      join epcis_events e on e.event_id = eo.event_id
      where o.di = ${m.di}
        and ${m.serial === null ? sql`o.lot = ${m.lot}` : sql`o.serial = ${m.serial}`}
        and e.biz_step = ${m.bizStep} and ${m.organizationId}::bigint = any (e.involved_org_ids)
        and not e.declaration and e.error_declaration_time is null
        and (e.event_time at time zone 'Asia/Shanghai')::date = ${m.on}::date
      order by e.event_time desc, e.event_id desc
      limit 1`.execute(db);
    return r.rows[0] ? Number(r.rows[0].eventId) : undefined;
  },
};
