import { ALERT_ACTIONS, ALERT_DEPARTMENTS, ALERT_GRADES, ALERT_LEVELS, ALERT_STATUSES } from '@lianjian/core/rules/compliance/alert-policy';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf, sortOf } from '../../http/list-query.ts';
import { jurisdictionPrefix } from '../auth/data-scope.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import { AlertFeedHub } from './alert-feed.ts';
import { streamAlerts } from './alert-stream.ts';
import { loginStillValid } from './stream-session.ts';
import { alertSubscriptionsRoutes } from './alert-subscriptions.routes.ts';
import type { AlertSort } from './alerts.repository.ts';
import { AlertsService, type AlertView } from './alerts.service.ts';

const subject = z.object({
  type: z.enum(['product', 'lot', 'unit', 'organization', 'report', 'region']), key: z.string(), label: z.string(),
  di: z.string().nullable(), lot: z.string().nullable(), serial: z.string().nullable(), organizationId: z.number().nullable(), organizationName: z.string().nullable(),
});
const attribution = z.object({ label: z.enum(['quality', 'use', 'undetermined']), score: z.number(), evidence: z.array(z.unknown()) }).nullable();
export const alertSchema = z.object({
  id: z.number(), grade: z.enum(ALERT_GRADES), status: z.enum(ALERT_STATUSES), source: z.string().describe('The rule or indicator code, e.g. rule.cold_chain_excursion'),
  regionCode: z.string().describe('GB/T 2260 code of the responsible office (000000: national)'), level: z.enum(ALERT_LEVELS),
  originRegionCode: z.string().describe('Where it happened (the organisation or place concerned)'), department: z.enum(ALERT_DEPARTMENTS),
  deadline: z.string().describe('Verification deadline, RFC 3339 +08:00'), deadlineRule: z.string(), overdue: z.boolean(),
  createdAt: z.string(), updatedAt: z.string(), occurredAt: z.string(), lastSeenAt: z.string(), occurrences: z.number(),
  subject, evidence: z.unknown(), attribution, dismissReason: z.string().nullable(), escalationCount: z.number(), closedAt: z.string().nullable(),
  read: z.boolean().describe('Read by the caller in the inbox'), allowedActions: z.array(z.enum(ALERT_ACTIONS)),
});
const history = z.object({
  id: z.number(), kind: z.enum(['raised', 'recurred', 'action', 'escalated']), action: z.string().nullable(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(),
  fromLevel: z.string().nullable(), toLevel: z.string().nullable(), comment: z.string().nullable(), details: z.unknown(),
  actorType: z.enum(['user', 'token', 'system']), actorId: z.number().nullable(), actorName: z.string().nullable(), at: z.string(),
});
const detail = alertSchema.extend({ history: z.array(history) });
const SORTS: Record<string, AlertSort> = { id: 'a.id', createdAt: 'a.created_at', deadline: 'a.deadline', grade: 'a.grade_rank', updatedAt: 'a.updated_at', lastSeenAt: 'a.last_seen_at' };
const idParam = z.object({ id: z.coerce.number().int() });
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const filters = listQuery.extend({
  grade: z.enum(ALERT_GRADES).optional(), status: z.enum(ALERT_STATUSES).optional(), department: z.enum(ALERT_DEPARTMENTS).optional(),
  region: z.string().regex(/^\d{6}$/).optional().describe('GB/T 2260 code: alerts about places within it'), level: z.enum(ALERT_LEVELS).optional(),
  source: z.string().max(100).optional(), overdue: bool.optional(), open: bool.optional(),
});

export interface AlertsRoutesOptions {
  /** How often open streams look for new feed entries (ms). */
  streamPollMs?: number;
  heartbeatMs?: number;
}

export const alertsRoutes = (deps: AppDeps, options: AlertsRoutesOptions = {}): FastifyPluginAsyncZod => async (app) => {
  const service = new AlertsService(deps);
  const hub = new AlertFeedHub(deps.db, options.streamPollMs ?? 500);
  const openStreams = new Set<() => void>();
  // Long-lived streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => {
    for (const stop of [...openStreams]) stop();
    hub.close();
  });

  app.get('/api/alerts', {
    schema: {
      tags: ['alerts'], summary: 'Alerts in your jurisdiction (regulators)',
      description: 'Filters grade, status, department, region (where it happened), level, source, overdue, open. Sort by id, createdAt, deadline, grade, updatedAt, lastSeenAt (prefix - for descending; default newest first). format=csv exports.',
      querystring: filters, response: { 200: z.object({ items: z.array(alertSchema), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await service.list(contextOf(request), {
      ...(q.grade && { grade: q.grade }), ...(q.status && { status: q.status }), ...(q.department && { department: q.department }),
      ...(q.region && { regionPrefix: jurisdictionPrefix(q.region) }), ...(q.level && { level: q.level }), ...(q.source && { source: q.source }),
      ...(q.overdue !== undefined && { overdue: q.overdue }), ...(q.open !== undefined && { open: q.open }),
    }, pageOf(q), q.sort ? sortOf(q.sort, SORTS, 'a.id') : { column: 'a.id', direction: 'desc' });
    if (q.format === 'csv') return sendAlertsCsv(reply, result.items);
    return result;
  });

  app.get('/api/alerts/inbox', {
    schema: {
      tags: ['alerts'], summary: 'Your inbox: open alerts in your jurisdiction, newest first, with read markers',
      querystring: listQuery.extend({ unread: bool.optional() }),
      response: { 200: z.object({ items: z.array(alertSchema), total: z.number(), unread: z.number() }) },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    const q = request.query;
    const userId = ctx.actor.type === 'user' ? ctx.actor.id : undefined;
    const unreadFilter = { open: true, ...(userId !== undefined && { unreadBy: userId }) };
    const result = await service.list(ctx, { open: true, ...(q.unread && userId !== undefined && { unreadBy: userId }) }, pageOf(q), { column: 'a.id', direction: 'desc' });
    const unread = (await service.list(ctx, unreadFilter, { limit: 1, offset: 0 }, { column: 'a.id', direction: 'desc' })).total;
    return { ...result, unread };
  });

  app.get('/api/alerts/stream', {
    schema: {
      tags: ['alerts'], summary: 'Server-sent events: alerts in your jurisdiction as they are raised, updated, acted on or escalated',
      description: 'Each message: `event: alert`, `id: <feed sequence>`, `data: {seq, kind, alert}`. Reconnect with the Last-Event-ID header (or ?lastEventId=) to be replayed what was missed. Heartbeat comments every 15 s.',
      headers: z.object({ 'last-event-id': z.string().regex(/^\d{1,18}$/).optional() }),
      querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
    },
  }, async (request, reply) => {
    const header = request.headers['last-event-id'];
    const lastEventId = header !== undefined ? Number(header) : request.query.lastEventId;
    const ctx = contextOf(request);
    await streamAlerts(deps, hub, ctx, request, reply, {
      lastEventId, heartbeatMs: options.heartbeatMs ?? 15_000, open: openStreams, stillValid: () => loginStillValid(deps, request, ctx),
    });
  });

  app.get('/api/alerts/:id', {
    schema: { tags: ['alerts'], summary: 'One alert with its evidence and history (audited)', params: idParam, response: { 200: detail } },
  }, async (request) => service.get(contextOf(request), request.params.id));

  app.post('/api/alerts/:id/actions', {
    schema: {
      tags: ['alerts'], summary: 'Act on an alert: acknowledge, verify, confirm, or dismiss (with a reason)',
      description: 'new → acknowledged → verifying → confirmed | dismissed. A move the lifecycle does not allow answers 409 alert.invalid_transition. Send an Idempotency-Key to retry safely.',
      params: idParam,
      headers: idempotencyKeyHeaders,
      body: z.object({ action: z.enum(ALERT_ACTIONS), comment: z.string().max(2000).optional(), reason: z.string().max(2000).optional() }),
      response: { 200: detail },
    },
  }, async (request, reply) => {
    const result = await service.act(contextOf(request), request.params.id, request.body, request.headers['idempotency-key']);
    hub.notify();
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return result.body;
  });

  app.post('/api/alerts/:id/read', {
    schema: { tags: ['alerts'], summary: 'Mark an alert read in your inbox', params: idParam, response: { 200: z.object({ id: z.number(), read: z.boolean() }) } },
  }, async (request) => service.markRead(contextOf(request), request.params.id));

  await app.register(alertSubscriptionsRoutes(deps));
};

function sendAlertsCsv(reply: Parameters<typeof sendCsv>[0], items: AlertView[]) {
  return sendCsv(reply, 'alerts', items, [
    { header: 'id', value: (a) => a.id }, { header: '等级 grade', value: (a) => a.grade }, { header: '状态 status', value: (a) => a.status },
    { header: '来源 source', value: (a) => a.source }, { header: '对象 subject', value: (a) => a.subject.label }, { header: '产品标识 DI', value: (a) => a.subject.di },
    { header: '批号 lot', value: (a) => a.subject.lot }, { header: '序列号 serial', value: (a) => a.subject.serial }, { header: '单位 organization', value: (a) => a.subject.organizationName },
    { header: '发生地 origin region', value: (a) => a.originRegionCode }, { header: '责任机构 office region', value: (a) => a.regionCode }, { header: '层级 level', value: (a) => a.level },
    { header: '部门 department', value: (a) => a.department }, { header: '核查时限 deadline', value: (a) => a.deadline }, { header: '超期 overdue', value: (a) => a.overdue },
    { header: '次数 occurrences', value: (a) => a.occurrences }, { header: '创建 created', value: (a) => a.createdAt }, { header: '最近 last seen', value: (a) => a.lastSeenAt },
    { header: '升级次数 escalations', value: (a) => a.escalationCount }, { header: '排除原因 dismiss reason', value: (a) => a.dismissReason },
  ]);
}
