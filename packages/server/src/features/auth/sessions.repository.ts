import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface SessionRow {
  id: string;
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export const sessionsRepository = {
  async insert(db: Kysely<DB>, s: { id: string; userId: number; expiresAt: Date; ip: string; userAgent: string }): Promise<void> {
    await db.insertInto('sessions').values({ id: s.id, user_id: s.userId, expires_at: s.expiresAt, last_seen_at: new Date(), ip: s.ip, user_agent: s.userAgent }).execute();
  },
  async find(db: Kysely<DB>, id: string): Promise<SessionRow | undefined> {
    return db
      .selectFrom('sessions')
      .select(['id', 'user_id as userId', 'created_at as createdAt', 'last_seen_at as lastSeenAt', 'expires_at as expiresAt', 'revoked_at as revokedAt'])
      .where('id', '=', id)
      .executeTakeFirst();
  },
  async touch(db: Kysely<DB>, id: string, at: Date): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  },
  async revoke(db: Kysely<DB>, id: string, reason: string): Promise<void> {
    await db.updateTable('sessions').set({ revoked_at: new Date(), revoked_reason: reason }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  },
  /** Ends every open session of a user, except `keep` (the caller's own, after a password change). */
  async revokeAllForUser(db: Kysely<DB>, userId: number, reason: string, keep?: string): Promise<number> {
    let q = db.updateTable('sessions').set({ revoked_at: new Date(), revoked_reason: reason }).where('user_id', '=', userId).where('revoked_at', 'is', null);
    if (keep) q = q.where('id', '!=', keep);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};
