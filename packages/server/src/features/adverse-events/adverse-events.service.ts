import { computeDeadline, formatIssue, formatShanghaiInstant, lateness, shanghaiDate, toDayNumber, type DeadlineRule, type Issue, type WorkingDayCalendar } from '@lianjian/core';
import {
  AE_DUPLICATE_WINDOW_DAYS, adverseEventClock, adverseEventDevice, maskIdNumber, maskName, type AdverseEventInput,
} from '@lianjian/core/records/adverse-event';
import { investigationClock } from '@lianjian/core/records/adverse-event-investigation';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { AdverseEventReporterType, DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { CalendarService } from '../calendar/calendar.service.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';
import { knownLotsRepository } from '../production/known-lots.repository.ts';
import type { PiiCipher } from '../patients/pii-cipher.ts';
import { piiCipherOf } from '../privacy/pii-cipher-of.ts';
import { patientIdentitiesRepository } from '../patients/patient-identities.repository.ts';
import { adverseEventsRepository, type DuplicateCandidate, type LinkRow, type ReportFilter, type ReportRow, type ReportSort } from './adverse-events.repository.ts';
import { imdrfCodes } from './imdrf-codes.ts';
import { investigationsRepository } from './investigations.repository.ts';
import { InvestigationsService } from './investigations.service.ts';

export const CREATE_ROUTE = 'POST /api/adverse-events';

/**
 * The clock that stamps submissions (and so decides lateness). A seam for tests, which pin it to
 * the instants the statutory cases need; nothing else replaces it.
 */
export const submissionClock = { now: (): Date => new Date() };

/** A cluster report is the first notice (12 h) unless the reporter filed one on the same DI within this many days. */
const CLUSTER_WINDOW_DAYS = 7;

/** The report as every API answer shows it: patient identity masked, instants in Shanghai time. */
export interface AdverseEventView {
  id: number;
  reportNo: string;
  kind: ReportRow['kind'];
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
  udi: string | null;
  patientKey: string;
  patient: { nameMasked: string; idNumberMasked: string | null; sex: ReportRow['patientSex']; age: number | null };
  manifestation: string;
  eventDate: string;
  dateKnown: string;
  knownAt: string | null;
  place: string | null;
  outcome: ReportRow['outcome'];
  deathDate: string | null;
  narrative: string | null;
  abroad: boolean;
  cluster: boolean;
  operatorType: ReportRow['operatorType'];
  implantDate: string | null;
  imdrfCodes: string[];
  causality: string | null;
  actions: string | null;
  deadline: string | null;
  deadlineRule: string | null;
  submittedAt: string;
  late: boolean;
  lateByHours: number;
  duplicateOf: number | null;
  duplicateReason: unknown;
  createdAt: string;
  investigationDueAt: string | null;
  investigationStatus: 'none' | 'in_progress' | 'final';
}

/** A field warning of an accepted submission, rendered in the submitter's language. */
export interface FieldWarning {
  code: string;
  path: string;
  message: string;
  hint?: string;
  params: Record<string, string | number | boolean | null>;
}

/** The answer to a submission: the report, whether its lot is unknown on the platform, and warnings. */
export type CreatedReportView = AdverseEventView & { lotUnknown: boolean; warnings: FieldWarning[] };

export interface LinkView {
  id: number;
  reportId: number;
  duplicateOf: number;
  reason: unknown;
  createdAt: string;
  unlinkedAt: string | null;
}

export function viewOf(r: ReportRow): AdverseEventView {
  return {
    id: r.id, reportNo: r.reportNo, kind: r.kind, initialReportId: r.initialReportId, reporterOrganizationId: r.reporterOrganizationId,
    reporterOrganizationName: r.reporterOrganizationName, reporterType: r.reporterType, regionCode: r.regionCode, registrantOrganizationId: r.registrantOrganizationId,
    productDi: r.productDi, productId: r.productId, productName: r.productName, registrationNumber: r.registrationNumber, lot: r.lot, serial: r.serial,
    productionDate: r.productionDate, expiryDate: r.expiryDate, udi: r.udiRaw, patientKey: r.patientKey,
    patient: { nameMasked: r.patientNameMasked, idNumberMasked: r.patientIdNumberMasked, sex: r.patientSex, age: r.patientAge },
    manifestation: r.manifestation, eventDate: r.eventDate, dateKnown: r.dateKnown, knownAt: r.knownAt && formatShanghaiInstant(r.knownAt), place: r.place,
    outcome: r.outcome, deathDate: r.deathDate, narrative: r.narrative, abroad: r.abroad, cluster: r.cluster, operatorType: r.operatorType,
    implantDate: r.implantDate, imdrfCodes: r.imdrfCodes, causality: r.causality, actions: r.actions,
    deadline: r.deadline && formatShanghaiInstant(r.deadline), deadlineRule: r.deadlineRule, submittedAt: formatShanghaiInstant(r.submittedAt),
    late: r.late, lateByHours: r.lateByHours, duplicateOf: r.duplicateOf, duplicateReason: r.duplicateReason ?? null, createdAt: formatShanghaiInstant(r.createdAt),
    investigationDueAt: r.investigationDueAt && formatShanghaiInstant(r.investigationDueAt), investigationStatus: r.investigationStatus ?? 'none',
  };
}

function linkView(l: LinkRow): LinkView {
  return { id: l.id, reportId: l.reportId, duplicateOf: l.duplicateOf, reason: l.reason, createdAt: formatShanghaiInstant(l.createdAt), unlinkedAt: l.unlinkedAt && formatShanghaiInstant(l.unlinkedAt) };
}

/** The deadline rules a submission may need, with the calendar, read ahead of its transaction. */
interface Clocks {
  rules: Map<string, DeadlineRule>;
  calendar: WorkingDayCalendar | undefined;
}

const REPORTER_TYPES: Partial<Record<string, AdverseEventReporterType>> = { institution: 'institution', distributor: 'distributor', manufacturer: 'registrant' };

/** Why two reports were taken for one event: which fields matched, and how close the dates were. */
function duplicateReason(mine: { productDi: string; lot: string | null; serial: string | null; eventDate: string; reporterType: AdverseEventReporterType }, other: DuplicateCandidate) {
  const matched = ['productDi'];
  if (mine.lot !== null && mine.lot === other.lot) matched.push('lot');
  if (mine.serial !== null && mine.serial === other.serial) matched.push('serial');
  matched.push('patientKey', 'eventDate');
  return {
    rule: 'same_device_patient_event',
    matched,
    matchedReportId: other.id,
    productDi: mine.productDi,
    ...(matched.includes('lot') && { lot: mine.lot }),
    ...(matched.includes('serial') && { serial: mine.serial }),
    eventDates: [mine.eventDate, other.eventDate],
    daysApart: Math.abs(toDayNumber(mine.eventDate) - toDayNumber(other.eventDate)),
    windowDays: AE_DUPLICATE_WINDOW_DAYS,
    reporterTypes: [mine.reporterType, other.reporterType],
  };
}

/**
 * Adverse-event reports: institutions, distributors and registrants submit; the statutory clock
 * is set from the date known on the platform's calendar; the same event reported by another
 * organisation is linked as one case (explained, and reversible by a regulator). Patient identity is
 * stored encrypted and only ever shown masked.
 */
export class AdverseEventsService {
  readonly #deps: AppDeps;
  readonly #calendar: CalendarService;

  constructor(deps: AppDeps) {
    this.#deps = deps;
    this.#calendar = new CalendarService(deps);
  }

  get #pii(): PiiCipher {
    return piiCipherOf(this.#deps);
  }

  /** Submits a report; with an idempotency key, a retry of the same request answers the stored report again. */
  async create(ctx: RequestContext, input: AdverseEventInput, idempotencyKey?: string): Promise<IdempotentResult<CreatedReportView>> {
    requirePermission(ctx.actor, 'adverse_events.report');
    const reporterType = REPORTER_TYPES[ctx.actor.organizationType ?? ''];
    const organizationId = ctx.actor.organizationId;
    if (!reporterType || organizationId === null) throw new AppError(403, 'adverse_event.reporter_type', { type: ctx.actor.organizationType ?? ctx.actor.role });
    // The calendar and the rules that may apply are read before the transaction: on the embedded
    // database there is one connection, and the transaction holds it.
    const clocks = await this.#clocks(input);
    return withTransaction(this.#deps.db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: ctx.actor.id }, key: idempotencyKey, route: CREATE_ROUTE, request: input }, async () => ({
        status: 201,
        body: await this.#insert(trx, ctx, input, reporterType, organizationId, clocks),
      })),
    );
  }

  async #clocks(input: AdverseEventInput): Promise<Clocks> {
    // The report's own clock, and the registrant's investigation clock that starts with it.
    const codes = [adverseEventClock(input, true), adverseEventClock(input, false), investigationClock(input)].filter((c): c is string => c !== null);
    const rules = new Map<string, DeadlineRule>();
    for (const code of new Set(codes)) {
      const rule = await this.#calendar.rule(code);
      if (!rule) throw invalid([{ code: 'deadline_rule.unknown', path: ['rule'], params: { rule: code } }]);
      rules.set(code, rule);
    }
    return { rules, calendar: rules.size ? await this.#calendar.calendar() : undefined };
  }

  async #insert(trx: Kysely<DB>, ctx: RequestContext, input: AdverseEventInput, reporterType: AdverseEventReporterType, organizationId: number, clocks: Clocks): Promise<CreatedReportView> {
    const submittedAt = submissionClock.now();
    const org = await organizationsRepository.findById(trx, organizationId, { kind: 'all' });
    if (!org) throw notFound('organization', organizationId);
    const device = adverseEventDevice(input);
    const issues: Issue[] = [];

    // The DI must be registered (refused otherwise). The lot is checked too, but see lotUnknown below.
    const product = (await adverseEventsRepository.findDi(trx, device.di)) ?? (/^\d{13}$/.test(device.di) ? await adverseEventsRepository.findDi(trx, `0${device.di}`) : undefined);
    if (!product) issues.push({ code: 'adverse_event.unknown_di', path: [device.field], params: { di: device.di } });
    else if (reporterType === 'registrant' && product.holderId !== organizationId) issues.push({ code: 'adverse_event.not_own_product', path: [device.field], params: { di: product.di } });

    const known = imdrfCodes();
    input.imdrfCodes.forEach((code, i) => {
      if (!known.has(code)) issues.push({ code: 'adverse_event.imdrf_unknown', path: ['imdrfCodes', i], params: { imdrfCode: code } });
    });
    const today = shanghaiDate(submittedAt);
    if (input.dateKnown > today) issues.push({ code: 'adverse_event.date_known_future', path: ['dateKnown'], params: { dateKnown: input.dateKnown, today } });

    let initial: ReportRow | undefined;
    if (input.initialReportId !== undefined) {
      initial = await adverseEventsRepository.findById(trx, input.initialReportId, businessScope(ctx.actor));
      if (!initial || initial.kind !== 'initial') issues.push({ code: 'adverse_event.initial_not_found', path: ['initialReportId'], params: { id: input.initialReportId } });
      else if (product && initial.productDi !== product.di) issues.push({ code: 'adverse_event.initial_other_product', path: [device.field], params: { di: product.di, initialDi: initial.productDi } });
    }
    if (issues.length || !product) throw invalid(issues);

    // A lot the platform does not know is accepted and flagged, not refused: unlike a clinical use
    // (refused, features/use-records), a report may concern an imported device or legacy stock whose
    // lot was never captured, and a refused report of a death or serious injury is a report lost.
    // The reporter is told (a field warning) so a typing error can be corrected by a follow-up.
    const warningIssues: Issue[] = [];
    const lotUnknown = device.lot !== null && !(await knownLotsRepository.exists(trx, [product.di], device.lot));
    if (lotUnknown) warningIssues.push({ code: 'adverse_event.lot_unknown', path: [device.field === 'udi' ? 'udi' : 'lot'], params: { di: product.di, lot: device.lot } });

    // The statutory clock, from the date known (the hour clocks of a cluster from the time known).
    const firstOfCluster = input.cluster && !(await adverseEventsRepository.earlierClusterReport(trx, { reporterOrganizationId: organizationId, productDi: product.di, dateKnown: input.dateKnown, withinDays: CLUSTER_WINDOW_DAYS }));
    const ruleCode = adverseEventClock(input, firstOfCluster);
    let deadline: { at: Date; late: boolean; byHours: number } | null = null;
    const rule = ruleCode === null ? undefined : clocks.rules.get(ruleCode);
    if (rule && clocks.calendar) {
      const start = rule.unit === 'hours' ? (input.knownAt ?? `${input.dateKnown}T00:00:00+08:00`) : input.dateKnown;
      const d = computeDeadline(rule, start, clocks.calendar);
      const l = lateness(d, submittedAt);
      deadline = { at: d.at, late: l.late, byHours: l.byHours };
    }

    const pii = this.#pii;
    const patientKey = pii.patientKey(input.patient);
    const patientIdentityId = await patientIdentitiesRepository.insert(trx, {
      patientKey,
      nameCiphertext: pii.encrypt(input.patient.name),
      idNumberCiphertext: input.patient.idNumber ? pii.encrypt(input.patient.idNumber) : null,
      birthDateCiphertext: input.patient.birthDate ? pii.encrypt(input.patient.birthDate) : null,
      nameMasked: maskName(input.patient.name),
      idNumberMasked: input.patient.idNumber ? maskIdNumber(input.patient.idNumber) : null,
    });

    // The same event from another reporter: link to that case's first report.
    let duplicate: { of: number; reason: ReturnType<typeof duplicateReason> } | null = null;
    if (input.kind === 'initial') {
      const candidates = await adverseEventsRepository.duplicateCandidates(trx, {
        productDi: product.di, lot: device.lot, serial: device.serial, patientKey, eventDate: input.eventDate, reporterOrganizationId: organizationId, windowDays: AE_DUPLICATE_WINDOW_DAYS,
      });
      const root = Math.min(...candidates.map((c) => c.rootId));
      const match = candidates.find((c) => c.rootId === root);
      if (match) duplicate = { of: root, reason: duplicateReason({ productDi: product.di, lot: device.lot, serial: device.serial, eventDate: input.eventDate, reporterType }, match) };
    }

    const id = await adverseEventsRepository.nextId(trx);
    const reportNo = `AE${today.slice(0, 4)}${String(id).padStart(8, '0')}`;
    await adverseEventsRepository.insert(trx, {
      id, reportNo, kind: input.kind, initialReportId: input.initialReportId ?? null, reporterOrganizationId: organizationId, reporterType,
      regionCode: org.regionCode, registrantOrganizationId: product.holderId, productDi: product.di, productId: product.productId,
      lot: device.lot, serial: device.serial, productionDate: device.productionDate, expiryDate: device.expiryDate, udiRaw: device.udiRaw,
      patientKey, patientIdentityId, patientSex: input.patient.sex ?? null, patientAge: input.patient.age ?? null,
      manifestation: input.manifestation, eventDate: input.eventDate, dateKnown: input.dateKnown, knownAt: input.knownAt ?? null, place: input.place ?? null,
      outcome: input.outcome, deathDate: input.deathDate ?? null, narrative: input.narrative ?? null, abroad: input.abroad, cluster: input.cluster,
      operatorType: input.operatorType ?? null, implantDate: input.implantDate ?? null, imdrfCodes: input.imdrfCodes, causality: input.causality ?? null,
      actions: input.actions ?? null, deadline: deadline?.at ?? null, deadlineRule: ruleCode, submittedAt, late: deadline?.late ?? false,
      lateByHours: deadline?.byHours ?? 0, duplicateOf: duplicate?.of ?? null, duplicateReason: duplicate?.reason ?? null,
      createdByType: ctx.actor.type, createdBy: ctx.actor.id,
    });
    const investigationRule = investigationClock(input);
    const investigationRuleRow = investigationRule === null ? undefined : clocks.rules.get(investigationRule);
    let investigationDue: Date | null = null;
    if (investigationRule !== null && investigationRuleRow && clocks.calendar) {
      investigationDue = computeDeadline(investigationRuleRow, input.dateKnown, clocks.calendar).at;
      await investigationsRepository.setDue(trx, { reportId: id, dueAt: investigationDue, rule: investigationRule });
    }
    const { audit } = this.#deps;
    await audit.record(trx, whoFrom(ctx), {
      action: 'adverse_event.create', objectType: 'adverse_event_report', objectId: id,
      details: { reportNo, kind: input.kind, initialReportId: input.initialReportId ?? null, productDi: product.di, lotUnknown, deadlineRule: ruleCode, late: deadline?.late ?? false, lateByHours: deadline?.byHours ?? 0, investigationDue: investigationDue && formatShanghaiInstant(investigationDue) },
    });
    if (duplicate) {
      const linkId = await adverseEventsRepository.insertLink(trx, { reportId: id, duplicateOf: duplicate.of, reason: duplicate.reason });
      await audit.record(trx, whoFrom(ctx), { action: 'adverse_event.link', objectType: 'adverse_event_report', objectId: id, details: { linkId, duplicateOf: duplicate.of, reason: duplicate.reason } });
    }
    const warnings = warningIssues.map((i) => ({ code: i.code, path: (i.path ?? []).join('.'), ...formatIssue(i, ctx.locale), params: i.params ?? {} }));
    return { ...viewOf((await adverseEventsRepository.findById(trx, id, { kind: 'all' })) as ReportRow), lotUnknown, warnings };
  }

  async list(ctx: RequestContext, f: ReportFilter, page: Page, sort: { column: ReportSort; direction: 'asc' | 'desc' }) {
    requirePermission(ctx.actor, 'adverse_events.read');
    // The overdue filter compares with the submission clock, so tests pinning it see the same "now".
    const filter = f.investigationOverdue === undefined ? f : { ...f, now: submissionClock.now() };
    const r = await adverseEventsRepository.list(this.#deps.db, businessScope(ctx.actor), filter, page, sort);
    return { total: r.total, items: r.items.map(viewOf) };
  }

  /** One report with its links and follow-ups. A sensitive read (it concerns a patient), so it is audited. */
  async get(ctx: RequestContext, id: number) {
    requirePermission(ctx.actor, 'adverse_events.read');
    const { db, audit } = this.#deps;
    const r = await adverseEventsRepository.findById(db, id, businessScope(ctx.actor));
    if (!r) throw notFound('adverse_event_report', id);
    await audit.recordNow(db, whoFrom(ctx), { action: 'adverse_event.read', objectType: 'adverse_event_report', objectId: id });
    const investigation = await new InvestigationsService(this.#deps).summary(db, r.initialReportId ?? r.id);
    return { ...viewOf(r), links: (await adverseEventsRepository.links(db, id)).map(linkView), followUpIds: await adverseEventsRepository.followUpIds(db, id), investigation };
  }

  /** Undoes the duplicate link of a report (a regulator whose jurisdiction holds the reporter); the link row stays as history. */
  async unlink(ctx: RequestContext, id: number) {
    requirePermission(ctx.actor, 'adverse_events.link');
    const { db, audit } = this.#deps;
    await withTransaction(db, async (trx) => {
      const r = await adverseEventsRepository.findById(trx, id, businessScope(ctx.actor));
      if (!r) throw notFound('adverse_event_report', id);
      const link = await adverseEventsRepository.activeLink(trx, id);
      if (!link) throw new AppError(409, 'adverse_event.no_duplicate_link', { id });
      await adverseEventsRepository.unlink(trx, link.id, { type: ctx.actor.type, id: ctx.actor.id });
      await audit.record(trx, whoFrom(ctx), { action: 'adverse_event.unlink', objectType: 'adverse_event_report', objectId: id, details: { linkId: link.id, duplicateOf: link.duplicateOf, reason: link.reason } });
    });
    return this.get(ctx, id);
  }
}
