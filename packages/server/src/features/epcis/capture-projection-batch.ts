import type { AppendBatch, AppendEvent } from '../trace/projection-append.ts';
import type { EventAnalysis } from './capture-rules.ts';
import type { NewEvent } from './event-store.repository.ts';

/** Digits beyond the millisecond that are not zero (`…:00.1234Z`): JS dates cannot order those. */
const SUB_MILLISECOND = /\.\d{3}\d*[1-9]/;

/**
 * What the projections' append path needs from a captured document, from what capture already
 * holds in memory (so nothing is read back from the event store).
 */
export function appendBatch(stored: { eventId: number; row: NewEvent; analysis: EventAnalysis }[], objectIds: Map<string, number>, created: Set<number>): AppendBatch {
  const identities: AppendBatch['identities'] = new Map();
  let declarations = false;
  let subMillisecond = false;
  const events = stored.map(({ eventId, row, analysis }): AppendEvent => {
    if (row.declaration) declarations = true;
    if (SUB_MILLISECOND.test(row.eventTime)) subMillisecond = true;
    return {
      eventId, eventTime: new Date(row.eventTime), type: row.type, action: row.action, bizStep: row.bizStep, disposition: row.disposition, bizLocation: row.bizLocation,
      locationOrgId: row.bizLocationOrgId ?? row.readPointOrgId, sourceOrgId: row.sourceOrgIds[0] ?? null, destinationOrgId: row.destinationOrgIds[0] ?? null,
      submitterOrgId: row.submittedByOrgId, quantity: null,
      objects: analysis.objects.map((o) => {
        const objectId = objectIds.get(o.identity.code) as number;
        identities.set(objectId, { kind: o.identity.kind, di: o.identity.di, lot: o.identity.lot });
        return { objectId, role: o.role };
      }),
    };
  });
  return { events, identities, newObjectIds: created, declarations, subMillisecond };
}
