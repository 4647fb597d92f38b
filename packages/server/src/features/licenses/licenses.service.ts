import { shanghaiDate } from '@lianjian/core';
import type { AppDeps } from '../../app-context.ts';
import type { LicenseKind, RecordStatus } from '../../db/schema.ts';
import { invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';
import { SYSTEM } from '../organizations/organizations.service.ts';
import { effectiveStatus, licensesRepository, type LicenseFilter, type LicenseRow, type LicenseSort } from './licenses.repository.ts';
import { withTransaction } from '../../db/transaction.ts';

export type LicenseView = LicenseRow & { effectiveStatus: ReturnType<typeof effectiveStatus>; daysToExpiry: number | null };

/** Which licence kinds an organisation type can hold. */
const KINDS_FOR_TYPE: Record<string, LicenseKind[]> = {
  manufacturer: ['production_license', 'production_filing', 'qms_certificate'],
  distributor: ['distribution_license', 'distribution_filing', 'qms_certificate'],
  logistics: ['distribution_license', 'distribution_filing', 'qms_certificate'],
  institution: [],
};

export interface NewLicense {
  organizationId: number;
  kind: LicenseKind;
  number: string;
  scopeClasses: number[];
  scopeCategories: string[];
  scopeText?: string | null;
  issuer: string;
  validFrom: string;
  validTo?: string | null;
}

function view(l: LicenseRow, today: string): LicenseView {
  return { ...l, effectiveStatus: effectiveStatus(l, today), daysToExpiry: l.validTo ? Math.round((Date.parse(l.validTo) - Date.parse(today)) / 86_400_000) : null };
}

/** Licences and filings: regulators issue and change their status in their jurisdiction; holders see their own. */
export class LicensesService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async list(ctx: RequestContext, f: LicenseFilter, page: Page, sort: { column: LicenseSort; direction: 'asc' | 'desc' }) {
    requirePermission(ctx.actor, 'licenses.read');
    const today = shanghaiDate(new Date());
    const r = await licensesRepository.list(this.#deps.db, businessScope(ctx.actor), f, page, sort, today);
    return { total: r.total, items: r.items.map((l) => view(l, today)) };
  }

  async get(ctx: RequestContext, id: number) {
    requirePermission(ctx.actor, 'licenses.read');
    const l = await licensesRepository.findById(this.#deps.db, id, businessScope(ctx.actor));
    if (!l) throw notFound('license', id);
    return { ...view(l, shanghaiDate(new Date())), history: await licensesRepository.history(this.#deps.db, id) };
  }

  async create(ctx: RequestContext | null, input: NewLicense): Promise<LicenseView> {
    if (ctx) requirePermission(ctx.actor, 'licenses.write');
    const { db, audit } = this.#deps;
    const org = await organizationsRepository.findById(db, input.organizationId, ctx ? businessScope(ctx.actor) : { kind: 'all' });
    if (!org) throw invalid([{ code: 'not_found', path: ['organizationId'], params: { objectType: 'organization', id: String(input.organizationId) } }]);
    const issues = [];
    if (!(KINDS_FOR_TYPE[org.type] ?? []).includes(input.kind)) issues.push({ code: 'license.kind_for_type', path: ['kind'], params: { kind: input.kind, type: org.type } });
    if (input.validTo && input.validTo < input.validFrom) issues.push({ code: 'license.dates', path: ['validTo'], params: { validFrom: input.validFrom, validTo: input.validTo } });
    if (issues.length) throw invalid(issues);
    return withTransaction(db, async (trx) => {
      const id = await licensesRepository.insert(trx, { ...input, scopeText: input.scopeText ?? null, validTo: input.validTo ?? null });
      await licensesRepository.setStatus(trx, id, 'active', 'issued', ctx?.actor.id ?? null);
      await audit.record(trx, ctx ? whoFrom(ctx) : SYSTEM, { action: 'license.create', objectType: 'license', objectId: id, details: { kind: input.kind, number: input.number, organizationId: input.organizationId } });
      return view((await licensesRepository.findById(trx, id, { kind: 'all' })) as LicenseRow, shanghaiDate(new Date()));
    });
  }

  /** Suspends, revokes, cancels or reinstates a licence; the change and its reason go to the history. */
  async changeStatus(ctx: RequestContext, id: number, status: RecordStatus, reason: string) {
    requirePermission(ctx.actor, 'licenses.write');
    await withTransaction(this.#deps.db, async (trx) => {
      const l = await licensesRepository.findById(trx, id, businessScope(ctx.actor));
      if (!l) throw notFound('license', id);
      await licensesRepository.setStatus(trx, id, status, reason, ctx.actor.id);
      await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'license.status', objectType: 'license', objectId: id, details: { from: l.status, to: status, reason } });
    });
    return this.get(ctx, id);
  }
}
