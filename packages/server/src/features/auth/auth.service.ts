import { checkPassword, toShanghaiIso } from '@lianjian/core';
import type { AppDeps } from '../../app-context.ts';
import { AppError, invalid, unauthenticated } from '../../http/app-error.ts';
import type { AuditWho } from '../audit/audit.service.ts';
import { securityPolicyRepository } from '../security-policy/security-policy.repository.ts';
import { usersRepository, type UserRow } from '../users/users.repository.ts';
import type { Actor, RequestContext } from './actor.ts';
import { apiTokensRepository } from '../api-tokens/api-tokens.repository.ts';
import { hashPassword, newSecret, sha256Hex, verifyPassword } from './secrets.ts';
import { sessionsRepository } from './sessions.repository.ts';
import { withTransaction } from '../../db/transaction.ts';

export interface Origin {
  ip: string;
  userAgent: string;
}

export interface LoginResult {
  token: string;
  user: UserRow;
  /** The login before this one, shown to the user so an unexpected login is noticed. */
  previousLogin: { at: Date; ip: string | null } | null;
  idleTimeoutMinutes: number;
  expiresAt: Date;
}

/** Only write last_seen_at when it is this stale: one write per half minute, not one per request. */
const TOUCH_AFTER_MS = 30_000;

export function actorFromUser(u: UserRow, sessionId?: string): Actor {
  return {
    type: 'user', id: u.id, name: u.username, role: u.role, organizationId: u.organizationId,
    organizationType: u.organizationType, jurisdictionCode: u.jurisdictionCode, regulatorLevel: u.regulatorLevel,
    department: u.department, ...(sessionId ? { sessionId } : {}),
  };
}

/** Login, sessions with idle and absolute timeouts, lockout, API tokens, password changes. */
export class AuthService {
  readonly #deps: AppDeps;
  #dummyHash: Promise<string> | undefined;

  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async login(username: string, password: string, origin: Origin): Promise<LoginResult> {
    const { db, audit } = this.#deps;
    const policy = await securityPolicyRepository.get(db);
    const user = await usersRepository.findByUsernameWithSecret(db, username);
    const who: AuditWho = { actorType: user ? 'user' : 'anonymous', actorId: user?.id ?? null, actorName: username.slice(0, 64), ...origin };
    const invalidCredentials = new AppError(401, 'auth.invalid_credentials', { threshold: policy.lockoutThreshold, lockoutMinutes: policy.lockoutMinutes });
    if (!user) {
      // Same work as a real check, so response time does not reveal which usernames exist.
      this.#dummyHash ??= hashPassword(newSecret());
      await verifyPassword(await this.#dummyHash, password);
      await audit.recordNow(db, who, { action: 'auth.login', outcome: 'failure', details: { reason: 'unknown_user' } });
      throw invalidCredentials;
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await audit.recordNow(db, who, { action: 'auth.login', objectType: 'user', objectId: user.id, outcome: 'denied', details: { reason: 'locked' } });
      throw new AppError(423, 'auth.account_locked', { until: toShanghaiIso(user.lockedUntil) });
    }
    if (user.status !== 'active') {
      await audit.recordNow(db, who, { action: 'auth.login', objectType: 'user', objectId: user.id, outcome: 'denied', details: { reason: 'disabled' } });
      throw new AppError(403, 'auth.account_disabled');
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const { lockedUntil } = await usersRepository.recordFailure(db, user.id, policy.lockoutThreshold, policy.lockoutMinutes);
      const lockedNow = lockedUntil !== null && lockedUntil > new Date();
      await audit.recordNow(db, who, { action: 'auth.login', objectType: 'user', objectId: user.id, outcome: 'failure', details: { reason: 'wrong_password', locked: lockedNow } });
      if (lockedNow && lockedUntil) throw new AppError(423, 'auth.account_locked', { until: toShanghaiIso(lockedUntil) });
      throw invalidCredentials;
    }
    const token = newSecret();
    const expiresAt = new Date(Date.now() + policy.absoluteTimeoutHours * 3600_000);
    await withTransaction(db, async (trx) => {
      await usersRepository.recordSuccess(trx, user.id, origin.ip);
      await sessionsRepository.insert(trx, { id: sha256Hex(token), userId: user.id, expiresAt, ...origin });
      await audit.record(trx, who, { action: 'auth.login', objectType: 'user', objectId: user.id });
    });
    const { passwordHash: _h, failedAttempts: _f, ...row } = user;
    return {
      token, user: row, expiresAt, idleTimeoutMinutes: policy.idleTimeoutMinutes,
      previousLogin: user.lastLoginAt ? { at: user.lastLoginAt, ip: user.lastLoginIp } : null,
    };
  }

  /** Resolves a session cookie to its actor, enforcing revocation, idle and absolute timeouts. */
  /** `background`: a request the browser made on its own (BACKGROUND_REQUEST_HEADER); it does not keep the session alive. */
  async authenticateSession(token: string, options: { background?: boolean } = {}): Promise<{ actor: Actor; user: UserRow }> {
    const { db } = this.#deps;
    const id = sha256Hex(token);
    const session = await sessionsRepository.find(db, id);
    if (!session || session.revokedAt) throw unauthenticated('auth.session_expired', { reason: session ? 'revoked' : 'unknown' });
    const now = new Date();
    if (session.expiresAt <= now) {
      await sessionsRepository.revoke(db, id, 'absolute_timeout');
      throw unauthenticated('auth.session_expired', { reason: 'absolute_timeout' });
    }
    const policy = await securityPolicyRepository.get(db);
    if (now.getTime() - session.lastSeenAt.getTime() > policy.idleTimeoutMinutes * 60_000) {
      await sessionsRepository.revoke(db, id, 'idle_timeout');
      throw unauthenticated('auth.session_expired', { reason: 'idle_timeout' });
    }
    const user = await usersRepository.findById(db, session.userId);
    if (!user || user.status !== 'active') {
      await sessionsRepository.revoke(db, id, 'user_disabled');
      throw unauthenticated('auth.session_expired', { reason: 'user_disabled' });
    }
    if (!options.background && now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) await sessionsRepository.touch(db, id, now);
    return { actor: actorFromUser(user, id), user };
  }

  /** Resolves `Authorization: Bearer lj_…` to the token's actor. */
  async authenticateToken(token: string): Promise<Actor> {
    const { db } = this.#deps;
    const row = await apiTokensRepository.findActiveByHash(db, sha256Hex(token));
    if (!row) throw unauthenticated('auth.token_invalid');
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) await apiTokensRepository.touch(db, row.id);
    return {
      type: 'token', id: row.id, name: `token:${row.name}`, role: row.role, organizationId: row.organizationId,
      organizationType: row.organizationType, jurisdictionCode: row.jurisdictionCode, regulatorLevel: row.regulatorLevel, department: null,
    };
  }

  async logout(ctx: RequestContext): Promise<void> {
    const { db, audit } = this.#deps;
    if (!ctx.actor.sessionId) return;
    const sessionId = ctx.actor.sessionId;
    await withTransaction(db, async (trx) => {
      await sessionsRepository.revoke(trx, sessionId, 'logout');
      await audit.record(trx, { actorType: 'user', actorId: ctx.actor.id, actorName: ctx.actor.name, ip: ctx.ip, userAgent: ctx.userAgent }, { action: 'auth.logout', objectType: 'user', objectId: ctx.actor.id });
    });
  }

  /** Changes the caller's own password; every other session of the user ends. */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
    const { db, audit } = this.#deps;
    const user = await usersRepository.findByIdWithSecret(db, ctx.actor.id);
    if (!user || ctx.actor.type !== 'user') throw unauthenticated();
    if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new AppError(400, 'auth.wrong_password');
    const policy = await securityPolicyRepository.get(db);
    const issues = checkPassword(newPassword, { minLength: policy.passwordMinLength, minClasses: policy.passwordMinClasses }, user.username);
    if (newPassword === currentPassword) issues.push({ code: 'password.reused', path: ['newPassword'] });
    if (issues.length) throw invalid(issues.map((i) => ({ ...i, path: ['newPassword'] })));
    const passwordHash = await hashPassword(newPassword);
    await withTransaction(db, async (trx) => {
      await usersRepository.setPassword(trx, user.id, passwordHash);
      await sessionsRepository.revokeAllForUser(trx, user.id, 'password_changed', ctx.actor.sessionId);
      await audit.record(trx, { actorType: 'user', actorId: user.id, actorName: user.username, ip: ctx.ip, userAgent: ctx.userAgent }, { action: 'auth.password_change', objectType: 'user', objectId: user.id });
    });
  }
}
