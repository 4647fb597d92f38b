import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AdverseEventKind, AdverseEventOutcome, AdverseEventReporterType, DB } from '../../db/schema.ts';
import { scopeCondition } from '../../db/scope-sql.ts';
import type { DataScope } from '../auth/data-scope.ts';

export interface ReportRow {
  id: number;
  reportNo: string;
  kind: AdverseEventKind;
  initialReportId: number | null;
  reporterOrganizationId: number;
  reporterOrganizationName: string;
  reporterType: AdverseEventReporterType;
  regionCode: string;
  registrantOrganizationId: number;
  productDi: string;
  productId: number;
  productName: string;
  registrationNumber: string;
  lot: string | null;
  serial: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  udiRaw: string | null;
  patientKey: string;
  patientNameMasked: string;
  patientIdNumberMasked: string | null;
  patientSex: 'male' | 'female' | 'unknown' | null;
  patientAge: number | null;
  manifestation: string;
  eventDate: string;
  dateKnown: string;
  knownAt: Date | null;
  place: string | null;
  outcome: AdverseEventOutcome;
  deathDate: string | null;
  narrative: string | null;
  abroad: boolean;
  cluster: boolean;
  operatorType: 'professional' | 'lay' | 'patient' | null;
  implantDate: string | null;
  imdrfCodes: string[];
  causality: string | null;
  actions: string | null;
  deadline: Date | null;
  deadlineRule: string | null;
  submittedAt: Date;
  late: boolean;
  lateByHours: number;
  /** The report this one is linked to now (the active link), not the one found at submission. */
  duplicateOf: number | null;
  duplicateReason: unknown;
  createdAt: Date;
  /** The case's registrant investigation: due instant (null when no clock applies) and the latest filing's status. */
  investigationDueAt: Date | null;
  investigationStatus: 'in_progress' | 'final' | null;
}

export interface NewReport {
  id: number;
  reportNo: string;
  kind: AdverseEventKind;
  initialReportId: number | null;
  reporterOrganizationId: number;
  reporterType: AdverseEventReporterType;
  regionCode: string;
  registrantOrganizationId: number;
  productDi: string;
  productId: number;
  lot: string | null;
  serial: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  udiRaw: string | null;
  patientKey: string;
  patientIdentityId: number;
  patientSex: 'male' | 'female' | 'unknown' | null;
  patientAge: number | null;
  manifestation: string;
  eventDate: string;
  dateKnown: string;
  knownAt: string | null;
  place: string | null;
  outcome: AdverseEventOutcome;
  deathDate: string | null;
  narrative: string | null;
  abroad: boolean;
  cluster: boolean;
  operatorType: 'professional' | 'lay' | 'patient' | null;
  implantDate: string | null;
  imdrfCodes: string[];
  causality: string | null;
  actions: string | null;
  deadline: Date | null;
  deadlineRule: string | null;
  submittedAt: Date;
  late: boolean;
  lateByHours: number;
  duplicateOf: number | null;
  duplicateReason: unknown;
  createdByType: 'user' | 'token' | 'system';
  createdBy: number | null;
}

export interface ReportFilter {
  productDi?: string;
  lot?: string;
  regionPrefix?: string;
  outcome?: AdverseEventOutcome;
  late?: boolean;
  from?: string;
  to?: string;
  kind?: AdverseEventKind;
  /** true: the registrant's investigation is past its due date (at `now`) without a final filing; false: it is not. */
  investigationOverdue?: boolean;
  /** 'open': the case's initial report, with an investigation due date and no final filing yet (overdue or not). */
  investigationDue?: 'open';
  now?: Date;
}

export type ReportSort = 'r.id' | 'r.event_date' | 'r.date_known' | 'r.submitted_at' | 'r.deadline' | 'r.report_no' | 'd.due_at';

export interface DuplicateCandidate {
  id: number;
  reporterOrganizationId: number;
  reporterType: AdverseEventReporterType;
  eventDate: string;
  lot: string | null;
  serial: string | null;
  /** The case's first report: the candidate itself, or the report it is linked to now. */
  rootId: number;
}

export interface LinkRow {
  id: number;
  reportId: number;
  duplicateOf: number;
  reason: unknown;
  createdAt: Date;
  unlinkedAt: Date | null;
  unlinkedBy: number | null;
}

/**
 * Who sees a report: a regulator by the reporter's region; an organisation its own reports and, as
 * a registrant, the reports about its products.
 */
export function visible(scope: DataScope): RawBuilder<boolean> {
  if (scope.kind === 'organization') {
    return sql<boolean>`(r.reporter_organization_id = ${scope.organizationId} or r.registrant_organization_id = ${scope.organizationId})`;
  }
  return scopeCondition(scope, 'r.reporter_organization_id', 'r.region_code');
}

function base(db: Kysely<DB>, scope: DataScope, f: ReportFilter) {
  let q = db
    .selectFrom('adverse_event_reports as r')
    .innerJoin('organizations as o', 'o.id', 'r.reporter_organization_id')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .innerJoin('registrations as g', 'g.id', 'p.registration_id')
    .innerJoin('patient_identities as pi', 'pi.id', 'r.patient_identity_id')
    .leftJoin('adverse_event_links as l', (j) => j.onRef('l.report_id', '=', 'r.id').on('l.unlinked_at', 'is', null))
    // Investigations live on the case's initial report (as in the detail's summary), so a follow-up shows its case's.
    .leftJoin('adverse_event_investigation_dues as d', (j) => j.on(sql<boolean>`d.report_id = coalesce(r.initial_report_id, r.id)`))
    .where(visible(scope));
  if (f.productDi) q = q.where('r.product_di', '=', f.productDi);
  if (f.lot) q = q.where('r.lot', '=', f.lot);
  if (f.regionPrefix) q = q.where('r.region_code', 'like', `${f.regionPrefix}%`);
  if (f.outcome) q = q.where('r.outcome', '=', f.outcome);
  if (f.late !== undefined) q = q.where('r.late', '=', f.late);
  if (f.from) q = q.where('r.event_date', '>=', f.from);
  if (f.to) q = q.where('r.event_date', '<=', f.to);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.investigationOverdue !== undefined) {
    const overdue = sql<boolean>`exists (select 1 from adverse_event_investigation_dues d where d.report_id = r.id and d.due_at < ${f.now ?? new Date()})
      and not exists (select 1 from adverse_event_investigations i where i.report_id = r.id and i.status = 'final')`;
    q = q.where(f.investigationOverdue ? overdue : sql<boolean>`not (${overdue})`);
  }
  if (f.investigationDue === 'open') {
    // One row per case: the initial report carries the due date; a final filing closes it.
    q = q.where('r.initial_report_id', 'is', null).where('d.due_at', 'is not', null)
      .where(sql<boolean>`not exists (select 1 from adverse_event_investigations i where i.report_id = r.id and i.status = 'final')`);
  }
  return q;
}

const columns = [
  'r.id', 'r.report_no as reportNo', 'r.kind', 'r.initial_report_id as initialReportId', 'r.reporter_organization_id as reporterOrganizationId',
  'o.name as reporterOrganizationName', 'r.reporter_type as reporterType', 'r.region_code as regionCode', 'r.registrant_organization_id as registrantOrganizationId',
  'r.product_di as productDi', 'r.product_id as productId', 'p.name as productName', 'g.number as registrationNumber', 'r.lot', 'r.serial',
  'r.production_date as productionDate', 'r.expiry_date as expiryDate', 'r.udi_raw as udiRaw', 'r.patient_key as patientKey',
  'pi.name_masked as patientNameMasked', 'pi.id_number_masked as patientIdNumberMasked', 'r.patient_sex as patientSex', 'r.patient_age as patientAge',
  'r.manifestation', 'r.event_date as eventDate', 'r.date_known as dateKnown', 'r.known_at as knownAt', 'r.place', 'r.outcome', 'r.death_date as deathDate',
  'r.narrative', 'r.abroad', 'r.cluster', 'r.operator_type as operatorType', 'r.implant_date as implantDate', 'r.imdrf_codes as imdrfCodes',
  'r.causality', 'r.actions', 'r.deadline', 'r.deadline_rule as deadlineRule', 'r.submitted_at as submittedAt', 'r.late', 'r.late_by_hours as lateByHours',
  'l.duplicate_of as duplicateOf', 'l.reason as duplicateReason', 'r.created_at as createdAt', 'd.due_at as investigationDueAt',
  sql<'in_progress' | 'final' | null>`(select i.status from adverse_event_investigations i where i.report_id = coalesce(r.initial_report_id, r.id) order by i.id desc limit 1)`.as('investigationStatus'),
] as const;

/** Where a report touches a device: the unit itself (DI + serial) or its lot (DI + lot). */
export type ReportMatch = 'unit' | 'lot';

/** A report as another feature's answer shows it (the trace): no patient field, instants as stored. */
export interface TouchingReportRow {
  id: number;
  reportNo: string;
  kind: AdverseEventKind;
  initialReportId: number | null;
  outcome: AdverseEventOutcome;
  eventDate: string;
  dateKnown: string;
  late: boolean;
  lateByHours: number;
  /** timestamptz as PostgreSQL writes it in JSON. */
  deadline: string | null;
  reporterType: AdverseEventReporterType;
  regionCode: string;
  imdrfCodes: string[];
  duplicateOf: number | null;
  match: ReportMatch;
}

/**
 * The reports about one unit or its lot, scoped as the list is, as one json array expression to be
 * embedded in a caller's statement (the trace reads them in the same round trip as its other
 * lot-level reads). The keys are SQL expressions of that statement; a null key matches nothing.
 * Uses adverse_event_reports_product_idx (DI, lot) and adverse_event_reports_serial_idx (DI, serial).
 */
export function reportsTouchingJson(scope: DataScope, keys: { di: RawBuilder<unknown>; lot: RawBuilder<unknown>; serial: RawBuilder<unknown> }): RawBuilder<unknown> {
  return sql`(select coalesce(json_agg(json_build_object(
      'id', r.id, 'reportNo', r.report_no, 'kind', r.kind, 'initialReportId', r.initial_report_id, 'outcome', r.outcome,
      'eventDate', r.event_date, 'dateKnown', r.date_known, 'late', r.late, 'lateByHours', r.late_by_hours, 'deadline', r.deadline,
      'reporterType', r.reporter_type, 'regionCode', r.region_code, 'imdrfCodes', r.imdrf_codes, 'duplicateOf', l.duplicate_of,
      'match', case when r.serial = ${keys.serial} then 'unit' else 'lot' end) order by r.event_date, r.id), '[]'::json)
    from adverse_event_reports r
    left join adverse_event_links l on l.report_id = r.id and l.unlinked_at is null
    where r.product_di = ${keys.di} and (r.lot = ${keys.lot} or r.serial = ${keys.serial}) and ${visible(scope)})`;
}

export const adverseEventsRepository = {
  async list(db: Kysely<DB>, scope: DataScope, f: ReportFilter, page: { limit: number; offset: number }, sort: { column: ReportSort; direction: 'asc' | 'desc' }) {
    const [items, total] = await Promise.all([
      base(db, scope, f).select(columns).orderBy(sort.column, sort.direction).orderBy('r.id').limit(page.limit).offset(page.offset).execute(),
      base(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as ReportRow[], total: Number(total.n) };
  },

  async findById(db: Kysely<DB>, id: number, scope: DataScope): Promise<ReportRow | undefined> {
    return (await base(db, scope, {}).select(columns).where('r.id', '=', id).executeTakeFirst()) as ReportRow | undefined;
  },

  /** The registered DI with its product and registration holder. */
  async findDi(db: Kysely<DB>, di: string) {
    return db
      .selectFrom('product_dis as d')
      .innerJoin('products as p', 'p.id', 'd.product_id')
      .innerJoin('registrations as g', 'g.id', 'p.registration_id')
      .select(['d.di', 'p.id as productId', 'p.name as productName', 'g.holder_organization_id as holderId'])
      .where('d.di', '=', di)
      .executeTakeFirst();
  },

  /** The next report id, taken before the insert so the report number can carry it. */
  async nextId(db: Kysely<DB>): Promise<number> {
    const r = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('adverse_event_reports', 'id')) as id`.execute(db);
    return Number(r.rows[0]?.id);
  },

  async insert(db: Kysely<DB>, r: NewReport): Promise<void> {
    await db
      .insertInto('adverse_event_reports')
      .values({
        id: r.id, report_no: r.reportNo, kind: r.kind, initial_report_id: r.initialReportId, reporter_organization_id: r.reporterOrganizationId,
        reporter_type: r.reporterType, region_code: r.regionCode, registrant_organization_id: r.registrantOrganizationId, product_di: r.productDi,
        product_id: r.productId, lot: r.lot, serial: r.serial, production_date: r.productionDate, expiry_date: r.expiryDate, udi_raw: r.udiRaw,
        patient_key: r.patientKey, patient_identity_id: r.patientIdentityId, patient_sex: r.patientSex, patient_age: r.patientAge,
        manifestation: r.manifestation, event_date: r.eventDate, date_known: r.dateKnown, known_at: r.knownAt, place: r.place, outcome: r.outcome,
        death_date: r.deathDate, narrative: r.narrative, abroad: r.abroad, cluster: r.cluster, operator_type: r.operatorType, implant_date: r.implantDate,
        imdrf_codes: r.imdrfCodes, causality: r.causality, actions: r.actions, deadline: r.deadline, deadline_rule: r.deadlineRule,
        submitted_at: r.submittedAt, late: r.late, late_by_hours: r.lateByHours, duplicate_of: r.duplicateOf,
        duplicate_reason: r.duplicateReason === null ? null : JSON.stringify(r.duplicateReason), created_by_type: r.createdByType, created_by: r.createdBy,
      })
      .execute();
  },

  /**
   * Initial reports by other organisations of the same device lot or unit and the same patient, with
   * event dates within ±windowDays, in cases not first reported by this organisation; oldest first.
   */
  async duplicateCandidates(
    db: Kysely<DB>,
    m: { productDi: string; lot: string | null; serial: string | null; patientKey: string; eventDate: string; reporterOrganizationId: number; windowDays: number },
  ): Promise<DuplicateCandidate[]> {
    if (m.lot === null && m.serial === null) return [];
    const rows = await db
      .selectFrom('adverse_event_reports as r')
      .leftJoin('adverse_event_links as l', (j) => j.onRef('l.report_id', '=', 'r.id').on('l.unlinked_at', 'is', null))
      .innerJoin('adverse_event_reports as root', (j) => j.on(sql<boolean>`root.id = coalesce(l.duplicate_of, r.id)`))
      .select(['r.id', 'r.reporter_organization_id as reporterOrganizationId', 'r.reporter_type as reporterType', 'r.event_date as eventDate', 'r.lot', 'r.serial', 'l.duplicate_of as linkedTo'])
      .where('r.kind', '=', 'initial')
      // A case whose first report is the reporter's own is not another reporter's event.
      .where('root.reporter_organization_id', '<>', m.reporterOrganizationId)
      .where('r.product_di', '=', m.productDi)
      .where('r.patient_key', '=', m.patientKey)
      .where('r.reporter_organization_id', '<>', m.reporterOrganizationId)
      .where(sql<boolean>`r.event_date between ${m.eventDate}::date - ${m.windowDays}::int and ${m.eventDate}::date + ${m.windowDays}::int`)
      .where((eb) => {
        const either = [];
        if (m.lot !== null) either.push(eb('r.lot', '=', m.lot));
        if (m.serial !== null) either.push(eb('r.serial', '=', m.serial));
        return eb.or(either);
      })
      .orderBy('r.id')
      .execute();
    return rows.map(({ linkedTo, ...r }) => ({ ...r, rootId: linkedTo ?? r.id }));
  },

  /** True when the reporter already filed a cluster report on this DI within the days before. */
  async earlierClusterReport(db: Kysely<DB>, m: { reporterOrganizationId: number; productDi: string; dateKnown: string; withinDays: number }): Promise<boolean> {
    const r = await db
      .selectFrom('adverse_event_reports')
      .select('id')
      .where('reporter_organization_id', '=', m.reporterOrganizationId)
      .where('product_di', '=', m.productDi)
      .where('cluster', '=', true)
      .where('kind', '=', 'initial')
      .where(sql<boolean>`date_known between ${m.dateKnown}::date - ${m.withinDays}::int and ${m.dateKnown}::date`)
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  },

  async insertLink(db: Kysely<DB>, l: { reportId: number; duplicateOf: number; reason: unknown }): Promise<number> {
    const r = await db
      .insertInto('adverse_event_links')
      .values({ report_id: l.reportId, duplicate_of: l.duplicateOf, reason: JSON.stringify(l.reason) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },

  async activeLink(db: Kysely<DB>, reportId: number): Promise<LinkRow | undefined> {
    return db
      .selectFrom('adverse_event_links')
      .select(['id', 'report_id as reportId', 'duplicate_of as duplicateOf', 'reason', 'created_at as createdAt', 'unlinked_at as unlinkedAt', 'unlinked_by as unlinkedBy'])
      .where('report_id', '=', reportId)
      .where('unlinked_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
  },

  /** Every link from or to a report, undone ones included. */
  async links(db: Kysely<DB>, reportId: number): Promise<LinkRow[]> {
    return db
      .selectFrom('adverse_event_links')
      .select(['id', 'report_id as reportId', 'duplicate_of as duplicateOf', 'reason', 'created_at as createdAt', 'unlinked_at as unlinkedAt', 'unlinked_by as unlinkedBy'])
      .where((eb) => eb.or([eb('report_id', '=', reportId), eb('duplicate_of', '=', reportId)]))
      .orderBy('id')
      .execute();
  },

  async unlink(db: Kysely<DB>, linkId: number, by: { type: 'user' | 'token' | 'system'; id: number | null }): Promise<void> {
    await db.updateTable('adverse_event_links').set({ unlinked_at: sql`now()`, unlinked_by_type: by.type, unlinked_by: by.id }).where('id', '=', linkId).execute();
  },

  async followUpIds(db: Kysely<DB>, initialId: number): Promise<number[]> {
    const rows = await db.selectFrom('adverse_event_reports').select('id').where('initial_report_id', '=', initialId).orderBy('id').execute();
    return rows.map((r) => r.id);
  },
};
