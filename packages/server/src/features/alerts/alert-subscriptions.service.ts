import { formatShanghaiInstant, type Issue } from '@lianjian/core';
import type { AlertDepartmentCode, AlertGrade } from '@lianjian/core/rules/compliance/alert-policy';
import type { AppDeps } from '../../app-context.ts';
import { withTransaction } from '../../db/transaction.ts';
import { invalid, notFound } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { jurisdictionPrefix } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import { alertSubscriptionsRepository as repo, type SubscriptionRow } from './alert-subscriptions.repository.ts';

export interface SubscriptionInput {
  jurisdictionCode?: string | undefined;
  channel: 'email' | 'webhook';
  target: string;
  secret?: string | undefined;
  minGrade?: AlertGrade | undefined;
  department?: AlertDepartmentCode | undefined;
}

const view = (s: SubscriptionRow) => ({ ...s, createdAt: formatShanghaiInstant(s.createdAt) });

/** The caller's own jurisdiction prefix: a regulator configures its office and the ones below it. */
function ownPrefix(ctx: RequestContext): string {
  if (ctx.actor.regulatorLevel === 'national') return '';
  return ctx.actor.jurisdictionCode ? jurisdictionPrefix(ctx.actor.jurisdictionCode) : '\u0000';
}

/** Outbound alert channels per office (e-mail addresses, signed webhooks). Secrets are write-only. */
export class AlertSubscriptionsService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async list(ctx: RequestContext) {
    requirePermission(ctx.actor, 'alerts.configure');
    const items = (await repo.list(this.#deps.db, ownPrefix(ctx))).map(view);
    return { items, total: items.length };
  }

  /** With an Idempotency-Key a retried request answers the stored subscription (never its secret) instead of subscribing twice. */
  async create(ctx: RequestContext, input: SubscriptionInput, idempotencyKey?: string): Promise<IdempotentResult<ReturnType<typeof view>>> {
    requirePermission(ctx.actor, 'alerts.configure');
    const jurisdictionCode = input.jurisdictionCode ?? ctx.actor.jurisdictionCode ?? '';
    const issues: Issue[] = [];
    if (!jurisdictionCode.startsWith(ownPrefix(ctx)) || !/^\d{6}$/.test(jurisdictionCode)) issues.push({ code: 'alert.subscription_out_of_scope', path: ['jurisdictionCode'], params: { jurisdictionCode } });
    const okTarget = input.channel === 'email' ? /^[^\s@<>]+@[^\s@<>]+$/.test(input.target) : /^https?:\/\/[^\s]+$/.test(input.target);
    if (!okTarget) issues.push({ code: 'alert.subscription_target_invalid', path: ['target'], params: { channel: input.channel, target: input.target } });
    if (input.channel === 'webhook' && (input.secret ?? '').length < 16) issues.push({ code: 'alert.subscription_secret_required', path: ['secret'], params: {} });
    if (issues.length) throw invalid(issues);
    const { db, audit } = this.#deps;
    const owner = { actorType: ctx.actor.type, actorId: ctx.actor.id };
    return withTransaction(db, (trx) => idempotent(trx, { owner, key: idempotencyKey, route: 'POST /api/alerts/subscriptions', request: input }, async () => {
      const newId = await repo.insert(trx, {
        jurisdictionCode, channel: input.channel, target: input.target, secret: input.channel === 'webhook' ? (input.secret as string) : null,
        minGrade: input.minGrade ?? 'general', department: input.department ?? null, createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      });
      // The secret is not audited (the audit log is readable by the audit admin).
      await audit.record(trx, whoFrom(ctx), { action: 'alert.subscription.create', objectType: 'alert_subscription', objectId: newId, details: { jurisdictionCode, channel: input.channel, target: input.target, minGrade: input.minGrade ?? 'general', department: input.department ?? null } });
      return { status: 201, body: view((await repo.find(trx, newId, '')) as SubscriptionRow) };
    }));
  }

  async remove(ctx: RequestContext, id: number) {
    requirePermission(ctx.actor, 'alerts.configure');
    const { db, audit } = this.#deps;
    await withTransaction(db, async (trx) => {
      const s = await repo.find(trx, id, ownPrefix(ctx));
      if (!s) throw notFound('alert_subscription', id);
      await repo.deactivate(trx, id);
      await audit.record(trx, whoFrom(ctx), { action: 'alert.subscription.deactivate', objectType: 'alert_subscription', objectId: id, details: { jurisdictionCode: s.jurisdictionCode, channel: s.channel } });
    });
  }
}
