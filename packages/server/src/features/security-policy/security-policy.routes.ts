import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { SecurityPolicyService } from './security-policy.service.ts';

const policy = z.object({
  idleTimeoutMinutes: z.number().int().min(1).max(1440),
  absoluteTimeoutHours: z.number().int().min(1).max(168),
  lockoutThreshold: z.number().int().min(1).max(100),
  lockoutMinutes: z.number().int().min(1).max(1440),
  passwordMinLength: z.number().int().min(8).max(128),
  passwordMinClasses: z.number().int().min(1).max(4),
});

export const securityPolicyRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new SecurityPolicyService(deps);
  app.get('/api/security-policy', { schema: { tags: ['security'], summary: 'Current security policy (security admin)', response: { 200: policy.extend({ updatedAt: z.date() }) } } }, async (request) => service.get(contextOf(request)));
  app.patch('/api/security-policy', { schema: { tags: ['security'], summary: 'Change the security policy (security admin)', body: policy.partial().strict(), response: { 200: policy.extend({ updatedAt: z.date() }) } } }, async (request) => service.update(contextOf(request), request.body));
  app.post('/api/users/:id/sessions/revoke', {
    schema: { tags: ['security'], summary: 'Force logout: end every session of a user (security admin)', params: z.object({ id: z.coerce.number().int() }), response: { 200: z.object({ revoked: z.number() }) } },
  }, async (request) => service.forceLogout(contextOf(request), request.params.id));
};
