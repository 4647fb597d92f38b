import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { likeContains, scopeCondition } from '../../db/scope-sql.ts';
import type { DataScope } from '../auth/data-scope.ts';

export interface IdentityRow {
  id: number;
  patientKey: string;
  nameCiphertext: string;
  idNumberCiphertext: string | null;
  birthDateCiphertext: string | null;
  nameMasked: string;
  idNumberMasked: string | null;
}

export interface GrantRow {
  id: number;
  patientKey: string;
  granteeUserId: number;
  granteeUsername: string;
  purpose: string;
  expiresAt: Date;
  grantedBy: number;
  grantedByUsername: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: number | null;
}

export interface GranteeRow {
  id: number;
  username: string;
  displayName: string;
  role: string;
  department: string | null;
  jurisdictionCode: string | null;
  organizationName: string | null;
}

export interface GrantFilter {
  patientKey?: string;
  userId?: number;
  /** Live now (not revoked, not expired) or not. */
  active?: boolean;
  now: Date;
}

function grants(db: Kysely<DB>, f: Partial<GrantFilter>) {
  let q = db.selectFrom('patient_identity_grants as g')
    .innerJoin('users as u', 'u.id', 'g.grantee_user_id')
    .innerJoin('users as b', 'b.id', 'g.granted_by');
  if (f.patientKey) q = q.where('g.patient_key', '=', f.patientKey);
  if (f.userId !== undefined) q = q.where('g.grantee_user_id', '=', f.userId);
  if (f.active !== undefined && f.now) {
    const live = sql<boolean>`(g.revoked_at is null and g.expires_at > ${f.now})`;
    q = q.where(f.active ? live : sql<boolean>`not ${live}`);
  }
  return q;
}
const grantColumns = [
  'g.id', 'g.patient_key as patientKey', 'g.grantee_user_id as granteeUserId', 'u.username as granteeUsername', 'g.purpose', 'g.expires_at as expiresAt',
  'g.granted_by as grantedBy', 'b.username as grantedByUsername', 'g.created_at as createdAt', 'g.revoked_at as revokedAt', 'g.revoked_by as revokedBy',
] as const;

/** SQL of patient identities as the privacy feature reads them, and of the privacy officer's grants. */
export const privacyRepository = {
  /** The newest stored identity of a patient key (each report or use stores its own copy). */
  async identity(db: Kysely<DB>, patientKey: string): Promise<IdentityRow | undefined> {
    return db.selectFrom('patient_identities')
      .select(['id', 'patient_key as patientKey', 'name_ciphertext as nameCiphertext', 'id_number_ciphertext as idNumberCiphertext',
        'birth_date_ciphertext as birthDateCiphertext', 'name_masked as nameMasked', 'id_number_masked as idNumberMasked'])
      .where('patient_key', '=', patientKey).orderBy('id', 'desc').limit(1).executeTakeFirst();
  },

  /** True when a record in the scope names the patient: a clinical use or an adverse-event report. */
  async patientInScope(db: Kysely<DB>, patientKey: string, scope: DataScope): Promise<boolean> {
    const inUses = await db.selectFrom('clinical_uses as u').select('u.id').where('u.patient_key', '=', patientKey)
      .where(scopeCondition(scope, 'u.organization_id', 'u.region_code')).limit(1).executeTakeFirst();
    if (inUses) return true;
    const reports = db.selectFrom('adverse_event_reports as r').select('r.id').where('r.patient_key', '=', patientKey);
    const inReports = await (scope.kind === 'organization'
      ? reports.where(sql<boolean>`(r.reporter_organization_id = ${scope.organizationId} or r.registrant_organization_id = ${scope.organizationId})`)
      : reports.where(scopeCondition(scope, 'r.reporter_organization_id', 'r.region_code'))).limit(1).executeTakeFirst();
    return inReports !== undefined;
  },

  /** The user's live grant for the patient, the one expiring last. */
  async liveGrant(db: Kysely<DB>, patientKey: string, userId: number, now: Date): Promise<GrantRow | undefined> {
    return (await grants(db, { patientKey, userId, active: true, now }).select(grantColumns).orderBy('g.expires_at', 'desc').limit(1).executeTakeFirst()) as GrantRow | undefined;
  },

  async activeUser(db: Kysely<DB>, id: number): Promise<{ id: number; username: string; role: string } | undefined> {
    return db.selectFrom('users').select(['id', 'username', 'role']).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
  },

  /**
   * Active users of the given roles a privacy officer may name in a grant, matching `q` in the
   * username, the name or the organisation's name; the officer's own account left out.
   */
  async grantees(db: Kysely<DB>, f: { roles: string[]; q?: string; exceptUserId: number; limit: number }): Promise<GranteeRow[]> {
    let q = db.selectFrom('users as u').leftJoin('organizations as o', 'o.id', 'u.organization_id')
      .select(['u.id', 'u.username', 'u.display_name as displayName', 'u.role', 'u.department', 'u.jurisdiction_code as jurisdictionCode', 'o.name as organizationName'])
      .where('u.status', '=', 'active').where('u.role', 'in', f.roles as never[]).where('u.id', '!=', f.exceptUserId);
    if (f.q) {
      const like = likeContains(f.q);
      q = q.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like), eb('o.name', 'ilike', like)]));
    }
    return (await q.orderBy('u.username').orderBy('u.id').limit(f.limit).execute()) as GranteeRow[];
  },

  async insertGrant(db: Kysely<DB>, g: { patientKey: string; granteeUserId: number; purpose: string; expiresAt: string; grantedBy: number }): Promise<number> {
    return (await db.insertInto('patient_identity_grants').values({
      patient_key: g.patientKey, grantee_user_id: g.granteeUserId, purpose: g.purpose, expires_at: g.expiresAt, granted_by: g.grantedBy,
    }).returning('id').executeTakeFirstOrThrow()).id;
  },

  async findGrant(db: Kysely<DB>, id: number): Promise<GrantRow | undefined> {
    return (await grants(db, {}).select(grantColumns).where('g.id', '=', id).executeTakeFirst()) as GrantRow | undefined;
  },

  async listGrants(db: Kysely<DB>, f: GrantFilter, page: { limit: number; offset: number }) {
    const [items, total] = await Promise.all([
      grants(db, f).select(grantColumns).orderBy('g.id', 'desc').limit(page.limit).offset(page.offset).execute(),
      grants(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as GrantRow[], total: Number(total.n) };
  },

  async revoke(db: Kysely<DB>, id: number, by: number, at: Date): Promise<void> {
    await db.updateTable('patient_identity_grants').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  },
};
