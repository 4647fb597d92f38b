import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf } from '../../http/list-query.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from './audit.service.ts';
import { auditRepository } from './audit.repository.ts';

const entry = z.object({
  id: z.number(), at: z.date(), actorType: z.string(), actorId: z.number().nullable(), actorName: z.string().nullable(),
  action: z.string(), objectType: z.string().nullable(), objectId: z.string().nullable(), outcome: z.string(),
  ip: z.string().nullable(), userAgent: z.string().nullable(), details: z.unknown(), hmac: z.string(),
});

export const auditRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/audit-log', {
    schema: {
      tags: ['audit'],
      summary: 'Read the audit log (audit admin). Reading it is itself audited.',
      querystring: listQuery.extend({
        actor: z.string().optional(), action: z.string().optional(), objectType: z.string().optional(), objectId: z.string().optional(),
        outcome: z.enum(['success', 'failure', 'denied']).optional(), from: z.coerce.date().optional(), to: z.coerce.date().optional(),
      }),
      response: { 200: z.object({ items: z.array(entry), total: z.number() }) },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    requirePermission(ctx.actor, 'audit.read');
    const q = request.query;
    const result = await auditRepository.list(deps.db, { ...(q.actor && { actorName: q.actor }), ...(q.action && { action: q.action }), ...(q.objectType && { objectType: q.objectType }), ...(q.objectId && { objectId: q.objectId }), ...(q.outcome && { outcome: q.outcome }), ...(q.from && { from: q.from }), ...(q.to && { to: q.to }) }, { ...pageOf(q), desc: q.sort !== 'id' });
    await deps.audit.recordNow(deps.db, whoFrom(ctx), { action: 'audit.read', objectType: 'audit_log', details: { filter: { ...q }, returned: result.items.length } });
    if (q.format === 'csv') {
      return sendCsv(reply, 'audit-log', result.items, [
        { header: 'id', value: (r) => r.id }, { header: 'at', value: (r) => r.at }, { header: 'actor', value: (r) => r.actorName },
        { header: 'action', value: (r) => r.action }, { header: 'object', value: (r) => `${r.objectType ?? ''}:${r.objectId ?? ''}` },
        { header: 'outcome', value: (r) => r.outcome }, { header: 'ip', value: (r) => r.ip }, { header: 'details', value: (r) => r.details },
      ]);
    }
    return result;
  });

  app.post('/api/audit-log/verify', {
    schema: { tags: ['audit'], summary: 'Walk the HMAC-SM3 chain and report the first broken link (audit admin)', response: { 200: z.object({ checked: z.number(), broken: z.object({ id: z.number(), reason: z.string() }).nullable() }) } },
  }, async (request) => {
    const ctx = contextOf(request);
    requirePermission(ctx.actor, 'audit.read');
    const result = await deps.audit.verify(deps.db);
    await deps.audit.recordNow(deps.db, whoFrom(ctx), { action: 'audit.verify', objectType: 'audit_log', outcome: result.broken ? 'failure' : 'success', details: result });
    return result;
  });
};
