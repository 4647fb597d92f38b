import type { PatientIdentityRequestStatus } from '@lianjian/core/records/patient-identity-request';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface RequestRow {
  id: number;
  patientKey: string;
  requesterUserId: number;
  requesterUsername: string;
  requesterDisplayName: string;
  requesterRole: string;
  requesterOrganizationName: string | null;
  requesterJurisdictionCode: string | null;
  purpose: string;
  status: PatientIdentityRequestStatus;
  createdAt: Date;
  decidedBy: number | null;
  decidedByUsername: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  grantId: number | null;
  grantExpiresAt: Date | null;
}

export interface RequestFilter {
  status?: PatientIdentityRequestStatus;
  patientKey?: string;
  /** Only this requester's (everyone but a privacy officer sees only their own). */
  requesterUserId?: number;
}

export const REQUEST_SORTS = { createdAt: 'r.created_at', decidedAt: 'r.decided_at', status: 'r.status', patientKey: 'r.patient_key' } as const;
export type RequestSort = (typeof REQUEST_SORTS)[keyof typeof REQUEST_SORTS];

function requests(db: Kysely<DB>, f: RequestFilter) {
  let q = db.selectFrom('patient_identity_requests as r')
    .innerJoin('users as u', 'u.id', 'r.requester_user_id')
    .leftJoin('organizations as o', 'o.id', 'u.organization_id')
    .leftJoin('users as d', 'd.id', 'r.decided_by')
    .leftJoin('patient_identity_grants as g', 'g.id', 'r.grant_id');
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.patientKey) q = q.where('r.patient_key', '=', f.patientKey);
  if (f.requesterUserId !== undefined) q = q.where('r.requester_user_id', '=', f.requesterUserId);
  return q;
}
const requestColumns = [
  'r.id', 'r.patient_key as patientKey', 'r.requester_user_id as requesterUserId', 'u.username as requesterUsername', 'u.display_name as requesterDisplayName',
  'u.role as requesterRole', 'o.name as requesterOrganizationName', 'u.jurisdiction_code as requesterJurisdictionCode', 'r.purpose', 'r.status',
  'r.created_at as createdAt', 'r.decided_by as decidedBy', 'd.username as decidedByUsername', 'r.decided_at as decidedAt',
  'r.decision_reason as decisionReason', 'r.grant_id as grantId', 'g.expires_at as grantExpiresAt',
] as const;

/** SQL of requests to see a patient's identity (the privacy officer's queue and the requesters' own). */
export const identityRequestsRepository = {
  /**
   * Inserts a pending request; undefined when the requester already has one pending for the
   * patient (the partial unique index decides, so two concurrent requests cannot both wait).
   */
  async insertPending(db: Kysely<DB>, r: { patientKey: string; requesterUserId: number; purpose: string; at: Date }): Promise<number | undefined> {
    const row = await sql<{ id: number }>`
      insert into patient_identity_requests (patient_key, requester_user_id, purpose, created_at)
      values (${r.patientKey}, ${r.requesterUserId}, ${r.purpose}, ${r.at})
      on conflict (patient_key, requester_user_id) where status = 'pending' do nothing
      returning id`.execute(db);
    const id = row.rows[0]?.id;
    return id === undefined ? undefined : Number(id);
  },

  async find(db: Kysely<DB>, id: number): Promise<RequestRow | undefined> {
    return (await requests(db, {}).select(requestColumns).where('r.id', '=', id).executeTakeFirst()) as RequestRow | undefined;
  },

  /** The request row locked for a decision (two officers deciding at once: the second sees the first's outcome). */
  async lockForDecision(db: Kysely<DB>, id: number): Promise<{ status: PatientIdentityRequestStatus } | undefined> {
    return db.selectFrom('patient_identity_requests').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async pendingOf(db: Kysely<DB>, patientKey: string, requesterUserId: number): Promise<RequestRow | undefined> {
    return (await requests(db, { patientKey, requesterUserId, status: 'pending' }).select(requestColumns).executeTakeFirst()) as RequestRow | undefined;
  },

  /** The requester's newest request for the patient, whatever its status. */
  async latestOf(db: Kysely<DB>, patientKey: string, requesterUserId: number): Promise<RequestRow | undefined> {
    return (await requests(db, { patientKey, requesterUserId }).select(requestColumns).orderBy('r.id', 'desc').limit(1).executeTakeFirst()) as RequestRow | undefined;
  },

  async decide(db: Kysely<DB>, id: number, d: { status: 'approved' | 'declined' | 'withdrawn'; by: number; at: Date; reason?: string; grantId?: number }): Promise<void> {
    await db.updateTable('patient_identity_requests')
      .set({ status: d.status, decided_by: d.by, decided_at: d.at, ...(d.reason !== undefined && { decision_reason: d.reason }), ...(d.grantId !== undefined && { grant_id: d.grantId }) })
      .where('id', '=', id).where('status', '=', 'pending' as never).execute();
  },

  async list(db: Kysely<DB>, f: RequestFilter, sort: { column: RequestSort; direction: 'asc' | 'desc' }, page: { limit: number; offset: number }) {
    const [items, total] = await Promise.all([
      requests(db, f).select(requestColumns).orderBy(sort.column, sort.direction).orderBy('r.id', 'desc').limit(page.limit).offset(page.offset).execute(),
      requests(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as RequestRow[], total: Number(total.n) };
  },

  async countPending(db: Kysely<DB>): Promise<number> {
    const r = await db.selectFrom('patient_identity_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending' as never).executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
