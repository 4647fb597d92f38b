import { formatShanghaiInstant } from '@lianjian/core';
import {
  allowedActions, gradeRank, isOpenStatus, nextLevel, nextStatus, type AlertAction, type AlertGrade, type AlertStatus,
} from '@lianjian/core/rules/compliance/alert-policy';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope, type DataScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom, type AuditWho } from '../audit/audit.service.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import type { AlertAttribution, AlertCandidate } from './alert-candidate.ts';
import { alertClock, loadAlertPolicy, rerouteTo, route } from './alert-routing.ts';
import { alertsRepository, type AlertFilter, type AlertRow, type AlertSort, type HistoryRow } from './alerts.repository.ts';

const SYSTEM_WHO: AuditWho = { actorType: 'system', actorId: null, actorName: 'alert-engine', ip: null, userAgent: null };
const SYSTEM_ACTOR = { type: 'system' as const, id: null, name: 'alert-engine' };

/** An alert as the API shows it (instants in Shanghai time). */
export interface AlertView {
  id: number;
  grade: AlertRow['grade'];
  status: AlertRow['status'];
  source: string;
  regionCode: string;
  level: AlertRow['level'];
  originRegionCode: string;
  department: AlertRow['department'];
  deadline: string;
  deadlineRule: string;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  occurredAt: string;
  lastSeenAt: string;
  occurrences: number;
  subject: { type: AlertRow['subjectType']; key: string; label: string; di: string | null; lot: string | null; serial: string | null; organizationId: number | null; organizationName: string | null };
  evidence: unknown;
  attribution: AlertAttribution | null;
  dismissReason: string | null;
  escalationCount: number;
  closedAt: string | null;
  read: boolean;
  allowedActions: AlertAction[];
}

export function alertView(r: AlertRow, now: Date = alertClock.now()): AlertView {
  return {
    id: r.id, grade: r.grade, status: r.status, source: r.source, regionCode: r.regionCode, level: r.level, originRegionCode: r.originRegionCode,
    department: r.department, deadline: formatShanghaiInstant(r.deadline), deadlineRule: r.deadlineRule,
    overdue: isOpenStatus(r.status) && r.deadline.getTime() < now.getTime(),
    createdAt: formatShanghaiInstant(r.createdAt), updatedAt: formatShanghaiInstant(r.updatedAt), occurredAt: formatShanghaiInstant(r.occurredAt),
    lastSeenAt: formatShanghaiInstant(r.lastSeenAt), occurrences: r.occurrences,
    subject: { type: r.subjectType, key: r.subjectKey, label: r.subjectLabel, di: r.subjectDi, lot: r.subjectLot, serial: r.subjectSerial, organizationId: r.subjectOrganizationId, organizationName: r.subjectOrganizationName },
    evidence: r.evidence, attribution: (r.attribution ?? null) as AlertAttribution | null, dismissReason: r.dismissReason, escalationCount: r.escalationCount,
    closedAt: r.closedAt && formatShanghaiInstant(r.closedAt), read: r.read, allowedActions: allowedActions(r.status),
  };
}

function historyView(h: HistoryRow): AlertHistoryView {
  return { ...h, at: formatShanghaiInstant(h.at) };
}

export type AlertHistoryView = Omit<HistoryRow, 'at'> & { at: string };
export type AlertDetail = AlertView & { history: AlertHistoryView[] };

export function dedupKeyOf(c: AlertCandidate): string {
  return c.dedupKey ?? `${c.source}:${c.subject.type}:${c.subject.key}`;
}

/**
 * Raises or updates alerts for rule hits and signals. Runs in the caller's transaction when
 * `deps.db` is one (the risk engine's run), else in its own. A candidate whose key has an open alert
 * updates it (occurrences + 1, last seen, grade raised if higher); otherwise a new alert is routed by
 * the grade's policy to the office above the place concerned, with its deadline on the working-day
 * calendar. Every change is appended to the alert feed (SSE, outbound delivery) and audited.
 */
export async function raiseAlerts(deps: AppDeps, candidates: AlertCandidate[]): Promise<{ created: number; updated: number; alertIds: number[] }> {
  if (!candidates.length) return { created: 0, updated: 0, alertIds: [] };
  const policy = await loadAlertPolicy(deps);
  return withTransaction(deps.db, async (trx) => {
    let created = 0;
    let updated = 0;
    const alertIds: number[] = [];
    for (const c of candidates) {
      const id = await raiseOne(deps, trx, policy, c);
      if (id.created) created++;
      else updated++;
      alertIds.push(id.id);
    }
    return { created, updated, alertIds };
  });
}

async function raiseOne(deps: AppDeps, trx: Kysely<DB>, policy: Awaited<ReturnType<typeof loadAlertPolicy>>, c: AlertCandidate): Promise<{ id: number; created: boolean }> {
  const now = alertClock.now();
  const dedupKey = dedupKeyOf(c);
  const open = await alertsRepository.lockOpenByDedupKey(trx, dedupKey);
  if (!open) {
    const r = route(policy, c.grade, c.regionCode, now);
    const id = await alertsRepository.insertIfNoOpen(trx, {
      dedupKey, source: c.source, grade: c.grade, subjectType: c.subject.type, subjectKey: c.subject.key, subjectLabel: c.subject.label,
      subjectDi: c.subject.di ?? null, subjectLot: c.subject.lot ?? null, subjectSerial: c.subject.serial ?? null, subjectOrganizationId: c.subject.organizationId ?? null,
      originRegionCode: c.regionCode, regionCode: r.regionCode, level: r.level, department: c.department, deadline: r.deadline, deadlineRule: r.rule,
      occurredAt: c.occurredAt ?? now, now, evidence: c.evidence, attribution: c.attribution ?? null,
    });
    if (id !== undefined) {
      await alertsRepository.insertHistory(trx, { alertId: id, kind: 'raised', toStatus: 'new', toLevel: r.level, details: { regionCode: r.regionCode, deadline: r.deadline.toISOString(), rule: r.rule }, actor: SYSTEM_ACTOR, at: now });
      await alertsRepository.insertEvent(trx, { alertId: id, kind: 'created', originRegionCode: c.regionCode });
      await deps.audit.record(trx, SYSTEM_WHO, { action: 'alert.raise', objectType: 'alert', objectId: id, details: { source: c.source, dedupKey, grade: c.grade, level: r.level, regionCode: r.regionCode, department: c.department } });
      return { id, created: true };
    }
    // Another producer opened it between our look and our insert: update that one instead.
    return raiseOne(deps, trx, policy, c);
  }
  const grade: AlertGrade = gradeRank(c.grade) > gradeRank(open.grade) ? c.grade : open.grade;
  await alertsRepository.recordRecurrence(trx, open.id, { grade, attribution: c.attribution ?? null, now });
  await alertsRepository.insertHistory(trx, {
    alertId: open.id, kind: 'recurred', details: { evidence: c.evidence, ...(grade !== open.grade && { gradeFrom: open.grade, gradeTo: grade }) }, actor: SYSTEM_ACTOR, at: now,
  });
  await alertsRepository.insertEvent(trx, { alertId: open.id, kind: 'updated', originRegionCode: open.originRegionCode });
  await deps.audit.record(trx, SYSTEM_WHO, { action: 'alert.recur', objectType: 'alert', objectId: open.id, details: { source: c.source, dedupKey, grade } });
  return { id: open.id, created: false };
}

/**
 * Escalates every open alert past its deadline to the next level (city → province → national) with a
 * fresh deadline, recorded in its history. Returns the ids escalated. Called by the alert engine.
 */
export async function escalateOverdue(deps: AppDeps, limit = 500): Promise<number[]> {
  const policy = await loadAlertPolicy(deps);
  const now = alertClock.now();
  return withTransaction(deps.db, async (trx) => {
    const due = await alertsRepository.lockOverdue(trx, now, limit);
    const ids: number[] = [];
    for (const a of due) {
      const level = nextLevel(a.level);
      if (!level) continue;
      const to = rerouteTo(policy, a.grade, level, a.originRegionCode, now);
      await alertsRepository.escalate(trx, a.id, { ...to, now });
      await alertsRepository.insertHistory(trx, {
        alertId: a.id, kind: 'escalated', fromLevel: a.level, toLevel: level,
        details: { fromRegionCode: a.regionCode, toRegionCode: to.regionCode, missedDeadline: a.deadline.toISOString(), deadline: to.deadline.toISOString() }, actor: SYSTEM_ACTOR, at: now,
      });
      await alertsRepository.insertEvent(trx, { alertId: a.id, kind: 'escalated', originRegionCode: a.originRegionCode });
      await deps.audit.record(trx, SYSTEM_WHO, { action: 'alert.escalate', objectType: 'alert', objectId: a.id, details: { from: a.level, to: level, regionCode: to.regionCode } });
      ids.push(a.id);
    }
    return ids;
  });
}

/** The dedup key under which the alert engine raises a case's overdue-investigation alert (one per case). */
export function overdueInvestigationDedupKey(reportNo: string): string {
  return `rule.ae_investigation_overdue:report:${reportNo}:investigation`;
}

/**
 * Closes the open alert under a dedup key because what it was raised for has been set right by a
 * later fact (e.g. the final investigation filing of an overdue case), in the caller's transaction.
 * The lifecycle's only closing move from any open status is dismiss, so that is the status; the
 * history says why (`comment`, `details.resolution`) and which fact did it, the feed entry lets the
 * SSE stream and deliveries see the change like any other. Returns the alert id, or null when none was open.
 */
export async function resolveOpenAlert(deps: AppDeps, trx: Kysely<DB>, dedupKey: string, why: { comment: string; resolution: string; details: Record<string, unknown> }): Promise<number | null> {
  const open = await alertsRepository.lockOpenByDedupKey(trx, dedupKey);
  if (!open) return null;
  const now = alertClock.now();
  const to = nextStatus(open.status, 'dismiss') as AlertStatus;
  await alertsRepository.setStatus(trx, open.id, { status: to, dismissReason: why.comment, closed: true, now });
  await alertsRepository.insertHistory(trx, {
    alertId: open.id, kind: 'action', action: 'dismiss', fromStatus: open.status, toStatus: to, comment: why.comment,
    details: { resolution: why.resolution, ...why.details }, actor: SYSTEM_ACTOR, at: now,
  });
  await alertsRepository.insertEvent(trx, { alertId: open.id, kind: 'status', originRegionCode: open.originRegionCode });
  await deps.audit.record(trx, SYSTEM_WHO, { action: 'alert.resolve', objectType: 'alert', objectId: open.id, details: { dedupKey, from: open.status, to, resolution: why.resolution, ...why.details } });
  return open.id;
}

/** The scope of alerts: regulators by jurisdiction; organisations see none (alerts are regulators' work in progress). */
export function alertScope(ctx: RequestContext): DataScope {
  const scope = businessScope(ctx.actor);
  return scope.kind === 'organization' ? { kind: 'none' } : scope;
}

/** Regulators' alert queue: list, read, act on alerts in their jurisdiction; the inbox's read markers. */
export class AlertsService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async list(ctx: RequestContext, f: Omit<AlertFilter, 'overdue'> & { overdue?: boolean }, page: Page, sort: { column: AlertSort; direction: 'asc' | 'desc' }) {
    requirePermission(ctx.actor, 'alerts.read');
    const now = alertClock.now();
    const { overdue, ...rest } = f;
    const filter: AlertFilter = { ...rest, ...(overdue !== undefined && { overdue: { value: overdue, now } }) };
    const r = await alertsRepository.list(this.#deps.db, alertScope(ctx), filter, page, sort, ctx.actor.type === 'user' ? ctx.actor.id : null);
    return { total: r.total, items: r.items.map((a) => alertView(a, now)) };
  }

  /** One alert with its history (audited: evidence may name organisations under investigation). */
  async get(ctx: RequestContext, id: number): Promise<AlertDetail> {
    requirePermission(ctx.actor, 'alerts.read');
    const { db, audit } = this.#deps;
    const detail = await this.#detail(db, ctx, id);
    await audit.recordNow(db, whoFrom(ctx), { action: 'alert.read', objectType: 'alert', objectId: id });
    return detail;
  }

  /**
   * acknowledge / verify / confirm / dismiss (with a reason). A move the lifecycle does not allow → 409.
   * With an Idempotency-Key a retried request answers the stored result instead of a 409.
   */
  async act(ctx: RequestContext, id: number, input: { action: AlertAction; comment?: string | undefined; reason?: string | undefined }, idempotencyKey?: string): Promise<IdempotentResult<AlertDetail>> {
    requirePermission(ctx.actor, 'alerts.act');
    if (input.action === 'dismiss' && !input.reason?.trim()) throw invalid([{ code: 'alert.dismiss_reason_required', path: ['reason'], params: { id } }]);
    const { db, audit } = this.#deps;
    const now = alertClock.now();
    const owner = { actorType: ctx.actor.type, actorId: ctx.actor.id };
    return withTransaction(db, (trx) => idempotent(trx, { owner, key: idempotencyKey, route: `POST /api/alerts/${id}/actions`, request: input }, async () => {
      const a = await alertsRepository.lockById(trx, id, alertScope(ctx));
      if (!a) throw notFound('alert', id);
      const to = nextStatus(a.status, input.action);
      if (!to) throw new AppError(409, 'alert.invalid_transition', { id, action: input.action, status: a.status, allowed: allowedActions(a.status).join(', ') || '-' });
      const reason = input.action === 'dismiss' ? (input.reason as string).trim() : null;
      await alertsRepository.setStatus(trx, id, { status: to, dismissReason: reason, closed: !isOpenStatus(to), now });
      await alertsRepository.insertHistory(trx, {
        alertId: id, kind: 'action', action: input.action, fromStatus: a.status, toStatus: to, comment: input.comment ?? reason,
        actor: { type: ctx.actor.type, id: ctx.actor.id, name: ctx.actor.name }, at: now,
      });
      await alertsRepository.insertEvent(trx, { alertId: id, kind: 'status', originRegionCode: a.originRegionCode });
      await audit.record(trx, whoFrom(ctx), { action: `alert.${input.action}`, objectType: 'alert', objectId: id, details: { from: a.status, to, ...(reason && { reason }), ...(input.comment && { comment: input.comment }) } });
      return { status: 200, body: await this.#detail(trx, ctx, id) };
    }));
  }

  async #detail(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<AlertDetail> {
    const r = await alertsRepository.findById(db, id, alertScope(ctx), ctx.actor.type === 'user' ? ctx.actor.id : null);
    if (!r) throw notFound('alert', id);
    return { ...alertView(r), history: (await alertsRepository.history(db, id)).map(historyView) };
  }

  /** Marks an alert read in the caller's inbox (idempotent). */
  async markRead(ctx: RequestContext, id: number) {
    requirePermission(ctx.actor, 'alerts.read');
    if (ctx.actor.type !== 'user') throw new AppError(403, 'alert.inbox_users_only', {});
    const { db } = this.#deps;
    const r = await alertsRepository.findById(db, id, alertScope(ctx));
    if (!r) throw notFound('alert', id);
    await alertsRepository.markRead(db, id, ctx.actor.id, alertClock.now());
    return { id, read: true };
  }
}
