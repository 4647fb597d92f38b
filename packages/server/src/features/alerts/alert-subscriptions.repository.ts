import type { Kysely } from 'kysely';
import type { AlertGradeValue, DB } from '../../db/schema.ts';

export interface SubscriptionRow {
  id: number;
  jurisdictionCode: string;
  channel: 'email' | 'webhook';
  target: string;
  hasSecret: boolean;
  minGrade: AlertGradeValue;
  department: string | null;
  active: boolean;
  createdAt: Date;
}

const columns = ['id', 'jurisdiction_code as jurisdictionCode', 'channel', 'target', 'secret', 'min_grade as minGrade', 'department', 'active', 'created_at as createdAt'] as const;
// The secret never leaves the repository: callers learn only whether one is set.
const withoutSecret = ({ secret, ...r }: { secret: string | null } & Omit<SubscriptionRow, 'hasSecret'>): SubscriptionRow => ({ ...r, hasSecret: secret !== null });

export const alertSubscriptionsRepository = {
  /** Subscriptions of offices within a jurisdiction prefix ('' = all). */
  async list(db: Kysely<DB>, prefix: string): Promise<SubscriptionRow[]> {
    return (await db.selectFrom('alert_subscriptions').select(columns).where('jurisdiction_code', 'like', `${prefix}%`).orderBy('id').execute()).map(withoutSecret);
  },

  async find(db: Kysely<DB>, id: number, prefix: string): Promise<SubscriptionRow | undefined> {
    const r = await db.selectFrom('alert_subscriptions').select(columns).where('id', '=', id).where('jurisdiction_code', 'like', `${prefix}%`).executeTakeFirst();
    return r && withoutSecret(r);
  },

  async insert(db: Kysely<DB>, s: { jurisdictionCode: string; channel: 'email' | 'webhook'; target: string; secret: string | null; minGrade: AlertGradeValue; department: string | null; createdBy: number | null }): Promise<number> {
    const r = await db.insertInto('alert_subscriptions').values({
      jurisdiction_code: s.jurisdictionCode, channel: s.channel, target: s.target, secret: s.secret, min_grade: s.minGrade, department: s.department, created_by: s.createdBy,
    }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  async deactivate(db: Kysely<DB>, id: number): Promise<void> {
    await db.updateTable('alert_subscriptions').set({ active: false }).where('id', '=', id).execute();
  },
};
