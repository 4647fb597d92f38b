import { formatShanghaiInstant } from '@lianjian/core';
import { recallNotifyBy, type LotRestrictionInput, type RecallLevel } from '@lianjian/core/records/lot-restriction';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, conflict, invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope, organizationInScope, regionInPrefix, jurisdictionPrefix } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import { lotRestrictionsRepository as repo, type LotRestrictionFilter, type LotRestrictionRow } from './lot-restrictions.repository.ts';

export const CREATE_ROUTE = 'POST /api/lot-restrictions';
export const LIFT_ROUTE = 'POST /api/lot-restrictions/:id/lift';

/** The clock measures take effect by (tests move it). */
export const restrictionClock = { now: (): Date => new Date() };

export interface LotRestrictionView {
  id: number;
  di: string;
  lot: string;
  kind: 'suspension' | 'recall';
  recallLevel: 1 | 2 | 3 | null;
  reason: string;
  product: { name: string; model: string } | null;
  registrant: { id: number; name: string | null; regionCode: string | null } | null;
  voluntary: boolean;
  regionCode: string;
  recordedBy: { type: string; id: number | null };
  startedAt: string;
  /** For a recall: when distributors and users must have been notified (start + 1 / 3 / 7 days by level). */
  notifyBy: string | null;
  active: boolean;
  liftedAt: string | null;
  liftReason: string | null;
  createdAt: string;
}

export function restrictionView(r: LotRestrictionRow): LotRestrictionView {
  return {
    id: r.id, di: r.di, lot: r.lot, kind: r.kind, recallLevel: r.recallLevel, reason: r.reason,
    product: r.productName === null ? null : { name: r.productName, model: r.productModel ?? '' },
    registrant: r.registrantOrgId === null ? null : { id: r.registrantOrgId, name: r.registrantName, regionCode: r.registrantRegionCode },
    voluntary: r.voluntary, regionCode: r.regionCode, recordedBy: { type: r.recordedByType, id: r.recordedBy },
    startedAt: formatShanghaiInstant(r.startedAt),
    notifyBy: r.kind === 'recall' && r.recallLevel !== null ? formatShanghaiInstant(recallNotifyBy(r.startedAt, r.recallLevel as RecallLevel)) : null,
    active: r.liftedAt === null, liftedAt: r.liftedAt && formatShanghaiInstant(r.liftedAt), liftReason: r.liftReason, createdAt: formatShanghaiInstant(r.createdAt),
  };
}

/**
 * Suspensions of sale and use and recalls of a lot (issue 5). A regulator records them for lots in
 * its jurisdiction (the registrant or a holder lies there, as for a lot's dossier); the registrant
 * may start a voluntary recall of its own lot. A measure stays a fact: lifting it stamps when, by
 * whom and why, and the alert engine checks every movement of the lot while it was in force.
 */
export class LotRestrictionsService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async create(ctx: RequestContext, input: LotRestrictionInput, idempotencyKey?: string): Promise<IdempotentResult<LotRestrictionView>> {
    requirePermission(ctx.actor, 'lot_restrictions.write');
    return withTransaction(this.#deps.db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: ctx.actor.id }, key: idempotencyKey, route: CREATE_ROUTE, request: input }, async () => ({
        status: 201,
        body: await this.#insert(trx, ctx, input),
      })),
    );
  }

  async #insert(trx: Kysely<DB>, ctx: RequestContext, input: LotRestrictionInput): Promise<LotRestrictionView> {
    const { actor } = ctx;
    const now = restrictionClock.now();
    const startedAt = input.startedAt ? new Date(input.startedAt) : now;
    if (startedAt.getTime() > now.getTime() + 60_000) throw invalid([{ code: 'lot_restriction.started_in_future', path: ['startedAt'], params: { startedAt: input.startedAt ?? '' } }]);
    const lot = await repo.lotFacts(trx, input.di, input.lot);
    if (!lot.known) throw invalid([{ code: 'lot_restriction.lot_unknown', path: ['lot'], params: { di: input.di, lot: input.lot } }]);
    const scope = businessScope(actor);
    let regionCode: string;
    let voluntary = false;
    if (actor.role === 'regulator') {
      const registrantVisible = lot.registrantOrgId !== null && lot.registrantRegionCode !== null && organizationInScope(scope, { id: lot.registrantOrgId, regionCode: lot.registrantRegionCode });
      if (scope.kind !== 'all' && !registrantVisible && !(await repo.heldInScope(trx, scope, input.di, input.lot))) throw notFound('lot', `${input.di}/${input.lot}`);
      regionCode = actor.regulatorLevel === 'national' ? '000000' : (actor.jurisdictionCode as string);
    } else {
      // An enterprise: only the registrant, and only its own voluntary recall.
      if (lot.registrantOrgId === null || lot.registrantOrgId !== actor.organizationId) throw new AppError(403, 'lot_restriction.not_registrant', { di: input.di, lot: input.lot });
      if (input.kind !== 'recall') throw new AppError(403, 'lot_restriction.suspension_by_regulator', {});
      regionCode = lot.registrantRegionCode as string;
      voluntary = true;
    }
    await repo.lockLot(trx, input.di, input.lot);
    const open = await repo.openOf(trx, input.di, input.lot, input.kind);
    if (open !== undefined) throw conflict('lot_restriction.already_open', { di: input.di, lot: input.lot, kind: input.kind, id: open });
    const id = await repo.insert(trx, {
      di: input.di, lot: input.lot, kind: input.kind, recallLevel: input.kind === 'recall' ? (input.recallLevel as 1 | 2 | 3) : null, reason: input.reason,
      registrantOrgId: lot.registrantOrgId, voluntary, recordedByType: actor.type, recordedBy: actor.id, regionCode, startedAt,
    });
    await this.#deps.audit.record(trx, whoFrom(ctx), {
      action: 'lot_restriction.create', objectType: 'lot', objectId: `${input.di}/${input.lot}`,
      details: { restrictionId: id, kind: input.kind, recallLevel: input.recallLevel ?? null, voluntary, regionCode, startedAt: startedAt.toISOString() },
    });
    return restrictionView((await repo.findById(trx, id, { kind: 'all' })) as LotRestrictionRow);
  }

  async lift(ctx: RequestContext, id: number, reason: string, idempotencyKey?: string): Promise<IdempotentResult<LotRestrictionView>> {
    requirePermission(ctx.actor, 'lot_restrictions.write');
    return withTransaction(this.#deps.db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: ctx.actor.id }, key: idempotencyKey, route: LIFT_ROUTE, request: { id, reason } }, async () => ({
        status: 200,
        body: await this.#lift(trx, ctx, id, reason),
      })),
    );
  }

  async #lift(trx: Kysely<DB>, ctx: RequestContext, id: number, reason: string): Promise<LotRestrictionView> {
    const { actor } = ctx;
    const scope = businessScope(actor);
    await repo.lockRow(trx, id);
    const r = await repo.findById(trx, id, scope);
    if (!r) throw notFound('lot_restriction', id);
    // The office that recorded it or one above it (its jurisdiction contains the recording region); the registrant its own voluntary recall.
    const allowed = actor.role === 'regulator'
      ? actor.regulatorLevel === 'national' || (actor.jurisdictionCode !== null && r.regionCode !== '000000' && regionInPrefix(r.regionCode, jurisdictionPrefix(actor.jurisdictionCode)))
      : r.voluntary && r.registrantOrgId !== null && r.registrantOrgId === actor.organizationId;
    if (!allowed) throw new AppError(403, 'lot_restriction.lift_not_allowed', { id, regionCode: r.regionCode });
    if (r.liftedAt) throw conflict('lot_restriction.already_lifted', { id, liftedAt: formatShanghaiInstant(r.liftedAt) });
    const liftedAt = new Date(Math.max(restrictionClock.now().getTime(), r.startedAt.getTime()));
    await repo.lift(trx, id, { liftedAt, liftedByType: actor.type, liftedBy: actor.id, reason });
    await this.#deps.audit.record(trx, whoFrom(ctx), {
      action: 'lot_restriction.lift', objectType: 'lot', objectId: `${r.di}/${r.lot}`, details: { restrictionId: id, kind: r.kind, liftedAt: liftedAt.toISOString() },
    });
    return restrictionView((await repo.findById(trx, id, { kind: 'all' })) as LotRestrictionRow);
  }

  async list(ctx: RequestContext, filter: LotRestrictionFilter, page: Page): Promise<{ items: LotRestrictionView[]; total: number }> {
    requirePermission(ctx.actor, 'lot_restrictions.read');
    const r = await repo.list(this.#deps.db, businessScope(ctx.actor), filter, page);
    return { items: r.items.map(restrictionView), total: r.total };
  }

  async get(ctx: RequestContext, id: number): Promise<LotRestrictionView> {
    requirePermission(ctx.actor, 'lot_restrictions.read');
    const r = await repo.findById(this.#deps.db, id, businessScope(ctx.actor));
    if (!r) throw notFound('lot_restriction', id);
    return restrictionView(r);
  }
}
