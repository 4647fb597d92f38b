import { formatShanghaiInstant } from '@lianjian/core';
import { assessmentFigures } from '@lianjian/core/records/use-records';
import type { AppDeps } from '../../app-context.ts';
import { notFound } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope, organizationInScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { useRecordsRepository as repo } from './use-records.repository.ts';

/**
 * A medical institution's device-management assessment (issue 4, item 3): training coverage (share
 * of uses by trained operators), maintenance (failures, downtime), reporting timeliness (its
 * adverse-event reports, late / total) and its management facts. For regulators whose jurisdiction
 * holds the institution, and for the institution itself; anyone else gets 404.
 */
export class InstitutionAssessmentService {
  readonly #deps: AppDeps;

  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async assess(ctx: RequestContext, organizationId: number, period: { from?: string; to?: string }) {
    requirePermission(ctx.actor, 'institution_assessment.read');
    const { db } = this.#deps;
    const org = await repo.organization(db, organizationId);
    if (!org || org.type !== 'institution' || !organizationInScope(businessScope(ctx.actor), org)) throw notFound('organization', organizationId);
    const counts = await repo.assessmentCounts(db, organizationId, period);
    const facts = await repo.latestFacts(db, organizationId);
    const byProduct = await repo.usesByProduct(db, organizationId, period);
    return {
      organizationId, organizationName: org.name, regionCode: org.regionCode, from: period.from ?? null, to: period.to ?? null,
      ...assessmentFigures(counts),
      trainingByProduct: byProduct.map((p) => ({ ...p, coverage: p.uses === 0 ? null : Math.round((p.usesByTrained / p.uses) * 10_000) / 10_000 })),
      facts: facts ? { managementSystem: facts.managementSystem, systemDocument: facts.systemDocument, responsiblePerson: facts.responsiblePerson, responsiblePhone: facts.responsiblePhone, updatedAt: formatShanghaiInstant(facts.updatedAt) } : null,
    };
  }
}
