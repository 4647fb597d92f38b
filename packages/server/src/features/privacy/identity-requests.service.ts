import { formatShanghaiInstant } from '@lianjian/core';
import type { PatientIdentityRequestApproval, PatientIdentityRequestDecline, PatientIdentityRequestInput } from '@lianjian/core/records/patient-identity-request';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, conflict, invalid, notFound } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { actorFromUser } from '../auth/auth.service.ts';
import { businessScope } from '../auth/data-scope.ts';
import { can, requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import { usersRepository } from '../users/users.repository.ts';
import { identityRequestsRepository as repo, type RequestFilter, type RequestRow, type RequestSort } from './identity-requests.repository.ts';
import { privacyRepository } from './privacy.repository.ts';
import { grantClock, storeGrant, type GrantView } from './privacy.service.ts';

export const CREATE_REQUEST_ROUTE = 'POST /api/patient-identity-requests';
export const APPROVE_REQUEST_ROUTE = 'POST /api/patient-identity-requests/:id/approve';

/** A request as the API answers it: the row, its instants in Shanghai time. */
export type RequestView = Omit<RequestRow, 'createdAt' | 'decidedAt' | 'grantExpiresAt'> & { createdAt: string; decidedAt: string | null; grantExpiresAt: string | null };

function requestView(r: RequestRow): RequestView {
  return {
    ...r, createdAt: formatShanghaiInstant(r.createdAt), decidedAt: r.decidedAt && formatShanghaiInstant(r.decidedAt),
    grantExpiresAt: r.grantExpiresAt && formatShanghaiInstant(r.grantExpiresAt),
  };
}

/**
 * Requests to see a patient's identity: the investigator who meets a masked patient asks inside
 * the platform, instead of passing the patient key to a privacy officer by other means. The officer
 * approves (a grant to the requester, for the request's purpose, with the expiry the officer sets)
 * or declines with a reason; the requester can withdraw a request while it waits. Every step is
 * audited, and a request never changes its outcome once decided.
 */
export class IdentityRequestsService {
  readonly #deps: AppDeps;

  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /** Asks to see a patient the caller meets in a record (a use or a report in its scope). */
  async request(ctx: RequestContext, input: PatientIdentityRequestInput, idempotencyKey?: string): Promise<IdempotentResult<RequestView>> {
    requirePermission(ctx.actor, 'patient_identity.request');
    const actor = userActor(ctx, 'patient_identity.request');
    const now = grantClock.now();
    return withTransaction(this.#deps.db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: actor }, key: idempotencyKey, route: CREATE_REQUEST_ROUTE, request: input }, async () => {
        // Asking about a patient one cannot see would confirm that the key exists: same 404 as the identity read.
        const identity = await privacyRepository.identity(trx, input.patientKey);
        if (!identity || !(await privacyRepository.patientInScope(trx, input.patientKey, businessScope(ctx.actor)))) throw notFound('patient', input.patientKey);
        const live = await privacyRepository.liveGrant(trx, input.patientKey, actor, now);
        if (live) throw conflict('patient_identity.request_grant_live', { patientKey: input.patientKey, expiresAt: formatShanghaiInstant(live.expiresAt) });
        const row = { patientKey: input.patientKey, requesterUserId: actor, purpose: input.purpose, at: now };
        // A conflict names the waiting request; should it be decided between the insert and the read
        // (another transaction), nothing waits any more and the insert is tried once again.
        let id = await repo.insertPending(trx, row);
        for (let attempt = 0; id === undefined && attempt < 2; attempt++) {
          const pending = await repo.pendingOf(trx, input.patientKey, actor);
          if (pending) throw conflict('patient_identity.request_pending', { id: pending.id, patientKey: input.patientKey, createdAt: formatShanghaiInstant(pending.createdAt) });
          id = await repo.insertPending(trx, row);
        }
        if (id === undefined) throw conflict('patient_identity.request_pending', { id: '—', patientKey: input.patientKey, createdAt: '—' });
        await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'patient_identity.request', objectType: 'patient_identity_request', objectId: id, details: { patientKey: input.patientKey, purpose: input.purpose } });
        return { status: 201, body: requestView((await repo.find(trx, id)) as RequestRow) };
      }),
    );
  }

  /** The privacy officer's queue and history (every request); anyone else's own requests. */
  async list(ctx: RequestContext, f: Omit<RequestFilter, 'requesterUserId'>, sort: { column: RequestSort; direction: 'asc' | 'desc' }, page: { limit: number; offset: number }) {
    const officer = can(ctx.actor, 'patient_identity.grant');
    if (!officer) requirePermission(ctx.actor, 'patient_identity.request');
    const scoped: RequestFilter = officer ? f : { ...f, requesterUserId: userActor(ctx, 'patient_identity.request') };
    const r = await repo.list(this.#deps.db, scoped, sort, page);
    return { total: r.total, items: r.items.map(requestView) };
  }

  /** How many requests wait for a privacy officer (the navigation's badge). */
  async pendingCount(ctx: RequestContext): Promise<number> {
    requirePermission(ctx.actor, 'patient_identity.grant');
    return repo.countPending(this.#deps.db);
  }

  /** Grants the requester access for the request's purpose (or the officer's wording of it) until `expiresAt`. */
  async approve(ctx: RequestContext, id: number, input: PatientIdentityRequestApproval, idempotencyKey?: string): Promise<IdempotentResult<{ request: RequestView; grant: GrantView }>> {
    requirePermission(ctx.actor, 'patient_identity.grant');
    const officer = userActor(ctx, 'patient_identity.grant');
    const now = grantClock.now();
    return withTransaction(this.#deps.db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: officer }, key: idempotencyKey, route: APPROVE_REQUEST_ROUTE, request: { id, ...input } }, async () => {
        const r = await this.#pending(trx, id);
        // The requester met the patient in their own records when asking; they may have moved since
        // (another organisation or jurisdiction): a grant would then unmask a patient out of their scope.
        const requester = await usersRepository.findById(trx, r.requesterUserId);
        if (requester && requester.status === 'active' && !(await privacyRepository.patientInScope(trx, r.patientKey, businessScope(actorFromUser(requester))))) {
          throw invalid([{ code: 'patient_identity.request_out_of_scope', path: ['userId'], params: { id, username: r.requesterUsername, patientKey: r.patientKey } }]);
        }
        const grant = await storeGrant(this.#deps, trx, ctx, { patientKey: r.patientKey, userId: r.requesterUserId, purpose: input.purpose ?? r.purpose, expiresAt: input.expiresAt }, now, { requestId: id });
        await repo.decide(trx, id, { status: 'approved', by: officer, at: now, grantId: grant.id });
        await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'patient_identity.request_approve', objectType: 'patient_identity_request', objectId: id, details: { patientKey: r.patientKey, userId: r.requesterUserId, grantId: grant.id } });
        return { status: 200, body: { request: requestView((await repo.find(trx, id)) as RequestRow), grant } };
      }),
    );
  }

  async decline(ctx: RequestContext, id: number, input: PatientIdentityRequestDecline): Promise<RequestView> {
    requirePermission(ctx.actor, 'patient_identity.grant');
    const officer = userActor(ctx, 'patient_identity.grant');
    return withTransaction(this.#deps.db, async (trx) => {
      const r = await this.#pending(trx, id);
      await repo.decide(trx, id, { status: 'declined', by: officer, at: grantClock.now(), reason: input.reason });
      await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'patient_identity.request_decline', objectType: 'patient_identity_request', objectId: id, details: { patientKey: r.patientKey, userId: r.requesterUserId, reason: input.reason } });
      return requestView((await repo.find(trx, id)) as RequestRow);
    });
  }

  /** The requester takes a waiting request back. */
  async withdraw(ctx: RequestContext, id: number): Promise<RequestView> {
    requirePermission(ctx.actor, 'patient_identity.request');
    const actor = userActor(ctx, 'patient_identity.request');
    return withTransaction(this.#deps.db, async (trx) => {
      const r = await repo.find(trx, id);
      // Someone else's request is not there for this caller (its existence is not theirs to learn).
      if (!r || r.requesterUserId !== actor) throw notFound('patient_identity_request', id);
      await this.#pending(trx, id);
      await repo.decide(trx, id, { status: 'withdrawn', by: actor, at: grantClock.now() });
      await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'patient_identity.request_withdraw', objectType: 'patient_identity_request', objectId: id, details: { patientKey: r.patientKey } });
      return requestView((await repo.find(trx, id)) as RequestRow);
    });
  }

  /** The request, locked, if it still waits: a decision made meanwhile (another officer, a withdrawal) answers 409. */
  async #pending(trx: Kysely<DB>, id: number): Promise<RequestRow> {
    const locked = await repo.lockForDecision(trx, id);
    if (!locked) throw notFound('patient_identity_request', id);
    if (locked.status !== 'pending') throw conflict('patient_identity.request_not_pending', { id, requestStatus: locked.status });
    return (await repo.find(trx, id)) as RequestRow;
  }
}

/** Requests and grants name people: an API token acts for an organisation, not a person, and cannot take part. */
function userActor(ctx: RequestContext, permission: string): number {
  if (ctx.actor.type !== 'user') throw new AppError(403, 'auth.forbidden', { permission });
  return ctx.actor.id;
}
