import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { scopeCondition } from '../../db/scope-sql.ts';
import type { DataScope } from '../auth/data-scope.ts';

/** SQL of an institution's use records: clinical uses, training, maintenance, disposal, management facts. */

type By = { createdByType: 'user' | 'token' | 'system'; createdBy: number | null };
export type MaintenanceResult = 'serviced' | 'repaired' | 'scrapped' | 'sent_back';
export type DisposalMethod = 'medical_waste' | 'destroyed' | 'returned_to_supplier' | 'other';

export interface ProductRef {
  di: string;
  productId: number;
  productName: string;
  model: string;
  deviceKind: string;
}

export interface TrainingRow {
  id: number;
  organizationId: number;
  organizationName: string;
  operator: string;
  operatorId: string | null;
  deviceKind: string | null;
  productDi: string | null;
  trainedOn: string;
  trainer: string;
  validUntil: string;
  certificateNo: string | null;
  createdAt: Date;
}

export interface UseRow {
  id: number;
  organizationId: number;
  organizationName: string;
  regionCode: string;
  productDi: string;
  productName: string;
  model: string;
  deviceKind: string;
  lot: string | null;
  serial: string | null;
  udiRaw: string | null;
  department: string;
  procedure: string | null;
  usedOn: string;
  operator: string;
  operatorId: string | null;
  operatorTrained: boolean;
  trainingId: number | null;
  patientKey: string | null;
  patientNameMasked: string | null;
  patientIdNumberMasked: string | null;
  epcisEventId: number | null;
  createdAt: Date;
}

export interface MaintenanceRow {
  id: number;
  organizationId: number;
  organizationName: string;
  regionCode: string;
  productDi: string;
  productName: string;
  model: string;
  lot: string | null;
  serial: string;
  udiRaw: string | null;
  fault: string | null;
  failure: boolean;
  startedOn: string;
  completedOn: string | null;
  downtimeHours: number;
  parts: string[];
  result: MaintenanceResult;
  technician: string;
  createdAt: Date;
}

export interface DisposalRow {
  id: number;
  organizationId: number;
  organizationName: string;
  regionCode: string;
  productDi: string;
  productName: string;
  lot: string | null;
  serial: string | null;
  udiRaw: string | null;
  quantity: number;
  disposedOn: string;
  method: DisposalMethod;
  reason: string;
  epcisEventId: number | null;
  createdAt: Date;
}

export interface FactsRow {
  id: number;
  organizationId: number;
  managementSystem: boolean;
  systemDocument: string | null;
  responsiblePerson: string;
  responsiblePhone: string | null;
  updatedAt: Date;
}

export interface RecordFilter {
  organizationId?: number;
  productDi?: string;
  lot?: string;
  serial?: string;
  from?: string;
  to?: string;
  /** Uses: by trained operators (true) or not (false). Maintenance: failures (true) or routine service (false). */
  flag?: boolean;
  department?: string;
  operator?: string;
  patientKey?: string;
}

export type UseSort = 'u.id' | 'u.used_on';
export type MaintenanceSort = 'm.id' | 'm.started_on' | 'm.downtime_hours';
export type TrainingSort = 't.id' | 't.trained_on' | 't.valid_until';
export type DisposalSort = 'x.id' | 'x.disposed_on';
type Page = { limit: number; offset: number };
type Sort<C> = { column: C; direction: 'asc' | 'desc' };

const total = async (q: Promise<{ n: number | string }>) => Number((await q).n);

function uses(db: Kysely<DB>, scope: DataScope, f: RecordFilter) {
  let q = db.selectFrom('clinical_uses as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .innerJoin('products as p', 'p.id', 'u.product_id')
    .leftJoin('patient_identities as pi', 'pi.id', 'u.patient_identity_id')
    .where(scopeCondition(scope, 'u.organization_id', 'u.region_code'));
  if (f.organizationId !== undefined) q = q.where('u.organization_id', '=', f.organizationId);
  if (f.productDi) q = q.where('u.product_di', '=', f.productDi);
  if (f.lot) q = q.where('u.lot', '=', f.lot);
  if (f.serial) q = q.where('u.serial', '=', f.serial);
  if (f.from) q = q.where('u.used_on', '>=', f.from);
  if (f.to) q = q.where('u.used_on', '<=', f.to);
  if (f.flag !== undefined) q = q.where('u.operator_trained', '=', f.flag);
  if (f.department) q = q.where('u.department', '=', f.department);
  if (f.operator) q = q.where('u.operator', '=', f.operator);
  if (f.patientKey) q = q.where('u.patient_key', '=', f.patientKey);
  return q;
}
const useColumns = [
  'u.id', 'u.organization_id as organizationId', 'o.name as organizationName', 'u.region_code as regionCode', 'u.product_di as productDi', 'p.name as productName',
  'p.model', 'u.device_kind as deviceKind', 'u.lot', 'u.serial', 'u.udi_raw as udiRaw', 'u.department', 'u.procedure', 'u.used_on as usedOn', 'u.operator', 'u.operator_id as operatorId',
  'u.operator_trained as operatorTrained', 'u.training_id as trainingId', 'u.patient_key as patientKey', 'pi.name_masked as patientNameMasked',
  'pi.id_number_masked as patientIdNumberMasked', 'u.epcis_event_id as epcisEventId', 'u.created_at as createdAt',
] as const;

function maintenance(db: Kysely<DB>, scope: DataScope, f: RecordFilter) {
  let q = db.selectFrom('maintenance_records as m')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .innerJoin('products as p', 'p.id', 'm.product_id')
    .where(scopeCondition(scope, 'm.organization_id', 'm.region_code'));
  if (f.organizationId !== undefined) q = q.where('m.organization_id', '=', f.organizationId);
  if (f.productDi) q = q.where('m.product_di', '=', f.productDi);
  if (f.serial) q = q.where('m.serial', '=', f.serial);
  if (f.from) q = q.where('m.started_on', '>=', f.from);
  if (f.to) q = q.where('m.started_on', '<=', f.to);
  if (f.flag !== undefined) q = q.where(f.flag ? sql<boolean>`m.fault is not null` : sql<boolean>`m.fault is null`);
  return q;
}
const maintenanceColumns = [
  'm.id', 'm.organization_id as organizationId', 'o.name as organizationName', 'm.region_code as regionCode', 'm.product_di as productDi', 'p.name as productName',
  'p.model', 'm.lot', 'm.serial', 'm.udi_raw as udiRaw', 'm.fault', sql<boolean>`m.fault is not null`.as('failure'), 'm.started_on as startedOn',
  'm.completed_on as completedOn', 'm.downtime_hours as downtimeHours', 'm.parts', 'm.result', 'm.technician', 'm.created_at as createdAt',
] as const;

function trainings(db: Kysely<DB>, scope: DataScope, f: RecordFilter) {
  let q = db.selectFrom('operator_trainings as t')
    .innerJoin('organizations as o', 'o.id', 't.organization_id')
    .where(scopeCondition(scope, 't.organization_id', 't.region_code'));
  if (f.organizationId !== undefined) q = q.where('t.organization_id', '=', f.organizationId);
  if (f.productDi) q = q.where('t.product_di', '=', f.productDi);
  if (f.operator) q = q.where('t.operator', '=', f.operator);
  if (f.from) q = q.where('t.trained_on', '>=', f.from);
  if (f.to) q = q.where('t.trained_on', '<=', f.to);
  return q;
}
const trainingColumns = [
  't.id', 't.organization_id as organizationId', 'o.name as organizationName', 't.operator', 't.operator_id as operatorId', 't.device_kind as deviceKind', 't.product_di as productDi',
  't.trained_on as trainedOn', 't.trainer', 't.valid_until as validUntil', 't.certificate_no as certificateNo', 't.created_at as createdAt',
] as const;

function disposals(db: Kysely<DB>, scope: DataScope, f: RecordFilter) {
  let q = db.selectFrom('device_disposals as x')
    .innerJoin('organizations as o', 'o.id', 'x.organization_id')
    .innerJoin('products as p', 'p.id', 'x.product_id')
    .where(scopeCondition(scope, 'x.organization_id', 'x.region_code'));
  if (f.organizationId !== undefined) q = q.where('x.organization_id', '=', f.organizationId);
  if (f.productDi) q = q.where('x.product_di', '=', f.productDi);
  if (f.lot) q = q.where('x.lot', '=', f.lot);
  if (f.from) q = q.where('x.disposed_on', '>=', f.from);
  if (f.to) q = q.where('x.disposed_on', '<=', f.to);
  return q;
}
const disposalColumns = [
  'x.id', 'x.organization_id as organizationId', 'o.name as organizationName', 'x.region_code as regionCode', 'x.product_di as productDi', 'p.name as productName',
  'x.lot', 'x.serial', 'x.udi_raw as udiRaw', 'x.quantity', 'x.disposed_on as disposedOn', 'x.method', 'x.reason', 'x.epcis_event_id as epcisEventId', 'x.created_at as createdAt',
] as const;

export const useRecordsRepository = {
  /** The registered DI (also given as 13 digits, GTIN-13 without its leading 0) with its product. */
  async product(db: Kysely<DB>, di: string): Promise<ProductRef | undefined> {
    const candidates = /^\d{13}$/.test(di) ? [di, `0${di}`] : [di];
    return db.selectFrom('product_dis as d').innerJoin('products as p', 'p.id', 'd.product_id')
      .select(['d.di', 'p.id as productId', 'p.name as productName', 'p.model', 'p.device_kind as deviceKind'])
      .where('d.di', 'in', candidates).orderBy('d.di', 'desc').executeTakeFirst();
  },

  async deviceKindExists(db: Kysely<DB>, kind: string): Promise<boolean> {
    return (await db.selectFrom('products').select('id').where('device_kind', '=', kind).limit(1).executeTakeFirst()) !== undefined;
  },

  async organization(db: Kysely<DB>, id: number): Promise<{ id: number; type: string; name: string; regionCode: string } | undefined> {
    return db.selectFrom('organizations').select(['id', 'type', 'name', 'region_code as regionCode']).where('id', '=', id).executeTakeFirst();
  },

  /**
   * The organisation's training records that may be the operator's: same normalised name or same
   * staff number. Which of them really is (ids decide when both sides have one) is core's sameOperator.
   */
  async trainingsOf(db: Kysely<DB>, organizationId: number, operator: { key: string; id: string | null }) {
    return db.selectFrom('operator_trainings')
      .select(['id', 'operator', 'operator_id as operatorId', 'device_kind as deviceKind', 'product_di as productDi', 'trained_on as trainedOn', 'valid_until as validUntil'])
      .where('organization_id', '=', organizationId)
      .where((eb) => (operator.id === null ? eb('operator_key', '=', operator.key) : eb.or([eb('operator_key', '=', operator.key), eb('operator_id', '=', operator.id)])))
      .orderBy('valid_until', 'desc').orderBy('id').execute();
  },

  /** The newest stored identity of a patient key, so a use given by key shows the same masked identity. */
  async identityIdOf(db: Kysely<DB>, key: string): Promise<number | undefined> {
    return (await db.selectFrom('patient_identities').select('id').where('patient_key', '=', key).orderBy('id', 'desc').limit(1).executeTakeFirst())?.id;
  },

  async insertTraining(db: Kysely<DB>, t: { organizationId: number; regionCode: string; operator: string; operatorKey: string; operatorId: string | null; deviceKind: string | null; productDi: string | null; trainedOn: string; trainer: string; validUntil: string; certificateNo: string | null } & By): Promise<number> {
    return (await db.insertInto('operator_trainings').values({
      organization_id: t.organizationId, region_code: t.regionCode, operator: t.operator, operator_key: t.operatorKey, operator_id: t.operatorId, device_kind: t.deviceKind, product_di: t.productDi,
      trained_on: t.trainedOn, trainer: t.trainer, valid_until: t.validUntil, certificate_no: t.certificateNo, created_by_type: t.createdByType, created_by: t.createdBy,
    }).returning('id').executeTakeFirstOrThrow()).id;
  },

  async insertUse(db: Kysely<DB>, u: {
    organizationId: number; regionCode: string; productDi: string; productId: number; deviceKind: string; lot: string | null; serial: string | null; udiRaw: string | null;
    department: string; procedure: string | null; usedOn: string; operator: string; operatorId: string | null; operatorTrained: boolean; trainingId: number | null; patientKey: string | null;
    patientIdentityId: number | null; epcisEventId: number | null;
  } & By): Promise<number> {
    return (await db.insertInto('clinical_uses').values({
      organization_id: u.organizationId, region_code: u.regionCode, product_di: u.productDi, product_id: u.productId, device_kind: u.deviceKind, lot: u.lot, serial: u.serial,
      udi_raw: u.udiRaw, department: u.department, procedure: u.procedure, used_on: u.usedOn, operator: u.operator, operator_id: u.operatorId, operator_trained: u.operatorTrained,
      training_id: u.trainingId, patient_key: u.patientKey, patient_identity_id: u.patientIdentityId, epcis_event_id: u.epcisEventId,
      created_by_type: u.createdByType, created_by: u.createdBy,
    }).returning('id').executeTakeFirstOrThrow()).id;
  },

  async insertMaintenance(db: Kysely<DB>, m: {
    organizationId: number; regionCode: string; productDi: string; productId: number; lot: string | null; serial: string; udiRaw: string | null; fault: string | null;
    startedOn: string; completedOn: string | null; downtimeHours: number; parts: string[]; result: MaintenanceResult; technician: string;
  } & By): Promise<number> {
    return (await db.insertInto('maintenance_records').values({
      organization_id: m.organizationId, region_code: m.regionCode, product_di: m.productDi, product_id: m.productId, lot: m.lot, serial: m.serial, udi_raw: m.udiRaw,
      fault: m.fault, started_on: m.startedOn, completed_on: m.completedOn, downtime_hours: m.downtimeHours, parts: m.parts, result: m.result,
      technician: m.technician, created_by_type: m.createdByType, created_by: m.createdBy,
    }).returning('id').executeTakeFirstOrThrow()).id;
  },

  async insertDisposal(db: Kysely<DB>, x: {
    organizationId: number; regionCode: string; productDi: string; productId: number; lot: string | null; serial: string | null; udiRaw: string | null;
    quantity: number; disposedOn: string; method: DisposalMethod; reason: string; epcisEventId: number | null;
  } & By): Promise<number> {
    return (await db.insertInto('device_disposals').values({
      organization_id: x.organizationId, region_code: x.regionCode, product_di: x.productDi, product_id: x.productId, lot: x.lot, serial: x.serial, udi_raw: x.udiRaw,
      quantity: x.quantity, disposed_on: x.disposedOn, method: x.method, reason: x.reason, epcis_event_id: x.epcisEventId,
      created_by_type: x.createdByType, created_by: x.createdBy,
    }).returning('id').executeTakeFirstOrThrow()).id;
  },

  async insertFacts(db: Kysely<DB>, f: { organizationId: number; regionCode: string; managementSystem: boolean; systemDocument: string | null; responsiblePerson: string; responsiblePhone: string | null } & By): Promise<number> {
    return (await db.insertInto('institution_device_facts').values({
      organization_id: f.organizationId, region_code: f.regionCode, management_system: f.managementSystem, system_document: f.systemDocument,
      responsible_person: f.responsiblePerson, responsible_phone: f.responsiblePhone, created_by_type: f.createdByType, created_by: f.createdBy,
    }).returning('id').executeTakeFirstOrThrow()).id;
  },

  /** The newest statement of an organisation's device-management facts. */
  async latestFacts(db: Kysely<DB>, organizationId: number): Promise<FactsRow | undefined> {
    return db.selectFrom('institution_device_facts')
      .select(['id', 'organization_id as organizationId', 'management_system as managementSystem', 'system_document as systemDocument',
        'responsible_person as responsiblePerson', 'responsible_phone as responsiblePhone', 'created_at as updatedAt'])
      .where('organization_id', '=', organizationId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  },

  async listUses(db: Kysely<DB>, scope: DataScope, f: RecordFilter, page: Page, sort: Sort<UseSort>) {
    const [items, n] = await Promise.all([
      uses(db, scope, f).select(useColumns).orderBy(sort.column, sort.direction).orderBy('u.id').limit(page.limit).offset(page.offset).execute(),
      total(uses(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()),
    ]);
    return { items: items as UseRow[], total: n };
  },
  async findUse(db: Kysely<DB>, id: number, scope: DataScope): Promise<UseRow | undefined> {
    return (await uses(db, scope, {}).select(useColumns).where('u.id', '=', id).executeTakeFirst()) as UseRow | undefined;
  },
  async listMaintenance(db: Kysely<DB>, scope: DataScope, f: RecordFilter, page: Page, sort: Sort<MaintenanceSort>) {
    const [items, n] = await Promise.all([
      maintenance(db, scope, f).select(maintenanceColumns).orderBy(sort.column, sort.direction).orderBy('m.id').limit(page.limit).offset(page.offset).execute(),
      total(maintenance(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()),
    ]);
    return { items: items as MaintenanceRow[], total: n };
  },
  async findMaintenance(db: Kysely<DB>, id: number, scope: DataScope): Promise<MaintenanceRow | undefined> {
    return (await maintenance(db, scope, {}).select(maintenanceColumns).where('m.id', '=', id).executeTakeFirst()) as MaintenanceRow | undefined;
  },
  async listTrainings(db: Kysely<DB>, scope: DataScope, f: RecordFilter, page: Page, sort: Sort<TrainingSort>) {
    const [items, n] = await Promise.all([
      trainings(db, scope, f).select(trainingColumns).orderBy(sort.column, sort.direction).orderBy('t.id').limit(page.limit).offset(page.offset).execute(),
      total(trainings(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()),
    ]);
    return { items: items as TrainingRow[], total: n };
  },
  async findTraining(db: Kysely<DB>, id: number, scope: DataScope): Promise<TrainingRow | undefined> {
    return (await trainings(db, scope, {}).select(trainingColumns).where('t.id', '=', id).executeTakeFirst()) as TrainingRow | undefined;
  },
  async listDisposals(db: Kysely<DB>, scope: DataScope, f: RecordFilter, page: Page, sort: Sort<DisposalSort>) {
    const [items, n] = await Promise.all([
      disposals(db, scope, f).select(disposalColumns).orderBy(sort.column, sort.direction).orderBy('x.id').limit(page.limit).offset(page.offset).execute(),
      total(disposals(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()),
    ]);
    return { items: items as DisposalRow[], total: n };
  },
  async findDisposal(db: Kysely<DB>, id: number, scope: DataScope): Promise<DisposalRow | undefined> {
    return (await disposals(db, scope, {}).select(disposalColumns).where('x.id', '=', id).executeTakeFirst()) as DisposalRow | undefined;
  },

  /** The counts behind an institution's assessment (uses, maintenance, adverse-event reports it filed). */
  async assessmentCounts(db: Kysely<DB>, organizationId: number, period: { from?: string; to?: string }) {
    const from = period.from ?? '0001-01-01';
    const to = period.to ?? '9999-12-31';
    const r = await sql<{ uses: number; usesByTrained: number; records: number; failures: number; downtimeHours: number; scrapped: number; reports: number; late: number }>`
      select
        (select count(*)::int from clinical_uses where organization_id = ${organizationId} and used_on between ${from}::date and ${to}::date) as uses,
        (select count(*)::int from clinical_uses where organization_id = ${organizationId} and used_on between ${from}::date and ${to}::date and operator_trained) as "usesByTrained",
        (select count(*)::int from maintenance_records where organization_id = ${organizationId} and started_on between ${from}::date and ${to}::date) as records,
        (select count(*)::int from maintenance_records where organization_id = ${organizationId} and started_on between ${from}::date and ${to}::date and fault is not null) as failures,
        (select coalesce(sum(downtime_hours), 0)::float8 from maintenance_records where organization_id = ${organizationId} and started_on between ${from}::date and ${to}::date) as "downtimeHours",
        (select count(*)::int from maintenance_records where organization_id = ${organizationId} and started_on between ${from}::date and ${to}::date and result = 'scrapped') as scrapped,
        (select count(*)::int from adverse_event_reports where reporter_organization_id = ${organizationId} and kind = 'initial' and date_known between ${from}::date and ${to}::date) as reports,
        (select count(*)::int from adverse_event_reports where reporter_organization_id = ${organizationId} and kind = 'initial' and date_known between ${from}::date and ${to}::date and late) as late`.execute(db);
    const row = r.rows[0];
    return {
      uses: Number(row?.uses ?? 0), usesByTrained: Number(row?.usesByTrained ?? 0),
      maintenance: { records: Number(row?.records ?? 0), failures: Number(row?.failures ?? 0), downtimeHours: Number(row?.downtimeHours ?? 0), scrapped: Number(row?.scrapped ?? 0) },
      reports: { total: Number(row?.reports ?? 0), late: Number(row?.late ?? 0) },
    };
  },

  /** Uses per product at the institution, with how many were by trained operators (the assessment's breakdown). */
  async usesByProduct(db: Kysely<DB>, organizationId: number, period: { from?: string; to?: string }) {
    const from = period.from ?? '0001-01-01';
    const to = period.to ?? '9999-12-31';
    const r = await sql<{ productDi: string; productName: string; model: string; uses: number; usesByTrained: number }>`
      select u.product_di as "productDi", p.name as "productName", p.model, count(*)::int as uses, count(*) filter (where u.operator_trained)::int as "usesByTrained"
      from clinical_uses u join products p on p.id = u.product_id
      where u.organization_id = ${organizationId} and u.used_on between ${from}::date and ${to}::date
      group by u.product_di, p.name, p.model order by u.product_di`.execute(db);
    return r.rows.map((x) => ({ ...x, uses: Number(x.uses), usesByTrained: Number(x.usesByTrained) }));
  },
};
