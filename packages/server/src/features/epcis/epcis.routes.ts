import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { AppError } from '../../http/app-error.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf, sortOf } from '../../http/list-query.ts';
import type { CaptureJobSort } from './capture-jobs.repository.ts';
import { CaptureService } from './capture.service.ts';
import { captureLimitsFromEnv, type CaptureLimits } from './epcis-limits.ts';
import { EpcisQueryService } from './epcis-query.service.ts';

const CAPTURE_TYPES = ['application/json', 'application/ld+json', 'application/xml', 'text/xml'];

/** EPCIS list parameters: repeated (`?a=x&a=y`) or comma-separated (`?a=x,y`). */
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)));
const time = z.iso.datetime({ offset: true }).optional();
const paging = { perPage: z.coerce.number().int().min(1).max(1000).default(100), nextPageToken: z.string().max(200).optional() };

const JOB_STATUSES = ['running', 'succeeded', 'partial', 'failed'] as const;
const JOB_SORTS: Record<string, CaptureJobSort> = { createdAt: 'j.created_at', finishedAt: 'j.finished_at', eventCount: 'j.event_count', rejected: 'j.rejected_count' };
const jobSummary = z.object({
  id: z.string(), status: z.enum(JOB_STATUSES), format: z.enum(['json', 'xml']), errorBehaviour: z.enum(['rollback', 'proceed']),
  createdAt: z.date(), finishedAt: z.date().nullable(),
  eventCount: z.number(), accepted: z.number(), duplicates: z.number(), rejected: z.number(), violations: z.number(),
});
const day = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional();

/**
 * A bound of the created-at filter: a date is a whole day in China Standard Time (fixed +08:00, no
 * summer time), so `to=2026-03-01` includes that evening; an instant is taken as it is.
 */
function boundOf(value: string, end: boolean): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
  const start = Date.parse(`${value}T00:00:00+08:00`);
  return new Date(end ? start + 86_400_000 : start);
}

/**
 * EPCIS 2.0 REST bindings (capture and SimpleEventQuery) at the standard paths `/epcis/…`; the app's
 * onRequest hook authenticates them like `/api/…`, before the body is read.
 */
export const epcisRoutes = (deps: AppDeps, limits: CaptureLimits = captureLimitsFromEnv()): FastifyPluginAsyncZod => async (app) => {
  const capture = new CaptureService(deps, limits);
  const query = new EpcisQueryService(deps);

  // Capture bodies are read as text: the hash, the XSD and the line numbers of problems need the document as sent.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(CAPTURE_TYPES, { parseAs: 'string', bodyLimit: limits.maxBytes }, (_request, body, done) => done(null, body));

  app.post('/epcis/capture', {
    bodyLimit: limits.maxBytes,
    config: { bodyLimit: limits.maxBytes } as never,
    schema: {
      tags: ['epcis'], summary: 'Capture an EPCIS 2.0 document (JSON-LD or XML); 202 with the capture job',
      headers: z.object({
        'gs1-capture-error-behaviour': z.enum(['rollback', 'proceed']).default('rollback'),
        'gs1-epcis-version': z.string().max(20).optional(),
      }).passthrough(),
      response: { 202: z.object({ captureId: z.string(), location: z.string(), status: z.string(), accepted: z.number(), duplicates: z.number(), rejected: z.number(), violations: z.number() }) },
    },
  }, async (request, reply) => {
    const version = request.headers['gs1-epcis-version'];
    if (version && !/^2\.\d+(\.\d+)?$/.test(version)) throw new AppError(400, 'epcis.capture.unsupported_version', { version });
    const contentType = String(request.headers['content-type'] ?? '');
    const body = typeof request.body === 'string' ? request.body : '';
    const format = /xml/i.test(contentType) ? 'xml' : 'json';
    const result = await capture.capture(contextOf(request), { body, format, errorBehaviour: request.headers['gs1-capture-error-behaviour'] });
    return reply.status(202).header('location', result.location).header('gs1-epcis-version', '2.0.0').send(result);
  });

  app.get('/epcis/capture', {
    schema: {
      tags: ['epcis'], summary: 'Your capture jobs, newest first: status and counts (the per-event errors are in each job)',
      description: 'The jobs `GET /epcis/capture/{id}` would show you: your own, your organisation\'s, or those of organisations in your jurisdiction. '
        + '`from` / `to` bound the creation time: a date is a whole day in China Standard Time (both ends included), an RFC 3339 instant is exact (`to` excluded).',
      querystring: listQuery.extend({ status: z.enum(JOB_STATUSES).optional(), from: day, to: day }),
      response: { 200: z.object({ items: z.array(jobSummary), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await capture.jobs(contextOf(request), {
      ...(q.status && { status: q.status }), ...(q.from && { createdFrom: boundOf(q.from, false) }), ...(q.to && { createdBefore: boundOf(q.to, true) }),
    }, pageOf(q), q.sort ? sortOf(q.sort, JOB_SORTS, 'j.created_at') : { column: 'j.created_at', direction: 'desc' });
    if (q.format === 'csv') {
      return sendCsv(reply, 'capture-jobs', result.items, [
        { header: 'id', value: (j) => j.id }, { header: '状态 status', value: (j) => j.status }, { header: '格式 format', value: (j) => j.format },
        { header: '出错处理 error behaviour', value: (j) => j.errorBehaviour }, { header: '提交时间 created', value: (j) => j.createdAt }, { header: '完成时间 finished', value: (j) => j.finishedAt },
        { header: '事件数 events', value: (j) => j.eventCount }, { header: '接收 accepted', value: (j) => j.accepted }, { header: '重复 duplicates', value: (j) => j.duplicates },
        { header: '拒收 rejected', value: (j) => j.rejected }, { header: '规则违反 violations', value: (j) => j.violations },
      ]);
    }
    return { ...result, page: q.page, pageSize: q.pageSize };
  });

  app.get('/epcis/capture/:id', {
    schema: { tags: ['epcis'], summary: 'A capture job: status, counts and per-event errors', params: z.object({ id: z.uuid() }) },
  }, async (request) => capture.job(contextOf(request), request.params.id));

  app.get('/epcis/events', {
    schema: {
      tags: ['epcis'], summary: 'EPCIS 2.0 SimpleEventQuery over the events in your scope (EPCISQueryDocument)',
      querystring: z.object({
        eventType: list, GE_eventTime: time, LT_eventTime: time, EQ_bizStep: list, EQ_disposition: list, EQ_bizLocation: list,
        MATCH_epc: list, MATCH_anyEPC: list, MATCH_epcClass: list, ...paging,
      }),
    },
  }, async (request, reply) => {
    const q = request.query;
    const page = await query.events(contextOf(request), {
      perPage: q.perPage,
      ...(q.nextPageToken && { nextPageToken: q.nextPageToken }),
      ...(q.eventType && { eventType: q.eventType }), ...(q.GE_eventTime && { GE_eventTime: q.GE_eventTime }), ...(q.LT_eventTime && { LT_eventTime: q.LT_eventTime }),
      ...(q.EQ_bizStep && { EQ_bizStep: q.EQ_bizStep }), ...(q.EQ_disposition && { EQ_disposition: q.EQ_disposition }), ...(q.EQ_bizLocation && { EQ_bizLocation: q.EQ_bizLocation }),
      ...(q.MATCH_epc && { MATCH_epc: q.MATCH_epc }), ...(q.MATCH_anyEPC && { MATCH_anyEPC: q.MATCH_anyEPC }), ...(q.MATCH_epcClass && { MATCH_epcClass: q.MATCH_epcClass }),
    });
    return sendPage(reply, request.url, page);
  });

  app.get('/epcis/epcs/:epc/events', {
    schema: { tags: ['epcis'], summary: 'Every event naming one EPC (URL-encoded EPC URN or Digital Link)', params: z.object({ epc: z.string().min(1).max(500) }), querystring: z.object(paging) },
  }, async (request, reply) => {
    const q = request.query;
    const page = await query.eventsOfEpc(contextOf(request), request.params.epc, { perPage: q.perPage, ...(q.nextPageToken && { nextPageToken: q.nextPageToken }) });
    return sendPage(reply, request.url, page);
  });
};

function sendPage(reply: FastifyReply, url: string, page: { document: Record<string, unknown>; nextPageToken: string | null }) {
  if (page.nextPageToken) {
    const next = new URL(url, 'http://local');
    next.searchParams.set('nextPageToken', page.nextPageToken);
    reply.header('link', `<${next.pathname}${next.search}>; rel="next"`);
  }
  return reply.type('application/ld+json; charset=utf-8').send({ ...page.document, ...(page.nextPageToken && { nextPageToken: page.nextPageToken }) });
}
