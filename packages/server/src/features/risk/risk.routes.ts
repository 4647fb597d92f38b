import { indicatorInputSchema, indicatorPatchSchema, RISK_DEPARTMENTS, RISK_GRADES, RISK_GROUPINGS, RISK_METHODS } from '@lianjian/core/risk/index';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf, sortOf } from '../../http/list-query.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import type { IndicatorSort } from './risk-indicators.repository.ts';
import { RiskIndicatorsService } from './risk-indicators.service.ts';
import { RiskRunsService } from './risk-runs.service.ts';

const indicator = z.object({
  id: z.number(), code: z.string(), name: z.string(), nameEn: z.string(),
  metric: z.object({ kind: z.enum(['count', 'rate']), numerator: z.string(), denominator: z.string().nullable(), per: z.number() }),
  grouping: z.enum(RISK_GROUPINGS), window: z.object({ unit: z.enum(['days', 'weeks']), length: z.number() }), method: z.enum(RISK_METHODS),
  threshold: z.number(), minCount: z.number(), grade: z.enum(RISK_GRADES), department: z.enum(RISK_DEPARTMENTS), enabled: z.boolean(),
  builtin: z.boolean(), version: z.number(), createdAt: z.string(), updatedAt: z.string(),
});
const run = z.object({
  id: z.number(), status: z.enum(['running', 'done', 'failed']), trigger: z.enum(['api', 'schedule', 'demo']), stage: z.string(),
  progress: z.object({ done: z.number(), total: z.number() }), startedAt: z.string(), finishedAt: z.string().nullable(), durationMs: z.number().nullable(),
  signals: z.number().describe('Signals found (alert candidates)'), alerts: z.object({ raised: z.number(), updated: z.number() }),
  skipped: z.unknown().describe('[{indicator, reason, table}] indicators skipped, e.g. because their source table does not exist yet'),
  summary: z.unknown().describe('Signals per indicator / stage'), error: z.string().nullable(),
});
const SORTS: Record<string, IndicatorSort> = { code: 'code', id: 'id', grade: 'grade', updatedAt: 'updated_at' };
const idParam = z.object({ id: z.coerce.number().int() });

export const riskRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const indicators = new RiskIndicatorsService(deps);
  const runs = new RiskRunsService(deps);

  app.get('/api/risk/indicators', {
    schema: {
      tags: ['risk'], summary: 'Risk indicators (built-in and added by regulators)',
      querystring: listQuery.extend({ enabled: z.enum(['true', 'false']).optional(), department: z.enum(RISK_DEPARTMENTS).optional() }),
      response: { 200: z.object({ items: z.array(indicator), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await indicators.list(contextOf(request), { ...(q.enabled && { enabled: q.enabled === 'true' }), ...(q.department && { department: q.department }) }, pageOf(q), sortOf(q.sort, SORTS, 'id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'risk-indicators', result.items, [
        { header: '编码 code', value: (r) => r.code }, { header: '名称 name', value: (r) => r.name }, { header: 'name (en)', value: (r) => r.nameEn },
        { header: '指标 metric', value: (r) => `${r.metric.kind}:${r.metric.numerator}${r.metric.denominator ? `/${r.metric.denominator}×${r.metric.per}` : ''}` },
        { header: '分组 grouping', value: (r) => r.grouping }, { header: '窗口 window', value: (r) => `${r.window.length} ${r.window.unit}` },
        { header: '方法 method', value: (r) => r.method }, { header: '阈值 threshold', value: (r) => r.threshold }, { header: '级别 grade', value: (r) => r.grade },
        { header: '部门 department', value: (r) => r.department }, { header: '启用 enabled', value: (r) => r.enabled },
      ]);
    }
    return result;
  });

  app.get('/api/risk/indicators/:id', {
    schema: { tags: ['risk'], summary: 'One risk indicator', params: idParam, response: { 200: indicator } },
  }, async (request) => indicators.get(contextOf(request), request.params.id));

  app.post('/api/risk/indicators', {
    schema: {
      tags: ['risk'], summary: 'Add a risk indicator (national or provincial regulator)',
      headers: idempotencyKeyHeaders,
      body: indicatorInputSchema, response: { 201: indicator },
    },
  }, async (request, reply) => {
    const result = await indicators.create(contextOf(request), request.body, request.headers['idempotency-key']);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(result.body);
  });

  app.patch('/api/risk/indicators/:id', {
    schema: { tags: ['risk'], summary: 'Change a risk indicator (national or provincial regulator); the result is checked as a whole', params: idParam, body: indicatorPatchSchema, response: { 200: indicator } },
  }, async (request) => indicators.update(contextOf(request), request.params.id, request.body));

  app.post('/api/risk/runs', {
    schema: {
      tags: ['risk'], summary: 'Start a statistical run now; 202 with its status resource (the running one if a run is already going)',
      response: { 202: run },
    },
  }, async (request, reply) => {
    const result = await runs.start(contextOf(request));
    return reply.status(202).header('location', `/api/risk/runs/${result.run.id}`).send(result.run);
  });

  app.get('/api/risk/runs/:id', {
    schema: { tags: ['risk'], summary: 'Progress and end of a statistical run', params: idParam, response: { 200: run } },
  }, async (request) => runs.get(contextOf(request), request.params.id));
};
