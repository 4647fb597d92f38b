import type { AppDeps } from '../../app-context.ts';
import { notFound } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { requirePermission } from '../auth/permissions.ts';
import { sessionsRepository } from '../auth/sessions.repository.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { usersRepository } from '../users/users.repository.ts';
import { securityPolicyRepository, type SecurityPolicy } from './security-policy.repository.ts';
import { withTransaction } from '../../db/transaction.ts';

export class SecurityPolicyService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async get(ctx: RequestContext): Promise<SecurityPolicy> {
    requirePermission(ctx.actor, 'security.manage');
    return securityPolicyRepository.get(this.#deps.db);
  }

  async update(ctx: RequestContext, patch: Partial<Omit<SecurityPolicy, 'updatedAt'>>): Promise<SecurityPolicy> {
    requirePermission(ctx.actor, 'security.manage');
    return withTransaction(this.#deps.db, async (trx) => {
      const before = await securityPolicyRepository.get(trx);
      const after = await securityPolicyRepository.update(trx, patch, ctx.actor.id);
      await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'security_policy.update', objectType: 'security_policy', objectId: 1, details: { before: { ...before, updatedAt: undefined }, patch } });
      return after;
    });
  }

  async forceLogout(ctx: RequestContext, userId: number): Promise<{ revoked: number }> {
    requirePermission(ctx.actor, 'sessions.revoke');
    return withTransaction(this.#deps.db, async (trx) => {
      if (!(await usersRepository.findById(trx, userId))) throw notFound('user', userId);
      const revoked = await sessionsRepository.revokeAllForUser(trx, userId, 'forced_logout');
      await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'session.force_logout', objectType: 'user', objectId: userId, details: { revoked } });
      return { revoked };
    });
  }
}
