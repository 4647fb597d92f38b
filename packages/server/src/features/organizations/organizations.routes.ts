import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf, sortOf } from '../../http/list-query.ts';
import { jurisdictionPrefix } from '../auth/data-scope.ts';
import { ORGANIZATION_TYPES, organizationInput } from './organization-input.ts';
import { DIRECTORY_TYPES, type OrganizationSort } from './organizations.repository.ts';
import { DIRECTORY_MAX, OrganizationsService } from './organizations.service.ts';

const location = z.object({ id: z.number(), name: z.string(), kind: z.string(), gln: z.string(), extension: z.string(), sgln: z.string(), regionCode: z.string(), address: z.string().nullable() });
const organization = z.object({
  id: z.number(), type: z.enum(ORGANIZATION_TYPES), name: z.string(), nameEn: z.string().nullable(), creditCode: z.string().nullable(),
  regionCode: z.string(), regionName: z.string().nullable(), address: z.string().nullable(), contactName: z.string().nullable(),
  contactPhone: z.string().nullable(), gs1CompanyPrefix: z.string().nullable(), gln: z.string().nullable(), institutionGrade: z.string().nullable(),
  rural: z.boolean(), createdAt: z.date(), updatedAt: z.date(), locations: z.array(location),
});
// Registry facts only: the schema is the second guard that no address or contact leaves by this route.
const directoryEntry = z.object({
  id: z.number(), type: z.enum(DIRECTORY_TYPES), name: z.string(), nameEn: z.string().nullable(), creditCode: z.string().nullable(),
  regionCode: z.string(), regionName: z.string().nullable(), gln: z.string().nullable(),
});
const SORTS: Record<string, OrganizationSort> = { name: 'o.name', regionCode: 'o.region_code', createdAt: 'o.created_at', type: 'o.type', id: 'o.id' };
const idParam = z.object({ id: z.coerce.number().int() });

export const organizationsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new OrganizationsService(deps);
  app.get('/api/organizations', {
    schema: {
      tags: ['master data'], summary: 'Organisations in your scope (jurisdiction or own organisation)',
      querystring: listQuery.extend({ type: z.enum(ORGANIZATION_TYPES).optional(), region: z.string().regex(/^\d{6}$/).optional(), q: z.string().max(100).optional() }),
      response: { 200: z.object({ items: z.array(organization), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await service.list(contextOf(request), { ...(q.type && { type: q.type }), ...(q.region && { regionPrefix: jurisdictionPrefix(q.region) }), ...(q.q && { q: q.q }) }, pageOf(q), sortOf(q.sort, SORTS, 'o.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'organizations', result.items, [
        { header: 'id', value: (o) => o.id }, { header: '类型 type', value: (o) => o.type }, { header: '名称 name', value: (o) => o.name },
        { header: '统一社会信用代码 credit code', value: (o) => o.creditCode }, { header: '行政区划 region', value: (o) => o.regionCode },
        { header: '地区 region name', value: (o) => o.regionName }, { header: 'GLN', value: (o) => o.gln }, { header: '地址 address', value: (o) => o.address },
      ]);
    }
    return result;
  });
  app.get('/api/organizations/directory', {
    schema: {
      tags: ['master data'], summary: 'Find supply-chain organisations by name, credit code or GLN prefix (any logged-in user; public registry facts only)',
      querystring: z.object({
        q: z.string().max(100).optional(), type: z.enum(DIRECTORY_TYPES).optional(), id: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(DIRECTORY_MAX).default(20),
      }),
      response: { 200: z.object({ items: z.array(directoryEntry) }) },
    },
  }, async (request) => {
    const { q, type, id, limit } = request.query;
    return { items: await service.directory(contextOf(request), { ...(q && { q }), ...(type && { type }), ...(id !== undefined && { id }) }, limit) };
  });
  app.get('/api/organizations/:id', { schema: { tags: ['master data'], summary: 'One organisation with its locations (audited: contacts are personal data)', params: idParam, response: { 200: organization } } }, async (request) => service.get(contextOf(request), request.params.id));
  app.post('/api/organizations', { schema: { tags: ['master data'], summary: 'Register an organisation in your jurisdiction (regulator, system admin)', body: organizationInput.strict(), response: { 201: organization } } }, async (request, reply) => reply.status(201).send(await service.create(contextOf(request), request.body)));
  app.patch('/api/organizations/:id', {
    schema: { tags: ['master data'], summary: 'Change an organisation (regulator in jurisdiction, system admin)', params: idParam, body: organizationInput.omit({ type: true, creditCode: true }).partial().strict(), response: { 200: organization } },
  }, async (request) => service.update(contextOf(request), request.params.id, request.body));
  app.post('/api/organizations/:id/locations', {
    schema: { tags: ['master data'], summary: 'Add a location (SGLN) to an organisation', params: idParam, body: z.object({ name: z.string().min(1).max(200), kind: z.enum(['plant', 'warehouse', 'office', 'pharmacy', 'department', 'clinic']), gln: z.string().regex(/^\d{13}$/), extension: z.string().regex(/^[!%-?A-Z_a-z\x22]{1,20}$/).optional(), regionCode: z.string().regex(/^\d{6}$/).optional(), address: z.string().max(300).nullish() }).strict(), response: { 201: location } },
  }, async (request, reply) => reply.status(201).send(await service.addLocation(contextOf(request), request.params.id, request.body)));
};
