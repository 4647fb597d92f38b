import { formatIssue, type Issue } from '@lianjian/core';
import {
  parseEpcisJson,
  parseEpcisXml,
  sensorReadings,
  validateDocumentRules,
  validateEpcisJson,
  type EpcisDocument,
  type ParsedEvent,
} from '@lianjian/core/epcis/index';
import type { AppDeps } from '../../app-context.ts';
import { AppError, forbidden, notFound } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope, organizationInScope, type DataScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { captureJobsRepository, type CaptureJobFilter, type CaptureJobSort, type JobDuplicate, type JobError } from './capture-jobs.repository.ts';
import { captureReferenceRepository } from './capture-reference.repository.ts';
import { checkProductRules, referencedGlns, resolveEvent, type EventAnalysis, type ReferenceData } from './capture-rules.ts';
import type { CaptureLimits } from './epcis-limits.ts';
import type { Page } from '../../http/list-query.ts';
import type { ObjectIdentity } from './epcis-identifiers.ts';
import { withTransaction } from '../../db/transaction.ts';
import { updateProjectionsForEvents } from '../trace/projections.ts';
import { appendToProjections } from '../trace/projection-append.ts';
import { appendBatch } from './capture-projection-batch.ts';
import { validateEpcisXsd } from './epcis-xsd.ts';
import { serverEventHash } from './event-hash.ts';
import { eventStoreRepository, type EventObjectColumns, type NewEvent, type NewReading, type NewViolation } from './event-store.repository.ts';

export interface CaptureRequest {
  body: string;
  format: 'json' | 'xml';
  errorBehaviour: 'rollback' | 'proceed';
}

export interface CaptureResult {
  captureId: string;
  location: string;
  status: string;
  accepted: number;
  duplicates: number;
  rejected: number;
  violations: number;
}

/** Index of the event an issue is about, or null for a document-level issue. */
function eventIndexOf(issue: Issue): number | null {
  const p = issue.path ?? [];
  if (p[0] === 'eventList' && typeof p[1] === 'number') return p[1];
  const e = issue.params?.event;
  return typeof e === 'number' ? e : null;
}

function countJsonEvents(json: unknown): number {
  const o = json as { type?: unknown; epcisBody?: { eventList?: unknown; queryResults?: { resultsBody?: { eventList?: unknown } } } } | null;
  if (!o || typeof o !== 'object') return 0;
  const list = o.epcisBody?.eventList ?? o.epcisBody?.queryResults?.resultsBody?.eventList;
  return Array.isArray(list) ? list.length : 1;
}

const invalidDocument = (issues: Issue[]) => new AppError(400, 'epcis.capture.invalid_document', { count: issues.length }, issues);

/**
 * EPCIS capture: structural validation (JSON Schema / XSD + CBV rules), scope, business rules,
 * deduplication by event hash, and a set-based write of the whole document in one transaction.
 *
 * Processing runs synchronously inside the request: a 1,000-event document is validated and stored
 * in well under a second, the job resource is written in the same transaction as the events (so a
 * client polling `/epcis/capture/{id}` never sees a job without its events), and the EPCIS 2.0
 * capture interface stays asynchronous to clients (202 + job), so moving the work to a queue later
 * changes no client.
 */
export class CaptureService {
  readonly #deps: AppDeps;
  readonly #limits: CaptureLimits;
  constructor(deps: AppDeps, limits: CaptureLimits) {
    this.#deps = deps;
    this.#limits = limits;
  }

  async capture(ctx: RequestContext, req: CaptureRequest): Promise<CaptureResult> {
    requirePermission(ctx.actor, 'epcis.capture');
    const { doc, rejected } = await this.#validate(req);
    const scope = businessScope(ctx.actor);
    const candidates = doc.events.filter((e) => !rejected.has(e.index));

    // Master data for the whole document, in a handful of queries.
    const ref = await this.#reference(candidates);
    const identities = new Map<string, ObjectIdentity>();
    const analyses = new Map<number, EventAnalysis>();
    for (const e of candidates) analyses.set(e.index, resolveEvent(e.event, ref, identities));
    this.#checkScope(ctx, scope, candidates, analyses);
    await this.#loadProductsAndLicences(ref, [...analyses.values()], identities);
    for (const e of candidates) checkProductRules(e.event, analyses.get(e.index) as EventAnalysis, ref);

    const errors: JobError[] = [...rejected.values()].flat();
    const { db, audit } = this.#deps;
    // Nests in the caller's transaction when there is one (the demo loader captures inside its own).
    return withTransaction(db, async (trx) => {
      const jobId = await captureJobsRepository.create(trx, {
        format: doc.format, schemaVersion: doc.schemaVersion ?? null, errorBehaviour: req.errorBehaviour, documentBytes: Buffer.byteLength(req.body),
        eventCount: doc.events.length, namespaces: doc.namespaces, createdByType: ctx.actor.type, createdBy: ctx.actor.id, organizationId: ctx.actor.organizationId,
      });

      // Hash every event; a document repeating an event stores it once.
      const hashOptions = { namespaces: doc.namespaces, ignoreFields: doc.ignoreFields };
      const firstByKey = new Map<string, number>();
      const duplicates: JobDuplicate[] = [];
      const rows: { parsed: ParsedEvent; row: NewEvent; key: string }[] = [];
      for (const e of candidates) {
        const hash = serverEventHash(e.event, hashOptions);
        const declaration = e.event.errorDeclaration !== undefined;
        const key = `${hash}|${declaration}`;
        if (firstByKey.has(key)) {
          duplicates.push({ eventIndex: e.index, eventHash: hash, eventId: null });
          continue;
        }
        firstByKey.set(key, e.index);
        rows.push({ parsed: e, key, row: this.#eventRow(e, hash, declaration, analyses.get(e.index) as EventAnalysis, ctx) });
      }
      const inserted = await eventStoreRepository.insertEvents(trx, jobId, rows.map((r) => r.row));
      const idByKey = new Map(inserted.map((i) => [`${i.hash}|${i.declaration}`, i.eventId]));
      const stored = rows.filter((r) => idByKey.has(r.key));
      const alreadyStored = rows.filter((r) => !idByKey.has(r.key));
      if (alreadyStored.length > 0) {
        const earlier = new Map((await eventStoreRepository.findByHashes(trx, alreadyStored.map((r) => r.row.hash))).map((e) => [`${e.hash}|${e.declaration}`, e.eventId]));
        for (const r of alreadyStored) duplicates.push({ eventIndex: r.parsed.index, eventHash: r.row.hash, eventId: earlier.get(r.key) ?? null });
      }
      for (const d of duplicates) if (d.eventId === null) d.eventId = idByKey.get(`${d.eventHash}|false`) ?? idByKey.get(`${d.eventHash}|true`) ?? null;

      // Objects, (event, object) rows, sensor readings and violations of the stored events.
      const objectRows: EventObjectColumns = { eventIds: [], objectIds: [], eventTimes: [], roles: [], quantities: [], uoms: [] };
      const objectCodes: string[] = [];
      const readings: NewReading[] = [];
      const violations: NewViolation[] = [];
      const corrections: { declarationEventId: number; correctiveUri: string }[] = [];
      const unique = new Map<string, ObjectIdentity>();
      for (const r of stored) {
        const eventId = idByKey.get(r.key) as number;
        const a = analyses.get(r.parsed.index) as EventAnalysis;
        for (const o of a.objects) {
          objectRows.eventIds.push(eventId);
          objectRows.eventTimes.push(r.row.eventTime);
          objectRows.roles.push(o.role);
          objectRows.quantities.push(o.quantity);
          objectRows.uoms.push(o.uom);
          objectCodes.push(o.identity.code);
          unique.set(o.identity.code, o.identity);
        }
        sensorReadings(r.parsed.event).forEach((s, index) =>
          readings.push({
            eventId, index, time: s.time, type: s.type ?? null, value: s.value ?? null, minValue: s.minValue ?? null, maxValue: s.maxValue ?? null,
            meanValue: s.meanValue ?? null, stringValue: s.stringValue ?? null, booleanValue: s.booleanValue ?? null, uom: s.uom ?? null,
            deviceId: s.deviceID ?? null, exception: s.exception ?? null,
          }),
        );
        for (const v of a.violations) {
          violations.push({ eventId, eventTime: r.row.eventTime, rule: v.rule, path: v.path.join('.'), params: v.params, organizationId: v.organizationId ?? ctx.actor.organizationId });
        }
        for (const uri of r.parsed.event.errorDeclaration?.correctiveEventIDs ?? []) corrections.push({ declarationEventId: eventId, correctiveUri: uri });
      }
      const { ids: objectIds, created } = await eventStoreRepository.internObjects(trx, [...unique.values()]);
      objectRows.objectIds = objectCodes.map((code) => objectIds.get(code) as number);
      await eventStoreRepository.insertEventObjects(trx, objectRows);
      await eventStoreRepository.insertReadings(trx, readings);
      await eventStoreRepository.insertViolations(trx, violations);
      await eventStoreRepository.linkErrorDeclarations(trx, jobId, corrections);
      const appended = await appendToProjections(trx, appendBatch(stored.map((r) => ({ eventId: idByKey.get(r.key) as number, row: r.row, analysis: analyses.get(r.parsed.index) as EventAnalysis })), objectIds, created));
      if (!appended) await updateProjectionsForEvents(trx, stored.map((r) => idByKey.get(r.key) as number));

      const rejectedCount = rejected.size;
      const status = rejectedCount === 0 ? 'succeeded' : stored.length + duplicates.length > 0 ? 'partial' : 'failed';
      await captureJobsRepository.finish(trx, jobId, {
        status, acceptedCount: stored.length, duplicateCount: duplicates.length, rejectedCount, violationCount: violations.length, errors, duplicates,
      });
      await audit.record(trx, whoFrom(ctx), {
        action: 'epcis.capture', objectType: 'capture_job', objectId: jobId,
        details: { format: doc.format, events: doc.events.length, accepted: stored.length, duplicates: duplicates.length, rejected: rejectedCount, violations: violations.length },
      });
      return { captureId: jobId, location: `/epcis/capture/${jobId}`, status, accepted: stored.length, duplicates: duplicates.length, rejected: rejectedCount, violations: violations.length };
    });
  }

  /** The job with its per-event errors rendered in the caller's language. */
  async job(ctx: RequestContext, id: string) {
    requirePermission(ctx.actor, 'epcis.read');
    const job = await captureJobsRepository.find(this.#deps.db, id, businessScope(ctx.actor), ctx.actor);
    if (!job) throw notFound('capture_job', id);
    return {
      captureId: job.id, status: job.status, format: job.format, schemaVersion: job.schemaVersion, errorBehaviour: job.errorBehaviour,
      eventCount: job.eventCount, accepted: job.acceptedCount, duplicates: job.duplicateCount, rejected: job.rejectedCount, violations: job.violationCount,
      createdAt: job.createdAt, finishedAt: job.finishedAt, running: job.status === 'running',
      duplicateEvents: job.duplicates,
      errors: job.errors.map((e) => ({ eventIndex: e.eventIndex, path: e.path.join('.'), code: e.code, params: e.params, ...formatIssue(e, ctx.locale) })),
    };
  }

  /** The caller's capture jobs (those `job()` would open), counts only: the per-event errors are the detail's. */
  async jobs(ctx: RequestContext, f: CaptureJobFilter, page: Page, sort: { column: CaptureJobSort; direction: 'asc' | 'desc' }) {
    requirePermission(ctx.actor, 'epcis.read');
    const r = await captureJobsRepository.list(this.#deps.db, businessScope(ctx.actor), ctx.actor, f, page, sort);
    return {
      total: r.total,
      items: r.items.map((j) => ({
        id: j.id, status: j.status, format: j.format, errorBehaviour: j.errorBehaviour, createdAt: j.createdAt, finishedAt: j.finishedAt,
        eventCount: j.eventCount, accepted: j.acceptedCount, duplicates: j.duplicateCount, rejected: j.rejectedCount, violations: j.violationCount,
      })),
    };
  }

  /** Parses and validates the document; throws 400 / 413, or returns the per-event rejections (`proceed`). */
  async #validate(req: CaptureRequest): Promise<{ doc: EpcisDocument; rejected: Map<number, JobError[]> }> {
    let doc: EpcisDocument;
    let issues: Issue[];
    const text = req.body.replace(/^\uFEFF/, '');
    if (req.format === 'xml') {
      const parsed = parseEpcisXml(text);
      if (!parsed.ok) throw invalidDocument(parsed.issues);
      doc = parsed.value;
      this.#checkCount(doc.events.length);
      const xsd = await validateEpcisXsd(text);
      // The XSD names lines, not events: a document failing it is rejected whole.
      if (xsd.length > 0) throw invalidDocument(xsd);
      issues = validateDocumentRules(doc);
    } else {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw invalidDocument([{ code: 'epcis.json_syntax', path: [], params: { detail: e instanceof Error ? e.message : String(e) } }]);
      }
      this.#checkCount(countJsonEvents(json));
      const validated = validateEpcisJson(json);
      if (validated.ok) {
        doc = validated.value;
        issues = [];
      } else {
        // Parse again only to keep the events that are fine (GS1-Capture-Error-Behaviour: proceed).
        const parsed = parseEpcisJson(json);
        if (!parsed.ok) throw invalidDocument(validated.issues);
        doc = parsed.value;
        issues = validated.issues;
      }
    }
    if (issues.length === 0) return { doc, rejected: new Map() };
    const documentLevel = issues.filter((i) => eventIndexOf(i) === null);
    if (req.errorBehaviour === 'rollback' || documentLevel.length > 0 || doc.kind === 'event') throw invalidDocument(issues);
    const rejected = new Map<number, JobError[]>();
    for (const i of issues) {
      const index = eventIndexOf(i) as number;
      const list = rejected.get(index) ?? [];
      list.push({ eventIndex: index, path: i.path ?? [], code: i.code, params: i.params ?? {} });
      rejected.set(index, list);
    }
    return { doc, rejected };
  }

  #checkCount(count: number): void {
    if (count > this.#limits.maxEvents) throw new AppError(413, 'request.too_large', { limit: `${this.#limits.maxEvents} events`, count, maxEvents: this.#limits.maxEvents });
  }

  async #reference(events: ParsedEvent[]): Promise<ReferenceData> {
    const glns = [...new Set(events.flatMap((e) => referencedGlns(e.event)))];
    const { db } = this.#deps;
    const [orgs, locations] = await Promise.all([captureReferenceRepository.organizationsByGln(db, glns), captureReferenceRepository.locationsByGln(db, glns)]);
    return {
      organizationsByGln: new Map(orgs.filter((o) => o.gln).map((o) => [o.gln as string, o])),
      locations: new Map(locations.map((l) => [`${l.gln}|${l.extension}`, l])),
      organizationsById: new Map(orgs.map((o) => [o.id, o])),
      products: new Map(),
      licences: new Map(),
    };
  }

  async #loadProductsAndLicences(ref: ReferenceData, analyses: EventAnalysis[], identities: Map<string, ObjectIdentity>): Promise<void> {
    const dis = [...new Set([...identities.values()].map((i) => i.di).filter((d): d is string => d !== null))];
    const orgIds = [...new Set(analyses.flatMap((a) => [a.sourceOrgs[0]?.id, a.bizLocationOrg?.id, a.readPointOrg?.id]).filter((id): id is number => id !== undefined))];
    const { db } = this.#deps;
    const missing = orgIds.filter((id) => !ref.organizationsById.has(id));
    const [products, licences, orgs] = await Promise.all([
      captureReferenceRepository.productDis(db, dis), captureReferenceRepository.licences(db, orgIds), captureReferenceRepository.organizationsById(db, missing),
    ]);
    for (const p of products) ref.products.set(p.di, p);
    for (const l of licences) {
      const list = ref.licences.get(l.organizationId);
      if (list) list.push(l);
      else ref.licences.set(l.organizationId, [l]);
    }
    for (const o of orgs) ref.organizationsById.set(o.id, o);
  }

  /**
   * An organisation captures events at its own locations (bizLocation / readPoint) or, when the
   * event names no location, for its own parties; a regulator within its jurisdiction; a national
   * regulator anything. One event out of scope refuses the document (403), whatever the behaviour.
   */
  #checkScope(ctx: RequestContext, scope: DataScope, events: ParsedEvent[], analyses: Map<number, EventAnalysis>): void {
    if (scope.kind === 'all') return;
    for (const e of events) {
      const a = analyses.get(e.index) as EventAnalysis;
      const inScope = (o: { id: number; regionCode: string } | null) => o !== null && organizationInScope(scope, o);
      const ok = a.locationGiven
        ? (e.event.bizLocation === undefined || inScope(a.bizLocationOrg)) && (e.event.readPoint === undefined || inScope(a.readPointOrg))
        : [...a.sourceOrgs, ...a.destinationOrgs].some(inScope);
      if (!ok) throw forbidden('epcis.capture.out_of_scope', { event: e.index });
    }
  }

  #eventRow(e: ParsedEvent, hash: string, declaration: boolean, a: EventAnalysis, ctx: RequestContext): NewEvent {
    const ev = e.event;
    const involved = new Set<number>();
    for (const o of [a.readPointOrg, a.bizLocationOrg, ...a.sourceOrgs, ...a.destinationOrgs]) if (o) involved.add(o.id);
    if (ctx.actor.organizationId) involved.add(ctx.actor.organizationId);
    return {
      hash, declaration, uri: ev.eventID ?? null, type: ev.type, eventTime: ev.eventTime, timeZoneOffset: ev.eventTimeZoneOffset,
      action: typeof (ev as { action?: unknown }).action === 'string' ? ((ev as { action?: string }).action ?? null) : null, bizStep: ev.bizStep ?? null, disposition: ev.disposition ?? null,
      readPoint: ev.readPoint?.id ?? null, bizLocation: ev.bizLocation?.id ?? null, readPointOrgId: a.readPointOrg?.id ?? null,
      bizLocationOrgId: a.bizLocationOrg?.id ?? null, sourceOrgIds: [...new Set(a.sourceOrgs.map((o) => o.id))],
      destinationOrgIds: [...new Set(a.destinationOrgs.map((o) => o.id))], involvedOrgIds: [...involved], submittedByOrgId: ctx.actor.organizationId,
      json: JSON.stringify(ev), errorDeclarationTime: ev.errorDeclaration?.declarationTime ?? null, errorReason: ev.errorDeclaration?.reason ?? null,
    };
  }
}
