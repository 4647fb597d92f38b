import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-context.ts';
import { apiTokensRepository } from '../api-tokens/api-tokens.repository.ts';
import type { RequestContext } from '../auth/actor.ts';
import { sha256Hex } from '../auth/secrets.ts';
import { sessionsRepository } from '../auth/sessions.repository.ts';
import { securityPolicyRepository } from '../security-policy/security-policy.repository.ts';
import { usersRepository } from '../users/users.repository.ts';

/**
 * Whether the login behind a long-lived stream still stands: not logged out or force-logged-out, not
 * past the idle or absolute timeout, user still active; for an API token, not revoked or expired.
 * Unlike AuthService.authenticateSession it never touches the session: an open stream is not user
 * activity, so the idle timeout still ends it.
 */
export async function loginStillValid(deps: AppDeps, request: FastifyRequest, ctx: RequestContext, now = new Date()): Promise<boolean> {
  const { db } = deps;
  if (ctx.actor.type === 'token') {
    const bearer = request.headers.authorization?.slice('Bearer '.length).trim() ?? '';
    return (await apiTokensRepository.findActiveByHash(db, sha256Hex(bearer)))?.id === ctx.actor.id;
  }
  if (!ctx.actor.sessionId) return false;
  const session = await sessionsRepository.find(db, ctx.actor.sessionId);
  if (!session || session.revokedAt || session.expiresAt <= now) return false;
  const policy = await securityPolicyRepository.get(db);
  if (now.getTime() - session.lastSeenAt.getTime() > policy.idleTimeoutMinutes * 60_000) return false;
  return (await usersRepository.findById(db, session.userId))?.status === 'active';
}
