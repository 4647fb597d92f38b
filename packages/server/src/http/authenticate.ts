import { BACKGROUND_REQUEST_HEADER } from '@lianjian/core/auth/background-request';
import { negotiateLocale } from '@lianjian/core';
import type { FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '../features/auth/actor.ts';
import type { AuthService } from '../features/auth/auth.service.ts';
import { unauthenticated } from './app-error.ts';

export const SESSION_COOKIE = 'lj_session';

declare module 'fastify' {
  interface FastifyRequest {
    ctx?: RequestContext;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a login (health, login itself, docs). */
    public?: boolean;
  }
}

/** Reads the session cookie or the bearer token and attaches the request context; throws 401 otherwise. */
export async function authenticate(request: FastifyRequest, auth: AuthService): Promise<RequestContext> {
  const header = request.headers.authorization;
  let actor: Actor;
  if (header?.startsWith('Bearer ')) {
    actor = await auth.authenticateToken(header.slice(7).trim());
  } else {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw unauthenticated();
    actor = (await auth.authenticateSession(token, { background: request.headers[BACKGROUND_REQUEST_HEADER] === '1' })).actor;
  }
  const ctx: RequestContext = {
    actor,
    ip: request.ip,
    userAgent: String(request.headers['user-agent'] ?? '').slice(0, 256),
    locale: negotiateLocale(request.headers['accept-language']),
  };
  request.ctx = ctx;
  return ctx;
}

/** The context of an authenticated request (the hook guarantees it on non-public routes). */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.ctx) throw unauthenticated();
  return request.ctx;
}
