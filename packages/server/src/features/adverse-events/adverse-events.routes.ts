import { AE_KINDS, AE_OPERATOR_TYPES, AE_OUTCOMES, AE_REPORTER_TYPES, AE_SEXES, adverseEventInputSchema } from '@lianjian/core/records/adverse-event';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf, sortOf } from '../../http/list-query.ts';
import { jurisdictionPrefix } from '../auth/data-scope.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import type { ReportSort } from './adverse-events.repository.ts';
import { AdverseEventsService } from './adverse-events.service.ts';
import { AE_INVESTIGATION_STATUSES } from '@lianjian/core/records/adverse-event-investigation';
import { investigationSummarySchema, registerInvestigationRoutes } from './investigations.routes.ts';

const date = z.iso.date();
const nullableDate = z.string().nullable();
const report = z.object({
  id: z.number(), reportNo: z.string(), kind: z.enum(AE_KINDS), initialReportId: z.number().nullable(),
  reporterOrganizationId: z.number(), reporterOrganizationName: z.string(), reporterType: z.enum(AE_REPORTER_TYPES),
  regionCode: z.string().describe("The reporter's region (GB/T 2260)"), registrantOrganizationId: z.number(),
  productDi: z.string(), productId: z.number(), productName: z.string(), registrationNumber: z.string(),
  lot: z.string().nullable(), serial: z.string().nullable(), productionDate: nullableDate, expiryDate: nullableDate, udi: z.string().nullable(),
  patientKey: z.string().describe('Pseudonymous: the same patient has the same key whoever reports'),
  patient: z.object({ nameMasked: z.string(), idNumberMasked: z.string().nullable(), sex: z.enum(AE_SEXES).nullable(), age: z.number().nullable() }),
  manifestation: z.string(), eventDate: z.string(), dateKnown: z.string(), knownAt: z.string().nullable(), place: z.string().nullable(),
  outcome: z.enum(AE_OUTCOMES), deathDate: nullableDate, narrative: z.string().nullable(), abroad: z.boolean(), cluster: z.boolean(),
  operatorType: z.enum(AE_OPERATOR_TYPES).nullable(), implantDate: nullableDate, imdrfCodes: z.array(z.string()),
  causality: z.string().nullable(), actions: z.string().nullable(),
  deadline: z.string().nullable().describe('Last on-time instant, RFC 3339 with +08:00; null when no statutory clock applies'),
  deadlineRule: z.string().nullable().describe('The clock that applied, e.g. ae.death'),
  submittedAt: z.string(), late: z.boolean(), lateByHours: z.number(),
  duplicateOf: z.number().nullable().describe("The first report of the same event by another reporter, while linked"),
  duplicateReason: z.unknown(), createdAt: z.string(),
  investigationDueAt: z.string().nullable().describe("When the registrant's investigation of the case is due (RFC 3339, +08:00); null when no clock applies"),
  investigationStatus: z.enum(['none', ...AE_INVESTIGATION_STATUSES]).describe("The case's latest investigation filing"),
});
const link = z.object({ id: z.number(), reportId: z.number(), duplicateOf: z.number(), reason: z.unknown(), createdAt: z.string(), unlinkedAt: z.string().nullable() });
const fieldWarning = z.object({ code: z.string(), path: z.string(), message: z.string(), hint: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) });
const created = report.extend({
  lotUnknown: z.boolean().describe('The lot is not known on the platform (no production batch, no traceability record): the report is accepted and flagged'),
  warnings: z.array(fieldWarning).describe('What was accepted but should be checked, e.g. adverse_event.lot_unknown'),
});
const detail = report.extend({ links: z.array(link), followUpIds: z.array(z.number()), investigation: investigationSummarySchema });
const SORTS: Record<string, ReportSort> = { id: 'r.id', eventDate: 'r.event_date', dateKnown: 'r.date_known', submittedAt: 'r.submitted_at', deadline: 'r.deadline', reportNo: 'r.report_no', investigationDueAt: 'd.due_at' };
const idParam = z.object({ id: z.coerce.number().int() });

export const adverseEventsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new AdverseEventsService(deps);

  app.post('/api/adverse-events', {
    schema: {
      tags: ['adverse events'],
      summary: 'Submit an adverse-event report (institution, distributor or registrant)',
      description: 'The statutory clock is set from dateKnown; the same event already reported by another organisation is linked (duplicateOf). Send an Idempotency-Key to retry safely.',
      headers: idempotencyKeyHeaders,
      body: adverseEventInputSchema,
      response: { 201: created },
    },
  }, async (request, reply) => {
    const result = await service.create(contextOf(request), request.body, request.headers['idempotency-key']);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(result.body);
  });

  app.get('/api/adverse-events', {
    schema: {
      tags: ['adverse events'], summary: 'Adverse-event reports in your scope',
      querystring: listQuery.extend({
        productDi: z.string().max(60).optional(), lot: z.string().max(40).optional(), region: z.string().regex(/^\d{6}$/).optional(),
        outcome: z.enum(AE_OUTCOMES).optional(), late: z.enum(['true', 'false']).optional(), from: date.optional(), to: date.optional(), kind: z.enum(AE_KINDS).optional(),
        investigationOverdue: z.enum(['true', 'false']).optional().describe("The registrant's investigation is past its due date without a final filing"),
        investigationDue: z.enum(['open']).optional().describe("open: initial reports whose investigation has a due date and no final filing yet (sort=investigationDueAt for the nearest first)"),
      }),
      response: { 200: z.object({ items: z.array(report), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await service.list(contextOf(request), {
      ...(q.productDi && { productDi: q.productDi }), ...(q.lot && { lot: q.lot }), ...(q.region && { regionPrefix: jurisdictionPrefix(q.region) }),
      ...(q.outcome && { outcome: q.outcome }), ...(q.late && { late: q.late === 'true' }), ...(q.from && { from: q.from }), ...(q.to && { to: q.to }), ...(q.kind && { kind: q.kind }),
      ...(q.investigationOverdue && { investigationOverdue: q.investigationOverdue === 'true' }), ...(q.investigationDue && { investigationDue: q.investigationDue }),
    }, pageOf(q), sortOf(q.sort, SORTS, 'r.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'adverse-events', result.items, [
        { header: 'id', value: (r) => r.id }, { header: '报告编号 report no', value: (r) => r.reportNo }, { header: '报告类型 kind', value: (r) => r.kind },
        { header: '报告单位 reporter', value: (r) => r.reporterOrganizationName }, { header: '报告人类别 reporter type', value: (r) => r.reporterType },
        { header: '行政区划 region', value: (r) => r.regionCode }, { header: '产品标识 DI', value: (r) => r.productDi }, { header: '产品名称 product', value: (r) => r.productName },
        { header: '批号 lot', value: (r) => r.lot }, { header: '序列号 serial', value: (r) => r.serial }, { header: '患者 patient', value: (r) => r.patient.nameMasked },
        { header: '事件发生日期 event date', value: (r) => r.eventDate }, { header: '获知日期 date known', value: (r) => r.dateKnown }, { header: '后果 outcome', value: (r) => r.outcome },
        { header: 'IMDRF', value: (r) => r.imdrfCodes }, { header: '时限规则 rule', value: (r) => r.deadlineRule }, { header: '报告时限 deadline', value: (r) => r.deadline },
        { header: '提交时间 submitted', value: (r) => r.submittedAt }, { header: '迟报 late', value: (r) => r.late }, { header: '迟报小时 late by hours', value: (r) => r.lateByHours },
        { header: '重复于 duplicate of', value: (r) => r.duplicateOf },
        { header: '调查时限 investigation due', value: (r) => r.investigationDueAt }, { header: '调查状态 investigation status', value: (r) => r.investigationStatus },
      ]);
    }
    return result;
  });

  app.get('/api/adverse-events/:id', {
    schema: { tags: ['adverse events'], summary: 'One report with its duplicate links and follow-ups (audited)', params: idParam, response: { 200: detail } },
  }, async (request) => service.get(contextOf(request), request.params.id));

  app.delete('/api/adverse-events/:id/duplicate-link', {
    schema: { tags: ['adverse events'], summary: "Undo a report's duplicate link (regulator with the reporter in its jurisdiction)", params: idParam, response: { 200: detail } },
  }, async (request) => service.unlink(contextOf(request), request.params.id));

  registerInvestigationRoutes(app, deps);
};
