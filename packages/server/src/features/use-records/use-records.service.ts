import { formatShanghaiInstant, shanghaiDate, type Issue } from '@lianjian/core';
import { maskIdNumber, maskName } from '@lianjian/core/records/adverse-event';
import {
  normaliseOperator, recordDevice, trainingFor, type ClinicalUseInput, type DeviceManagementFacts, type DisposalInput, type MaintenanceInput, type TrainingInput,
} from '@lianjian/core/records/use-records';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom, type AuditWho } from '../audit/audit.service.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import { piiCipherOf } from '../privacy/pii-cipher-of.ts';
import { patientIdentitiesRepository } from '../patients/patient-identities.repository.ts';
import { knownLotsRepository } from '../production/known-lots.repository.ts';
import { recordEventsRepository } from './record-events.repository.ts';
import {
  useRecordsRepository as repo, type DisposalRow, type DisposalSort, type MaintenanceRow, type MaintenanceSort, type ProductRef, type RecordFilter,
  type TrainingRow, type TrainingSort, type UseRow, type UseSort,
} from './use-records.repository.ts';

/**
 * Who records: the institution, and how the audit log names the writer. The API builds it from the
 * request; the demo loader records as `system` for each demo hospital.
 */
export interface Recorder {
  organizationId: number;
  regionCode: string;
  who: AuditWho;
  createdByType: 'user' | 'token' | 'system';
  createdBy: number | null;
  /** Today in Shanghai, to refuse dates in the future; null: not checked (the demo's reference date may lie ahead). */
  today: string | null;
}

type Sorted<C> = { column: C; direction: 'asc' | 'desc' };
const at = (d: Date) => formatShanghaiInstant(d);

export const useView = (u: UseRow) => {
  const { patientKey, patientNameMasked, patientIdNumberMasked, createdAt, ...rest } = u;
  return { ...rest, patient: patientKey === null ? null : { key: patientKey, nameMasked: patientNameMasked, idNumberMasked: patientIdNumberMasked }, createdAt: at(createdAt) };
};
export const maintenanceView = (m: MaintenanceRow) => ({ ...m, downtimeHours: Number(m.downtimeHours), createdAt: at(m.createdAt) });
export const trainingView = (t: TrainingRow) => ({ ...t, createdAt: at(t.createdAt) });
export const disposalView = (x: DisposalRow) => ({ ...x, createdAt: at(x.createdAt) });

/**
 * Use records of medical institutions: clinical use, operator training, maintenance and repair,
 * disposal, and the device-management facts. Whether a use's operator is trained is derived here
 * from the institution's training records; a use or disposal that is also an EPCIS event is linked
 * to it (given, or found by the unit / lot on the day), never captured a second time. Patients'
 * identities go to `patient_identities` encrypted (SM4) and come back masked only.
 */
export class UseRecordsService {
  readonly #deps: AppDeps;

  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /** The recorder of an institution user's request (403 for anyone else). */
  async #recorder(db: Kysely<DB>, ctx: RequestContext): Promise<Recorder> {
    requirePermission(ctx.actor, 'use_records.write');
    const organizationId = ctx.actor.organizationId;
    if (organizationId === null || ctx.actor.organizationType !== 'institution') throw new AppError(403, 'use_record.institution_only', { type: ctx.actor.organizationType ?? ctx.actor.role });
    const org = await repo.organization(db, organizationId);
    if (!org) throw notFound('organization', organizationId);
    return { organizationId, regionCode: org.regionCode, who: whoFrom(ctx), createdByType: ctx.actor.type, createdBy: ctx.actor.id, today: shanghaiDate(new Date()) };
  }

  /** Runs one API write: recorder, transaction, idempotency key. */
  async #write<T>(ctx: RequestContext, route: string, input: unknown, key: string | undefined, run: (trx: Kysely<DB>, r: Recorder) => Promise<T>): Promise<IdempotentResult<T>> {
    return withTransaction(this.#deps.db, async (trx) => {
      const recorder = await this.#recorder(trx, ctx);
      return idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: ctx.actor.id }, key, route, request: input }, async () => ({ status: 201, body: await run(trx, recorder) }));
    });
  }

  async #product(db: Kysely<DB>, di: string, field: string, code: string, issues: Issue[]): Promise<ProductRef | undefined> {
    const p = await repo.product(db, di);
    if (!p) issues.push({ code, path: [field], params: { di } });
    return p;
  }

  #future(r: Recorder, field: string, date: string, issues: Issue[]): void {
    if (r.today !== null && date > r.today) issues.push({ code: 'use_record.date_future', path: [field], params: { date, today: r.today } });
  }

  createUse(ctx: RequestContext, input: ClinicalUseInput, key?: string) {
    return this.#write(ctx, 'POST /api/use-records/uses', input, key, (trx, r) => this.recordUseIn(trx, r, input));
  }

  /** Records a clinical use inside the caller's transaction. */
  async recordUseIn(trx: Kysely<DB>, r: Recorder, input: ClinicalUseInput) {
    const issues: Issue[] = [];
    const device = recordDevice(input);
    const product = await this.#product(trx, device.di, device.field, 'use_record.unknown_di', issues);
    this.#future(r, 'usedOn', input.usedOn, issues);
    const knownIdentityId = input.patientKey === undefined ? undefined : await repo.identityIdOf(trx, input.patientKey);
    if (input.patientKey !== undefined && knownIdentityId === undefined) issues.push({ code: 'use_record.patient_key_unknown', path: ['patientKey'], params: { patientKey: input.patientKey } });
    let eventId = input.eventId ?? null;
    if (input.eventId !== undefined && product) {
      const e = await recordEventsRepository.findById(trx, input.eventId);
      if (!e || e.bizStep !== 'dispensing' || !e.involvedOrgIds.includes(r.organizationId)) issues.push({ code: 'use_record.event_not_found', path: ['eventId'], params: { eventId: input.eventId, expected: 'dispensing' } });
      else if (!(await recordEventsRepository.eventConcerns(trx, input.eventId, { di: product.di, lot: device.lot, serial: device.serial }))) issues.push({ code: 'use_record.event_other_device', path: ['eventId'], params: { eventId: input.eventId, di: product.di } });
    }
    // A clinical use happens at an institution that received the device, so its lot must be on the
    // platform (produced or named by a traceability event); an unknown lot is a typing error, or a
    // device that bypassed the traceable chain, and is refused rather than recorded.
    if (product && device.lot !== null && !(await knownLotsRepository.exists(trx, [product.di], device.lot))) {
      issues.push({ code: 'use_record.lot_unknown', path: [device.field === 'udi' ? 'udi' : 'lot'], params: { di: product.di, lot: device.lot } });
    }
    if (issues.length || !product) throw invalid(issues);
    // The EPCIS use of the same unit or lot that day, if the institution also captured one: link it.
    eventId ??= (await recordEventsRepository.findForDevice(trx, { organizationId: r.organizationId, bizStep: 'dispensing', di: product.di, lot: device.lot, serial: device.serial, on: input.usedOn })) ?? null;

    const operatorId = input.operatorId ?? null;
    const candidates = await repo.trainingsOf(trx, r.organizationId, { key: normaliseOperator(input.operator), id: operatorId });
    const training = trainingFor(candidates, { operator: input.operator, operatorId, productDi: product.di, deviceKind: product.deviceKind, usedOn: input.usedOn });
    let patientKey = input.patientKey ?? null;
    let patientIdentityId = knownIdentityId ?? null;
    if (input.patient) {
      const pii = piiCipherOf(this.#deps);
      patientKey = pii.patientKey(input.patient);
      patientIdentityId = await patientIdentitiesRepository.insert(trx, {
        patientKey, nameCiphertext: pii.encrypt(input.patient.name), idNumberCiphertext: input.patient.idNumber ? pii.encrypt(input.patient.idNumber) : null,
        birthDateCiphertext: input.patient.birthDate ? pii.encrypt(input.patient.birthDate) : null, nameMasked: maskName(input.patient.name),
        idNumberMasked: input.patient.idNumber ? maskIdNumber(input.patient.idNumber) : null,
      });
    }
    const id = await repo.insertUse(trx, {
      organizationId: r.organizationId, regionCode: r.regionCode, productDi: product.di, productId: product.productId, deviceKind: product.deviceKind,
      lot: device.lot, serial: device.serial, udiRaw: device.udiRaw, department: input.department, procedure: input.procedure ?? null, usedOn: input.usedOn,
      operator: input.operator, operatorId, operatorTrained: training !== undefined, trainingId: training?.id ?? null, patientKey, patientIdentityId, epcisEventId: eventId,
      createdByType: r.createdByType, createdBy: r.createdBy,
    });
    await this.#deps.audit.record(trx, r.who, {
      action: 'clinical_use.create', objectType: 'clinical_use', objectId: id,
      details: { productDi: product.di, lot: device.lot, serial: device.serial, usedOn: input.usedOn, operatorTrained: training !== undefined, trainingId: training?.id ?? null, epcisEventId: eventId },
    });
    return useView((await repo.findUse(trx, id, { kind: 'all' })) as UseRow);
  }

  createTraining(ctx: RequestContext, input: TrainingInput, key?: string) {
    return this.#write(ctx, 'POST /api/use-records/trainings', input, key, (trx, r) => this.recordTrainingIn(trx, r, input));
  }

  async recordTrainingIn(trx: Kysely<DB>, r: Recorder, input: TrainingInput) {
    const issues: Issue[] = [];
    let productDi: string | null = null;
    if (input.productDi !== undefined) productDi = (await this.#product(trx, input.productDi, 'productDi', 'training.unknown_di', issues))?.di ?? null;
    if (input.deviceKind !== undefined && !(await repo.deviceKindExists(trx, input.deviceKind))) issues.push({ code: 'training.unknown_device_kind', path: ['deviceKind'], params: { deviceKind: input.deviceKind } });
    this.#future(r, 'trainedOn', input.trainedOn, issues);
    if (issues.length) throw invalid(issues);
    const id = await repo.insertTraining(trx, {
      organizationId: r.organizationId, regionCode: r.regionCode, operator: input.operator, operatorKey: normaliseOperator(input.operator), operatorId: input.operatorId ?? null, deviceKind: input.deviceKind ?? null,
      productDi, trainedOn: input.trainedOn, trainer: input.trainer, validUntil: input.validUntil, certificateNo: input.certificateNo ?? null,
      createdByType: r.createdByType, createdBy: r.createdBy,
    });
    await this.#deps.audit.record(trx, r.who, { action: 'operator_training.create', objectType: 'operator_training', objectId: id, details: { operator: input.operator, deviceKind: input.deviceKind ?? null, productDi, validUntil: input.validUntil } });
    return trainingView((await repo.findTraining(trx, id, { kind: 'all' })) as TrainingRow);
  }

  createMaintenance(ctx: RequestContext, input: MaintenanceInput, key?: string) {
    return this.#write(ctx, 'POST /api/use-records/maintenance', input, key, (trx, r) => this.recordMaintenanceIn(trx, r, input));
  }

  async recordMaintenanceIn(trx: Kysely<DB>, r: Recorder, input: MaintenanceInput) {
    const issues: Issue[] = [];
    const device = recordDevice(input);
    const product = await this.#product(trx, device.di, device.field, 'use_record.unknown_di', issues);
    this.#future(r, 'startedOn', input.startedOn, issues);
    if (issues.length || !product || device.serial === null) throw invalid(issues);
    const id = await repo.insertMaintenance(trx, {
      organizationId: r.organizationId, regionCode: r.regionCode, productDi: product.di, productId: product.productId, lot: device.lot, serial: device.serial,
      udiRaw: device.udiRaw, fault: input.fault ?? null, startedOn: input.startedOn, completedOn: input.completedOn ?? null, downtimeHours: input.downtimeHours,
      parts: input.parts, result: input.result, technician: input.technician, createdByType: r.createdByType, createdBy: r.createdBy,
    });
    await this.#deps.audit.record(trx, r.who, {
      action: 'maintenance_record.create', objectType: 'maintenance_record', objectId: id,
      details: { productDi: product.di, serial: device.serial, failure: input.fault !== undefined, result: input.result, downtimeHours: input.downtimeHours },
    });
    return maintenanceView((await repo.findMaintenance(trx, id, { kind: 'all' })) as MaintenanceRow);
  }

  createDisposal(ctx: RequestContext, input: DisposalInput, key?: string) {
    return this.#write(ctx, 'POST /api/use-records/disposals', input, key, (trx, r) => this.recordDisposalIn(trx, r, input));
  }

  async recordDisposalIn(trx: Kysely<DB>, r: Recorder, input: DisposalInput) {
    const issues: Issue[] = [];
    const device = recordDevice(input);
    const product = await this.#product(trx, device.di, device.field, 'use_record.unknown_di', issues);
    this.#future(r, 'disposedOn', input.disposedOn, issues);
    if (input.eventId !== undefined) {
      const e = await recordEventsRepository.findById(trx, input.eventId);
      if (!e || e.bizStep !== 'destroying' || !e.involvedOrgIds.includes(r.organizationId)) issues.push({ code: 'use_record.event_not_found', path: ['eventId'], params: { eventId: input.eventId, expected: 'destroying' } });
    }
    if (issues.length || !product) throw invalid(issues);
    const eventId = input.eventId ?? (await recordEventsRepository.findForDevice(trx, { organizationId: r.organizationId, bizStep: 'destroying', di: product.di, lot: device.lot, serial: device.serial, on: input.disposedOn })) ?? null;
    const id = await repo.insertDisposal(trx, {
      organizationId: r.organizationId, regionCode: r.regionCode, productDi: product.di, productId: product.productId, lot: device.lot, serial: device.serial,
      udiRaw: device.udiRaw, quantity: input.quantity, disposedOn: input.disposedOn, method: input.method, reason: input.reason, epcisEventId: eventId,
      createdByType: r.createdByType, createdBy: r.createdBy,
    });
    await this.#deps.audit.record(trx, r.who, { action: 'device_disposal.create', objectType: 'device_disposal', objectId: id, details: { productDi: product.di, lot: device.lot, serial: device.serial, quantity: input.quantity, method: input.method, epcisEventId: eventId } });
    return disposalView((await repo.findDisposal(trx, id, { kind: 'all' })) as DisposalRow);
  }

  async stateFacts(ctx: RequestContext, input: DeviceManagementFacts) {
    return withTransaction(this.#deps.db, async (trx) => this.stateFactsIn(trx, await this.#recorder(trx, ctx), input));
  }

  /** A new statement of the institution's device-management facts; the newest one is current. */
  async stateFactsIn(trx: Kysely<DB>, r: Recorder, input: DeviceManagementFacts) {
    const id = await repo.insertFacts(trx, {
      organizationId: r.organizationId, regionCode: r.regionCode, managementSystem: input.managementSystem, systemDocument: input.systemDocument ?? null,
      responsiblePerson: input.responsiblePerson, responsiblePhone: input.responsiblePhone ?? null, createdByType: r.createdByType, createdBy: r.createdBy,
    });
    await this.#deps.audit.record(trx, r.who, { action: 'device_facts.state', objectType: 'organization', objectId: r.organizationId, details: { factsId: id, managementSystem: input.managementSystem, responsiblePerson: input.responsiblePerson } });
    const facts = await repo.latestFacts(trx, r.organizationId);
    return facts && { ...facts, updatedAt: at(facts.updatedAt) };
  }

  async listUses(ctx: RequestContext, f: RecordFilter, page: Page, sort: Sorted<UseSort>) {
    requirePermission(ctx.actor, 'use_records.read');
    const r = await repo.listUses(this.#deps.db, businessScope(ctx.actor), f, page, sort);
    return { total: r.total, items: r.items.map(useView) };
  }

  async getUse(ctx: RequestContext, id: number) {
    requirePermission(ctx.actor, 'use_records.read');
    const u = await repo.findUse(this.#deps.db, id, businessScope(ctx.actor));
    if (!u) throw notFound('clinical_use', id);
    return useView(u);
  }

  async listMaintenance(ctx: RequestContext, f: RecordFilter, page: Page, sort: Sorted<MaintenanceSort>) {
    requirePermission(ctx.actor, 'use_records.read');
    const r = await repo.listMaintenance(this.#deps.db, businessScope(ctx.actor), f, page, sort);
    return { total: r.total, items: r.items.map(maintenanceView) };
  }

  async listTrainings(ctx: RequestContext, f: RecordFilter, page: Page, sort: Sorted<TrainingSort>) {
    requirePermission(ctx.actor, 'use_records.read');
    const r = await repo.listTrainings(this.#deps.db, businessScope(ctx.actor), f, page, sort);
    return { total: r.total, items: r.items.map(trainingView) };
  }

  async listDisposals(ctx: RequestContext, f: RecordFilter, page: Page, sort: Sorted<DisposalSort>) {
    requirePermission(ctx.actor, 'use_records.read');
    const r = await repo.listDisposals(this.#deps.db, businessScope(ctx.actor), f, page, sort);
    return { total: r.total, items: r.items.map(disposalView) };
  }
}
