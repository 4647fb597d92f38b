import type { AppDeps } from '../../app-context.ts';
import { AppError, forbidden } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope, organizationInScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { lotRestrictionsRepository } from '../lot-restrictions/lot-restrictions.repository.ts';
import { restrictionView, type LotRestrictionView } from '../lot-restrictions/lot-restrictions.service.ts';
import { traceRepository as repo } from './trace.repository.ts';

export type RecallScopeRequest = { lots: { di: string; lot: string }[] } | { di: string; producedFrom: string; producedTo: string };

export interface RecallHolder {
  organizationId: number;
  gln: string | null;
  name: string;
  regionCode: string;
  type: string;
  inTransit: number;
  inStock: number;
  unusedAtInstitution: number;
  used: number;
}

export interface RecallScope {
  lots: { di: string; lot: string }[];
  holders: RecallHolder[];
  totals: { holders: number; inTransit: number; inStock: number; unusedAtInstitution: number; used: number; destroyed: number; returned: number };
  /** True when holders outside the caller's jurisdiction were left out (the totals still count them). */
  holdersLimitedToJurisdiction: boolean;
  /** Suspensions and recalls of the lots, oldest first. */
  restrictions: LotRestrictionView[];
}

/**
 * Who holds how many units of the lots now (issue 3, item 7), from lot_holdings: in transit (at
 * the shipper), in stock at manufacturers and distributors, unused at medical institutions, used
 * on patients. Destroyed units are no longer anyone's to recall and appear in the totals only.
 * Regulators only; a province or the nation sees every holder, a city or county regulator the
 * holders in its jurisdiction, and everyone the totals (the size of a recall is not a secret from
 * the office that has to carry out its part of it).
 */
export class RecallScopeService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async scope(ctx: RequestContext, req: RecallScopeRequest): Promise<RecallScope> {
    requirePermission(ctx.actor, 'recall.scope');
    const scope = businessScope(ctx.actor);
    if (scope.kind === 'none' || scope.kind === 'organization') throw forbidden('auth.forbidden', { permission: 'recall.scope' });
    const { db, audit } = this.#deps;
    let lots: { di: string; lot: string }[];
    if ('lots' in req) lots = req.lots;
    else {
      if (req.producedFrom > req.producedTo) throw new AppError(400, 'recall.invalid_range', { from: req.producedFrom, to: req.producedTo });
      lots = await repo.lotsProducedBetween(db, req.di, req.producedFrom, req.producedTo);
    }
    const rows = await repo.lotHoldings(db, lots);
    const byHolder = new Map<number, RecallHolder>();
    const totals = { holders: 0, inTransit: 0, inStock: 0, unusedAtInstitution: 0, used: 0, destroyed: 0, returned: 0 };
    for (const r of rows) {
      let h = byHolder.get(r.holderOrgId);
      if (!h) byHolder.set(r.holderOrgId, (h = { organizationId: r.holderOrgId, gln: r.gln, name: r.name, regionCode: r.regionCode, type: r.type, inTransit: 0, inStock: 0, unusedAtInstitution: 0, used: 0 }));
      const institution = r.type === 'institution';
      h.inTransit += r.inTransit;
      if (institution) h.unusedAtInstitution += r.inStock;
      else h.inStock += r.inStock;
      h.used += r.used;
      totals.inTransit += r.inTransit;
      if (institution) totals.unusedAtInstitution += r.inStock;
      else totals.inStock += r.inStock;
      totals.used += r.used;
      totals.destroyed += r.destroyed;
      totals.returned += r.returned;
    }
    const all = [...byHolder.values()].filter((h) => h.inTransit + h.inStock + h.unusedAtInstitution + h.used > 0);
    totals.holders = all.length;
    // A province (two-digit prefix) or the nation sees every holder; a city or county its own.
    const wide = scope.kind === 'all' || scope.prefix.length <= 2;
    const holders = wide ? all : all.filter((h) => organizationInScope(scope, { id: h.organizationId, regionCode: h.regionCode }));
    await audit.recordNow(db, whoFrom(ctx), {
      action: 'recall.scope', objectType: 'lot', objectId: lots.map((l) => `${l.di}/${l.lot}`).join(',').slice(0, 200),
      details: { lots: lots.length, holders: holders.length, request: 'lots' in req ? 'lots' : 'production_range' },
    });
    // The measures already taken on these lots (suspensions, recalls; in force and lifted).
    const restrictions = (await lotRestrictionsRepository.ofLots(db, lots)).map(restrictionView);
    return { lots, holders, totals, holdersLimitedToJurisdiction: !wide, restrictions };
  }
}
