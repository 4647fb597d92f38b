import type { AppDeps } from '../../app-context.ts';
import type { RegulatorLevel } from '../../db/schema.ts';
import { invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { requirePermission } from '../auth/permissions.ts';
import { newSecret, sha256Hex } from '../auth/secrets.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';
import { apiTokensRepository, type ApiTokenRow } from './api-tokens.repository.ts';
import { withTransaction } from '../../db/transaction.ts';

export interface CreateTokenInput {
  name: string;
  organizationId?: number | null;
  jurisdictionCode?: string | null;
  regulatorLevel?: RegulatorLevel | null;
  expiresAt?: Date | null;
}

/**
 * API tokens for system-to-system submitters (an ERP, a hospital information system). A token acts
 * for one organisation with the role its type implies, or for a regulator's jurisdiction. The secret
 * is shown once, at creation; only its SHA-256 is kept.
 */
export class ApiTokensService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async create(ctx: RequestContext, input: CreateTokenInput): Promise<{ token: string; item: ApiTokenRow }> {
    requirePermission(ctx.actor, 'tokens.manage');
    const { db, audit } = this.#deps;
    let role: ApiTokenRow['role'];
    if (input.organizationId) {
      const org = await organizationsRepository.findById(db, input.organizationId, { kind: 'all' });
      if (!org) throw invalid([{ code: 'not_found', path: ['organizationId'], params: { objectType: 'organization', id: String(input.organizationId) } }]);
      if (org.type === 'institution') role = 'institution';
      else if (org.type === 'regulator') role = 'regulator';
      else if (['manufacturer', 'distributor', 'logistics'].includes(org.type)) role = 'enterprise';
      else throw invalid([{ code: 'user.organization_type', path: ['organizationId'], params: { role: 'token', type: org.type } }]);
      if (role === 'regulator' && (!input.jurisdictionCode || !input.regulatorLevel)) {
        throw invalid([{ code: 'user.role_fields', path: ['jurisdictionCode'], params: { role, field: 'jurisdictionCode' } }]);
      }
    } else {
      throw invalid([{ code: 'user.role_fields', path: ['organizationId'], params: { role: 'token', field: 'organizationId' } }]);
    }
    const token = newSecret('lj_');
    return withTransaction(db, async (trx) => {
      const id = await apiTokensRepository.insert(trx, {
        name: input.name, tokenHash: sha256Hex(token), tokenPrefix: token.slice(0, 10), role, organizationId: input.organizationId ?? null,
        jurisdictionCode: role === 'regulator' ? (input.jurisdictionCode ?? null) : null, regulatorLevel: role === 'regulator' ? (input.regulatorLevel ?? null) : null,
        createdBy: ctx.actor.id, expiresAt: input.expiresAt ?? null,
      });
      await audit.record(trx, whoFrom(ctx), { action: 'api_token.create', objectType: 'api_token', objectId: id, details: { name: input.name, organizationId: input.organizationId, role } });
      return { token, item: (await apiTokensRepository.findById(trx, id)) as ApiTokenRow };
    });
  }

  async list(ctx: RequestContext, page: Page) {
    requirePermission(ctx.actor, 'tokens.manage');
    return apiTokensRepository.list(this.#deps.db, page);
  }

  async revoke(ctx: RequestContext, id: number): Promise<void> {
    requirePermission(ctx.actor, 'tokens.manage');
    await withTransaction(this.#deps.db, async (trx) => {
      if (!(await apiTokensRepository.findById(trx, id))) throw notFound('api_token', id);
      await apiTokensRepository.revoke(trx, id);
      await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'api_token.revoke', objectType: 'api_token', objectId: id });
    });
  }
}
