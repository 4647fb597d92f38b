import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf, sortOf } from '../../http/list-query.ts';
import { jurisdictionPrefix } from '../auth/data-scope.ts';
import type { LicenseSort } from './licenses.repository.ts';
import { LicensesService } from './licenses.service.ts';

const KINDS = ['production_license', 'production_filing', 'distribution_license', 'distribution_filing', 'qms_certificate'] as const;
const STATUSES = ['active', 'suspended', 'revoked', 'cancelled'] as const;
const EFFECTIVE = ['valid', 'expiring', 'expired', 'suspended', 'revoked', 'cancelled'] as const;
const date = z.iso.date();
const license = z.object({
  id: z.number(), organizationId: z.number(), organizationName: z.string(), organizationType: z.string(), regionCode: z.string(),
  kind: z.enum(KINDS), number: z.string(), scopeClasses: z.array(z.number()), scopeCategories: z.array(z.string()), scopeText: z.string().nullable(),
  issuer: z.string(), validFrom: z.string(), validTo: z.string().nullable(), status: z.enum(STATUSES), effectiveStatus: z.enum(EFFECTIVE),
  daysToExpiry: z.number().nullable(), createdAt: z.date(),
});
const SORTS: Record<string, LicenseSort> = { validTo: 'l.valid_to', number: 'l.number', id: 'l.id', organizationName: 'o.name', kind: 'l.kind' };
const idParam = z.object({ id: z.coerce.number().int() });

export const licensesRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new LicensesService(deps);
  app.get('/api/licenses', {
    schema: {
      tags: ['master data'], summary: 'Licences and filings in your scope',
      querystring: listQuery.extend({ organizationId: z.coerce.number().int().optional(), kind: z.enum(KINDS).optional(), region: z.string().regex(/^\d{6}$/).optional(), status: z.enum(EFFECTIVE).optional(), expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(), q: z.string().max(100).optional() }),
      response: { 200: z.object({ items: z.array(license), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await service.list(contextOf(request), {
      ...(q.organizationId && { organizationId: q.organizationId }), ...(q.kind && { kind: q.kind }), ...(q.region && { regionPrefix: jurisdictionPrefix(q.region) }),
      ...(q.status && { effectiveStatus: q.status }), ...(q.expiringWithinDays !== undefined && { expiringWithinDays: q.expiringWithinDays }), ...(q.q && { q: q.q }),
    }, pageOf(q), sortOf(q.sort, SORTS, 'l.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'licenses', result.items, [
        { header: 'id', value: (l) => l.id }, { header: '持证单位 holder', value: (l) => l.organizationName }, { header: '行政区划 region', value: (l) => l.regionCode },
        { header: '类别 kind', value: (l) => l.kind }, { header: '编号 number', value: (l) => l.number }, { header: '管理类别 classes', value: (l) => l.scopeClasses },
        { header: '发证机关 issuer', value: (l) => l.issuer }, { header: '有效期起 valid from', value: (l) => l.validFrom }, { header: '有效期止 valid to', value: (l) => l.validTo },
        { header: '状态 status', value: (l) => l.effectiveStatus },
      ]);
    }
    return result;
  });
  app.get('/api/licenses/:id', {
    schema: { tags: ['master data'], summary: 'One licence with its status history', params: idParam, response: { 200: license.extend({ history: z.array(z.object({ status: z.string(), reason: z.string().nullable(), changedAt: z.date(), changedBy: z.number().nullable() })) }) } },
  }, async (request) => service.get(contextOf(request), request.params.id));
  app.post('/api/licenses', {
    schema: {
      tags: ['master data'], summary: 'Record a licence or filing (regulator in jurisdiction)',
      body: z.object({ organizationId: z.number().int(), kind: z.enum(KINDS), number: z.string().trim().min(4).max(60), scopeClasses: z.array(z.number().int().min(1).max(3)).default([]), scopeCategories: z.array(z.string().regex(/^\d{2}$/)).default([]), scopeText: z.string().max(2000).nullish(), issuer: z.string().min(2).max(100), validFrom: date, validTo: date.nullish() }).strict(),
      response: { 201: license },
    },
  }, async (request, reply) => reply.status(201).send(await service.create(contextOf(request), request.body)));
  app.post('/api/licenses/:id/status', {
    schema: { tags: ['master data'], summary: 'Suspend, revoke, cancel or reinstate a licence (regulator)', params: idParam, body: z.object({ status: z.enum(STATUSES), reason: z.string().min(2).max(500) }).strict(), response: { 200: license.extend({ history: z.array(z.object({ status: z.string(), reason: z.string().nullable(), changedAt: z.date(), changedBy: z.number().nullable() })) }) } },
  }, async (request) => service.changeStatus(contextOf(request), request.params.id, request.body.status, request.body.reason));
};
