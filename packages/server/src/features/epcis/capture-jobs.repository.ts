import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { CaptureJobStatus, DB } from '../../db/schema.ts';
import { scopeCondition } from '../../db/scope-sql.ts';
import type { DataScope } from '../auth/data-scope.ts';

export interface JobError {
  eventIndex: number | null;
  path: (string | number)[];
  code: string;
  params: Record<string, string | number | boolean | null>;
}

export interface JobDuplicate {
  eventIndex: number;
  eventHash: string;
  eventId: number | null;
}

export interface CaptureJobRow {
  id: string;
  status: CaptureJobStatus;
  format: 'json' | 'xml';
  schemaVersion: string | null;
  errorBehaviour: 'rollback' | 'proceed';
  documentBytes: number;
  eventCount: number;
  acceptedCount: number;
  duplicateCount: number;
  rejectedCount: number;
  violationCount: number;
  errors: JobError[];
  duplicates: JobDuplicate[];
  namespaces: Record<string, string>;
  createdByType: string;
  createdBy: number | null;
  organizationId: number | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface NewJob {
  format: 'json' | 'xml';
  schemaVersion: string | null;
  errorBehaviour: 'rollback' | 'proceed';
  documentBytes: number;
  eventCount: number;
  namespaces: Record<string, string>;
  createdByType: 'user' | 'token';
  createdBy: number;
  organizationId: number | null;
}

export interface JobOutcome {
  status: CaptureJobStatus;
  acceptedCount: number;
  duplicateCount: number;
  rejectedCount: number;
  violationCount: number;
  errors: JobError[];
  duplicates: JobDuplicate[];
}

export interface CaptureJobListRow {
  id: string;
  status: CaptureJobStatus;
  format: 'json' | 'xml';
  errorBehaviour: 'rollback' | 'proceed';
  eventCount: number;
  acceptedCount: number;
  duplicateCount: number;
  rejectedCount: number;
  violationCount: number;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface CaptureJobFilter {
  status?: CaptureJobStatus;
  /** Created at or after this instant. */
  createdFrom?: Date;
  /** Created before this instant. */
  createdBefore?: Date;
}

export type CaptureJobSort = 'j.created_at' | 'j.finished_at' | 'j.event_count' | 'j.rejected_count';

type JobsQuery = ExpressionBuilder<DB & { j: DB['capture_jobs']; o: DB['organizations'] }, 'j' | 'o'>;

/**
 * The jobs a caller may see: its own (by creator, so a regulator's or a token's jobs stay theirs), an
 * organisation's jobs, or a regulator's whose jurisdiction holds the submitting organisation (jobs of a
 * regulator without one: regulators with all scope). One condition for the detail and the list, so
 * a job that shows in the list always opens, and one that does not open never shows.
 */
function visibleTo(eb: JobsQuery, scope: DataScope, actor: { type: string; id: number }) {
  return eb.or([
    eb.and([eb('j.created_by_type', '=', actor.type as 'user'), eb('j.created_by', '=', actor.id)]),
    scope.kind === 'all' ? sql<boolean>`true` : eb.and([eb('j.organization_id', 'is not', null), scopeCondition(scope, 'o.id', 'o.region_code')]),
  ]);
}

export const captureJobsRepository = {
  async create(db: Kysely<DB>, j: NewJob): Promise<string> {
    const row = await db
      .insertInto('capture_jobs')
      .values({
        format: j.format, schema_version: j.schemaVersion, error_behaviour: j.errorBehaviour, document_bytes: j.documentBytes,
        event_count: j.eventCount, namespaces: JSON.stringify(j.namespaces), created_by_type: j.createdByType, created_by: j.createdBy,
        organization_id: j.organizationId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async finish(db: Kysely<DB>, id: string, o: JobOutcome): Promise<void> {
    await db
      .updateTable('capture_jobs')
      .set({
        status: o.status, accepted_count: o.acceptedCount, duplicate_count: o.duplicateCount, rejected_count: o.rejectedCount,
        violation_count: o.violationCount, errors: JSON.stringify(o.errors), duplicates: JSON.stringify(o.duplicates), finished_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
  },

  /** One job, if the caller may see it (`visibleTo`). */
  async find(db: Kysely<DB>, id: string, scope: DataScope, actor: { type: string; id: number }): Promise<CaptureJobRow | undefined> {
    const row = await db
      .selectFrom('capture_jobs as j')
      .leftJoin('organizations as o', 'o.id', 'j.organization_id')
      .select([
        'j.id', 'j.status', 'j.format', 'j.schema_version as schemaVersion', 'j.error_behaviour as errorBehaviour', 'j.document_bytes as documentBytes',
        'j.event_count as eventCount', 'j.accepted_count as acceptedCount', 'j.duplicate_count as duplicateCount', 'j.rejected_count as rejectedCount',
        'j.violation_count as violationCount', 'j.errors', 'j.duplicates', 'j.namespaces', 'j.created_by_type as createdByType', 'j.created_by as createdBy',
        'j.organization_id as organizationId', 'j.created_at as createdAt', 'j.finished_at as finishedAt',
      ])
      .where('j.id', '=', id)
      .where((eb) => visibleTo(eb, scope, actor))
      .executeTakeFirst();
    return row as CaptureJobRow | undefined;
  },

  /** The jobs the caller may see (the same condition as `find`), without their per-event errors. */
  async list(
    db: Kysely<DB>, scope: DataScope, actor: { type: string; id: number }, f: CaptureJobFilter,
    page: { limit: number; offset: number }, sort: { column: CaptureJobSort; direction: 'asc' | 'desc' },
  ): Promise<{ items: CaptureJobListRow[]; total: number }> {
    const base = () => {
      let q = db.selectFrom('capture_jobs as j').leftJoin('organizations as o', 'o.id', 'j.organization_id').where((eb) => visibleTo(eb, scope, actor));
      if (f.status) q = q.where('j.status', '=', f.status);
      if (f.createdFrom) q = q.where('j.created_at', '>=', f.createdFrom);
      if (f.createdBefore) q = q.where('j.created_at', '<', f.createdBefore);
      return q;
    };
    const [items, total] = await Promise.all([
      base()
        .select([
          'j.id', 'j.status', 'j.format', 'j.error_behaviour as errorBehaviour', 'j.event_count as eventCount', 'j.accepted_count as acceptedCount',
          'j.duplicate_count as duplicateCount', 'j.rejected_count as rejectedCount', 'j.violation_count as violationCount',
          'j.created_at as createdAt', 'j.finished_at as finishedAt',
        ])
        // Running jobs have no finish time: they sort last going up and first going down.
        .orderBy(sort.column, (ob) => (sort.direction === 'desc' ? ob.desc().nullsFirst() : ob.asc().nullsLast()))
        // uuids are random: the id only makes the order of equal times stable from page to page.
        .orderBy('j.created_at', 'desc')
        .orderBy('j.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as CaptureJobListRow[], total: Number(total.n) };
  },
};
