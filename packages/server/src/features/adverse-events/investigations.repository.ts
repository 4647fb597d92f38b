import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface InvestigationRow {
  id: number;
  reportId: number;
  registrantOrganizationId: number;
  status: 'in_progress' | 'final';
  findings: string;
  findingCodes: string[];
  conclusionCodes: string[];
  rootCause: string;
  correctiveActions: string | null;
  filedAt: Date;
  dueAt: Date | null;
  late: boolean;
  lateByHours: number;
  createdAt: Date;
}

export type NewInvestigation = Omit<InvestigationRow, 'id' | 'createdAt'> & { createdByType: 'user' | 'token' | 'system'; createdBy: number | null };

const columns = [
  'id', 'report_id as reportId', 'registrant_organization_id as registrantOrganizationId', 'status', 'findings', 'finding_codes as findingCodes',
  'conclusion_codes as conclusionCodes', 'root_cause as rootCause', 'corrective_actions as correctiveActions', 'filed_at as filedAt', 'due_at as dueAt',
  'late', 'late_by_hours as lateByHours', 'created_at as createdAt',
] as const;

const num = (r: InvestigationRow): InvestigationRow => ({ ...r, id: Number(r.id), reportId: Number(r.reportId), registrantOrganizationId: Number(r.registrantOrganizationId) });

/**
 * The registrant's investigations and their due dates. Who may see them is decided on the report
 * (adverseEventsRepository.findById with the caller's scope) before any of these is called.
 */
export const investigationsRepository = {
  async setDue(db: Kysely<DB>, d: { reportId: number; dueAt: Date; rule: string }): Promise<void> {
    await db.insertInto('adverse_event_investigation_dues').values({ report_id: d.reportId, due_at: d.dueAt, rule: d.rule }).execute();
  },

  async due(db: Kysely<DB>, reportId: number): Promise<{ dueAt: Date; rule: string } | undefined> {
    return db.selectFrom('adverse_event_investigation_dues').select(['due_at as dueAt', 'rule']).where('report_id', '=', reportId).executeTakeFirst();
  },

  async insert(db: Kysely<DB>, i: NewInvestigation): Promise<number> {
    const r = await db
      .insertInto('adverse_event_investigations')
      .values({
        report_id: i.reportId, registrant_organization_id: i.registrantOrganizationId, status: i.status, findings: i.findings, finding_codes: i.findingCodes,
        conclusion_codes: i.conclusionCodes, root_cause: i.rootCause, corrective_actions: i.correctiveActions, filed_at: i.filedAt, due_at: i.dueAt,
        late: i.late, late_by_hours: i.lateByHours, created_by_type: i.createdByType, created_by: i.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  },

  /** Every filing for a report, oldest first. */
  async forReport(db: Kysely<DB>, reportId: number): Promise<InvestigationRow[]> {
    const rows = await db.selectFrom('adverse_event_investigations').select(columns).where('report_id', '=', reportId).orderBy('id').execute();
    return (rows as InvestigationRow[]).map(num);
  },

  /** Locks the report's filings while a new one is decided (no second final racing in). */
  async lockReport(db: Kysely<DB>, reportId: number): Promise<void> {
    await sql`select id from adverse_event_reports where id = ${reportId} for update`.execute(db);
  },
};
