import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf } from '../../http/list-query.ts';
import { jurisdictionPrefix } from '../auth/data-scope.ts';
import { RegionsService } from './regions.service.ts';

/** `codes`: a comma-separated list of at most 200 six-digit codes (e.g. the regions shown on one page of a list). */
const codeList = z.string().regex(/^\d{6}(,\d{6}){0,199}$/);

const region = z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable().describe('English (Hanyu Pinyin with the suffix translated): Xihu District'), level: z.number(), parentCode: z.string().nullable(), validFrom: z.string(), validTo: z.string().nullable() });

export const regionsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new RegionsService(deps);
  app.get('/api/regions', {
    schema: {
      tags: ['master data'], summary: 'GB/T 2260 regions (province / city / county), versioned',
      querystring: listQuery.extend({ parent: z.string().regex(/^\d{6}$/).optional(), level: z.coerce.number().int().min(1).max(3).optional(), within: z.string().regex(/^\d{6}$/).optional(), q: z.string().max(50).optional(), includeWithdrawn: z.stringbool().optional(), codes: codeList.optional() }),
      response: { 200: z.object({ items: z.array(region), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await service.list(contextOf(request), { ...(q.parent && { parent: q.parent }), ...(q.level && { level: q.level }), ...(q.q && { q: q.q }), ...(q.within && { prefix: jurisdictionPrefix(q.within) }), ...(q.codes && { codes: [...new Set(q.codes.split(','))] }), ...(q.includeWithdrawn && { includeWithdrawn: true }) }, pageOf(q));
    if (q.format === 'csv') return sendCsv(reply, 'regions', result.items, [{ header: 'code', value: (r) => r.code }, { header: 'name', value: (r) => r.name }, { header: 'level', value: (r) => r.level }, { header: 'parent', value: (r) => r.parentCode }, { header: 'validFrom', value: (r) => r.validFrom }, { header: 'validTo', value: (r) => r.validTo }]);
    return result;
  });
};
