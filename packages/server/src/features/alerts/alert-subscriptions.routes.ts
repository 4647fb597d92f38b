import { ALERT_DEPARTMENTS, ALERT_GRADES } from '@lianjian/core/rules/compliance/alert-policy';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import { AlertSubscriptionsService } from './alert-subscriptions.service.ts';

const subscription = z.object({
  id: z.number(), jurisdictionCode: z.string(), channel: z.enum(['email', 'webhook']), target: z.string(), hasSecret: z.boolean(),
  minGrade: z.enum(ALERT_GRADES), department: z.string().nullable(), active: z.boolean(), createdAt: z.string(),
});

export const alertSubscriptionsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new AlertSubscriptionsService(deps);

  app.get('/api/alerts/subscriptions', {
    schema: { tags: ['alerts'], summary: 'Outbound alert channels of your office and the offices below it', response: { 200: z.object({ items: z.array(subscription), total: z.number() }) } },
  }, async (request) => service.list(contextOf(request)));

  app.post('/api/alerts/subscriptions', {
    schema: {
      tags: ['alerts'], summary: 'Subscribe an e-mail address or a signed webhook to the alerts of a jurisdiction',
      description: 'Webhooks are POSTed JSON {deliveryId, seq, kind, alert} with X-Lianjian-Timestamp and X-Lianjian-Signature: sha256=HMAC-SHA256(secret, `${timestamp}.${body}`); retried with exponential backoff; deduplicate on X-Lianjian-Delivery. The secret is never shown again.',
      headers: idempotencyKeyHeaders,
      body: z.object({
        jurisdictionCode: z.string().regex(/^\d{6}$/).optional(), channel: z.enum(['email', 'webhook']), target: z.string().min(3).max(500),
        secret: z.string().max(200).optional(), minGrade: z.enum(ALERT_GRADES).optional(), department: z.enum(ALERT_DEPARTMENTS).optional(),
      }),
      response: { 201: subscription },
    },
  }, async (request, reply) => {
    const r = await service.create(contextOf(request), request.body, request.headers['idempotency-key']);
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(r.body);
  });

  app.delete('/api/alerts/subscriptions/:id', {
    schema: { tags: ['alerts'], summary: 'Stop a subscription (kept, inactive)', params: z.object({ id: z.coerce.number().int() }) },
  }, async (request, reply) => {
    await service.remove(contextOf(request), request.params.id);
    return reply.status(204).send();
  });
};
