/**
 * Use records of medical institutions (issue 4, item 3): clinical use of a device, equipment
 * maintenance and repair, disposal, operator training, the institution's device-management facts,
 * and the figures of its device-management assessment. One zod schema per record for the browser's
 * forms and the server.
 *
 * What the record alone can tell is checked here, each rule with its own issue code (messages in
 * `locales/…/use-records.ts`); what needs reference data (the DI is registered, the event is yours,
 * whether the operator is trained) the server decides. Whether an operator is trained is never
 * taken from the input: it is derived from the institution's training records.
 */
import { z } from 'zod';
import { causeParams } from '../errors.ts';
import { parseUdi } from '../identifiers/parse-udi.ts';
import { toDayNumber } from '../rules/civil-date.ts';
import { isResidentId } from './adverse-event.ts';
import { PATIENT_KEY_PATTERN } from './submissions.ts';

export const MAINTENANCE_RESULTS = ['serviced', 'repaired', 'scrapped', 'sent_back'] as const;
export type MaintenanceResult = (typeof MAINTENANCE_RESULTS)[number];
export const DISPOSAL_METHODS = ['medical_waste', 'destroyed', 'returned_to_supplier', 'other'] as const;
export type DisposalMethod = (typeof DISPOSAL_METHODS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
/** The institution's stable staff number of an operator (工号); full-width forms are folded (NFKC). */
const operatorId = z.string().trim().normalize('NFKC').min(1).max(40);
/** Staff numbers are letters, digits and - _ . / so that "H001" and "H 001" cannot be two people. */
const OPERATOR_ID_PATTERN = /^[0-9A-Za-z][0-9A-Za-z\-_./]*$/;
const checkOperatorId = (ctx: Ctx, id: string | undefined) => {
  if (id !== undefined && !OPERATOR_ID_PATTERN.test(id)) issue(ctx, ['operatorId'], 'use_record.operator_id_invalid', { value: id });
};
const date = z.iso.date();
type Ctx = z.core.$RefinementCtx;
type Params = Record<string, string | number | boolean | null>;
const issue = (ctx: Ctx, path: (string | number)[], code: string, params: Params = {}) =>
  ctx.addIssue({ code: 'custom', path, message: code, params: { code, ...params } });

/** The device of a record: its UDI in any label form, or its DI with lot and / or serial. */
const device = {
  udi: z.string().trim().min(1).max(500).optional(),
  productDi: text(60).optional(),
  lot: text(40).optional(),
  serial: text(40).optional(),
};
type DeviceFields = { udi?: string | undefined; productDi?: string | undefined; lot?: string | undefined; serial?: string | undefined };

/** Device rules shared by every use record; `unit` when the record is about one serialised unit (equipment). */
function checkDevice(ctx: Ctx, r: DeviceFields, unit: boolean): { serial: string | undefined } | undefined {
  if (r.udi === undefined && r.productDi === undefined) return void issue(ctx, ['udi'], 'use_record.device_required');
  if (r.udi !== undefined && r.productDi !== undefined) return void issue(ctx, ['productDi'], 'use_record.device_twice');
  let lot = r.lot;
  let serial = r.serial;
  if (r.udi !== undefined) {
    const parsed = parseUdi(r.udi);
    if (!parsed.ok) return void issue(ctx, ['udi'], 'use_record.udi_unreadable', causeParams(parsed.issues[0]));
    const pi = parsed.value.pi;
    if (r.lot !== undefined && pi.lot !== null && pi.lot !== r.lot) issue(ctx, ['lot'], 'use_record.udi_mismatch', { udi: pi.lot, given: r.lot });
    if (r.serial !== undefined && pi.serial !== null && pi.serial !== r.serial) issue(ctx, ['serial'], 'use_record.udi_mismatch', { udi: pi.serial, given: r.serial });
    lot = pi.lot ?? lot;
    serial = pi.serial ?? serial;
  }
  if (unit && serial === undefined) return void issue(ctx, [r.udi !== undefined ? 'udi' : 'serial'], 'use_record.serial_required');
  if (lot === undefined && serial === undefined) return void issue(ctx, [r.udi !== undefined ? 'udi' : 'lot'], 'use_record.lot_or_serial_required');
  return { serial };
}

export interface RecordDevice {
  di: string;
  lot: string | null;
  serial: string | null;
  udiRaw: string | null;
  /** Which field named the device, for error paths. */
  field: 'udi' | 'productDi';
}

/** The device of a record the schema accepted. */
export function recordDevice(r: DeviceFields): RecordDevice {
  if (r.udi !== undefined) {
    const parsed = parseUdi(r.udi);
    if (!parsed.ok) throw new RangeError('recordDevice: the UDI did not parse; validate with the record schema first');
    return { di: parsed.value.di, lot: parsed.value.pi.lot ?? r.lot ?? null, serial: parsed.value.pi.serial ?? r.serial ?? null, udiRaw: r.udi, field: 'udi' };
  }
  return { di: r.productDi ?? '', lot: r.lot ?? null, serial: r.serial ?? null, udiRaw: null, field: 'productDi' };
}

/** The patient of a clinical use; the identity is stored encrypted and shown masked. */
export const usePatientSchema = z
  .object({
    name: text(50),
    idNumber: z.string().trim().toUpperCase().max(18).optional(),
    birthDate: date.optional(),
  })
  .strict();

export const clinicalUseInputSchema = z
  .object({
    ...device,
    department: text(100),
    procedure: text(200).optional(),
    usedOn: date,
    /** The operator's staff name or number, as in the institution's training records. */
    operator: text(50),
    /** The operator's staff number (工号): when the training record has one too, it decides, not the name. */
    operatorId: operatorId.optional(),
    /** The patient by identity (stored encrypted, keyed pseudonymously)… */
    patient: usePatientSchema.optional(),
    /** …or by a pseudonymous key already issued by the platform (`pk_…`). */
    patientKey: z.string().trim().optional(),
    /** The EPCIS use (dispensing) event this record describes; left out: found by the unit, if there is one. */
    eventId: z.int().positive().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    checkDevice(ctx, r, false);
    checkOperatorId(ctx, r.operatorId);
    if (r.patient !== undefined && r.patientKey !== undefined) issue(ctx, ['patientKey'], 'use_record.patient_twice');
    if (r.patientKey !== undefined && !PATIENT_KEY_PATTERN.test(r.patientKey)) issue(ctx, ['patientKey'], 'use_record.patient_key_invalid');
    const p = r.patient;
    if (p?.idNumber !== undefined && !isResidentId(p.idNumber)) issue(ctx, ['patient', 'idNumber'], 'use_record.id_number_invalid');
    if (p !== undefined && p.idNumber === undefined && p.birthDate === undefined) issue(ctx, ['patient', 'idNumber'], 'use_record.patient_identity_required');
  });
export type ClinicalUseInput = z.infer<typeof clinicalUseInputSchema>;

export const trainingInputSchema = z
  .object({
    operator: text(50),
    /** The operator's staff number (工号), so that two people of the same name are told apart. */
    operatorId: operatorId.optional(),
    /** What the training covers: a device type (e.g. infusion_pump) or one product by its DI. */
    deviceKind: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/).optional(),
    productDi: text(60).optional(),
    trainedOn: date,
    trainer: text(50),
    validUntil: date,
    certificateNo: text(60).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.deviceKind === undefined) === (r.productDi === undefined)) issue(ctx, ['deviceKind'], 'training.subject_required');
    checkOperatorId(ctx, r.operatorId);
    if (r.validUntil < r.trainedOn) issue(ctx, ['validUntil'], 'training.valid_before_trained', { trainedOn: r.trainedOn, validUntil: r.validUntil });
  });
export type TrainingInput = z.infer<typeof trainingInputSchema>;

/** Most downtime one record may claim: a year. */
export const MAX_DOWNTIME_HOURS = 24 * 366;

export const maintenanceInputSchema = z
  .object({
    ...device,
    /** The fault found (故障现象); left out for routine maintenance that found none. */
    fault: text(500).optional(),
    startedOn: date,
    completedOn: date.optional(),
    downtimeHours: z.number().min(0).max(MAX_DOWNTIME_HOURS).default(0),
    parts: z.array(text(100)).max(50).default([]),
    result: z.enum(MAINTENANCE_RESULTS),
    technician: text(50),
  })
  .strict()
  .superRefine((r, ctx) => {
    checkDevice(ctx, r, true);
    if (r.completedOn !== undefined && r.completedOn < r.startedOn) issue(ctx, ['completedOn'], 'maintenance.completed_before_started', { startedOn: r.startedOn, completedOn: r.completedOn });
    if (r.result === 'serviced' && r.fault !== undefined) issue(ctx, ['result'], 'maintenance.fault_not_repaired', { result: r.result });
    if (r.result !== 'serviced' && r.fault === undefined) issue(ctx, ['fault'], 'maintenance.fault_required', { result: r.result });
    if (r.completedOn !== undefined) {
      const hours = (toDayNumber(r.completedOn) - toDayNumber(r.startedOn) + 1) * 24;
      if (r.downtimeHours > hours) issue(ctx, ['downtimeHours'], 'maintenance.downtime_exceeds_period', { downtimeHours: r.downtimeHours, hours });
    }
  });
export type MaintenanceInput = z.infer<typeof maintenanceInputSchema>;

export const disposalInputSchema = z
  .object({
    ...device,
    quantity: z.int().positive().max(10_000_000).default(1),
    disposedOn: date,
    method: z.enum(DISPOSAL_METHODS),
    reason: text(500),
    /** The EPCIS destroying event, when there is one. */
    eventId: z.int().positive().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const d = checkDevice(ctx, r, false);
    if (d?.serial !== undefined && r.quantity !== 1) issue(ctx, ['quantity'], 'disposal.unit_quantity', { quantity: r.quantity });
  });
export type DisposalInput = z.infer<typeof disposalInputSchema>;

export const deviceManagementFactsSchema = z
  .object({
    /** A device-management system (医疗器械使用质量管理制度) is in place. */
    managementSystem: z.boolean(),
    systemDocument: text(200).optional(),
    responsiblePerson: text(50),
    responsiblePhone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!r.managementSystem && r.systemDocument !== undefined) issue(ctx, ['systemDocument'], 'device_facts.document_without_system');
  });
export type DeviceManagementFacts = z.infer<typeof deviceManagementFactsSchema>;

/** A training record as the trained-operator rule needs it. */
export interface TrainingFact {
  operator: string;
  /** The staff number, when the training record has one. */
  operatorId?: string | null;
  deviceKind: string | null;
  productDi: string | null;
  trainedOn: string;
  validUntil: string;
}

/** Operator names compare without spaces and width differences (全角 / 半角). */
export function normaliseOperator(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * Whether a training record is the use's operator: by staff number when both carry one (two people
 * may share a name), otherwise by the normalised name (records without a number, older rows).
 * @example sameOperator({ operator: '张伟', operatorId: 'H001' }, { operator: '张伟', operatorId: 'H002' }) === false
 */
export function sameOperator(training: { operator: string; operatorId?: string | null }, use: { operator: string; operatorId?: string | null }): boolean {
  if (training.operatorId != null && use.operatorId != null) return training.operatorId === use.operatorId;
  return normaliseOperator(training.operator) === normaliseOperator(use.operator);
}

/**
 * The training that makes an operator trained for a use: same operator (sameOperator), covering the product (by DI)
 * or its device type, taken on or before the day of use and still valid that day. Undefined: untrained.
 * @example trainingFor([{ operator: '李静', deviceKind: 'infusion_pump', productDi: null, trainedOn: '2026-01-05', validUntil: '2027-01-04' }],
 *   { operator: '李 静', productDi: '06901234567892', deviceKind: 'infusion_pump', usedOn: '2026-03-01' }) // that training
 */
export function trainingFor<T extends TrainingFact>(trainings: readonly T[], use: { operator: string; operatorId?: string | null; productDi: string; deviceKind: string; usedOn: string }): T | undefined {
  return trainings.find((t) => sameOperator(t, use)
    && (t.productDi === use.productDi || (t.productDi === null && t.deviceKind === use.deviceKind))
    && t.trainedOn <= use.usedOn && use.usedOn <= t.validUntil);
}

export interface AssessmentInput {
  uses: number;
  usesByTrained: number;
  maintenance: { records: number; failures: number; downtimeHours: number; scrapped: number };
  reports: { total: number; late: number };
}

export interface AssessmentFigures {
  training: { uses: number; usesByTrained: number; coverage: number | null };
  maintenance: { records: number; failures: number; downtimeHours: number; meanDowntimeHours: number | null; scrapped: number };
  reporting: { total: number; late: number; onTime: number; timeliness: number | null };
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/**
 * The figures of an institution's device-management assessment: the share of uses by trained
 * operators, maintenance failures and downtime, and the share of adverse-event reports on time.
 * Shares are rounded to 4 decimals and null when there is nothing to divide.
 * @example assessmentFigures({ uses: 4, usesByTrained: 3, maintenance: { records: 2, failures: 1, downtimeHours: 30, scrapped: 0 }, reports: { total: 2, late: 1 } })
 *   // training.coverage 0.75, maintenance.meanDowntimeHours 15, reporting.timeliness 0.5
 */
export function assessmentFigures(i: AssessmentInput): AssessmentFigures {
  const m = i.maintenance;
  return {
    training: { uses: i.uses, usesByTrained: i.usesByTrained, coverage: share(i.usesByTrained, i.uses) },
    maintenance: { records: m.records, failures: m.failures, downtimeHours: m.downtimeHours, meanDowntimeHours: m.records === 0 ? null : Math.round((m.downtimeHours / m.records) * 100) / 100, scrapped: m.scrapped },
    reporting: { total: i.reports.total, late: i.reports.late, onTime: i.reports.total - i.reports.late, timeliness: share(i.reports.total - i.reports.late, i.reports.total) },
  };
}
