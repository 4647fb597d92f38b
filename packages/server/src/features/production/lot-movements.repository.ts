import { sql, type Kysely } from 'kysely';
import { readIntArray } from '../../db/array-literal.ts';
import type { DB } from '../../db/schema.ts';
import { LIVE } from '../trace/projection.repository.ts';

export interface LotMovementRow {
  eventId: number;
  eventTime: Date;
  bizStep: string | null;
  disposition: string | null;
  sourceOrgIds: number[];
  destinationOrgIds: number[];
  /** Lot-level quantity (quantityList) or the number of the lot's serialised units the event moved. */
  quantity: number;
  /** 'lot' for quantity events on the lot's class, 'units' for custody transfers of its serialised units. */
  via: 'lot' | 'units';
  /** For serialised units: the custody projection's kind (ship / receive / return). */
  custodyKind: string | null;
}


/**
 * Events that moved a lot between organisations, read from the event store and the trace
 * projections (issue 3): the lot's class-level events (quantityList, e.g. masks) and the custody
 * transfers of its serialised units (e.g. hip implants, whose cartons and cases carried them).
 * Used by the "shipped before release" rule and by the lot dossier's custody section.
 */
export const lotMovementsRepository = {
  async movements(db: Kysely<DB>, di: string, lot: string, limit = 500): Promise<LotMovementRow[]> {
    const r = await sql<Record<string, unknown>>`
      (select e.event_id, e.event_time, e.biz_step, e.disposition, e.source_org_ids, e.destination_org_ids,
          coalesce(sum(eo.quantity), 0) as quantity, 'lot' as via, null as custody_kind
        from epc_objects o
        join event_objects eo on eo.object_id = o.object_id
        join epcis_events e on e.event_id = eo.event_id
        where o.di = ${di} and o.lot = ${lot} and o.kind = 'lgtin' and ${LIVE}
        group by e.event_id)
      union all
      (select e.event_id, e.event_time, e.biz_step, e.disposition, e.source_org_ids, e.destination_org_ids,
          count(*) as quantity, 'units' as via, min(ct.kind) as custody_kind
        from epc_objects o
        join custody_transfers ct on ct.object_id = o.object_id
        join epcis_events e on e.event_id = ct.event_id
        where o.di = ${di} and o.lot = ${lot} and o.kind = 'sgtin'
        group by e.event_id)
      order by 2, 1
      limit ${limit}`.execute(db);
    return r.rows.map((x) => ({
      eventId: Number(x.event_id), eventTime: new Date(x.event_time as string), bizStep: x.biz_step as string | null, disposition: x.disposition as string | null,
      sourceOrgIds: readIntArray(x.source_org_ids), destinationOrgIds: readIntArray(x.destination_org_ids), quantity: Number(x.quantity), via: x.via as 'lot' | 'units',
      custodyKind: x.custody_kind as string | null,
    }));
  },
};
