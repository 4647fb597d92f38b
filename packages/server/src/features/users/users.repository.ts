import { sql, type Kysely } from 'kysely';
import type { DB, OrganizationType, RegulatorLevel, Role } from '../../db/schema.ts';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  organizationId: number | null;
  organizationType: OrganizationType | null;
  organizationName: string | null;
  jurisdictionCode: string | null;
  regulatorLevel: RegulatorLevel | null;
  department: string | null;
  email: string | null;
  phone: string | null;
  status: 'active' | 'disabled';
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  lastLoginIp: string | null;
  createdAt: Date;
}

export interface UserWithSecret extends UserRow {
  passwordHash: string;
  failedAttempts: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  organizationId: number | null;
  jurisdictionCode: string | null;
  regulatorLevel: RegulatorLevel | null;
  department: string | null;
  email: string | null;
  phone: string | null;
}

function base(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .leftJoin('organizations as o', 'o.id', 'u.organization_id')
    .select([
      'u.id', 'u.username', 'u.display_name as displayName', 'u.role', 'u.organization_id as organizationId',
      'o.type as organizationType', 'o.name as organizationName', 'u.jurisdiction_code as jurisdictionCode',
      'u.regulator_level as regulatorLevel', 'u.department', 'u.email', 'u.phone', 'u.status',
      'u.locked_until as lockedUntil', 'u.last_login_at as lastLoginAt', 'u.last_login_ip as lastLoginIp', 'u.created_at as createdAt',
    ]);
}

export const usersRepository = {
  async findByUsernameWithSecret(db: Kysely<DB>, username: string): Promise<UserWithSecret | undefined> {
    return base(db)
      .select(['u.password_hash as passwordHash', 'u.failed_attempts as failedAttempts'])
      .where('u.username', '=', username)
      .executeTakeFirst();
  },
  async findByIdWithSecret(db: Kysely<DB>, id: number): Promise<UserWithSecret | undefined> {
    return base(db).select(['u.password_hash as passwordHash', 'u.failed_attempts as failedAttempts']).where('u.id', '=', id).executeTakeFirst();
  },
  async findById(db: Kysely<DB>, id: number): Promise<UserRow | undefined> {
    return base(db).where('u.id', '=', id).executeTakeFirst();
  },

  /**
   * Counts a failed password in one statement (no lost updates under concurrent guesses); on reaching
   * the threshold the account locks and the counter restarts.
   */
  async recordFailure(db: Kysely<DB>, id: number, threshold: number, lockMinutes: number): Promise<{ lockedUntil: Date | null }> {
    const r = await sql<{ lockedUntil: Date | null }>`
      update users set
        failed_attempts = case when failed_attempts + 1 >= ${threshold} then 0 else failed_attempts + 1 end,
        locked_until = case when failed_attempts + 1 >= ${threshold} then now() + make_interval(mins => ${lockMinutes}) else locked_until end
      where id = ${id}
      returning locked_until as "lockedUntil"`.execute(db);
    return r.rows[0] ?? { lockedUntil: null };
  },
  async recordSuccess(db: Kysely<DB>, id: number, ip: string): Promise<void> {
    await db.updateTable('users').set({ failed_attempts: 0, locked_until: null, last_login_at: new Date(), last_login_ip: ip }).where('id', '=', id).execute();
  },
  async insert(db: Kysely<DB>, u: NewUser): Promise<number> {
    const r = await db
      .insertInto('users')
      .values({
        username: u.username, display_name: u.displayName, password_hash: u.passwordHash, role: u.role,
        organization_id: u.organizationId, jurisdiction_code: u.jurisdictionCode, regulator_level: u.regulatorLevel,
        department: u.department, email: u.email, phone: u.phone,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },
  async update(db: Kysely<DB>, id: number, patch: { displayName?: string; department?: string | null; email?: string | null; phone?: string | null; status?: 'active' | 'disabled' }): Promise<void> {
    await db
      .updateTable('users')
      .set({
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.department !== undefined && { department: patch.department }),
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
        ...(patch.status !== undefined && { status: patch.status }),
      })
      .where('id', '=', id)
      .execute();
  },
  async setPassword(db: Kysely<DB>, id: number, passwordHash: string): Promise<void> {
    await db.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date(), failed_attempts: 0, locked_until: null }).where('id', '=', id).execute();
  },
  async unlock(db: Kysely<DB>, id: number): Promise<void> {
    await db.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', id).execute();
  },
  async list(db: Kysely<DB>, f: { role?: Role; q?: string; organizationId?: number }, page: { limit: number; offset: number }): Promise<{ items: UserRow[]; total: number }> {
    let q = base(db);
    let c = db.selectFrom('users as u');
    if (f.role) {
      q = q.where('u.role', '=', f.role);
      c = c.where('u.role', '=', f.role);
    }
    if (f.organizationId) {
      q = q.where('u.organization_id', '=', f.organizationId);
      c = c.where('u.organization_id', '=', f.organizationId);
    }
    if (f.q) {
      const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
      q = q.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
      c = c.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
    }
    const [items, total] = await Promise.all([
      q.orderBy('u.id').limit(page.limit).offset(page.offset).execute(),
      c.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  },
};
