import { AE_INVESTIGATION_STATUSES, aeInvestigationInputSchema } from '@lianjian/core/records/adverse-event-investigation';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import { InvestigationsService } from './investigations.service.ts';

export const investigationSchema = z.object({
  id: z.number(), reportId: z.number().describe('The case\'s initial report'), registrantOrganizationId: z.number(),
  status: z.enum(AE_INVESTIGATION_STATUSES), findings: z.string(),
  findingCodes: z.array(z.string()).describe('IMDRF Annex C'), conclusionCodes: z.array(z.string()).describe('IMDRF Annex D'),
  rootCause: z.string(), correctiveActions: z.string().nullable(), filedAt: z.string(),
  dueAt: z.string().nullable(), late: z.boolean(), lateByHours: z.number(),
});

export const investigationSummarySchema = z.object({
  status: z.enum(['none', ...AE_INVESTIGATION_STATUSES]),
  dueAt: z.string().nullable().describe("When the registrant's investigation is due (RFC 3339, +08:00); null when no clock applies"),
  dueRule: z.string().nullable().describe('ae.registrant_investigation or ae.cluster.registrant_investigation'),
  overdue: z.boolean().describe('Due date passed without a final investigation'),
  late: z.boolean(), lateByHours: z.number(),
  latest: investigationSchema.nullable(),
});

const idParam = z.object({ id: z.coerce.number().int() });

/** Registered by adverseEventsRoutes: the registrant's investigation of a report. */
export function registerInvestigationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = new InvestigationsService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/adverse-events/:id/investigations', {
    schema: {
      tags: ['adverse events'],
      summary: "File the registrant's investigation of a report (interim or final; IMDRF Annex C / D codes)",
      description: 'Only the registration holder of the device files. A filing against a follow-up report is stored against its initial report. Lateness is measured against the due date set when the report arrived. Send an Idempotency-Key to retry safely.',
      params: idParam,
      headers: idempotencyKeyHeaders,
      body: aeInvestigationInputSchema,
      response: { 201: investigationSchema },
    },
  }, async (request, reply) => {
    const result = await service.file(contextOf(request), request.params.id, request.body, request.headers['idempotency-key']);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(result.body);
  });

  r.get('/api/adverse-events/:id/investigations', {
    schema: {
      tags: ['adverse events'], summary: "The registrant's investigation filings of a report's case, oldest first, with the summary",
      params: idParam,
      querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }),
      response: { 200: z.object({ items: z.array(investigationSchema), total: z.number(), summary: investigationSummarySchema }) },
    },
  }, async (request, reply) => {
    const result = await service.list(contextOf(request), request.params.id);
    if (request.query.format === 'csv') {
      return sendCsv(reply, `adverse-event-${request.params.id}-investigations`, result.items, [
        { header: 'id', value: (i) => i.id }, { header: '报告 report', value: (i) => i.reportId }, { header: '状态 status', value: (i) => i.status },
        { header: '调查发现 findings', value: (i) => i.findings }, { header: 'IMDRF C', value: (i) => i.findingCodes }, { header: 'IMDRF D', value: (i) => i.conclusionCodes },
        { header: '原因类别 root cause', value: (i) => i.rootCause }, { header: '纠正措施 corrective actions', value: (i) => i.correctiveActions },
        { header: '提交时间 filed', value: (i) => i.filedAt }, { header: '调查时限 due', value: (i) => i.dueAt }, { header: '迟交 late', value: (i) => i.late },
        { header: '迟交小时 late by hours', value: (i) => i.lateByHours },
      ]);
    }
    return result;
  });
}
