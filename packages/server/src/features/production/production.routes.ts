import { QUALITY_FLAG_RULES } from '@lianjian/core/rules/production-flags';
import { batchInputSchema, INSPECTION_RESULTS, MATERIAL_KINDS, materialReceiptInputSchema, RELEASE_DECISIONS, releaseReportInputSchema } from '@lianjian/core/records/production';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf, sortOf } from '../../http/list-query.ts';
import { jurisdictionPrefix } from '../auth/data-scope.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import type { BatchSort, ReceiptSort, ReleaseSort } from './production.repository.ts';
import { ProductionService } from './production.service.ts';

const date = z.iso.date();
const region = z.string().regex(/^\d{6}$/);
const idParam = z.object({ id: z.coerce.number().int().positive() });
const testItem = z.object({
  name: z.string(), standard: z.string().nullable(), method: z.string().nullable(), lowerLimit: z.number().nullable(), upperLimit: z.number().nullable(),
  unit: z.string(), measuredValue: z.number(), passed: z.boolean().describe('Computed by the platform from the limits'),
});
const org = z.object({ id: z.number(), name: z.string(), regionCode: z.string() });
const receipt = z.object({
  id: z.number().describe('Also the material lot id'), organizationId: z.number(), organizationName: z.string(), regionCode: z.string(), supplier: org,
  material: z.object({ name: z.string(), code: z.string(), kind: z.string() }), materialLot: z.string(), quantity: z.number(), unit: z.string(), purchaseDate: z.string(),
  qualifications: z.array(z.object({ kind: z.string(), number: z.string(), issuer: z.string().optional(), validFrom: z.string(), validTo: z.string() })),
  incomingInspection: z.object({ items: z.array(testItem), result: z.enum(INSPECTION_RESULTS), inspector: z.string(), date: z.string() }), createdAt: z.string(),
});
const batch = z.object({
  id: z.number(), organizationId: z.number(), organizationName: z.string(), regionCode: z.string(), productId: z.number(), productName: z.string(), productModel: z.string(),
  productDi: z.string(), lot: z.string(), quantity: z.number(), productionDate: z.string(), expiryDate: z.string().nullable(), processRoute: z.string(), processVersion: z.string(),
  environmentLimits: z.record(z.string(), z.number()), releaseDecision: z.enum(RELEASE_DECISIONS).nullable(), createdAt: z.string(),
});
const release = z.object({
  id: z.number(), batchId: z.number(), organizationId: z.number(), organizationName: z.string(), regionCode: z.string(), productDi: z.string(), lot: z.string(),
  reportNo: z.string().nullable(), inspector: z.string(), decision: z.enum(RELEASE_DECISIONS), decidedAt: z.string(), items: z.array(testItem), failedCount: z.number(), createdAt: z.string(),
});
const flag = z.object({
  id: z.number(), rule: z.string(), subjectType: z.enum(['batch', 'material_lot', 'lot']), subjectKey: z.string(), organizationId: z.number(), regionCode: z.string(),
  params: z.record(z.string(), z.unknown()), detectedAt: z.string(),
});
const batchDetail = batch.extend({ materials: z.array(z.unknown()), environment: z.unknown(), release: release.nullable(), flags: z.array(flag) });

const RECEIPT_SORTS: Record<string, ReceiptSort> = { id: 'm.id', purchaseDate: 'm.purchase_date', materialLot: 'm.material_lot', materialCode: 'm.material_code' };
const BATCH_SORTS: Record<string, BatchSort> = { id: 'b.id', productionDate: 'b.production_date', lot: 'b.lot', productDi: 'b.product_di' };
const RELEASE_SORTS: Record<string, ReleaseSort> = { id: 'r.id', decidedAt: 'r.decided_at' };
const tags = ['production'];

/** Material receipts, production batches, release reports and quality flags (issue 4, item 1). */
export const productionRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new ProductionService(deps);

  app.post('/api/material-receipts', {
    schema: { tags, summary: 'Record a received material lot with its supplier qualification and incoming inspection (manufacturer)', headers: idempotencyKeyHeaders, body: materialReceiptInputSchema, response: { 201: receipt } },
  }, async (request, reply) => {
    const r = await service.createReceipt(contextOf(request), request.body, request.headers['idempotency-key']);
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(r.body);
  });

  app.get('/api/material-receipts', {
    schema: {
      tags, summary: 'Material receipts in your scope',
      querystring: listQuery.extend({
        supplierId: z.coerce.number().int().positive().optional(), materialKind: z.enum(MATERIAL_KINDS).optional(), materialCode: z.string().max(60).optional(),
        materialLot: z.string().max(40).optional(), result: z.enum(INSPECTION_RESULTS).optional(), region: region.optional(),
      }),
      response: { 200: z.object({ items: z.array(receipt), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const r = await service.listReceipts(contextOf(request), {
      ...(q.supplierId && { supplierOrganizationId: q.supplierId }), ...(q.materialKind && { materialKind: q.materialKind }), ...(q.materialCode && { materialCode: q.materialCode }),
      ...(q.materialLot && { materialLot: q.materialLot }), ...(q.result && { result: q.result }), ...(q.region && { regionPrefix: jurisdictionPrefix(q.region) }),
    }, pageOf(q), sortOf(q.sort, RECEIPT_SORTS, 'm.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'material-receipts', r.items, [
        { header: 'id', value: (x) => x.id }, { header: '生产企业 manufacturer', value: (x) => x.organizationName }, { header: '供应商 supplier', value: (x) => x.supplier.name },
        { header: '物料 material', value: (x) => x.material.name }, { header: '物料编码 code', value: (x) => x.material.code }, { header: '类别 kind', value: (x) => x.material.kind },
        { header: '物料批号 material lot', value: (x) => x.materialLot }, { header: '数量 quantity', value: (x) => x.quantity }, { header: '单位 unit', value: (x) => x.unit },
        { header: '采购日期 purchase date', value: (x) => x.purchaseDate }, { header: '进货检验 inspection', value: (x) => x.incomingInspection.result },
      ]);
    }
    return r;
  });

  app.get('/api/material-receipts/:id', {
    schema: { tags, summary: 'One material receipt', params: idParam, response: { 200: receipt } },
  }, async (request) => service.getReceipt(contextOf(request), request.params.id));

  app.get('/api/material-lots/:id/batches', {
    schema: {
      tags, summary: 'Every batch a material lot (material receipt id) went into', params: idParam,
      response: { 200: z.object({ materialLot: receipt, items: z.array(batch.extend({ consumedQuantity: z.number(), consumedUnit: z.string() })), total: z.number() }) },
    },
  }, async (request) => service.batchesOfMaterialLot(contextOf(request), request.params.id));

  app.post('/api/batches', {
    schema: { tags, summary: 'Record a production batch with its materials and clean-room readings (manufacturer)', headers: idempotencyKeyHeaders, body: batchInputSchema, response: { 201: batchDetail } },
  }, async (request, reply) => {
    const r = await service.createBatch(contextOf(request), request.body, request.headers['idempotency-key']);
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(r.body);
  });

  app.get('/api/batches', {
    schema: {
      tags, summary: 'Production batches in your scope',
      querystring: listQuery.extend({
        productDi: z.string().max(60).optional(), lot: z.string().max(40).optional(), organizationId: z.coerce.number().int().positive().optional(),
        from: date.optional(), to: date.optional(), region: region.optional(), release: z.enum(['released', 'rejected', 'pending']).optional(),
      }),
      response: { 200: z.object({ items: z.array(batch), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const r = await service.listBatches(contextOf(request), {
      ...(q.productDi && { productDi: q.productDi }), ...(q.lot && { lot: q.lot }), ...(q.organizationId && { organizationId: q.organizationId }),
      ...(q.from && { from: q.from }), ...(q.to && { to: q.to }), ...(q.region && { regionPrefix: jurisdictionPrefix(q.region) }), ...(q.release && { released: q.release }),
    }, pageOf(q), sortOf(q.sort, BATCH_SORTS, 'b.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'batches', r.items, [
        { header: 'id', value: (x) => x.id }, { header: '生产企业 manufacturer', value: (x) => x.organizationName }, { header: '产品 product', value: (x) => x.productName },
        { header: '产品标识 DI', value: (x) => x.productDi }, { header: '批号 lot', value: (x) => x.lot }, { header: '数量 quantity', value: (x) => x.quantity },
        { header: '生产日期 production date', value: (x) => x.productionDate }, { header: '失效日期 expiry date', value: (x) => x.expiryDate },
        { header: '工艺 process', value: (x) => `${x.processRoute} ${x.processVersion}` }, { header: '放行 release', value: (x) => x.releaseDecision },
      ]);
    }
    return r;
  });

  app.get('/api/batches/:id', {
    schema: { tags, summary: 'One batch with materials, suppliers, environment, release and flags', params: idParam, response: { 200: batchDetail } },
  }, async (request) => service.getBatch(contextOf(request), request.params.id));

  app.post('/api/release-reports', {
    schema: { tags, summary: 'Record a release inspection report and decision (manufacturer); pass / fail is computed from the limits', headers: idempotencyKeyHeaders, body: releaseReportInputSchema, response: { 201: release } },
  }, async (request, reply) => {
    const r = await service.createRelease(contextOf(request), request.body, request.headers['idempotency-key']);
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(r.body);
  });

  app.get('/api/release-reports', {
    schema: {
      tags, summary: 'Release reports in your scope',
      querystring: listQuery.extend({
        batchId: z.coerce.number().int().positive().optional(), decision: z.enum(RELEASE_DECISIONS).optional(), failed: z.enum(['true', 'false']).optional(),
        productDi: z.string().max(60).optional(), region: region.optional(),
      }),
      response: { 200: z.object({ items: z.array(release), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const r = await service.listReleases(contextOf(request), {
      ...(q.batchId && { batchId: q.batchId }), ...(q.decision && { decision: q.decision }), ...(q.failed && { failed: q.failed === 'true' }),
      ...(q.productDi && { productDi: q.productDi }), ...(q.region && { regionPrefix: jurisdictionPrefix(q.region) }),
    }, pageOf(q), sortOf(q.sort, RELEASE_SORTS, 'r.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'release-reports', r.items, [
        { header: 'id', value: (x) => x.id }, { header: '生产企业 manufacturer', value: (x) => x.organizationName }, { header: '产品标识 DI', value: (x) => x.productDi },
        { header: '批号 lot', value: (x) => x.lot }, { header: '检验员 inspector', value: (x) => x.inspector }, { header: '决定 decision', value: (x) => x.decision },
        { header: '决定时间 decided at', value: (x) => x.decidedAt }, { header: '不合格项 failed items', value: (x) => x.failedCount },
      ]);
    }
    return r;
  });

  app.get('/api/release-reports/:id', {
    schema: { tags, summary: 'One release report', params: idParam, response: { 200: release } },
  }, async (request) => service.getRelease(contextOf(request), request.params.id));

  app.get('/api/quality-flags', {
    schema: {
      tags, summary: 'Quality flags raised by the production rules, newest first (sort=detectedAt for oldest first)',
      querystring: listQuery.extend({
        rule: z.enum(QUALITY_FLAG_RULES).optional(), subjectType: z.enum(['batch', 'material_lot', 'lot']).optional(), organizationId: z.coerce.number().int().positive().optional(),
        batchId: z.coerce.number().int().positive().optional(), region: region.optional(), from: date.optional(), to: date.optional(),
      }),
      response: { 200: z.object({ items: z.array(flag), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const r = await service.listFlags(contextOf(request), {
      ...(q.rule && { rule: q.rule }), ...(q.subjectType && { subjectType: q.subjectType }), ...(q.organizationId && { organizationId: q.organizationId }),
      ...(q.batchId && { batchId: q.batchId }), ...(q.region && { regionPrefix: jurisdictionPrefix(q.region) }), ...(q.from && { from: q.from }), ...(q.to && { to: q.to }),
    }, pageOf(q), q.sort === 'detectedAt' ? 'asc' : 'desc');
    if (q.format === 'csv') {
      return sendCsv(reply, 'quality-flags', r.items, [
        { header: 'id', value: (x) => x.id }, { header: '规则 rule', value: (x) => x.rule }, { header: '对象类型 subject type', value: (x) => x.subjectType },
        { header: '对象 subject', value: (x) => x.subjectKey }, { header: '企业 organization', value: (x) => x.organizationId }, { header: '行政区划 region', value: (x) => x.regionCode },
        { header: '发现时间 detected at', value: (x) => x.detectedAt }, { header: '证据 params', value: (x) => x.params },
      ]);
    }
    return r;
  });
};
