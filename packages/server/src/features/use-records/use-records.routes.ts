import {
  DISPOSAL_METHODS, MAINTENANCE_RESULTS, clinicalUseInputSchema, deviceManagementFactsSchema, disposalInputSchema, maintenanceInputSchema, trainingInputSchema,
} from '@lianjian/core/records/use-records';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf, sortOf } from '../../http/list-query.ts';
import { distributionDocumentsRoutes } from '../distribution-documents/distribution-documents.routes.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import { privacyRoutes } from '../privacy/privacy.routes.ts';
import { InstitutionAssessmentService } from './institution-assessment.service.ts';
import type { DisposalSort, MaintenanceSort, RecordFilter, TrainingSort, UseSort } from './use-records.repository.ts';
import { UseRecordsService } from './use-records.service.ts';

const date = z.iso.date();
const idParam = z.object({ id: z.coerce.number().int() });
const n = z.number();
const s = z.string();
const ns = z.string().nullable();

const use = z.object({
  id: n, organizationId: n, organizationName: s, regionCode: s, productDi: s, productName: s, model: s, deviceKind: s, lot: ns, serial: ns, udiRaw: ns,
  department: s, procedure: ns, usedOn: s, operator: s, operatorId: ns.describe("The operator's staff number (工号), when given"),
  operatorTrained: z.boolean().describe('Derived from the institution\'s training records on the day of use, never taken from input'),
  trainingId: n.nullable(),
  patient: z.object({ key: s, nameMasked: ns, idNumberMasked: ns }).nullable().describe('Pseudonymous key and masked identity; unmasked only via GET /api/patients/{key}/identity with a grant'),
  epcisEventId: n.nullable().describe('The EPCIS use (dispensing) event this record describes, when there is one'), createdAt: s,
});
const training = z.object({
  id: n, organizationId: n, organizationName: s, operator: s, operatorId: ns, deviceKind: ns, productDi: ns, trainedOn: s, trainer: s, validUntil: s, certificateNo: ns, createdAt: s,
});
const maintenance = z.object({
  id: n, organizationId: n, organizationName: s, regionCode: s, productDi: s, productName: s, model: s, lot: ns, serial: s, udiRaw: ns, fault: ns,
  failure: z.boolean().describe('A fault was found'), startedOn: s, completedOn: ns, downtimeHours: n, parts: z.array(s), result: z.enum(MAINTENANCE_RESULTS), technician: s, createdAt: s,
});
const disposal = z.object({
  id: n, organizationId: n, organizationName: s, regionCode: s, productDi: s, productName: s, lot: ns, serial: ns, udiRaw: ns, quantity: n, disposedOn: s,
  method: z.enum(DISPOSAL_METHODS), reason: s, epcisEventId: n.nullable(), createdAt: s,
});
const facts = z.object({ id: n, organizationId: n, managementSystem: z.boolean(), systemDocument: ns, responsiblePerson: s, responsiblePhone: ns, updatedAt: s });
const share = n.nullable();
const assessment = z.object({
  organizationId: n, organizationName: s, regionCode: s, from: ns, to: ns,
  training: z.object({ uses: n, usesByTrained: n, coverage: share.describe('Share of uses by trained operators (0–1), null without uses') }),
  maintenance: z.object({ records: n, failures: n, downtimeHours: n, meanDowntimeHours: share, scrapped: n }),
  reporting: z.object({ total: n, late: n, onTime: n, timeliness: share.describe('Share of initial adverse-event reports on time') }),
  trainingByProduct: z.array(z.object({ productDi: s, productName: s, model: s, uses: n, usesByTrained: n, coverage: share })),
  facts: z.object({ managementSystem: z.boolean(), systemDocument: ns, responsiblePerson: s, responsiblePhone: ns, updatedAt: s }).nullable(),
});

const filters = listQuery.extend({
  organizationId: z.coerce.number().int().optional(), productDi: z.string().max(60).optional(), lot: z.string().max(40).optional(), serial: z.string().max(40).optional(),
  from: date.optional(), to: date.optional(),
});
const boolParam = z.enum(['true', 'false']).optional();
function filterOf(q: z.infer<typeof filters> & { department?: string | undefined; operator?: string | undefined; patientKey?: string | undefined }, flag?: 'true' | 'false'): RecordFilter {
  return {
    ...(q.organizationId !== undefined && { organizationId: q.organizationId }), ...(q.productDi && { productDi: q.productDi }), ...(q.lot && { lot: q.lot }),
    ...(q.serial && { serial: q.serial }), ...(q.from && { from: q.from }), ...(q.to && { to: q.to }), ...(flag && { flag: flag === 'true' }),
    ...(q.department && { department: q.department }), ...(q.operator && { operator: q.operator }), ...(q.patientKey && { patientKey: q.patientKey }),
  };
}

const USE_SORTS: Record<string, UseSort> = { id: 'u.id', usedOn: 'u.used_on' };
const MAINTENANCE_SORTS: Record<string, MaintenanceSort> = { id: 'm.id', startedOn: 'm.started_on', downtimeHours: 'm.downtime_hours' };
const TRAINING_SORTS: Record<string, TrainingSort> = { id: 't.id', trainedOn: 't.trained_on', validUntil: 't.valid_until' };
const DISPOSAL_SORTS: Record<string, DisposalSort> = { id: 'x.id', disposedOn: 'x.disposed_on' };

/** Use records of medical institutions; also registers distribution documents and the privacy grants (one entry in app.ts). */
export const useRecordsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  await app.register(distributionDocumentsRoutes(deps));
  await app.register(privacyRoutes(deps));
  const service = new UseRecordsService(deps);
  const assessments = new InstitutionAssessmentService(deps);
  const tags = ['use records'];

  app.post('/api/use-records/uses', {
    schema: {
      tags, summary: 'Record a clinical use (institution)', headers: idempotencyKeyHeaders, body: clinicalUseInputSchema, response: { 201: use },
      description: 'The device by its UDI in any label form, or by DI with lot / serial. Whether the operator is trained is derived from training records. The patient\'s identity is stored encrypted (SM4) and shown masked.',
    },
  }, async (request, reply) => {
    const r = await service.createUse(contextOf(request), request.body, request.headers['idempotency-key']);
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(r.body);
  });

  app.get('/api/use-records/uses', {
    schema: {
      tags, summary: 'Clinical uses in your scope',
      querystring: filters.extend({ trained: boolParam, department: z.string().max(100).optional(), operator: z.string().max(50).optional(), patientKey: z.string().max(40).optional() }),
      response: { 200: z.object({ items: z.array(use), total: n }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await service.listUses(contextOf(request), filterOf(q, q.trained), pageOf(q), sortOf(q.sort, USE_SORTS, 'u.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'clinical-uses', result.items, [
        { header: 'id', value: (u) => u.id }, { header: '医疗机构 institution', value: (u) => u.organizationName }, { header: '产品标识 DI', value: (u) => u.productDi },
        { header: '产品 product', value: (u) => u.productName }, { header: '型号 model', value: (u) => u.model }, { header: '批号 lot', value: (u) => u.lot },
        { header: '序列号 serial', value: (u) => u.serial }, { header: '科室 department', value: (u) => u.department }, { header: '术式 procedure', value: (u) => u.procedure },
        { header: '使用日期 used on', value: (u) => u.usedOn }, { header: '操作者 operator', value: (u) => u.operator }, { header: '工号 operator id', value: (u) => u.operatorId ?? '' }, { header: '已培训 trained', value: (u) => u.operatorTrained },
        { header: '患者 patient', value: (u) => u.patient?.nameMasked ?? null }, { header: 'EPCIS 事件 event', value: (u) => u.epcisEventId },
      ]);
    }
    return result;
  });

  app.get('/api/use-records/uses/:id', {
    schema: { tags, summary: 'One clinical use', params: idParam, response: { 200: use } },
  }, async (request) => service.getUse(contextOf(request), request.params.id));

  app.post('/api/use-records/trainings', {
    schema: { tags, summary: 'Record an operator training (institution)', headers: idempotencyKeyHeaders, body: trainingInputSchema, response: { 201: training } },
  }, async (request, reply) => {
    const r = await service.createTraining(contextOf(request), request.body, request.headers['idempotency-key']);
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(r.body);
  });

  app.get('/api/use-records/trainings', {
    schema: { tags, summary: 'Operator training records in your scope', querystring: filters.extend({ operator: z.string().max(50).optional() }), response: { 200: z.object({ items: z.array(training), total: n }) } },
  }, async (request, reply) => {
    const q = request.query;
    const result = await service.listTrainings(contextOf(request), filterOf(q), pageOf(q), sortOf(q.sort, TRAINING_SORTS, 't.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'operator-trainings', result.items, [
        { header: 'id', value: (t) => t.id }, { header: '医疗机构 institution', value: (t) => t.organizationName }, { header: '操作者 operator', value: (t) => t.operator }, { header: '工号 operator id', value: (t) => t.operatorId ?? '' },
        { header: '器械类别 device kind', value: (t) => t.deviceKind }, { header: '产品标识 DI', value: (t) => t.productDi }, { header: '培训日期 trained on', value: (t) => t.trainedOn },
        { header: '培训人 trainer', value: (t) => t.trainer }, { header: '有效期至 valid until', value: (t) => t.validUntil },
      ]);
    }
    return result;
  });

  app.post('/api/use-records/maintenance', {
    schema: { tags, summary: 'Record equipment maintenance or repair (institution)', headers: idempotencyKeyHeaders, body: maintenanceInputSchema, response: { 201: maintenance } },
  }, async (request, reply) => {
    const r = await service.createMaintenance(contextOf(request), request.body, request.headers['idempotency-key']);
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(r.body);
  });

  app.get('/api/use-records/maintenance', {
    schema: { tags, summary: 'Maintenance and repair records in your scope', querystring: filters.extend({ failure: boolParam }), response: { 200: z.object({ items: z.array(maintenance), total: n }) } },
  }, async (request, reply) => {
    const q = request.query;
    const result = await service.listMaintenance(contextOf(request), filterOf(q, q.failure), pageOf(q), sortOf(q.sort, MAINTENANCE_SORTS, 'm.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'maintenance-records', result.items, [
        { header: 'id', value: (m) => m.id }, { header: '医疗机构 institution', value: (m) => m.organizationName }, { header: '产品标识 DI', value: (m) => m.productDi },
        { header: '型号 model', value: (m) => m.model }, { header: '序列号 serial', value: (m) => m.serial }, { header: '故障 fault', value: (m) => m.fault },
        { header: '开始 started', value: (m) => m.startedOn }, { header: '完成 completed', value: (m) => m.completedOn }, { header: '停机小时 downtime h', value: (m) => m.downtimeHours },
        { header: '配件 parts', value: (m) => m.parts }, { header: '结果 result', value: (m) => m.result }, { header: '维修人 technician', value: (m) => m.technician },
      ]);
    }
    return result;
  });

  app.post('/api/use-records/disposals', {
    schema: { tags, summary: 'Record a disposal (institution)', headers: idempotencyKeyHeaders, body: disposalInputSchema, response: { 201: disposal } },
  }, async (request, reply) => {
    const r = await service.createDisposal(contextOf(request), request.body, request.headers['idempotency-key']);
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(r.body);
  });

  app.get('/api/use-records/disposals', {
    schema: { tags, summary: 'Disposal records in your scope', querystring: filters, response: { 200: z.object({ items: z.array(disposal), total: n }) } },
  }, async (request, reply) => {
    const q = request.query;
    const result = await service.listDisposals(contextOf(request), filterOf(q), pageOf(q), sortOf(q.sort, DISPOSAL_SORTS, 'x.id'));
    if (q.format === 'csv') {
      return sendCsv(reply, 'device-disposals', result.items, [
        { header: 'id', value: (x) => x.id }, { header: '医疗机构 institution', value: (x) => x.organizationName }, { header: '产品标识 DI', value: (x) => x.productDi },
        { header: '批号 lot', value: (x) => x.lot }, { header: '序列号 serial', value: (x) => x.serial }, { header: '数量 quantity', value: (x) => x.quantity },
        { header: '处置日期 disposed on', value: (x) => x.disposedOn }, { header: '方式 method', value: (x) => x.method }, { header: '原因 reason', value: (x) => x.reason },
      ]);
    }
    return result;
  });

  app.put('/api/use-records/device-facts', {
    schema: { tags, summary: "State your institution's device-management facts (a new statement; the newest is current)", body: deviceManagementFactsSchema, response: { 200: facts } },
  }, async (request) => service.stateFacts(contextOf(request), request.body));

  app.get('/api/institutions/:id/assessment', {
    schema: {
      tags, summary: "A medical institution's device-management assessment (regulators in jurisdiction, the institution itself)",
      params: idParam, querystring: z.object({ from: date.optional(), to: date.optional() }), response: { 200: assessment },
    },
  }, async (request) => assessments.assess(contextOf(request), request.params.id, { ...(request.query.from && { from: request.query.from }), ...(request.query.to && { to: request.query.to }) }));
};
