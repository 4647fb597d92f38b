import { DISTRIBUTION_DOCUMENT_KINDS, distributionDocumentInputSchema, receivingAcceptanceInputSchema } from '@lianjian/core/records/distribution';
import { RECEIPT_CONDITIONS } from '@lianjian/core/records/submissions';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf, sortOf } from '../../http/list-query.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import type { AcceptanceSort, DocumentSort } from './distribution-documents.repository.ts';
import { DistributionDocumentsService } from './distribution-documents.service.ts';
import { ReceivingAcceptancesService } from './receiving-acceptances.service.ts';

const date = z.iso.date();
const line = z.object({ lineNo: z.number(), productDi: z.string(), lot: z.string().nullable(), serial: z.string().nullable(), quantity: z.number() });
const document = z.object({
  id: z.number(), kind: z.enum(DISTRIBUTION_DOCUMENT_KINDS), number: z.string(), organizationId: z.number().describe('Who recorded it'),
  supplierOrganizationId: z.number(), supplierName: z.string(), supplierRegionCode: z.string(),
  buyerOrganizationId: z.number(), buyerName: z.string(), buyerRegionCode: z.string(),
  documentDate: z.string(), deliveryDate: z.string().nullable(), contractId: z.number().nullable(),
  shippingEventId: z.number().nullable(), receivingEventId: z.number().nullable(),
  eventLink: z.enum(['given', 'document_number', 'none']).describe('given: by id; document_number: the events cite the number in bizTransactionList'),
  note: z.string().nullable(), lines: z.array(line), createdAt: z.string(),
});
const discrepancy = z.object({ productDi: z.string(), lot: z.string().nullable(), serial: z.string().nullable(), expected: z.number(), checked: z.number(), difference: z.number() });
const acceptance = z.object({
  id: z.number(), organizationId: z.number(), organizationName: z.string(), regionCode: z.string(), deliveryNoteId: z.number().nullable(),
  deliveryNoteNumber: z.string().nullable(), receivingEventId: z.number().nullable(), receivedAt: z.string(), inspector: z.string(),
  condition: z.enum(RECEIPT_CONDITIONS), temperatureC: z.number().nullable(), accepted: z.boolean(), reason: z.string().nullable(),
  discrepancy: z.boolean().describe('The count differs from the delivery note'),
  lines: z.array(z.object({ lineNo: z.number(), productDi: z.string(), lot: z.string().nullable(), serial: z.string().nullable(), expectedQuantity: z.number().nullable(), checkedQuantity: z.number() })),
  discrepancies: z.array(discrepancy), createdAt: z.string(),
});
const DOCUMENT_SORTS: Record<string, DocumentSort> = { id: 'd.id', documentDate: 'd.document_date', number: 'd.number' };
const ACCEPTANCE_SORTS: Record<string, AcceptanceSort> = { id: 'a.id', receivedAt: 'a.received_at' };
const idParam = z.object({ id: z.coerce.number().int() });
const bool = z.enum(['true', 'false']).optional();

export const distributionDocumentsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const documents = new DistributionDocumentsService(deps);
  const acceptances = new ReceivingAcceptancesService(deps);

  app.post('/api/distribution-documents', {
    schema: {
      tags: ['distribution documents'], summary: 'Record a purchase contract or delivery note (supplier or buyer)',
      description: 'A delivery note links to its EPCIS shipping and receiving events, by id or by the document number the events cite. Send an Idempotency-Key to retry safely.',
      headers: idempotencyKeyHeaders, body: distributionDocumentInputSchema, response: { 201: document },
    },
  }, async (request, reply) => {
    const result = await documents.create(contextOf(request), request.body, request.headers['idempotency-key']);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(result.body);
  });

  app.get('/api/distribution-documents', {
    schema: {
      tags: ['distribution documents'], summary: 'Purchase contracts and delivery notes in your scope',
      querystring: listQuery.extend({
        kind: z.enum(DISTRIBUTION_DOCUMENT_KINDS).optional(), number: z.string().max(80).optional(), organizationId: z.coerce.number().int().optional(),
        productDi: z.string().max(60).optional(), lot: z.string().max(40).optional(), from: date.optional(), to: date.optional(),
      }),
      response: { 200: z.object({ items: z.array(document), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await documents.list(contextOf(request), {
      ...(q.kind && { kind: q.kind }), ...(q.number && { number: q.number }), ...(q.organizationId !== undefined && { organizationId: q.organizationId }),
      ...(q.productDi && { productDi: q.productDi }), ...(q.lot && { lot: q.lot }), ...(q.from && { from: q.from }), ...(q.to && { to: q.to }),
    }, pageOf(q), sortOf(q.sort, DOCUMENT_SORTS, 'd.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'distribution-documents', result.items, [
        { header: 'id', value: (d) => d.id }, { header: '单据类型 kind', value: (d) => d.kind }, { header: '单据编号 number', value: (d) => d.number },
        { header: '供货单位 supplier', value: (d) => d.supplierName }, { header: '购货单位 buyer', value: (d) => d.buyerName },
        { header: '单据日期 document date', value: (d) => d.documentDate }, { header: '交货日期 delivery date', value: (d) => d.deliveryDate },
        { header: '明细 lines', value: (d) => d.lines.map((l) => `${l.productDi}/${l.lot ?? l.serial ?? ''}×${l.quantity}`) },
        { header: '发货事件 shipping event', value: (d) => d.shippingEventId }, { header: '收货事件 receiving event', value: (d) => d.receivingEventId },
      ]);
    }
    return result;
  });

  app.get('/api/distribution-documents/:id', {
    schema: { tags: ['distribution documents'], summary: 'One document with its lines and acceptances', params: idParam, response: { 200: document.extend({ acceptanceIds: z.array(z.number()) }) } },
  }, async (request) => documents.get(contextOf(request), request.params.id));

  app.post('/api/receiving-acceptances', {
    schema: {
      tags: ['distribution documents'], summary: 'Record the receiving acceptance of a delivery (distributor or institution)',
      description: 'Counted quantities are compared with the delivery note; differences are kept as discrepancies. Send an Idempotency-Key to retry safely.',
      headers: idempotencyKeyHeaders, body: receivingAcceptanceInputSchema, response: { 201: acceptance },
    },
  }, async (request, reply) => {
    const result = await acceptances.create(contextOf(request), request.body, request.headers['idempotency-key']);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(result.body);
  });

  app.get('/api/receiving-acceptances', {
    schema: {
      tags: ['distribution documents'], summary: 'Receiving acceptances in your scope',
      querystring: listQuery.extend({
        deliveryNoteId: z.coerce.number().int().optional(), discrepancy: bool, accepted: bool, organizationId: z.coerce.number().int().optional(),
        from: date.optional(), to: date.optional(),
      }),
      response: { 200: z.object({ items: z.array(acceptance), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await acceptances.list(contextOf(request), {
      ...(q.deliveryNoteId !== undefined && { deliveryNoteId: q.deliveryNoteId }), ...(q.discrepancy && { discrepancy: q.discrepancy === 'true' }),
      ...(q.accepted && { accepted: q.accepted === 'true' }), ...(q.organizationId !== undefined && { organizationId: q.organizationId }),
      ...(q.from && { from: q.from }), ...(q.to && { to: q.to }),
    }, pageOf(q), sortOf(q.sort, ACCEPTANCE_SORTS, 'a.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'receiving-acceptances', result.items, [
        { header: 'id', value: (a) => a.id }, { header: '收货单位 receiver', value: (a) => a.organizationName }, { header: '送货单 delivery note', value: (a) => a.deliveryNoteNumber },
        { header: '收货时间 received at', value: (a) => a.receivedAt }, { header: '验收人 inspector', value: (a) => a.inspector }, { header: '货物状况 condition', value: (a) => a.condition },
        { header: '到货温度 °C', value: (a) => a.temperatureC }, { header: '验收结论 accepted', value: (a) => a.accepted }, { header: '原因 reason', value: (a) => a.reason },
        { header: '数量差异 discrepancy', value: (a) => a.discrepancies.map((d) => `${d.productDi}/${d.lot ?? d.serial ?? ''} ${d.difference > 0 ? '+' : ''}${d.difference}`) },
      ]);
    }
    return result;
  });

  app.get('/api/receiving-acceptances/:id', {
    schema: { tags: ['distribution documents'], summary: 'One receiving acceptance', params: idParam, response: { 200: acceptance } },
  }, async (request) => acceptances.get(contextOf(request), request.params.id));
};
