import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { scopeCondition } from '../../db/scope-sql.ts';
import type { DataScope } from '../auth/data-scope.ts';
import type { AttachmentMediaType } from './file-type.ts';

export type AttachmentSubjectType = 'batch' | 'material_receipt' | 'organization';

export interface AttachmentRow {
  id: number;
  subjectType: AttachmentSubjectType;
  subjectId: number;
  organizationId: number;
  regionCode: string;
  documentKey: string;
  version: number;
  title: string | null;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  mediaType: AttachmentMediaType;
  createdAt: Date;
}

export interface AttachmentFilter {
  subjectType?: AttachmentSubjectType;
  subjectId?: number;
  documentKey?: string;
  organizationId?: number;
}

function base(db: Kysely<DB>, scope: DataScope, f: AttachmentFilter) {
  let q = db.selectFrom('attachments as a').innerJoin('attachment_blobs as b', 'b.sha256', 'a.sha256').where(scopeCondition(scope, 'a.organization_id', 'a.region_code'));
  if (f.subjectType) q = q.where('a.subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('a.subject_id', '=', f.subjectId);
  if (f.documentKey) q = q.where('a.document_key', '=', f.documentKey);
  if (f.organizationId) q = q.where('a.organization_id', '=', f.organizationId);
  return q;
}
const columns = [
  'a.id', 'a.subject_type as subjectType', 'a.subject_id as subjectId', 'a.organization_id as organizationId', 'a.region_code as regionCode', 'a.document_key as documentKey',
  'a.version', 'a.title', 'a.file_name as fileName', 'a.sha256', 'b.size_bytes as sizeBytes', 'b.media_type as mediaType', 'a.created_at as createdAt',
] as const;
const row = (r: Record<string, unknown>): AttachmentRow => ({ ...(r as unknown as AttachmentRow), id: Number(r.id), subjectId: Number(r.subjectId), sizeBytes: Number(r.sizeBytes) });

/** Attachments and their content-addressed blobs (migration 0006). */
export const attachmentsRepository = {
  async insertBlob(db: Kysely<DB>, b: { sha256: string; sizeBytes: number; mediaType: AttachmentMediaType }): Promise<void> {
    await db.insertInto('attachment_blobs').values({ sha256: b.sha256, size_bytes: b.sizeBytes, media_type: b.mediaType }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
  },

  /** True when a committed (or this transaction's) blob row names the hash: its file must stay. */
  async blobExists(db: Kysely<DB>, sha256: string): Promise<boolean> {
    return (await db.selectFrom('attachment_blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst()) !== undefined;
  },

  /** The newest version of a document, locked so two uploads of the same key number their versions one after the other. */
  async latest(db: Kysely<DB>, subjectType: AttachmentSubjectType, subjectId: number, documentKey: string): Promise<AttachmentRow | undefined> {
    // Serialise versioning of one document: a transaction-scoped advisory lock on its key.
    await sql`select pg_advisory_xact_lock(hashtext(${`attachment:${subjectType}:${subjectId}:${documentKey}`}))`.execute(db);
    const r = await base(db, { kind: 'all' }, { subjectType, subjectId, documentKey }).select(columns).orderBy('a.version', 'desc').limit(1).executeTakeFirst();
    return r && row(r);
  },

  async insert(db: Kysely<DB>, a: {
    subjectType: AttachmentSubjectType; subjectId: number; organizationId: number; regionCode: string; documentKey: string; version: number; title: string | null;
    fileName: string; sha256: string; by: { type: 'user' | 'token' | 'system'; id: number | null };
  }): Promise<number> {
    const r = await db.insertInto('attachments').values({
      subject_type: a.subjectType, subject_id: a.subjectId, organization_id: a.organizationId, region_code: a.regionCode, document_key: a.documentKey, version: a.version,
      title: a.title, file_name: a.fileName, sha256: a.sha256, created_by_type: a.by.type, created_by: a.by.id,
    }).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  },

  async find(db: Kysely<DB>, id: number, scope: DataScope): Promise<AttachmentRow | undefined> {
    const r = await base(db, scope, {}).select(columns).where('a.id', '=', id).executeTakeFirst();
    return r && row(r);
  },

  async list(db: Kysely<DB>, scope: DataScope, f: AttachmentFilter, page: { limit: number; offset: number }) {
    const [items, total] = await Promise.all([
      base(db, scope, f).select(columns).orderBy('a.subject_type').orderBy('a.subject_id').orderBy('a.document_key').orderBy('a.version', 'desc').limit(page.limit).offset(page.offset).execute(),
      base(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items.map(row), total: Number(total.n) };
  },

  /** Every version attached to any of the subjects (for dossiers). */
  async ofSubjects(db: Kysely<DB>, scope: DataScope, subjects: { type: AttachmentSubjectType; id: number }[]): Promise<AttachmentRow[]> {
    if (!subjects.length) return [];
    const rows = await base(db, scope, {})
      .select(columns)
      .where((eb) => eb.or(subjects.map((s) => eb.and([eb('a.subject_type', '=', s.type), eb('a.subject_id', '=', s.id)]))))
      .orderBy('a.subject_type').orderBy('a.subject_id').orderBy('a.document_key').orderBy('a.version', 'desc')
      .execute();
    return rows.map(row);
  },
};
