import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DataScope } from '../auth/data-scope.ts';
import type { StoredRole } from './epcis-identifiers.ts';

export interface EventFilter {
  eventTypes?: string[];
  geEventTime?: string;
  ltEventTime?: string;
  bizSteps?: string[];
  dispositions?: string[];
  bizLocations?: string[];
  /** Each entry: interned codes and the roles they must appear in (all entries must match). */
  objects?: { codes: string[]; roles: readonly StoredRole[] }[];
  afterEventId?: number;
  limit: number;
}

export interface StoredEventRow {
  eventId: number;
  eventHash: string;
  recordTime: Date;
  event: Record<string, unknown>;
  namespaces: Record<string, string>;
}

/**
 * Which events a scope sees: a regulator those whose submitting or involved organisations lie in
 * its jurisdiction, an organisation those it submitted or that name it (`involved_org_ids` holds both).
 */
function eventScope(scope: DataScope): RawBuilder<boolean> {
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'none':
      return sql<boolean>`false`;
    case 'organization':
      return sql<boolean>`e.involved_org_ids @> array[${scope.organizationId}]::bigint[]`;
    case 'region':
      return sql<boolean>`exists (select 1 from organizations so where so.id = any(e.involved_org_ids) and so.region_code like ${`${scope.prefix}%`})`;
  }
}

export const epcisQueryRepository = {
  /** One page of events in capture order (event_id), scoped; `limit` rows at most. */
  async events(db: Kysely<DB>, scope: DataScope, f: EventFilter): Promise<StoredEventRow[]> {
    const where: RawBuilder<boolean>[] = [eventScope(scope)];
    if (f.eventTypes?.length) where.push(sql<boolean>`e.event_type = any(${f.eventTypes}::text[])`);
    if (f.geEventTime) where.push(sql<boolean>`e.event_time >= ${f.geEventTime}::timestamptz`);
    if (f.ltEventTime) where.push(sql<boolean>`e.event_time < ${f.ltEventTime}::timestamptz`);
    if (f.bizSteps?.length) where.push(sql<boolean>`e.biz_step = any(${f.bizSteps}::text[])`);
    if (f.dispositions?.length) where.push(sql<boolean>`e.disposition = any(${f.dispositions}::text[])`);
    if (f.bizLocations?.length) where.push(sql<boolean>`e.biz_location = any(${f.bizLocations}::text[])`);
    for (const o of f.objects ?? []) {
      where.push(sql<boolean>`e.event_id in (
        select eo.event_id from epc_objects ob join event_objects eo on eo.object_id = ob.object_id
        where ob.code = any(${o.codes}::text[]) and eo.role = any(${[...o.roles]}::text[]))`);
    }
    if (f.afterEventId !== undefined) where.push(sql<boolean>`e.event_id > ${f.afterEventId}`);
    const result = await sql<{ event_id: number; event_hash: string; record_time: Date; event: Record<string, unknown> | string; namespaces: Record<string, string> | string }>`
      select e.event_id, e.event_hash, e.record_time, e.event, j.namespaces
      from epcis_events e join capture_jobs j on j.id = e.capture_job_id
      where ${sql.join(where, sql` and `)}
      order by e.event_id
      limit ${f.limit}`.execute(db);
    const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
    return result.rows.map((r) => ({ eventId: Number(r.event_id), eventHash: r.event_hash, recordTime: new Date(r.record_time), event: json(r.event), namespaces: json(r.namespaces) }));
  },
};
