import { LOT_RESTRICTION_KINDS, lotRestrictionInputSchema, lotRestrictionLiftSchema } from '@lianjian/core/records/lot-restriction';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf } from '../../http/list-query.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import { LotRestrictionsService } from './lot-restrictions.service.ts';

export const lotRestrictionSchema = z.object({
  id: z.number(), di: z.string(), lot: z.string(), kind: z.enum(LOT_RESTRICTION_KINDS).describe('suspension (暂停销售使用) or recall (召回)'),
  recallLevel: z.number().nullable().describe('1, 2 or 3 for a recall; null for a suspension'), reason: z.string(),
  product: z.object({ name: z.string(), model: z.string() }).nullable(),
  registrant: z.object({ id: z.number(), name: z.string().nullable(), regionCode: z.string().nullable() }).nullable(),
  voluntary: z.boolean().describe("The registrant's own recall (主动召回)"),
  regionCode: z.string().describe('Recording office (000000 national), or the registrant for a voluntary recall'),
  recordedBy: z.object({ type: z.string(), id: z.number().nullable() }),
  startedAt: z.string(), notifyBy: z.string().nullable().describe('Recall: distributors and users notified by (start + 1 / 3 / 7 days for level I / II / III)'),
  active: z.boolean(), liftedAt: z.string().nullable(), liftReason: z.string().nullable(), createdAt: z.string(),
});

const idParam = z.object({ id: z.coerce.number().int() });

export const lotRestrictionsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new LotRestrictionsService(deps);

  app.post('/api/lot-restrictions', {
    schema: {
      tags: ['recalls'], summary: 'Suspend sale and use of a lot, or order (or, as its registrant, start) its recall',
      description: 'A regulator records a measure for a lot in its jurisdiction; the registrant may start a voluntary recall of its own lot. The lot must be known (a production batch or traceability record). One open measure of each kind per lot (409). A recall answers notifyBy. Send an Idempotency-Key to retry safely.',
      headers: idempotencyKeyHeaders, body: lotRestrictionInputSchema, response: { 201: lotRestrictionSchema },
    },
  }, async (request, reply) => {
    const result = await service.create(contextOf(request), request.body, request.headers['idempotency-key']);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(result.body);
  });

  app.post('/api/lot-restrictions/:id/lift', {
    schema: {
      tags: ['recalls'], summary: 'Lift a suspension or recall, with the reason',
      description: 'The recording office or one above it; the registrant for its own voluntary recall. Send an Idempotency-Key to retry safely.',
      params: idParam, headers: idempotencyKeyHeaders, body: lotRestrictionLiftSchema, response: { 200: lotRestrictionSchema },
    },
  }, async (request, reply) => {
    const result = await service.lift(contextOf(request), request.params.id, request.body.reason, request.headers['idempotency-key']);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return result.body;
  });

  app.get('/api/lot-restrictions', {
    schema: {
      tags: ['recalls'], summary: 'Suspensions and recalls of lots, newest first (scoped: jurisdiction, or lots the organisation makes or holds)',
      querystring: listQuery.extend({
        di: z.string().optional(), lot: z.string().optional(), kind: z.enum(LOT_RESTRICTION_KINDS).optional(), active: z.enum(['true', 'false']).optional(),
      }),
      response: { 200: z.object({ items: z.array(lotRestrictionSchema), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await service.list(contextOf(request), {
      ...(q.di && { di: q.di }), ...(q.lot && { lot: q.lot }), ...(q.kind && { kind: q.kind }), ...(q.active && { active: q.active === 'true' }),
    }, pageOf(q));
    if (q.format === 'csv') {
      return sendCsv(reply, 'lot-restrictions', result.items, [
        { header: '产品标识 DI', value: (r) => r.di }, { header: '批号 lot', value: (r) => r.lot }, { header: '类型 kind', value: (r) => r.kind },
        { header: '召回级别 level', value: (r) => r.recallLevel }, { header: '原因 reason', value: (r) => r.reason }, { header: '主动 voluntary', value: (r) => r.voluntary },
        { header: '登记部门 office', value: (r) => r.regionCode }, { header: '开始 started', value: (r) => r.startedAt }, { header: '通知时限 notify by', value: (r) => r.notifyBy },
        { header: '解除 lifted', value: (r) => r.liftedAt }, { header: '解除原因 lift reason', value: (r) => r.liftReason },
      ]);
    }
    return result;
  });

  app.get('/api/lot-restrictions/:id', {
    schema: { tags: ['recalls'], summary: 'One suspension or recall', params: idParam, response: { 200: lotRestrictionSchema } },
  }, async (request) => service.get(contextOf(request), request.params.id));
};
