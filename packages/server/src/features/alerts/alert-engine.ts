import { shanghaiDate } from '@lianjian/core';
import {
  ALERTING_CAPTURE_RULES, coldChainExcursion, diversion, DIVERSION_DAYS, expiredUnit, lateReport, overdueInvestigation, overuse, qualityFlagHit, serialAtTwoPlaces, violationHit, type RuleHit,
} from '@lianjian/core/rules/compliance/index';
import type { AppDeps } from '../../app-context.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { AlertCandidate, AlertSubject } from './alert-candidate.ts';
import type { AlertDelivery } from './alert-delivery.ts';
import { alertEngineRepository as repo, bareBizStep, type EventFacts, type OrgInfo } from './alert-engine.repository.ts';
import { alertClock } from './alert-routing.ts';
import { escalateOverdue, overdueInvestigationDedupKey, raiseAlerts } from './alerts.service.ts';
import { CommitHorizon } from './commit-horizon.ts';
import { readNewRestrictions, readRestrictedLotEvents, RESTRICTED_EVENTS_INPUT } from './restricted-lot-input.ts';
import type { CursorSource } from './commit-horizon.repository.ts';

export interface AlertEngineOptions {
  /** How often the loop runs (ms); rule alerts reach the inbox within about one interval. Default 1000. */
  intervalMs?: number;
  /** How often the periodic checks (diversion, overdue investigations) run (ms). Default 60 000. */
  periodicMs?: number;
  /** N of "shipped but not received within N days". */
  diversionDays?: number;
  /** Rows read per batch from each input. */
  batch?: number;
  /** Outbound e-mail / webhook delivery; none when not given. */
  delivery?: AlertDelivery;
  /** Where a failed tick is reported (never with secrets). */
  onError?: (error: unknown) => void;
}

export interface TickReport {
  created: number;
  updated: number;
  escalated: number;
  delivered: number;
}

interface Input {
  name: string;
  /** The table whose ids the cursor follows (its commit horizon bounds each read). */
  source: CursorSource;
  /** Reads facts in (after, upTo]; returns the candidates and the new cursor position. */
  read: (after: number, upTo: number) => Promise<{ candidates: AlertCandidate[]; position: number; more: boolean }>;
}

/**
 * Evaluates the compliance rules as data arrives. Each tick reads what is new past a stored cursor
 * in every input — capture violations, sensor readings, receiving / dispensing events, adverse-event
 * reports, production quality flags, moves of suspended or recalled lots — up to the input's commit horizon (rows committed out of id
 * order are not skipped: commit-horizon.ts), turns rule hits into alerts, and advances the cursor in
 * the same transaction (so a crash repeats a batch rather than losing it). The cursor row is locked
 * and compared first, so two engines ticking at once never both raise the same batch.
 * Periodic checks (diversion, overdue registrant investigations) run on their own interval; overdue alerts escalate every tick.
 * `serve` starts the loop; tests call `tick()`.
 */
export class AlertEngine {
  readonly #deps: AppDeps;
  readonly #options: Required<Omit<AlertEngineOptions, 'delivery' | 'onError'>> & Pick<AlertEngineOptions, 'delivery' | 'onError'>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #lastPeriodic = 0;
  readonly #horizons = new Map<string, CommitHorizon>();

  constructor(deps: AppDeps, options: AlertEngineOptions = {}) {
    this.#deps = deps;
    this.#options = { intervalMs: 1000, periodicMs: 60_000, diversionDays: DIVERSION_DAYS, batch: 500, ...options };
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      if (this.#running) return;
      this.#running = this.tick().catch((e: unknown) => this.#options.onError?.(e)).finally(() => {
        this.#running = undefined;
      });
    }, this.#options.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One pass over every input, the periodic checks when due, escalation and delivery. */
  async tick(): Promise<TickReport> {
    const report: TickReport = { created: 0, updated: 0, escalated: 0, delivered: 0 };
    for (const input of this.#inputs()) {
      const upTo = await this.#horizon(input).ceiling(this.#deps.db);
      for (;;) {
        const after = await repo.cursor(this.#deps.db, input.name);
        const { candidates, position, more } = await input.read(after, Math.max(after, upTo));
        if (position === after && !candidates.length) break;
        const done = await withTransaction(this.#deps.db, async (trx) => {
          // Another engine process took this batch meanwhile: leave it to that one.
          if ((await repo.lockCursor(trx, input.name)) !== after) return false;
          const r = await raiseAlerts({ ...this.#deps, db: trx }, candidates);
          report.created += r.created;
          report.updated += r.updated;
          await repo.setCursor(trx, input.name, position);
          return true;
        });
        if (!done || !more) break;
      }
    }
    const now = alertClock.now().getTime();
    if (now - this.#lastPeriodic >= this.#options.periodicMs) {
      this.#lastPeriodic = now;
      const r = await raiseAlerts(this.#deps, await this.#newOnly([...(await this.#diversions()), ...(await this.#overdueInvestigations())]));
      report.created += r.created;
    }
    report.escalated = (await escalateOverdue(this.#deps)).length;
    if (this.#options.delivery) report.delivered = await this.#options.delivery.run();
    return report;
  }

  #inputs(): Input[] {
    return [
      { name: 'violations', source: 'event_violations', read: (after, upTo) => this.#violations(after, upTo) },
      { name: 'sensor_events', source: 'epcis_events', read: (after, upTo) => this.#sensorEvents(after, upTo) },
      { name: 'step_events', source: 'epcis_events', read: (after, upTo) => this.#stepEvents(after, upTo) },
      { name: 'adverse_event_reports', source: 'adverse_event_reports', read: (after, upTo) => this.#lateReports(after, upTo) },
      { name: 'quality_flags', source: 'quality_flags', read: (after, upTo) => this.#flags(after, upTo) },
      // A suspended or recalled lot moving on: new events against restrictions, new restrictions against events already captured.
      { name: RESTRICTED_EVENTS_INPUT, source: 'epcis_events', read: (after, upTo) => readRestrictedLotEvents(this.#deps.db, after, upTo, this.#options.batch) },
      { name: 'lot_restrictions', source: 'lot_restrictions', read: (after, upTo) => readNewRestrictions(this.#deps.db, after, upTo, this.#options.batch) },
    ];
  }

  #horizon(input: Input): CommitHorizon {
    let h = this.#horizons.get(input.name);
    if (!h) this.#horizons.set(input.name, (h = new CommitHorizon(input.source)));
    return h;
  }

  /** Where the cursor goes after a read: the last row of a full batch, else the whole range read. */
  #position(ids: number[], after: number, upTo: number): number {
    return ids.length === this.#options.batch ? (ids.at(-1) ?? after) : upTo;
  }

  async #violations(after: number, upTo: number) {
    const rows = await repo.violationsAfter(this.#deps.db, after, upTo, ALERTING_CAPTURE_RULES, this.#options.batch);
    // Violations of other rules are skipped by the query: the cursor still moves past them.
    const position = this.#position(rows.map((r) => r.id), after, upTo);
    const parties = rows.map((r) => (r.rule === 'epcis.rule.shipper_unlicensed' && typeof r.params.organizationId === 'number' ? r.params.organizationId : party(r)));
    const orgs = await repo.organizations(this.#deps.db, parties.filter((p): p is number => p !== null));
    const products = await repo.products(this.#deps.db, rows.map((r) => String(r.params.di ?? '')).filter(Boolean));
    const candidates: AlertCandidate[] = [];
    rows.forEach((r, i) => {
      const hit = violationHit(r.rule, r.params);
      const org = orgs.get(parties[i] ?? -1);
      if (!hit || !org) return;
      const di = String(r.params.di ?? '');
      const product = products.get(di);
      const subject: AlertSubject = { type: 'product', key: di, label: `${org.name} · ${product ? `${product.name} ${product.model}` : di}`, di, organizationId: org.id };
      candidates.push(candidateOf(hit, subject, org, r, { dedupKey: `${hit.rule}:${org.id}:${di}` }));
    });
    return { candidates, position, more: rows.length === this.#options.batch };
  }

  async #sensorEvents(after: number, upTo: number) {
    const { db } = this.#deps;
    const events = await repo.sensorEventsAfter(db, after, upTo, this.#options.batch);
    const ids = events.map((e) => e.eventId);
    // A reading on a pallet or carton concerns the lots inside it at that time.
    const [readings, named, contained] = await Promise.all([repo.readings(db, ids), repo.objects(db, ids), repo.containedObjects(db, ids)]);
    const objects = [...named, ...contained];
    const products = await repo.products(db, objects.map((o) => o.di as string));
    const orgs = await repo.organizations(db, events.map(place).filter((p): p is number => p !== null));
    const candidates: AlertCandidate[] = [];
    for (const e of events) {
      const org = orgs.get(place(e) ?? -1);
      if (!org) continue;
      const mine = readings.filter((r) => r.eventId === e.eventId).map((r) => ({ ...r, time: r.time.toISOString() }));
      const lots = new Map<string, { di: string; lot: string | null }>();
      for (const o of objects) if (o.eventId === e.eventId) lots.set(`${o.di}|${o.lot ?? ''}`, { di: o.di as string, lot: o.lot });
      for (const { di, lot } of lots.values()) {
        const product = products.get(di);
        const hit = product && coldChainExcursion(mine, { min: product.min, max: product.max });
        if (!hit || !product) continue;
        candidates.push(candidateOf(hit, lotSubject(di, lot, product, org), org, e, { dedupKey: `${hit.rule}:${org.id}:${di}|${lot ?? ''}` }));
      }
    }
    return { candidates, position: this.#position(events.map((e) => e.eventId), after, upTo), more: events.length === this.#options.batch };
  }

  async #stepEvents(after: number, upTo: number) {
    const { db } = this.#deps;
    const events = await repo.stepEventsAfter(db, after, upTo, this.#options.batch);
    const position = this.#position(events.map((e) => e.eventId), after, upTo);
    const objects = await repo.objects(db, events.map((e) => e.eventId));
    const products = await repo.products(db, objects.map((o) => o.di as string));
    const expiries = await repo.lotExpiries(db, [...new Map(objects.filter((o) => o.lot).map((o) => [`${o.di}|${o.lot}`, { di: o.di as string, lot: o.lot as string }])).values()]);
    const orgIds = events.map((e) => (bareBizStep(e.bizStep) === 'receiving' ? receiver(e) : place(e)));
    const orgs = await repo.organizations(db, orgIds.filter((p): p is number => p !== null));
    const candidates: AlertCandidate[] = [];
    for (const [i, e] of events.entries()) {
      const step = bareBizStep(e.bizStep) as 'receiving' | 'dispensing';
      const org = orgs.get(orgIds[i] ?? -1);
      if (!org) continue;
      const mine = objects.filter((o) => o.eventId === e.eventId);
      const seenLots = new Set<string>();
      for (const o of mine) {
        const di = o.di as string;
        const product = products.get(di);
        const lotKey = `${di}|${o.lot ?? ''}`;
        if (o.lot && !seenLots.has(lotKey)) {
          seenLots.add(lotKey);
          const expired = expiredUnit({ step, eventDate: shanghaiDate(e.eventTime), expiryDate: expiries.get(lotKey) ?? null });
          if (expired) candidates.push(candidateOf(expired, lotSubject(di, o.lot, product, org), org, e, { dedupKey: `${expired.rule}:${step}:${org.id}:${lotKey}` }));
          if (step === 'dispensing') {
            const holding = await repo.lotHolding(db, di, o.lot, org.id);
            const over = holding && overuse({ received: Number(holding.received), used: Number(holding.used) });
            if (over) candidates.push(candidateOf(over, lotSubject(di, o.lot, product, org), org, e, { dedupKey: `${over.rule}:${org.id}:${lotKey}` }));
          }
        }
        if (step === 'dispensing' && o.serial !== null) {
          const sightings = await repo.sightings(db, o.objectId);
          const clash = serialAtTwoPlaces(sightings.filter((s) => s.orgId !== null).map((s) => ({ organizationId: s.orgId as number, bizStep: bareBizStep(s.bizStep), time: s.eventTime.toISOString() })));
          // Raised at the latest use, where the second unit turned up (a bulk load sees the whole history at once).
          const latestUse = sightings.filter((s) => bareBizStep(s.bizStep) === 'dispensing').at(-1);
          if (clash && latestUse?.eventId === e.eventId) {
            const label = `${product ? `${product.name} ${product.model}` : di} SN ${o.serial}`;
            const subject: AlertSubject = { type: 'unit', key: `${di}|${o.serial}`, label, di, ...(o.lot && { lot: o.lot }), serial: o.serial, organizationId: org.id };
            candidates.push(candidateOf(clash, subject, org, e, { dedupKey: `${clash.rule}:${di}|${o.serial}` }));
          }
        }
      }
    }
    return { candidates, position, more: events.length === this.#options.batch };
  }

  async #lateReports(after: number, upTo: number) {
    const rows = await repo.lateReportsAfter(this.#deps.db, after, upTo, this.#options.batch);
    const orgs = await repo.organizations(this.#deps.db, rows.filter((r) => r.late).map((r) => r.reporterOrganizationId));
    const candidates: AlertCandidate[] = [];
    for (const r of rows) {
      const hit = lateReport({ late: r.late, lateByHours: r.lateByHours, outcome: r.outcome, deadlineRule: r.deadlineRule, deadline: r.deadline?.toISOString() ?? null, submittedAt: r.submittedAt.toISOString() });
      const org = orgs.get(r.reporterOrganizationId);
      if (!hit || !org) continue;
      const subject: AlertSubject = { type: 'report', key: r.reportNo, label: `${org.name} · ${r.reportNo} · ${r.productName}`, di: r.productDi, ...(r.lot && { lot: r.lot }), ...(r.serial && { serial: r.serial }), organizationId: org.id };
      candidates.push({ source: hit.rule, subject, grade: hit.grade, regionCode: r.regionCode, department: hit.department, evidence: { ...hit.evidence, reportId: r.id, reportNo: r.reportNo, reporter: { id: org.id, name: org.name } }, occurredAt: r.submittedAt });
    }
    return { candidates, position: this.#position(rows.map((r) => r.id), after, upTo), more: rows.length === this.#options.batch };
  }

  async #flags(after: number, upTo: number) {
    const rows = await repo.qualityFlagsAfter(this.#deps.db, after, upTo, this.#options.batch);
    const orgs = await repo.organizations(this.#deps.db, rows.map((r) => r.organizationId));
    const candidates: AlertCandidate[] = [];
    for (const r of rows) {
      const params = (typeof r.params === 'string' ? JSON.parse(r.params) : r.params) as Record<string, unknown>;
      const hit = qualityFlagHit(r.rule, params);
      const org = orgs.get(r.organizationId);
      if (!hit || !org) continue;
      const di = typeof params.productDi === 'string' ? params.productDi : undefined;
      const lot = typeof params.lot === 'string' ? params.lot : undefined;
      const subject: AlertSubject = { type: 'lot', key: di && lot ? `${di}|${lot}` : `${r.subjectType}:${r.subjectKey}`, label: `${org.name} · ${lot ?? r.subjectKey}`, ...(di && { di }), ...(lot && { lot }), organizationId: org.id };
      candidates.push({ source: hit.rule, subject, grade: hit.grade, regionCode: r.regionCode, department: hit.department, evidence: { ...hit.evidence, flagId: r.id, organization: { id: org.id, name: org.name } }, occurredAt: r.detectedAt });
    }
    return { candidates, position: this.#position(rows.map((r) => r.id), after, upTo), more: rows.length === this.#options.batch };
  }

  /** Shipments in transit longer than N days (units by last shipping time, lot quantities by their last movement). */
  async #diversions(): Promise<AlertCandidate[]> {
    const { db } = this.#deps;
    const now = alertClock.now();
    const cutoff = new Date(now.getTime() - this.#options.diversionDays * 86_400_000);
    const [units, lots] = await Promise.all([repo.inTransitSince(db, cutoff, 1000), repo.lotsInTransitSince(db, cutoff, 1000)]);
    const rows = [
      ...units.map((u) => ({ shipperId: u.shipperId, receiverId: u.receiverId, di: u.di as string, lot: u.lot, since: new Date(u.shippedAt), quantity: Number(u.units) })),
      ...lots.map((l) => ({ shipperId: l.shipperId, receiverId: null, di: l.di, lot: l.lot, since: l.since, quantity: Number(l.quantity) })),
    ];
    const orgs = await repo.organizations(db, rows.flatMap((r) => [r.shipperId, r.receiverId]).filter((p): p is number => p !== null));
    const products = await repo.products(db, rows.map((r) => r.di));
    const candidates: AlertCandidate[] = [];
    for (const r of rows) {
      const shipper = orgs.get(r.shipperId ?? -1);
      const hit = diversion({ shippedAt: r.since.toISOString(), now: now.toISOString(), quantity: r.quantity, maxDays: this.#options.diversionDays });
      if (!hit || !shipper) continue;
      const receiver = r.receiverId === null ? undefined : orgs.get(r.receiverId);
      const evidence = { ...hit.evidence, shipper: { id: shipper.id, name: shipper.name }, receiver: receiver ? { id: receiver.id, name: receiver.name } : null };
      // One alert per shipment (shipping time in the key): a shipment still missing is not raised again every run.
      candidates.push({
        source: hit.rule, subject: lotSubject(r.di, r.lot, products.get(r.di), shipper), grade: hit.grade, regionCode: shipper.regionCode, department: hit.department, evidence,
        dedupKey: `${hit.rule}:${shipper.id}:${r.receiverId ?? ''}:${r.di}|${r.lot ?? ''}:${r.since.toISOString()}`, occurredAt: r.since,
      });
    }
    return candidates;
  }

  /** Registrant investigations past their due date with no final filing (one alert per case, at the registrant's region). */
  async #overdueInvestigations(): Promise<AlertCandidate[]> {
    const now = alertClock.now();
    const rows = await repo.overdueInvestigations(this.#deps.db, now, 1000);
    const candidates: AlertCandidate[] = [];
    for (const r of rows) {
      const hit = overdueInvestigation({
        outcome: r.outcome, cluster: r.cluster, dueRule: r.dueRule, dueAt: r.dueAt.toISOString(), now: now.toISOString(),
        lastFiledAt: r.lastFiledAt ? new Date(r.lastFiledAt).toISOString() : null, lastStatus: r.lastStatus,
      });
      if (!hit) continue;
      const subject: AlertSubject = { type: 'report', key: `${r.reportNo}:investigation`, label: `${r.registrantName} · ${r.reportNo} · ${r.productName}`, di: r.productDi, ...(r.lot && { lot: r.lot }), organizationId: r.registrantId };
      candidates.push({
        source: hit.rule, subject, grade: hit.grade, regionCode: r.registrantRegionCode, department: hit.department, occurredAt: r.dueAt,
        evidence: { ...hit.evidence, reportId: r.reportId, reportNo: r.reportNo, registrant: { id: r.registrantId, name: r.registrantName, regionCode: r.registrantRegionCode } },
        dedupKey: overdueInvestigationDedupKey(r.reportNo),
      });
    }
    return candidates;
  }

  /** Candidates of state checks whose key has never raised an alert (open or closed). */
  async #newOnly(candidates: AlertCandidate[]): Promise<AlertCandidate[]> {
    if (!candidates.length) return [];
    const existing = await repo.raisedDedupKeys(this.#deps.db, candidates.map((c) => c.dedupKey as string));
    return candidates.filter((c) => !existing.has(c.dedupKey as string));
  }
}

/** The party moving the goods: the shipper (source), else where it happened, else the submitter. */
function party(e: EventFacts): number | null {
  return id(e.sourceOrgIds[0]) ?? e.bizLocationOrgId ?? e.readPointOrgId ?? e.submittedByOrgId;
}

// bigint[] columns arrive as strings from node-postgres (as numbers from PGlite).
function id(value: number | string | undefined): number | null {
  return value === undefined || value === null ? null : Number(value);
}

function place(e: EventFacts): number | null {
  return e.bizLocationOrgId ?? e.readPointOrgId ?? e.submittedByOrgId;
}

function receiver(e: EventFacts): number | null {
  return id(e.destinationOrgIds[0]) ?? place(e);
}

function lotSubject(di: string, lot: string | null, product: { name: string; model: string } | undefined, org: OrgInfo): AlertSubject {
  const name = product ? `${product.name} ${product.model}` : di;
  return { type: 'lot', key: `${di}|${lot ?? ''}`, label: `${org.name} · ${name}${lot ? ` ${lot}` : ''}`, di, ...(lot && { lot }), organizationId: org.id };
}

function candidateOf(hit: RuleHit, subject: AlertSubject, org: OrgInfo, e: { eventId: number; eventTime: Date }, extra: { dedupKey: string }): AlertCandidate {
  return {
    source: hit.rule, subject, grade: hit.grade, regionCode: org.regionCode, department: hit.department, dedupKey: extra.dedupKey, occurredAt: e.eventTime,
    evidence: { ...hit.evidence, eventId: e.eventId, eventTime: e.eventTime.toISOString(), organization: { id: org.id, name: org.name, regionCode: org.regionCode } },
  };
}
