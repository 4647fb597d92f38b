import { formatShanghaiInstant } from '@lianjian/core';
import { MAX_GRANT_DAYS, type PatientIdentityGrantInput } from '@lianjian/core/records/patient-identity-grant';
import type { PatientIdentityRequestStatus } from '@lianjian/core/records/patient-identity-request';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, conflict, invalid, notFound } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope } from '../auth/data-scope.ts';
import { PERMISSIONS, requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import { piiCipherOf } from './pii-cipher-of.ts';
import { identityRequestsRepository as requestsRepo, type RequestRow } from './identity-requests.repository.ts';
import { privacyRepository as repo, type GranteeRow, type GrantRow } from './privacy.repository.ts';

/**
 * Who may be named in a grant: the roles that can read a patient's identity at all (a grant to anyone
 * else could never be used), except privacy officers, so no officer unmasks under a colleague's grant.
 */
export const GRANTEE_ROLES: string[] = (PERMISSIONS['patient_identity.read'] as readonly string[]).filter((role) => role !== 'privacy_officer');

/** The clock grants are judged by. A seam for tests (expiry); nothing else replaces it. */
export const grantClock = { now: (): Date => new Date() };

export const CREATE_GRANT_ROUTE = 'POST /api/patient-identity-grants';
const DAY_MS = 86_400_000;

export interface GrantView {
  id: number;
  patientKey: string;
  granteeUserId: number;
  granteeUsername: string;
  purpose: string;
  expiresAt: string;
  grantedBy: number;
  grantedByUsername: string;
  createdAt: string;
  revokedAt: string | null;
  active: boolean;
}

function requestSummary(r: RequestRow): RequestSummary {
  return {
    id: r.id, status: r.status, purpose: r.purpose, createdAt: formatShanghaiInstant(r.createdAt), decidedAt: r.decidedAt && formatShanghaiInstant(r.decidedAt),
    decisionReason: r.decisionReason,
  };
}

function grantView(g: GrantRow, now: Date): GrantView {
  return {
    id: g.id, patientKey: g.patientKey, granteeUserId: g.granteeUserId, granteeUsername: g.granteeUsername, purpose: g.purpose,
    expiresAt: formatShanghaiInstant(g.expiresAt), grantedBy: g.grantedBy, grantedByUsername: g.grantedByUsername, createdAt: formatShanghaiInstant(g.createdAt),
    revokedAt: g.revokedAt && formatShanghaiInstant(g.revokedAt), active: g.revokedAt === null && g.expiresAt.getTime() > now.getTime(),
  };
}

export interface IdentityView {
  patientKey: string;
  /** False only while the caller holds a live grant for this patient. */
  masked: boolean;
  name: string;
  idNumber: string | null;
  /** Only unmasked. */
  birthDate: string | null;
  grant: { id: number; purpose: string; expiresAt: string } | null;
  /** Only masked, for a caller who may ask: their newest request to see this identity, whatever became of it. */
  request: RequestSummary | null;
}

export interface RequestSummary {
  id: number;
  status: PatientIdentityRequestStatus;
  purpose: string;
  createdAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
}

/**
 * Checks a grant against the rules and stores it with its audit entry, in the caller's transaction:
 * the privacy officer's grant form and an approved request both come here. `auditDetails` adds to
 * the audit entry (the request an approval answers).
 */
export async function storeGrant(deps: AppDeps, trx: Kysely<DB>, ctx: RequestContext, input: PatientIdentityGrantInput, now: Date, auditDetails: Record<string, unknown> = {}): Promise<GrantView> {
  const issues = [];
  const expires = Date.parse(input.expiresAt);
  if (expires <= now.getTime()) issues.push({ code: 'patient_identity.grant_expiry_past', path: ['expiresAt'], params: { expiresAt: input.expiresAt } });
  else if (expires > now.getTime() + MAX_GRANT_DAYS * DAY_MS) issues.push({ code: 'patient_identity.grant_expiry_too_far', path: ['expiresAt'], params: { expiresAt: input.expiresAt, maxDays: MAX_GRANT_DAYS } });
  if (input.userId === ctx.actor.id) issues.push({ code: 'patient_identity.grant_self', path: ['userId'], params: { userId: input.userId } });
  else {
    const grantee = await repo.activeUser(trx, input.userId);
    if (!grantee) issues.push({ code: 'patient_identity.grant_user_unknown', path: ['userId'], params: { userId: input.userId } });
    else if (!GRANTEE_ROLES.includes(grantee.role)) issues.push({ code: 'patient_identity.grant_user_cannot_read', path: ['userId'], params: { userId: input.userId, username: grantee.username } });
  }
  if (!(await repo.identity(trx, input.patientKey))) issues.push({ code: 'patient_identity.grant_patient_unknown', path: ['patientKey'], params: { patientKey: input.patientKey } });
  if (issues.length) throw invalid(issues);
  const id = await repo.insertGrant(trx, { patientKey: input.patientKey, granteeUserId: input.userId, purpose: input.purpose, expiresAt: input.expiresAt, grantedBy: ctx.actor.id });
  await deps.audit.record(trx, whoFrom(ctx), { action: 'patient_identity.grant', objectType: 'patient_identity_grant', objectId: id, details: { patientKey: input.patientKey, userId: input.userId, purpose: input.purpose, expiresAt: input.expiresAt, ...auditDetails } });
  return grantView((await repo.findGrant(trx, id)) as GrantRow, now);
}

/**
 * Patients' identities and who may see them. Everywhere else an identity is shown masked; here it
 * is unmasked only for a user a privacy officer named in a live grant (purpose, expiry, revocable),
 * and every unmasked read is audited with the grant's purpose.
 */
export class PrivacyService {
  readonly #deps: AppDeps;

  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /**
   * One patient's identity: masked for whoever sees a record naming the patient (and for privacy
   * officers, who need to know whom they grant), unmasked with a live grant; anyone else gets 404.
   */
  async identity(ctx: RequestContext, patientKey: string): Promise<IdentityView> {
    requirePermission(ctx.actor, 'patient_identity.read');
    const { db, audit } = this.#deps;
    const now = grantClock.now();
    const identity = await repo.identity(db, patientKey);
    // A grant counts only for a role that may hold one: one made to a privacy officer before that rule never unmasks.
    const grant = identity && ctx.actor.type === 'user' && GRANTEE_ROLES.includes(ctx.actor.role) ? await repo.liveGrant(db, patientKey, ctx.actor.id, now) : undefined;
    const visible = identity !== undefined && (grant !== undefined || ctx.actor.role === 'privacy_officer' || (await repo.patientInScope(db, patientKey, businessScope(ctx.actor))));
    if (!identity || !visible) throw notFound('patient', patientKey);
    if (!grant) {
      await audit.recordNow(db, whoFrom(ctx), { action: 'patient_identity.read_masked', objectType: 'patient', objectId: patientKey });
      const asked = ctx.actor.type === 'user' && GRANTEE_ROLES.includes(ctx.actor.role) ? await requestsRepo.latestOf(db, patientKey, ctx.actor.id) : undefined;
      return { patientKey, masked: true, name: identity.nameMasked, idNumber: identity.idNumberMasked, birthDate: null, grant: null, request: asked ? requestSummary(asked) : null };
    }
    const pii = piiCipherOf(this.#deps);
    await audit.recordNow(db, whoFrom(ctx), { action: 'patient_identity.unmask', objectType: 'patient', objectId: patientKey, details: { grantId: grant.id, purpose: grant.purpose } });
    return {
      patientKey, masked: false, name: pii.decrypt(identity.nameCiphertext), idNumber: identity.idNumberCiphertext && pii.decrypt(identity.idNumberCiphertext),
      birthDate: identity.birthDateCiphertext && pii.decrypt(identity.birthDateCiphertext),
      grant: { id: grant.id, purpose: grant.purpose, expiresAt: formatShanghaiInstant(grant.expiresAt) }, request: null,
    };
  }

  async grant(ctx: RequestContext, input: PatientIdentityGrantInput, idempotencyKey?: string): Promise<IdempotentResult<GrantView>> {
    requirePermission(ctx.actor, 'patient_identity.grant');
    if (ctx.actor.type !== 'user') throw new AppError(403, 'auth.forbidden', { permission: 'patient_identity.grant' });
    const now = grantClock.now();
    return withTransaction(this.#deps.db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: ctx.actor.id }, key: idempotencyKey, route: CREATE_GRANT_ROUTE, request: input }, async () =>
        ({ status: 201, body: await storeGrant(this.#deps, trx, ctx, input, now) })),
    );
  }

  /** The accounts a grant may name, for the privacy officer's picker: found by username, name or organisation. */
  async grantees(ctx: RequestContext, q: string | undefined, limit: number): Promise<GranteeRow[]> {
    requirePermission(ctx.actor, 'patient_identity.grant');
    // The officer's own account is excluded by role already; `exceptUserId` keeps it out should the roles change.
    return repo.grantees(this.#deps.db, { roles: GRANTEE_ROLES, ...(q ? { q } : {}), exceptUserId: ctx.actor.id, limit });
  }

  async list(ctx: RequestContext, f: { patientKey?: string; userId?: number; active?: boolean }, page: { limit: number; offset: number }) {
    requirePermission(ctx.actor, 'patient_identity.grant');
    const now = grantClock.now();
    const r = await repo.listGrants(this.#deps.db, { ...f, now }, page);
    return { total: r.total, items: r.items.map((g) => grantView(g, now)) };
  }

  async revoke(ctx: RequestContext, id: number): Promise<GrantView> {
    requirePermission(ctx.actor, 'patient_identity.grant');
    const now = grantClock.now();
    return withTransaction(this.#deps.db, async (trx) => {
      const g = await repo.findGrant(trx, id);
      if (!g) throw notFound('patient_identity_grant', id);
      if (g.revokedAt) throw conflict('patient_identity.grant_revoked', { id, revokedAt: formatShanghaiInstant(g.revokedAt) });
      await repo.revoke(trx, id, ctx.actor.id, now);
      await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'patient_identity.revoke', objectType: 'patient_identity_grant', objectId: id, details: { patientKey: g.patientKey, userId: g.granteeUserId } });
      return grantView((await repo.findGrant(trx, id)) as GrantRow, now);
    });
  }
}
