import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf, sortOf } from '../../http/list-query.ts';
import { jurisdictionPrefix } from '../auth/data-scope.ts';
import type { ProductSort } from './products.repository.ts';
import { ProductsService } from './products.service.ts';

const AGENCIES = ['GS1', 'MA', 'AHM', 'HIBCC', 'ICCBBA'] as const;
const diItem = z.object({ di: z.string(), agency: z.enum(AGENCIES), packageLevel: z.number(), packageLevelName: z.string().nullable(), quantityPerPackage: z.number(), containsDi: z.string().nullable() });
const product = z.object({
  id: z.number(), name: z.string(), nameEn: z.string().nullable(), model: z.string(), specification: z.string().nullable(), deviceKind: z.string(),
  storageMinC: z.number().nullable(), storageMaxC: z.number().nullable(), storageNote: z.string().nullable(), piElements: z.array(z.string()),
  singleUse: z.boolean(), implantable: z.boolean(), sterile: z.boolean(), registrationId: z.number(), registrationNumber: z.string(),
  registrationKind: z.string(), managementClass: z.number(), categoryCode: z.string().nullable(), registrationValidFrom: z.string(),
  registrationValidTo: z.string().nullable(), registrationStatus: z.string(), holderId: z.number(), holderName: z.string(), regionCode: z.string(),
  di: z.string().nullable(), agency: z.enum(AGENCIES).nullable(), packageLevel: z.number().nullable(), dis: z.array(diItem),
});
const registration = z.object({ id: z.number(), number: z.string(), kind: z.string(), holderId: z.number(), holderName: z.string(), regionCode: z.string(), managementClass: z.number(), categoryCode: z.string().nullable(), productName: z.string(), issuer: z.string(), validFrom: z.string(), validTo: z.string().nullable(), status: z.string() });
const SORTS: Record<string, ProductSort> = { name: 'p.name', id: 'p.id', registrationValidTo: 'r.valid_to', managementClass: 'r.management_class', holderName: 'o.name' };
const date = z.iso.date();

export const productsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new ProductsService(deps);
  app.get('/api/products', {
    schema: {
      tags: ['master data'], summary: 'Product and UDI-DI catalogue (public to business roles, like the national UDI database)',
      querystring: listQuery.extend({ q: z.string().max(100).optional(), deviceKind: z.string().max(40).optional(), managementClass: z.coerce.number().int().min(1).max(3).optional(), region: z.string().regex(/^\d{6}$/).optional(), holderId: z.coerce.number().int().optional(), di: z.string().max(60).optional(), registrationNumber: z.string().max(40).optional() }),
      response: { 200: z.object({ items: z.array(product), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await service.list(contextOf(request), {
      ...(q.q && { q: q.q }), ...(q.deviceKind && { deviceKind: q.deviceKind }), ...(q.managementClass && { managementClass: q.managementClass }),
      ...(q.region && { regionPrefix: jurisdictionPrefix(q.region) }), ...(q.holderId && { holderId: q.holderId }), ...(q.di && { di: q.di }), ...(q.registrationNumber && { registrationNumber: q.registrationNumber }),
    }, pageOf(q), sortOf(q.sort, SORTS, 'p.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'products', result.items, [
        { header: 'id', value: (p) => p.id }, { header: '产品名称 name', value: (p) => p.name }, { header: '型号 model', value: (p) => p.model },
        { header: '注册证/备案号 registration', value: (p) => p.registrationNumber }, { header: '管理类别 class', value: (p) => p.managementClass },
        { header: '注册人 holder', value: (p) => p.holderName }, { header: '行政区划 region', value: (p) => p.regionCode },
        { header: 'DI', value: (p) => p.dis.map((d) => `${d.agency}:${d.di}(L${d.packageLevel}×${d.quantityPerPackage})`) },
        { header: '储存条件 storage', value: (p) => (p.storageMinC !== null ? `${p.storageMinC}–${p.storageMaxC} °C` : '') },
      ]);
    }
    return result;
  });
  app.get('/api/products/:id', { schema: { tags: ['master data'], summary: 'One product with its DIs', params: z.object({ id: z.coerce.number().int() }), response: { 200: product } } }, async (request) => service.get(contextOf(request), request.params.id));
  app.post('/api/products', {
    schema: {
      tags: ['master data'], summary: 'Add a product with its DIs under a registration (registrant, or regulator in jurisdiction)',
      body: z.object({
        registrationId: z.number().int(), name: z.string().min(1).max(200), nameEn: z.string().max(200).nullish(), model: z.string().min(1).max(200), specification: z.string().max(500).nullish(),
        deviceKind: z.string().regex(/^[a-z_]{2,40}$/), storageMinC: z.number().min(-200).max(100).nullish(), storageMaxC: z.number().min(-200).max(100).nullish(), storageNote: z.string().max(200).nullish(),
        piElements: z.array(z.enum(['lot', 'serial', 'production_date', 'expiry_date'])).optional(), singleUse: z.boolean().optional(), implantable: z.boolean().optional(), sterile: z.boolean().optional(),
        dis: z.array(z.object({ di: z.string().trim().min(1).max(60), agency: z.enum(AGENCIES), packageLevel: z.number().int().min(0).max(9), packageLevelName: z.string().max(40).nullish(), quantityPerPackage: z.number().int().min(1).max(1_000_000).optional(), containsDi: z.string().max(60).nullish() })).min(1).max(10),
      }).strict(),
      response: { 201: product },
    },
  }, async (request, reply) => reply.status(201).send(await service.create(contextOf(request), request.body)));
  app.get('/api/registrations', {
    schema: { tags: ['master data'], summary: 'Registration certificates and filings', querystring: listQuery.extend({ region: z.string().regex(/^\d{6}$/).optional(), holderId: z.coerce.number().int().optional(), q: z.string().max(100).optional(), managementClass: z.coerce.number().int().min(1).max(3).optional() }), response: { 200: z.object({ items: z.array(registration), total: z.number() }) } },
  }, async (request) => {
    const q = request.query;
    return service.listRegistrations(contextOf(request), { ...(q.region && { regionPrefix: jurisdictionPrefix(q.region) }), ...(q.holderId && { holderId: q.holderId }), ...(q.q && { q: q.q }), ...(q.managementClass && { managementClass: q.managementClass }) }, pageOf(q));
  });
  app.post('/api/registrations', {
    schema: { tags: ['master data'], summary: 'Record a registration certificate or filing (regulator)', body: z.object({ number: z.string().trim().min(8).max(40), holderId: z.number().int(), managementClass: z.union([z.literal(1), z.literal(2), z.literal(3)]), productName: z.string().min(1).max(200), issuer: z.string().min(2).max(100), validFrom: date, validTo: date.nullish() }).strict(), response: { 201: registration } },
  }, async (request, reply) => reply.status(201).send(await service.createRegistration(contextOf(request), request.body)));
};
