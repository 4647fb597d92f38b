import { sql, type Kysely } from 'kysely';
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

  /**
   * One job, if the caller may see it: its creator, an organisation's own jobs, or a regulator whose
   * jurisdiction holds the submitting organisation (jobs of a regulator without one: regulators with all scope).
   */
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
      .where((eb) =>
        eb.or([
          eb.and([eb('j.created_by_type', '=', actor.type as 'user'), eb('j.created_by', '=', actor.id)]),
          scope.kind === 'all' ? sql<boolean>`true` : eb.and([eb('j.organization_id', 'is not', null), scopeCondition(scope, 'o.id', 'o.region_code')]),
        ]),
      )
      .executeTakeFirst();
    return row as CaptureJobRow | undefined;
  },
};
