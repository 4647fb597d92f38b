import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * What the alert engine reads: new facts past its cursors, and the master data a rule needs. The
 * engine is a system process, not a user: these queries are deliberately unscoped (what it raises is
 * scoped when regulators read it).
 */

const BIZSTEP_FORMS = (step: string) => [step, `https://ref.gs1.org/cbv/BizStep-${step}`, `urn:epcglobal:cbv:bizstep:${step}`, `cbv:BizStep-${step}`];
export const bareBizStep = (value: string | null): string | null => (value === null ? null : value.replace(/^(https:\/\/ref\.gs1\.org\/cbv\/BizStep-|urn:epcglobal:cbv:bizstep:|cbv:BizStep-)/, ''));

export interface OrgInfo {
  id: number;
  name: string;
  regionCode: string;
  type: string;
}

export interface EventFacts {
  eventId: number;
  eventTime: Date;
  bizStep: string | null;
  sourceOrgIds: number[];
  destinationOrgIds: number[];
  bizLocationOrgId: number | null;
  readPointOrgId: number | null;
  submittedByOrgId: number | null;
}

const eventColumns = [
  'e.event_id as eventId', 'e.event_time as eventTime', 'e.biz_step as bizStep', 'e.source_org_ids as sourceOrgIds', 'e.destination_org_ids as destinationOrgIds',
  'e.biz_location_org_id as bizLocationOrgId', 'e.read_point_org_id as readPointOrgId', 'e.submitted_by_org_id as submittedByOrgId',
] as const;

export const alertEngineRepository = {
  async cursor(db: Kysely<DB>, name: string): Promise<number> {
    const r = await db.selectFrom('alert_engine_cursors').select('position').where('name', '=', name).executeTakeFirst();
    return Number(r?.position ?? 0);
  },

  /** The cursor row, locked until the batch that moves it commits (created at 0 on first use). */
  async lockCursor(db: Kysely<DB>, name: string): Promise<number> {
    await db.insertInto('alert_engine_cursors').values({ name, position: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const r = await db.selectFrom('alert_engine_cursors').select('position').where('name', '=', name).forUpdate().executeTakeFirstOrThrow();
    return Number(r.position);
  },

  async setCursor(db: Kysely<DB>, name: string, position: number): Promise<void> {
    await db.insertInto('alert_engine_cursors').values({ name, position, updated_at: new Date() })
      .onConflict((oc) => oc.column('name').doUpdateSet({ position, updated_at: new Date() })).execute();
  },

  async violationsAfter(db: Kysely<DB>, after: number, upTo: number, rules: string[], limit: number) {
    const rows = await db
      .selectFrom('event_violations as v')
      .innerJoin('epcis_events as e', 'e.event_id', 'v.event_id')
      .select(['v.id', 'v.rule', 'v.params', 'v.organization_id as organizationId', ...eventColumns])
      .where('v.id', '>', after)
      .where('v.id', '<=', upTo)
      .where('v.rule', 'in', rules)
      .where('e.superseded_by', 'is', null)
      .orderBy('v.id')
      .limit(limit)
      .execute();
    return rows as (EventFacts & { id: number; rule: string; params: Record<string, unknown>; organizationId: number | null })[];
  },

  /** Events with sensor readings in (after, upTo]. */
  async sensorEventsAfter(db: Kysely<DB>, after: number, upTo: number, limit: number): Promise<EventFacts[]> {
    const ids = db.selectFrom('sensor_readings').select('event_id').where('event_id', '>', after).where('event_id', '<=', upTo).distinct();
    return (await db.selectFrom('epcis_events as e').select(eventColumns).where('e.event_id', 'in', ids).orderBy('e.event_id').limit(limit).execute()) as EventFacts[];
  },

  async readings(db: Kysely<DB>, eventIds: number[]) {
    if (!eventIds.length) return [];
    return db.selectFrom('sensor_readings').select(['event_id as eventId', 'time', 'type', 'value', 'min_value as minValue', 'max_value as maxValue', 'uom'])
      .where('event_id', 'in', eventIds).orderBy('event_id').orderBy('reading_index').execute();
  },

  /** Receiving and dispensing events after an event id (expiry, counterfeit checks). */
  async stepEventsAfter(db: Kysely<DB>, after: number, upTo: number, limit: number): Promise<EventFacts[]> {
    return (await db.selectFrom('epcis_events as e').select(eventColumns)
      .where('e.event_id', '>', after)
      .where('e.event_id', '<=', upTo)
      .where('e.biz_step', 'in', [...BIZSTEP_FORMS('receiving'), ...BIZSTEP_FORMS('dispensing')])
      .where('e.superseded_by', 'is', null)
      .orderBy('e.event_id').limit(limit).execute()) as EventFacts[];
  },

  /** The objects of events, with their GS1 identity. */
  async objects(db: Kysely<DB>, eventIds: number[]) {
    if (!eventIds.length) return [];
    return db.selectFrom('event_objects as eo').innerJoin('epc_objects as o', 'o.object_id', 'eo.object_id')
      .select(['eo.event_id as eventId', 'o.object_id as objectId', 'o.kind', 'o.di', 'o.lot', 'o.serial', 'eo.quantity'])
      .where('eo.event_id', 'in', eventIds).where('o.di', 'is not', null).execute();
  },

  /**
   * The objects inside the containers (pallet, carton, nested) that events name, as they were at each
   * event's time (containment intervals), with their GS1 identity: a reading on a pallet-only event
   * concerns the lots inside it.
   */
  async containedObjects(db: Kysely<DB>, eventIds: number[]) {
    if (!eventIds.length) return [];
    const rows = await sql<{ eventId: number; objectId: number; kind: string; di: string | null; lot: string | null; serial: string | null; quantity: number | null }>`
      with recursive carried(event_id, object_id, at, depth) as (
        select eo.event_id, eo.object_id, eo.event_time, 0 from event_objects eo where eo.event_id = any(${eventIds}::bigint[])
        union all
        select k.event_id, c.child_id, k.at, k.depth + 1 from carried k
          join containment c on c.parent_id = k.object_id and c.t_from <= k.at and (c.t_to is null or c.t_to > k.at)
        where k.depth < 8
      )
      select distinct k.event_id as "eventId", o.object_id as "objectId", o.kind, o.di, o.lot, o.serial, null::double precision as quantity
      from carried k join epc_objects o on o.object_id = k.object_id
      where k.depth > 0 and o.di is not null`.execute(db);
    return rows.rows.map((r) => ({ ...r, eventId: Number(r.eventId), objectId: Number(r.objectId) }));
  },

  /** Every sighting of a unit: organisation (where it happened), step and time. */
  async sightings(db: Kysely<DB>, objectId: number) {
    const rows = await db.selectFrom('event_objects as eo').innerJoin('epcis_events as e', 'e.event_id', 'eo.event_id')
      .select(['e.event_id as eventId', 'e.event_time as eventTime', 'e.biz_step as bizStep', sql<number | null>`coalesce(e.biz_location_org_id, e.read_point_org_id)`.as('orgId')])
      .where('eo.object_id', '=', objectId).where('e.superseded_by', 'is', null).orderBy('e.event_time').execute();
    return rows;
  },

  /** Storage range and name of the products of DIs. */
  async products(db: Kysely<DB>, dis: string[]) {
    if (!dis.length) return new Map<string, { name: string; model: string; min: number | null; max: number | null }>();
    const rows = await db.selectFrom('product_dis as d').innerJoin('products as p', 'p.id', 'd.product_id')
      .select(['d.di', 'p.name', 'p.model', 'p.storage_min_c as min', 'p.storage_max_c as max']).where('d.di', 'in', [...new Set(dis)]).execute();
    return new Map(rows.map((r) => [r.di, { name: r.name, model: r.model, min: r.min === null ? null : Number(r.min), max: r.max === null ? null : Number(r.max) }]));
  },

  async organizations(db: Kysely<DB>, ids: number[]): Promise<Map<number, OrgInfo>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await db.selectFrom('organizations').select(['id', 'name', 'region_code as regionCode', 'type']).where('id', 'in', unique).execute();
    return new Map(rows.map((r) => [r.id, r]));
  },

  /** Expiry date of a lot from its production record, when the manufacturer filed one. */
  async lotExpiries(db: Kysely<DB>, lots: { di: string; lot: string }[]): Promise<Map<string, string | null>> {
    if (!lots.length) return new Map();
    const rows = await db.selectFrom('production_batches').select(['product_di as di', 'lot', 'expiry_date as expiryDate'])
      .where((eb) => eb.or(lots.map((l) => eb.and([eb('product_di', '=', l.di), eb('lot', '=', l.lot)])))).execute();
    return new Map(rows.map((r) => [`${r.di}|${r.lot}`, r.expiryDate === null ? null : String(r.expiryDate)]));
  },

  /** Which of these dedup keys have ever raised an alert (open or closed). */
  async raisedDedupKeys(db: Kysely<DB>, keys: string[]): Promise<Set<string>> {
    const rows = await db.selectFrom('alerts').select('dedup_key').where('dedup_key', 'in', keys).execute();
    return new Set(rows.map((r) => r.dedup_key));
  },

  async lotHolding(db: Kysely<DB>, di: string, lot: string, holderOrgId: number) {
    return db.selectFrom('lot_holdings').select(['received', 'used']).where('di', '=', di).where('lot', '=', lot).where('holder_org_id', '=', holderOrgId).executeTakeFirst();
  },

  async lateReportsAfter(db: Kysely<DB>, after: number, upTo: number, limit: number) {
    return db.selectFrom('adverse_event_reports as r').innerJoin('products as p', 'p.id', 'r.product_id')
      .select(['r.id', 'r.report_no as reportNo', 'r.reporter_organization_id as reporterOrganizationId', 'r.region_code as regionCode', 'r.product_di as productDi',
        'p.name as productName', 'r.lot', 'r.serial', 'r.outcome', 'r.deadline', 'r.deadline_rule as deadlineRule', 'r.submitted_at as submittedAt', 'r.late', 'r.late_by_hours as lateByHours'])
      .where('r.id', '>', after).where('r.id', '<=', upTo).orderBy('r.id').limit(limit).execute();
  },

  /**
   * Registrant investigations past their due date with no final filing yet: the due row, the case's
   * initial report, the registrant, and the latest filing (interim) when there is one.
   */
  async overdueInvestigations(db: Kysely<DB>, now: Date, limit: number) {
    return db.selectFrom('adverse_event_investigation_dues as d')
      .innerJoin('adverse_event_reports as r', 'r.id', 'd.report_id')
      .innerJoin('organizations as o', 'o.id', 'r.registrant_organization_id')
      .innerJoin('products as p', 'p.id', 'r.product_id')
      .select((eb) => [
        'd.report_id as reportId', 'd.due_at as dueAt', 'd.rule as dueRule', 'r.report_no as reportNo', 'r.outcome', 'r.cluster', 'r.product_di as productDi', 'r.lot',
        'p.name as productName', 'o.id as registrantId', 'o.name as registrantName', 'o.region_code as registrantRegionCode',
        eb.selectFrom('adverse_event_investigations as l').select('l.filed_at').whereRef('l.report_id', '=', 'd.report_id').orderBy('l.id', 'desc').limit(1).as('lastFiledAt'),
        eb.selectFrom('adverse_event_investigations as l').select('l.status').whereRef('l.report_id', '=', 'd.report_id').orderBy('l.id', 'desc').limit(1).as('lastStatus'),
      ])
      .where('d.due_at', '<', now)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('adverse_event_investigations as f').select('f.id').whereRef('f.report_id', '=', 'd.report_id').where('f.status', '=', 'final'))))
      .orderBy('d.due_at').limit(limit).execute();
  },

  async qualityFlagsAfter(db: Kysely<DB>, after: number, upTo: number, limit: number) {
    return db.selectFrom('quality_flags').select(['id', 'rule', 'subject_type as subjectType', 'subject_key as subjectKey', 'organization_id as organizationId', 'region_code as regionCode', 'params', 'detected_at as detectedAt'])
      .where('id', '>', after).where('id', '<=', upTo).orderBy('id').limit(limit).execute();
  },

  /**
   * Shipments still in transit after the cut-off: per (shipper, receiver, DI, lot), the oldest
   * shipping time and the quantity (units in transit, or the lot quantity in transit).
   */
  async inTransitSince(db: Kysely<DB>, cutoff: Date, limit: number) {
    return db.selectFrom('object_state as s')
      .select(['s.holder_org_id as shipperId', 's.destination_org_id as receiverId', 's.di', 's.lot', sql<Date>`min(s.last_event_time)`.as('shippedAt'), sql<number>`count(*)`.as('units')])
      .where('s.in_transit', '=', true)
      .where('s.last_event_time', '<', cutoff)
      .where('s.di', 'is not', null)
      .where('s.kind', '=', 'sgtin')
      .groupBy(['s.holder_org_id', 's.destination_org_id', 's.di', 's.lot'])
      .orderBy(sql`min(s.last_event_time)`)
      .limit(limit)
      .execute();
  },

  /** Lot quantities in transit from a holder that have not moved since the cut-off. */
  async lotsInTransitSince(db: Kysely<DB>, cutoff: Date, limit: number) {
    return db.selectFrom('lot_holdings').select(['holder_org_id as shipperId', 'di', 'lot', 'in_transit as quantity', 'updated_at as since'])
      .where('in_transit', '>', 0).where('updated_at', '<', cutoff).orderBy('updated_at').limit(limit).execute();
  },
};
