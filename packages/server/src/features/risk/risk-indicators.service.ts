import { BUILTIN_INDICATORS, indicatorInputSchema, type IndicatorInput, type IndicatorPatch } from '@lianjian/core/risk/index';
import { issueFromZod } from '@lianjian/core';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, conflict, invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import { riskIndicatorsRepository, type IndicatorRow, type IndicatorSort } from './risk-indicators.repository.ts';

export const CREATE_INDICATOR_ROUTE = 'POST /api/risk/indicators';

export interface IndicatorView extends IndicatorInput {
  id: number;
  builtin: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function indicatorView(r: IndicatorRow): IndicatorView {
  return {
    id: Number(r.id), code: r.code, name: r.name, nameEn: r.name_en, metric: r.metric as IndicatorInput['metric'], grouping: r.grouping as IndicatorInput['grouping'],
    window: { unit: r.window_unit, length: r.window_length }, method: r.method, threshold: r.threshold, minCount: r.min_count, grade: r.grade,
    department: r.department as IndicatorInput['department'], enabled: r.enabled, builtin: r.builtin, version: r.version,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

/** Inserts the built-in indicators that are missing; never touches one a regulator has edited. */
export async function ensureBuiltinIndicators(db: Kysely<DB>): Promise<void> {
  for (const b of BUILTIN_INDICATORS) await riskIndicatorsRepository.insert(db, b, { type: 'system', id: null }, true);
}

/**
 * Risk indicators as data. Everyone with risk.read sees them (they are the platform's rules, not
 * data about anyone); only national and provincial regulators change them, since one indicator
 * applies to every jurisdiction. Every change is audited with the before and after.
 */
export class RiskIndicatorsService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  #requireManage(ctx: RequestContext): void {
    requirePermission(ctx.actor, 'risk.manage');
    if (ctx.actor.regulatorLevel !== 'national' && ctx.actor.regulatorLevel !== 'province') {
      throw new AppError(403, 'risk.manage_level', { level: ctx.actor.regulatorLevel ?? ctx.actor.role });
    }
  }

  async list(ctx: RequestContext, f: { enabled?: boolean; department?: string }, page: Page, sort: { column: IndicatorSort; direction: 'asc' | 'desc' }) {
    requirePermission(ctx.actor, 'risk.read');
    await ensureBuiltinIndicators(this.#deps.db);
    const r = await riskIndicatorsRepository.list(this.#deps.db, f, page, sort);
    return { total: r.total, items: r.items.map(indicatorView) };
  }

  async get(ctx: RequestContext, id: number): Promise<IndicatorView> {
    requirePermission(ctx.actor, 'risk.read');
    const r = await riskIndicatorsRepository.findById(this.#deps.db, id);
    if (!r) throw notFound('risk_indicator', id);
    return indicatorView(r);
  }

  async create(ctx: RequestContext, input: IndicatorInput, idempotencyKey?: string): Promise<IdempotentResult<IndicatorView>> {
    this.#requireManage(ctx);
    return withTransaction(this.#deps.db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: ctx.actor.id }, key: idempotencyKey, route: CREATE_INDICATOR_ROUTE, request: input }, async () => {
        const id = await riskIndicatorsRepository.insert(trx, input, { type: ctx.actor.type, id: ctx.actor.id });
        if (id === undefined) throw conflict('risk.indicator_exists', { code: input.code });
        await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'risk_indicator.create', objectType: 'risk_indicator', objectId: id, details: { indicator: input } });
        return { status: 201, body: indicatorView((await riskIndicatorsRepository.findById(trx, id)) as IndicatorRow) };
      }),
    );
  }

  /** Changes some fields; the merged indicator must pass the same checks as a new one. */
  async update(ctx: RequestContext, id: number, patch: IndicatorPatch): Promise<IndicatorView> {
    this.#requireManage(ctx);
    return withTransaction(this.#deps.db, async (trx) => {
      const row = await riskIndicatorsRepository.findById(trx, id);
      if (!row) throw notFound('risk_indicator', id);
      const before = indicatorView(row);
      const { id: _id, builtin: _b, version: _v, createdAt: _c, updatedAt: _u, ...current } = before;
      const merged = { ...current, ...patch };
      const parsed = indicatorInputSchema.safeParse(merged);
      if (!parsed.success) throw invalid(parsed.error.issues.map((i) => issueFromZod(i, [], merged)));
      await riskIndicatorsRepository.update(trx, id, parsed.data, row.version);
      await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'risk_indicator.update', objectType: 'risk_indicator', objectId: id, details: { code: row.code, changed: patch, before: current } });
      return indicatorView((await riskIndicatorsRepository.findById(trx, id)) as IndicatorRow);
    });
  }
}

