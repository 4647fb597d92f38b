import { formatShanghaiInstant, lateness } from '@lianjian/core';
import type { AeInvestigationInput } from '@lianjian/core/records/adverse-event-investigation';
import type { Issue } from '@lianjian/core';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, invalid, notFound } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { overdueInvestigationDedupKey, resolveOpenAlert } from '../alerts/alerts.service.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import { adverseEventsRepository, type ReportRow } from './adverse-events.repository.ts';
import { submissionClock } from './adverse-events.service.ts';
import { imdrfInvestigationCodes } from './imdrf-codes.ts';
import { investigationsRepository, type InvestigationRow } from './investigations.repository.ts';

export const INVESTIGATE_ROUTE = 'POST /api/adverse-events/:id/investigations';

export interface InvestigationView {
  id: number;
  reportId: number;
  registrantOrganizationId: number;
  status: InvestigationRow['status'];
  findings: string;
  findingCodes: string[];
  conclusionCodes: string[];
  rootCause: string;
  correctiveActions: string | null;
  filedAt: string;
  dueAt: string | null;
  late: boolean;
  lateByHours: number;
}

/** The state of a report's investigation as its detail shows it. */
export interface InvestigationSummary {
  /** 'none' until the registrant files anything. */
  status: 'none' | InvestigationRow['status'];
  dueAt: string | null;
  dueRule: string | null;
  /** Due date passed without a final investigation (as of now). */
  overdue: boolean;
  /** The final investigation came after the due date, or (none yet) the due date has passed: by how many hours. */
  late: boolean;
  lateByHours: number;
  latest: InvestigationView | null;
}

export function investigationView(r: InvestigationRow): InvestigationView {
  return {
    id: r.id, reportId: r.reportId, registrantOrganizationId: r.registrantOrganizationId, status: r.status, findings: r.findings,
    findingCodes: r.findingCodes, conclusionCodes: r.conclusionCodes, rootCause: r.rootCause, correctiveActions: r.correctiveActions,
    filedAt: formatShanghaiInstant(r.filedAt), dueAt: r.dueAt && formatShanghaiInstant(r.dueAt), late: r.late, lateByHours: r.lateByHours,
  };
}

/**
 * The registrant's investigation of a report about its product. Filings are append-only; the
 * latest is the current state, and a final one closes the investigation. Every filing is measured
 * against the due date set when the report arrived.
 */
export class InvestigationsService {
  readonly #deps: AppDeps;

  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /** The case's initial report in the caller's scope (a filing against a follow-up goes to its initial); 404 when out of scope. */
  async #initialReport(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<ReportRow> {
    const scope = businessScope(ctx.actor);
    const r = await adverseEventsRepository.findById(db, id, scope);
    if (!r) throw notFound('adverse_event_report', id);
    if (r.initialReportId === null) return r;
    const initial = await adverseEventsRepository.findById(db, r.initialReportId, scope);
    if (!initial) throw notFound('adverse_event_report', id);
    return initial;
  }

  async file(ctx: RequestContext, reportId: number, input: AeInvestigationInput, idempotencyKey?: string): Promise<IdempotentResult<InvestigationView>> {
    requirePermission(ctx.actor, 'adverse_events.investigate');
    const known = imdrfInvestigationCodes();
    const issues: Issue[] = [];
    for (const field of ['findingCodes', 'conclusionCodes'] as const) {
      input[field].forEach((code, i) => {
        if (!known.has(code)) issues.push({ code: 'ae_investigation.imdrf_unknown', path: [field, i], params: { imdrfCode: code } });
      });
    }
    if (issues.length) throw invalid(issues);
    return withTransaction(this.#deps.db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: ctx.actor.id }, key: idempotencyKey, route: INVESTIGATE_ROUTE, request: { reportId, input } }, async () => ({
        status: 201,
        body: await this.#insert(trx, ctx, reportId, input),
      })),
    );
  }

  async #insert(trx: Kysely<DB>, ctx: RequestContext, reportId: number, input: AeInvestigationInput): Promise<InvestigationView> {
    const report = await this.#initialReport(trx, ctx, reportId);
    // A reporter that is an enterprise (a distributor) sees the report but does not investigate it.
    if (report.registrantOrganizationId !== ctx.actor.organizationId) throw new AppError(403, 'ae_investigation.not_registrant', { id: reportId });
    await investigationsRepository.lockReport(trx, report.id);
    const earlier = await investigationsRepository.forReport(trx, report.id);
    if (earlier.some((e) => e.status === 'final')) throw new AppError(409, 'ae_investigation.already_final', { id: report.id });
    const filedAt = submissionClock.now();
    const due = await investigationsRepository.due(trx, report.id);
    const l = due ? lateness(due.dueAt, filedAt) : { late: false, byHours: 0 };
    const id = await investigationsRepository.insert(trx, {
      reportId: report.id, registrantOrganizationId: report.registrantOrganizationId, status: input.status, findings: input.findings,
      findingCodes: input.findingCodes, conclusionCodes: input.conclusionCodes, rootCause: input.rootCause, correctiveActions: input.correctiveActions ?? null,
      filedAt, dueAt: due?.dueAt ?? null, late: l.late, lateByHours: l.byHours, createdByType: ctx.actor.type, createdBy: ctx.actor.id,
    });
    await this.#deps.audit.record(trx, whoFrom(ctx), {
      action: 'adverse_event.investigate', objectType: 'adverse_event_report', objectId: report.id,
      details: { investigationId: id, status: input.status, conclusionCodes: input.conclusionCodes, rootCause: input.rootCause, late: l.late, lateByHours: l.byHours },
    });
    // The final filing is what an overdue-investigation alert waits for: close it in the same transaction.
    if (input.status === 'final') {
      await resolveOpenAlert(this.#deps, trx, overdueInvestigationDedupKey(report.reportNo), {
        comment: 'resolved by final filing', resolution: 'final_filing', details: { investigationId: id, reportId: report.id, late: l.late, lateByHours: l.byHours },
      });
    }
    const rows = await investigationsRepository.forReport(trx, report.id);
    return investigationView(rows.find((r) => r.id === id) as InvestigationRow);
  }

  /** Every filing for the report's case, with the summary; readers are those who see the report. */
  async list(ctx: RequestContext, reportId: number): Promise<{ items: InvestigationView[]; total: number; summary: InvestigationSummary }> {
    requirePermission(ctx.actor, 'adverse_events.read');
    const { db } = this.#deps;
    const report = await this.#initialReport(db, ctx, reportId);
    const rows = await investigationsRepository.forReport(db, report.id);
    return { items: rows.map(investigationView), total: rows.length, summary: await this.summary(db, report.id, rows) };
  }

  /** The investigation state of an initial report (for its detail); `rows` when already read. */
  async summary(db: Kysely<DB>, initialReportId: number, rows?: InvestigationRow[]): Promise<InvestigationSummary> {
    const filings = rows ?? (await investigationsRepository.forReport(db, initialReportId));
    const due = await investigationsRepository.due(db, initialReportId);
    const latest = filings.at(-1);
    const final = filings.find((f) => f.status === 'final');
    const now = submissionClock.now();
    const pending = !final && due ? lateness(due.dueAt, now) : { late: false, byHours: 0 };
    return {
      status: latest?.status ?? 'none', dueAt: due ? formatShanghaiInstant(due.dueAt) : null, dueRule: due?.rule ?? null, overdue: pending.late,
      late: final ? final.late : pending.late, lateByHours: final ? final.lateByHours : pending.byHours, latest: latest ? investigationView(latest) : null,
    };
  }
}
