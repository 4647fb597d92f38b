import type { Kysely } from 'kysely';
import type { DB, OrganizationType, RegulatorLevel } from '../../db/schema.ts';

export interface ApiTokenRow {
  id: number;
  name: string;
  tokenPrefix: string;
  role: 'regulator' | 'enterprise' | 'institution';
  organizationId: number | null;
  organizationType: OrganizationType | null;
  organizationName: string | null;
  jurisdictionCode: string | null;
  regulatorLevel: RegulatorLevel | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

function base(db: Kysely<DB>) {
  return db
    .selectFrom('api_tokens as t')
    .leftJoin('organizations as o', 'o.id', 't.organization_id')
    .select([
      't.id', 't.name', 't.token_prefix as tokenPrefix', 't.role', 't.organization_id as organizationId', 'o.type as organizationType',
      'o.name as organizationName', 't.jurisdiction_code as jurisdictionCode', 't.regulator_level as regulatorLevel',
      't.created_at as createdAt', 't.expires_at as expiresAt', 't.revoked_at as revokedAt', 't.last_used_at as lastUsedAt',
    ]);
}

export const apiTokensRepository = {
  async findActiveByHash(db: Kysely<DB>, tokenHash: string): Promise<ApiTokenRow | undefined> {
    return base(db)
      .where('t.token_hash', '=', tokenHash)
      .where('t.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', new Date())]))
      .executeTakeFirst();
  },
  async touch(db: Kysely<DB>, id: number): Promise<void> {
    await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute();
  },
  async insert(
    db: Kysely<DB>,
    t: { name: string; tokenHash: string; tokenPrefix: string; role: ApiTokenRow['role']; organizationId: number | null; jurisdictionCode: string | null; regulatorLevel: RegulatorLevel | null; createdBy: number; expiresAt: Date | null },
  ): Promise<number> {
    const r = await db
      .insertInto('api_tokens')
      .values({
        name: t.name, token_hash: t.tokenHash, token_prefix: t.tokenPrefix, role: t.role, organization_id: t.organizationId,
        jurisdiction_code: t.jurisdictionCode, regulator_level: t.regulatorLevel, created_by: t.createdBy, expires_at: t.expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },
  async findById(db: Kysely<DB>, id: number): Promise<ApiTokenRow | undefined> {
    return base(db).where('t.id', '=', id).executeTakeFirst();
  },
  async revoke(db: Kysely<DB>, id: number): Promise<boolean> {
    const r = await db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  async list(db: Kysely<DB>, page: { limit: number; offset: number }): Promise<{ items: ApiTokenRow[]; total: number }> {
    const [items, total] = await Promise.all([
      base(db).orderBy('t.id', 'desc').limit(page.limit).offset(page.offset).execute(),
      db.selectFrom('api_tokens').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  },
};
