import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { listQuery, pageOf } from '../../http/list-query.ts';
import { ApiTokensService } from './api-tokens.service.ts';

const item = z.object({
  id: z.number(), name: z.string(), tokenPrefix: z.string(), role: z.string(), organizationId: z.number().nullable(), organizationName: z.string().nullable(),
  jurisdictionCode: z.string().nullable(), regulatorLevel: z.string().nullable(), createdAt: z.date(), expiresAt: z.date().nullable(), revokedAt: z.date().nullable(), lastUsedAt: z.date().nullable(),
});

export const apiTokensRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new ApiTokensService(deps);
  app.get('/api/api-tokens', { schema: { tags: ['api-tokens'], summary: 'List API tokens (system admin; secrets are never shown again)', querystring: listQuery, response: { 200: z.object({ items: z.array(item), total: z.number() }) } } }, async (request) => service.list(contextOf(request), pageOf(request.query)));
  app.post('/api/api-tokens', {
    schema: {
      tags: ['api-tokens'], summary: 'Issue an API token for an organisation (system admin). The token is in the answer once.',
      body: z.object({ name: z.string().min(1).max(100), organizationId: z.number().int(), jurisdictionCode: z.string().regex(/^\d{6}$/).nullish(), regulatorLevel: z.enum(['national', 'province', 'city', 'county']).nullish(), expiresAt: z.coerce.date().nullish() }).strict(),
      response: { 201: z.object({ token: z.string(), item }) },
    },
  }, async (request, reply) => reply.status(201).send(await service.create(contextOf(request), request.body)));
  app.delete('/api/api-tokens/:id', { schema: { tags: ['api-tokens'], summary: 'Revoke an API token (system admin)', params: z.object({ id: z.coerce.number().int() }), response: { 204: z.null() } } }, async (request, reply) => {
    await service.revoke(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });
};
