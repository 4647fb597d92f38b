import { checkPassword } from '@lianjian/core';
import type { AppDeps } from '../../app-context.ts';
import type { RegulatorLevel, Role } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { requirePermission } from '../auth/permissions.ts';
import { hashPassword } from '../auth/secrets.ts';
import { sessionsRepository } from '../auth/sessions.repository.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';
import { regionsRepository } from '../regions/regions.repository.ts';
import { securityPolicyRepository } from '../security-policy/security-policy.repository.ts';
import { usersRepository, type UserRow } from './users.repository.ts';
import { withTransaction } from '../../db/transaction.ts';

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  organizationId?: number | null;
  jurisdictionCode?: string | null;
  regulatorLevel?: RegulatorLevel | null;
  department?: string | null;
  email?: string | null;
  phone?: string | null;
}

const ORG_TYPES_FOR_ROLE: Partial<Record<Role, string[]>> = {
  enterprise: ['manufacturer', 'distributor', 'logistics'],
  institution: ['institution'],
  agency: ['agency'],
  regulator: ['regulator'],
};

/** User management by the system admin. Every change and every read of a user record is audited. */
export class UsersService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /** Creates a user after checking role-specific fields and the password policy; used by the API and the demo loader. */
  async create(ctx: RequestContext | null, input: CreateUserInput): Promise<UserRow> {
    if (ctx) requirePermission(ctx.actor, 'users.manage');
    const { db, audit } = this.#deps;
    const issues = [];
    const policy = await securityPolicyRepository.get(db);
    issues.push(...checkPassword(input.password, { minLength: policy.passwordMinLength, minClasses: policy.passwordMinClasses }, input.username));
    if (input.role === 'regulator') {
      if (!input.jurisdictionCode) issues.push({ code: 'user.role_fields', path: ['jurisdictionCode'], params: { role: input.role, field: 'jurisdictionCode' } });
      if (!input.regulatorLevel) issues.push({ code: 'user.role_fields', path: ['regulatorLevel'], params: { role: input.role, field: 'regulatorLevel' } });
      if (input.jurisdictionCode && input.regulatorLevel !== 'national' && !(await regionsRepository.findCurrent(db, input.jurisdictionCode))) {
        issues.push({ code: 'region.unknown', path: ['jurisdictionCode'], params: { code: input.jurisdictionCode } });
      }
    }
    const orgTypes = ORG_TYPES_FOR_ROLE[input.role];
    if (orgTypes && input.role !== 'regulator') {
      if (!input.organizationId) issues.push({ code: 'user.role_fields', path: ['organizationId'], params: { role: input.role, field: 'organizationId' } });
    }
    if (input.organizationId && orgTypes) {
      const org = await organizationsRepository.findById(db, input.organizationId, { kind: 'all' });
      if (!org) issues.push({ code: 'not_found', path: ['organizationId'], params: { objectType: 'organization', id: String(input.organizationId) } });
      else if (!orgTypes.includes(org.type)) issues.push({ code: 'user.organization_type', path: ['organizationId'], params: { role: input.role, type: org.type } });
    }
    if (issues.length) throw invalid(issues);
    const passwordHash = await hashPassword(input.password);
    return withTransaction(db, async (trx) => {
      const id = await usersRepository.insert(trx, {
        username: input.username, displayName: input.displayName, passwordHash, role: input.role,
        organizationId: input.organizationId ?? null, jurisdictionCode: input.role === 'regulator' ? (input.jurisdictionCode ?? null) : null,
        regulatorLevel: input.role === 'regulator' ? (input.regulatorLevel ?? null) : null, department: input.department ?? null,
        email: input.email ?? null, phone: input.phone ?? null,
      });
      await audit.record(trx, ctx ? whoFrom(ctx) : { actorType: 'system', actorId: null, actorName: 'system', ip: null, userAgent: null }, { action: 'user.create', objectType: 'user', objectId: id, details: { username: input.username, role: input.role } });
      const row = await usersRepository.findById(trx, id);
      if (!row) throw new AppError(500, 'internal');
      return row;
    });
  }

  async list(ctx: RequestContext, filter: { role?: Role; q?: string; organizationId?: number }, page: Page) {
    requirePermission(ctx.actor, 'users.manage');
    return usersRepository.list(this.#deps.db, filter, page);
  }

  async get(ctx: RequestContext, id: number): Promise<UserRow> {
    requirePermission(ctx.actor, 'users.manage');
    const row = await usersRepository.findById(this.#deps.db, id);
    if (!row) throw notFound('user', id);
    await this.#deps.audit.recordNow(this.#deps.db, whoFrom(ctx), { action: 'user.read', objectType: 'user', objectId: id });
    return row;
  }

  async update(ctx: RequestContext, id: number, patch: { displayName?: string; department?: string | null; email?: string | null; phone?: string | null; status?: 'active' | 'disabled' }): Promise<UserRow> {
    requirePermission(ctx.actor, 'users.manage');
    if (patch.status === 'disabled' && ctx.actor.type === 'user' && ctx.actor.id === id) throw new AppError(400, 'user.cannot_disable_self');
    return withTransaction(this.#deps.db, async (trx) => {
      if (!(await usersRepository.findById(trx, id))) throw notFound('user', id);
      await usersRepository.update(trx, id, patch);
      if (patch.status === 'disabled') await sessionsRepository.revokeAllForUser(trx, id, 'user_disabled');
      await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'user.update', objectType: 'user', objectId: id, details: { fields: Object.keys(patch), status: patch.status } });
      return (await usersRepository.findById(trx, id)) as UserRow;
    });
  }

  /** Sets a new password chosen by the admin (the user should change it at next login) and lifts a lockout. */
  async resetPassword(ctx: RequestContext, id: number, password: string): Promise<void> {
    requirePermission(ctx.actor, 'users.manage');
    const { db } = this.#deps;
    const user = await usersRepository.findById(db, id);
    if (!user) throw notFound('user', id);
    const policy = await securityPolicyRepository.get(db);
    const issues = checkPassword(password, { minLength: policy.passwordMinLength, minClasses: policy.passwordMinClasses }, user.username);
    if (issues.length) throw invalid(issues);
    const hash = await hashPassword(password);
    await withTransaction(db, async (trx) => {
      await usersRepository.setPassword(trx, id, hash);
      await sessionsRepository.revokeAllForUser(trx, id, 'password_reset');
      await this.#deps.audit.record(trx, whoFrom(ctx), { action: 'user.password_reset', objectType: 'user', objectId: id });
    });
  }
}
