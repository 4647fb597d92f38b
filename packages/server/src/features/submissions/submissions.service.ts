import { formatIssue, parseUdi } from '@lianjian/core';
import type { SubmissionInputs, SubmissionKind } from '@lianjian/core/records/submissions';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, forbidden, invalid } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { CaptureService } from '../epcis/capture.service.ts';
import { glnRef } from '../epcis/epcis-identifiers.ts';
import { captureLimitsFromEnv, type CaptureLimits } from '../epcis/epcis-limits.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import { submissionDocument, submissionEvent, type PartyRef, type Resolved } from './submission-events.ts';
import { submissionsRepository, type PartyRow, type StoredViolation } from './submissions.repository.ts';

/** What a submission answers (201), the same on an idempotent retry. */
export interface SubmissionResult {
  kind: SubmissionKind;
  eventId: number;
  eventHash: string;
  eventType: string;
  bizStep: string;
  disposition: string | null;
  eventTime: string;
  /** True when the same event was already stored (by an earlier submission or capture). */
  duplicate: boolean;
  captureId: string;
  captureLocation: string;
  violations: StoredViolation[];
}

export type SubmissionView = Omit<SubmissionResult, 'violations'> & { violations: (StoredViolation & { message: string; hint?: string })[] };

/** Tolerance for clocks running ahead: a time later than now by more than this is refused. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const siteUri = (gln: string, extension: string) => `https://id.gs1.org/414/${gln}${extension === '0' ? '' : `/254/${encodeURIComponent(extension)}`}`;
const partyRef = (p: PartyRow): PartyRef | null =>
  p.gln ? { type: 'owning_party', id: `https://id.gs1.org/417/${p.gln}` } : p.siteGln ? { type: 'location', id: siteUri(p.siteGln, p.siteExtension ?? '0') } : null;

/**
 * Plain submissions (issue 3, item 3): each becomes one EPCIS event handed to capture, which
 * validates it, checks the business rules (violations stored as evidence), dedupes and projects.
 * An organisation submits at its own sites only and is the acting party; regulators use capture.
 */
export class SubmissionsService {
  readonly #deps: AppDeps;
  readonly #limits: CaptureLimits;
  constructor(deps: AppDeps, limits: CaptureLimits = captureLimitsFromEnv()) {
    this.#deps = deps;
    this.#limits = limits;
  }

  async submit<K extends SubmissionKind>(ctx: RequestContext, kind: K, input: SubmissionInputs[K], idempotencyKey: string | undefined): Promise<IdempotentResult<SubmissionView>> {
    requirePermission(ctx.actor, 'submissions.submit');
    const orgId = ctx.actor.organizationId;
    if (orgId === null) throw forbidden('submissions.organization_required');
    const { db, audit } = this.#deps;
    const resolved = await this.#resolve(db, kind, input, orgId);
    const event = submissionEvent(kind, input, resolved);
    const body = JSON.stringify(submissionDocument(event, new Date().toISOString()));

    const result = await withTransaction(db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: ctx.actor.id }, key: idempotencyKey, route: `POST /api/submissions/${kind}`, request: input }, async () => {
        const capture = new CaptureService({ ...this.#deps, db: trx }, this.#limits); // capture nests in our transaction (withTransaction)
        const job = await capture.capture(ctx, { body, format: 'json', errorBehaviour: 'rollback' });
        const stored = await submissionsRepository.eventOfJob(trx, job.captureId);
        if (!stored) throw new AppError(500, 'internal');
        const violations = await submissionsRepository.violationsOf(trx, stored.eventId);
        await audit.record(trx, whoFrom(ctx), {
          action: `submission.${kind}`, objectType: 'epcis_event', objectId: stored.eventId,
          details: { captureId: job.captureId, duplicate: stored.duplicate, violations: violations.map((v) => v.rule) },
        });
        const answer: SubmissionResult = {
          kind, eventId: stored.eventId, eventHash: stored.eventHash, eventType: String(event.type), bizStep: String(event.bizStep),
          disposition: typeof event.disposition === 'string' ? event.disposition : null, eventTime: resolved.eventTime,
          duplicate: stored.duplicate, captureId: job.captureId, captureLocation: job.location, violations,
        };
        return { status: 201, body: answer };
      }),
    );
    // Stored language-neutral; rendered in the caller's language on the way out (a retry may ask in another).
    return {
      ...result,
      body: { ...result.body, violations: result.body.violations.map((v) => ({ ...v, ...formatIssue({ code: v.rule, path: v.path.split('.'), params: v.params }, ctx.locale) })) },
    };
  }

  /** Site, parties and time of a submission; 403 for another's site, 422 for what cannot be found. */
  async #resolve<K extends SubmissionKind>(db: Kysely<DB>, kind: K, input: SubmissionInputs[K], orgId: number): Promise<Resolved> {
    const i = input as { location?: string | number; from?: string | number; time?: string; toOrganizationId?: number; toGln?: string; fromOrganizationId?: number; fromGln?: string };
    const self = await submissionsRepository.party(db, { id: orgId });
    if (!self) throw forbidden('submissions.organization_required');
    const field = i.from !== undefined ? 'from' : 'location';
    const given = i.from ?? i.location;
    let site: { gln: string; extension: string };
    if (given === undefined) {
      if (!self.gln) throw invalid([{ code: 'submissions.location_required', path: ['location'] }]);
      site = { gln: self.gln, extension: '0' };
    } else {
      site = await this.#site(db, given, field, orgId);
    }
    const selfRef = partyRef(self) ?? { type: 'location' as const, id: siteUri(site.gln, site.extension) };

    let counterparty: PartyRef | undefined;
    let counterpartyGln: string | undefined;
    const other =
      kind === 'receive' ? { id: i.fromOrganizationId, gln: i.fromGln, field: i.fromOrganizationId !== undefined ? 'fromOrganizationId' : 'fromGln' }
      : kind === 'ship' || kind === 'return' ? { id: i.toOrganizationId, gln: i.toGln, field: i.toOrganizationId !== undefined ? 'toOrganizationId' : 'toGln' }
      : null;
    if (other) {
      const value = String(other.id ?? other.gln);
      const p = await submissionsRepository.party(db, other.id !== undefined ? { id: other.id } : { gln: other.gln ?? '' });
      if (!p) throw invalid([{ code: 'submissions.party_unknown', path: [other.field], params: { value } }]);
      const ref = partyRef(p);
      if (!ref) throw invalid([{ code: 'submissions.party_no_gln', path: [other.field], params: { value } }]);
      counterparty = ref;
      counterpartyGln = p.gln ?? p.siteGln ?? undefined;
    }

    const now = Date.now();
    if (i.time !== undefined && Date.parse(i.time) > now + FUTURE_TOLERANCE_MS) throw invalid([{ code: 'submissions.time_future', path: ['time'], params: { time: i.time } }]);
    const offset = i.time === undefined ? '+08:00' : (/([+-]\d{2}:\d{2})$/.exec(i.time)?.[1] ?? '+00:00');
    return {
      location: siteUri(site.gln, site.extension), self: selfRef, ...(counterparty && { counterparty }),
      documentGlns: { self: self.gln ?? site.gln, ...(counterpartyGln && { counterparty: counterpartyGln }) }, eventTime: i.time ?? new Date(now).toISOString(), timeZoneOffset: offset,
    };
  }

  async #site(db: Kysely<DB>, given: string | number, field: string, orgId: number): Promise<{ gln: string; extension: string }> {
    const value = String(given);
    const unknown = () => invalid([{ code: 'submissions.location_unknown', path: [field], params: { value } }]);
    let site: { gln: string; extension: string; owner: number };
    if (typeof given === 'number') {
      const row = await submissionsRepository.locationById(db, given);
      if (!row) throw unknown();
      site = { gln: row.gln, extension: row.extension, owner: row.organizationId };
    } else {
      const read = readSite(given);
      if (!read) throw invalid([{ code: 'submissions.location_unreadable', path: [field], params: { value } }]);
      const owner = await submissionsRepository.siteOwner(db, read.gln, read.extension);
      if (owner === undefined) throw unknown();
      site = { ...read, owner };
    }
    if (site.owner !== orgId) throw forbidden('submissions.location_out_of_scope', { value });
    return { gln: site.gln, extension: site.extension };
  }
}

/** GLN + extension of a site written as an SGLN URN, a /414/ Digital Link, `(414)…(254)…` or a bare GLN. */
export function readSite(text: string): { gln: string; extension: string } | null {
  const t = text.trim();
  if (/^\d{13}$/.test(t)) {
    const p = parseUdi(`(414)${t}`);
    return p.ok ? { gln: t, extension: '0' } : null;
  }
  const ref = glnRef(t);
  if (ref) return ref.ai === '414' ? { gln: ref.gln, extension: ref.extension } : null;
  const p = parseUdi(t);
  if (!p.ok || p.value.elements[0]?.key !== '414') return null;
  return { gln: p.value.di, extension: p.value.elements.find((e) => e.key === '254')?.value ?? '0' };
}
