import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { listQuery, pageOf } from '../../http/list-query.ts';
import { UsersService } from './users.service.ts';

const roles = ['regulator', 'enterprise', 'institution', 'agency', 'privacy_officer', 'sysadmin', 'secadmin', 'auditadmin'] as const;
const user = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), role: z.enum(roles), organizationId: z.number().nullable(),
  organizationName: z.string().nullable(), organizationType: z.string().nullable(), jurisdictionCode: z.string().nullable(),
  regulatorLevel: z.string().nullable(), department: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(),
  status: z.string(), lockedUntil: z.date().nullable(), lastLoginAt: z.date().nullable(), createdAt: z.date(),
});

export const usersRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new UsersService(deps);
  app.get('/api/users', {
    schema: { tags: ['users'], summary: 'List users (system admin)', querystring: listQuery.extend({ role: z.enum(roles).optional(), q: z.string().optional(), organizationId: z.coerce.number().int().optional() }), response: { 200: z.object({ items: z.array(user), total: z.number() }) } },
  }, async (request) => {
    const q = request.query;
    return service.list(contextOf(request), { ...(q.role && { role: q.role }), ...(q.q && { q: q.q }), ...(q.organizationId && { organizationId: q.organizationId }) }, pageOf(q));
  });
  app.post('/api/users', {
    schema: {
      tags: ['users'], summary: 'Create a user (system admin)',
      body: z.object({
        username: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/), displayName: z.string().min(1).max(100), password: z.string().min(1).max(256),
        role: z.enum(roles), organizationId: z.number().int().nullish(), jurisdictionCode: z.string().regex(/^\d{6}$/).nullish(),
        regulatorLevel: z.enum(['national', 'province', 'city', 'county']).nullish(), department: z.string().max(100).nullish(),
        email: z.email().nullish(), phone: z.string().max(32).nullish(),
      }).strict(),
      response: { 201: user },
    },
  }, async (request, reply) => reply.status(201).send(await service.create(contextOf(request), request.body)));
  app.get('/api/users/:id', { schema: { tags: ['users'], summary: 'One user (system admin; audited)', params: z.object({ id: z.coerce.number().int() }), response: { 200: user } } }, async (request) => service.get(contextOf(request), request.params.id));
  app.patch('/api/users/:id', {
    schema: { tags: ['users'], summary: 'Change or disable a user (system admin)', params: z.object({ id: z.coerce.number().int() }), body: z.object({ displayName: z.string().min(1).max(100).optional(), department: z.string().max(100).nullish(), email: z.email().nullish(), phone: z.string().max(32).nullish(), status: z.enum(['active', 'disabled']).optional() }).strict(), response: { 200: user } },
  }, async (request) => service.update(contextOf(request), request.params.id, request.body as Parameters<UsersService['update']>[2]));
  app.post('/api/users/:id/password', {
    schema: { tags: ['users'], summary: 'Reset a password and lift a lockout (system admin)', params: z.object({ id: z.coerce.number().int() }), body: z.object({ password: z.string().min(1).max(256) }), response: { 204: z.null() } },
  }, async (request, reply) => {
    await service.resetPassword(contextOf(request), request.params.id, request.body.password);
    return reply.status(204).send(null);
  });
};
