import { toShanghaiIso } from '@lianjian/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, SESSION_COOKIE } from '../../http/authenticate.ts';
import type { AuthService } from './auth.service.ts';
import type { UserRow } from '../users/users.repository.ts';

const me = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  organizationId: z.number().nullable(),
  organizationName: z.string().nullable(),
  organizationType: z.string().nullable(),
  jurisdictionCode: z.string().nullable(),
  regulatorLevel: z.string().nullable(),
  department: z.string().nullable(),
});

function meOf(u: UserRow): z.infer<typeof me> {
  return {
    id: u.id, username: u.username, displayName: u.displayName, role: u.role, organizationId: u.organizationId,
    organizationName: u.organizationName, organizationType: u.organizationType, jurisdictionCode: u.jurisdictionCode,
    regulatorLevel: u.regulatorLevel, department: u.department,
  };
}

export const authRoutes = (auth: AuthService, options: { cookieSecure: boolean; loginRateLimitPerMinute: number }): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/auth/login', {
    config: { public: true, rateLimit: { max: options.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      security: [],
      summary: 'Log in with username and password; sets the session cookie',
      body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
      response: { 200: z.object({ user: me, previousLogin: z.object({ at: z.string(), ip: z.string().nullable() }).nullable(), idleTimeoutMinutes: z.number(), expiresAt: z.string() }) },
    },
  }, async (request, reply) => {
    const result = await auth.login(request.body.username, request.body.password, { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 256) });
    reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.cookieSecure, expires: result.expiresAt });
    return {
      user: meOf(result.user),
      previousLogin: result.previousLogin ? { at: toShanghaiIso(result.previousLogin.at), ip: result.previousLogin.ip } : null,
      idleTimeoutMinutes: result.idleTimeoutMinutes,
      expiresAt: toShanghaiIso(result.expiresAt),
    };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } } }, async (request, reply) => {
    await auth.logout(contextOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'The logged-in user or token', response: { 200: z.object({ actor: z.object({ type: z.string(), id: z.number(), name: z.string(), role: z.string(), organizationId: z.number().nullable(), jurisdictionCode: z.string().nullable(), regulatorLevel: z.string().nullable() }) }) } } }, async (request) => {
    const { actor } = contextOf(request);
    return { actor: { type: actor.type, id: actor.id, name: actor.name, role: actor.role, organizationId: actor.organizationId, jurisdictionCode: actor.jurisdictionCode, regulatorLevel: actor.regulatorLevel } };
  });

  app.post('/api/auth/password', {
    schema: { tags: ['auth'], summary: 'Change your own password (ends your other sessions)', body: z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1).max(256) }), response: { 204: z.null() } },
  }, async (request, reply) => {
    await auth.changePassword(contextOf(request), request.body.currentPassword, request.body.newPassword);
    return reply.status(204).send(null);
  });
};
