import { normaliseCbv, STANDARD_NAMESPACES } from '@lianjian/core/epcis/index';
import type { AppDeps } from '../../app-context.ts';
import { AppError } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { CLASS_ROLES, INSTANCE_ROLES, objectIdentity, type StoredRole } from './epcis-identifiers.ts';
import { epcisQueryRepository, type EventFilter } from './epcis-query.repository.ts';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

export interface EventQuery {
  eventType?: string[];
  GE_eventTime?: string;
  LT_eventTime?: string;
  EQ_bizStep?: string[];
  EQ_disposition?: string[];
  EQ_bizLocation?: string[];
  MATCH_epc?: string[];
  MATCH_anyEPC?: string[];
  MATCH_epcClass?: string[];
  /** Internal: the object in any role, instance or class (not an EPCIS parameter). */
  anyRole?: string[];
  perPage: number;
  nextPageToken?: string;
}

export interface QueryPage {
  document: Record<string, unknown>;
  nextPageToken: string | null;
}

/** The page token is opaque to clients: base64url of the last event id seen. */
export function encodePageToken(afterEventId: number): string {
  return Buffer.from(JSON.stringify({ a: afterEventId })).toString('base64url');
}

export function decodePageToken(token: string): number {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { a?: unknown };
    if (typeof v.a === 'number' && Number.isInteger(v.a) && v.a >= 0) return v.a;
  } catch {
    // fall through to the problem below
  }
  throw new AppError(400, 'epcis.query.invalid_token', {});
}

// MATCH_epc: the objects an event is about; MATCH_anyEPC adds parents, inputs and outputs (EPCIS 2.0 §8.2.7.1).
const EPC_ROLES: readonly StoredRole[] = ['epc', 'child'];

/** EPCIS 2.0 SimpleEventQuery over the stored events, scoped to the caller, as an EPCISQueryDocument. */
export class EpcisQueryService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async events(ctx: RequestContext, q: EventQuery): Promise<QueryPage> {
    requirePermission(ctx.actor, 'epcis.read');
    const codes = (list: string[]) => list.map((c) => objectIdentity(c).code);
    const objects: NonNullable<EventFilter['objects']> = [];
    if (q.MATCH_epc?.length) objects.push({ codes: codes(q.MATCH_epc), roles: EPC_ROLES });
    if (q.MATCH_anyEPC?.length) objects.push({ codes: codes(q.MATCH_anyEPC), roles: INSTANCE_ROLES });
    if (q.MATCH_epcClass?.length) objects.push({ codes: codes(q.MATCH_epcClass), roles: CLASS_ROLES });
    if (q.anyRole?.length) objects.push({ codes: codes(q.anyRole), roles: [...INSTANCE_ROLES, ...CLASS_ROLES] });
    const filter: EventFilter = {
      limit: q.perPage + 1,
      ...(q.eventType?.length && { eventTypes: q.eventType }),
      ...(q.GE_eventTime && { geEventTime: q.GE_eventTime }),
      ...(q.LT_eventTime && { ltEventTime: q.LT_eventTime }),
      ...(q.EQ_bizStep?.length && { bizSteps: q.EQ_bizStep.map((v) => normaliseCbv('bizStep', v)) }),
      ...(q.EQ_disposition?.length && { dispositions: q.EQ_disposition.map((v) => normaliseCbv('disposition', v)) }),
      ...(q.EQ_bizLocation?.length && { bizLocations: q.EQ_bizLocation }),
      ...(objects.length && { objects }),
      ...(q.nextPageToken && { afterEventId: decodePageToken(q.nextPageToken) }),
    };
    const rows = await epcisQueryRepository.events(this.#deps.db, businessScope(ctx.actor), filter);
    const page = rows.slice(0, q.perPage);
    const last = page.at(-1);
    const nextPageToken = rows.length > q.perPage && last ? encodePageToken(last.eventId) : null;
    const namespaces: Record<string, string> = {};
    for (const r of page) {
      for (const [prefix, uri] of Object.entries(r.namespaces)) if (!(prefix in STANDARD_NAMESPACES) && !(prefix in namespaces)) namespaces[prefix] = uri;
    }
    const eventList = page.map((r) => ({ ...r.event, eventID: (r.event.eventID as string | undefined) ?? r.eventHash, recordTime: r.recordTime.toISOString() }));
    return {
      nextPageToken,
      document: {
        '@context': Object.keys(namespaces).length ? [EPCIS_CONTEXT, namespaces] : [EPCIS_CONTEXT],
        type: 'EPCISQueryDocument',
        schemaVersion: '2.0',
        creationDate: new Date().toISOString(),
        epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList } } },
      },
    };
  }

  /** Every event naming one EPC (any role, instance or class), e.g. `/epcis/epcs/{epc}/events`. */
  async eventsOfEpc(ctx: RequestContext, epc: string, q: Pick<EventQuery, 'perPage' | 'nextPageToken'>): Promise<QueryPage> {
    if (!epc.trim()) throw new AppError(400, 'epcis.query.invalid_epc', { value: epc });
    return this.events(ctx, { ...q, anyRole: [epc] });
  }
}
