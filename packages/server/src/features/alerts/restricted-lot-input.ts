import { restrictedLotMoving, RESTRICTED_MOVING_STEPS } from '@lianjian/core/rules/compliance/index';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { lotRestrictionsRepository, type LotEventRow, type LotRestrictionRow } from '../lot-restrictions/lot-restrictions.repository.ts';
import type { AlertCandidate } from './alert-candidate.ts';
import { alertEngineRepository, bareBizStep } from './alert-engine.repository.ts';

/**
 * The alert engine's inputs for "a suspended or recalled lot moving on" (rule.restricted_lot_moving).
 * Two cursors, so the order in which a restriction and a movement commit does not matter: new
 * events are checked against the restrictions their lots have (`events`), and a new restriction is
 * checked once against the lot's events already captured since it started (`restrictions`). Either
 * way the alert is keyed per restriction and moving holder: one alert per holder that moved the
 * lot, however many units or events (a repeat only counts another occurrence).
 */

const STEP_FORMS = RESTRICTED_MOVING_STEPS.flatMap((step) => [step, `https://ref.gs1.org/cbv/BizStep-${step}`, `urn:epcglobal:cbv:bizstep:${step}`, `cbv:BizStep-${step}`]);

/** The engine input (cursor name) over new events on restricted lots. */
export const RESTRICTED_EVENTS_INPUT = 'restricted_lot_events';

/** Events a restriction recorded after the fact checks at most (oldest first). */
const BACKLOG_LIMIT = 5000;

const bareDisposition = (value: string | null): string | null => (value === null ? null : value.replace(/^(https:\/\/ref\.gs1\.org\/cbv\/Disp-|urn:epcglobal:cbv:disp:|cbv:Disp-)/, ''));

type EventRow = Omit<LotEventRow, 'di' | 'lot'>;

/** The holder whose move it is: the shipper for a shipment, the receiver for a receipt, else where it happened. */
function mover(e: EventRow, step: string): number | null {
  const place = e.bizLocationOrgId ?? e.readPointOrgId ?? e.submittedByOrgId;
  if (step === 'shipping') return e.sourceOrgIds[0] ?? place;
  if (step === 'receiving') return e.destinationOrgIds[0] ?? place;
  return place;
}

async function candidatesFor(db: Kysely<DB>, pairs: { event: EventRow; restriction: LotRestrictionRow }[]): Promise<AlertCandidate[]> {
  const movers = pairs.map(({ event }) => mover(event, bareBizStep(event.bizStep) ?? ''));
  const orgs = await alertEngineRepository.organizations(db, movers.filter((m): m is number => m !== null));
  const candidates: AlertCandidate[] = [];
  pairs.forEach(({ event: e, restriction: r }, i) => {
    const step = bareBizStep(e.bizStep);
    const org = orgs.get(movers[i] ?? -1);
    if (!org) return;
    // Flowing back to the registrant is what a recall asks for (a shipment addressed to it, or its own receipt).
    const toRegistrant = r.registrantOrgId !== null && (step === 'receiving' ? org.id === r.registrantOrgId : e.destinationOrgIds.includes(r.registrantOrgId));
    const hit = restrictedLotMoving(
      { kind: r.kind, recallLevel: r.recallLevel, startedAt: r.startedAt.toISOString(), liftedAt: r.liftedAt?.toISOString() ?? null },
      { bizStep: step, disposition: bareDisposition(e.disposition), eventTime: e.eventTime.toISOString(), toRegistrant },
    );
    if (!hit) return;
    const name = r.productName ? `${r.productName} ${r.productModel ?? ''}`.trim() : r.di;
    candidates.push({
      source: hit.rule, grade: hit.grade, department: hit.department, regionCode: org.regionCode, occurredAt: e.eventTime,
      subject: { type: 'lot', key: `${r.di}|${r.lot}`, label: `${org.name} · ${name} ${r.lot}`, di: r.di, lot: r.lot, organizationId: org.id },
      evidence: {
        ...hit.evidence, restrictionId: r.id, voluntary: r.voluntary, reason: r.reason, eventId: e.eventId,
        organization: { id: org.id, name: org.name, regionCode: org.regionCode }, registrantOrganizationId: r.registrantOrgId,
      },
      dedupKey: `${hit.rule}:${r.id}:${org.id}`,
    });
  });
  // One candidate per key and batch (its first event, with the count): a pallet of units moved is one occurrence, not hundreds.
  const byKey = new Map<string, AlertCandidate>();
  for (const c of candidates) {
    const first = byKey.get(c.dedupKey as string);
    if (first) first.evidence.eventsSeen = (first.evidence.eventsSeen as number) + 1;
    else byKey.set(c.dedupKey as string, { ...c, evidence: { ...c.evidence, eventsSeen: 1 } });
  }
  return [...byKey.values()];
}

/** New moving events in (after, upTo] on lots with a restriction in force at their time. */
export async function readRestrictedLotEvents(db: Kysely<DB>, after: number, upTo: number, batch: number) {
  // No restriction at all: nothing to check. One recorded after this look checks these events itself (readNewRestrictions, up to this cursor).
  if (!(await lotRestrictionsRepository.anyRecorded(db))) return { candidates: [], position: upTo, more: false };
  const events = await lotRestrictionsRepository.movingEventsAfter(db, after, upTo, STEP_FORMS, batch);
  const hits = await lotRestrictionsRepository.restrictedInEvents(db, events.map((e) => e.eventId));
  const restrictions = await lotRestrictionsRepository.byIds(db, hits.map((h) => h.restrictionId));
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const pairs = hits.flatMap((h) => {
    const event = byId.get(h.eventId);
    const restriction = restrictions.get(h.restrictionId);
    return event && restriction ? [{ event, restriction }] : [];
  });
  const full = events.length === batch;
  return { candidates: await candidatesFor(db, pairs), position: full ? (events.at(-1)?.eventId ?? after) : upTo, more: full };
}

/**
 * New restrictions in (after, upTo], each checked once against the lot's events captured since it
 * started. Only events the event input has passed already (up to its cursor): later ones it will
 * check itself, now that the restriction is committed. A key the event input has raised meanwhile
 * is left to it, so one movement is never counted twice.
 */
export async function readNewRestrictions(db: Kysely<DB>, after: number, upTo: number, batch: number) {
  const rows = await lotRestrictionsRepository.recordedAfter(db, after, upTo, batch);
  const passed = rows.length ? await alertEngineRepository.cursor(db, RESTRICTED_EVENTS_INPUT) : 0;
  const pairs: { event: EventRow; restriction: LotRestrictionRow }[] = [];
  for (const r of rows) {
    for (const event of await lotRestrictionsRepository.lotEventsSince(db, r.di, r.lot, r.startedAt, STEP_FORMS, passed, BACKLOG_LIMIT)) pairs.push({ event, restriction: r });
  }
  const candidates = await candidatesFor(db, pairs);
  const raised = candidates.length ? await alertEngineRepository.raisedDedupKeys(db, candidates.map((c) => c.dedupKey as string)) : new Set<string>();
  const full = rows.length === batch;
  return { candidates: candidates.filter((c) => !raised.has(c.dedupKey as string)), position: full ? (rows.at(-1)?.id ?? after) : upTo, more: full };
}
