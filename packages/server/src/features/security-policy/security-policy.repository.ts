import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface SecurityPolicy {
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  passwordMinLength: number;
  passwordMinClasses: number;
  updatedAt: Date;
}

const columns = [
  'idle_timeout_minutes as idleTimeoutMinutes', 'absolute_timeout_hours as absoluteTimeoutHours',
  'lockout_threshold as lockoutThreshold', 'lockout_minutes as lockoutMinutes',
  'password_min_length as passwordMinLength', 'password_min_classes as passwordMinClasses', 'updated_at as updatedAt',
] as const;

export const securityPolicyRepository = {
  async get(db: Kysely<DB>): Promise<SecurityPolicy> {
    return db.selectFrom('security_policy').select(columns).executeTakeFirstOrThrow();
  },
  async update(db: Kysely<DB>, patch: Partial<Omit<SecurityPolicy, 'updatedAt'>>, by: number): Promise<SecurityPolicy> {
    return db
      .updateTable('security_policy')
      .set({
        ...(patch.idleTimeoutMinutes !== undefined && { idle_timeout_minutes: patch.idleTimeoutMinutes }),
        ...(patch.absoluteTimeoutHours !== undefined && { absolute_timeout_hours: patch.absoluteTimeoutHours }),
        ...(patch.lockoutThreshold !== undefined && { lockout_threshold: patch.lockoutThreshold }),
        ...(patch.lockoutMinutes !== undefined && { lockout_minutes: patch.lockoutMinutes }),
        ...(patch.passwordMinLength !== undefined && { password_min_length: patch.passwordMinLength }),
        ...(patch.passwordMinClasses !== undefined && { password_min_classes: patch.passwordMinClasses }),
        updated_at: new Date(),
        updated_by: by,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
  },
};
