import type { EnvironmentLimits, JudgedTestItem, QualificationDocument } from '@lianjian/core/records/production';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { scopeCondition } from '../../db/scope-sql.ts';
import type { DataScope } from '../auth/data-scope.ts';

/**
 * SQL of production records. Every record carries the manufacturer and its region, so scoping is
 * `scopeCondition` on the record itself: a regulator by region prefix, a manufacturer its own rows.
 */

type By = { type: 'user' | 'token' | 'system'; id: number | null };
type Sort<C> = { column: C; direction: 'asc' | 'desc' };
type Page = { limit: number; offset: number };
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export interface ReceiptRow {
  id: number;
  organizationId: number;
  organizationName: string;
  regionCode: string;
  supplierOrganizationId: number;
  supplierName: string;
  supplierRegionCode: string;
  materialName: string;
  materialCode: string;
  materialKind: string;
  materialLot: string;
  quantity: number;
  unit: string;
  purchaseDate: string;
  qualifications: (QualificationDocument & { issuer?: string })[];
  inspectionItems: JudgedTestItem[];
  inspectionResult: 'pass' | 'fail';
  inspector: string;
  inspectionDate: string;
  createdAt: Date;
}

export interface ReceiptFilter {
  supplierOrganizationId?: number;
  materialKind?: string;
  materialCode?: string;
  materialLot?: string;
  result?: 'pass' | 'fail';
  regionPrefix?: string;
}
export type ReceiptSort = 'm.id' | 'm.purchase_date' | 'm.material_lot' | 'm.material_code';

function receipts(db: Kysely<DB>, scope: DataScope, f: ReceiptFilter) {
  let q = db
    .selectFrom('material_receipts as m')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .innerJoin('organizations as s', 's.id', 'm.supplier_organization_id')
    .where(scopeCondition(scope, 'm.organization_id', 'm.region_code'));
  if (f.supplierOrganizationId) q = q.where('m.supplier_organization_id', '=', f.supplierOrganizationId);
  if (f.materialKind) q = q.where('m.material_kind', '=', f.materialKind);
  if (f.materialCode) q = q.where('m.material_code', '=', f.materialCode);
  if (f.materialLot) q = q.where('m.material_lot', '=', f.materialLot);
  if (f.result) q = q.where('m.inspection_result', '=', f.result);
  if (f.regionPrefix) q = q.where('m.region_code', 'like', `${f.regionPrefix}%`);
  return q;
}
const receiptColumns = [
  'm.id', 'm.organization_id as organizationId', 'o.name as organizationName', 'm.region_code as regionCode', 'm.supplier_organization_id as supplierOrganizationId',
  's.name as supplierName', 's.region_code as supplierRegionCode', 'm.material_name as materialName', 'm.material_code as materialCode', 'm.material_kind as materialKind',
  'm.material_lot as materialLot', 'm.quantity', 'm.unit', 'm.purchase_date as purchaseDate', 'm.qualifications', 'm.inspection_items as inspectionItems',
  'm.inspection_result as inspectionResult', 'm.inspector', 'm.inspection_date as inspectionDate', 'm.created_at as createdAt',
] as const;
const receiptRow = (r: Record<string, unknown>): ReceiptRow => ({
  ...(r as unknown as ReceiptRow), id: Number(r.id), quantity: Number(r.quantity),
  qualifications: json(r.qualifications), inspectionItems: json(r.inspectionItems),
});

export interface BatchRow {
  id: number;
  organizationId: number;
  organizationName: string;
  regionCode: string;
  productId: number;
  productName: string;
  productModel: string;
  productDi: string;
  lot: string;
  quantity: number;
  productionDate: string;
  expiryDate: string | null;
  processRoute: string;
  processVersion: string;
  environmentLimits: EnvironmentLimits;
  releaseDecision: 'released' | 'rejected' | null;
  createdAt: Date;
}
export interface BatchFilter {
  productDi?: string;
  lot?: string;
  organizationId?: number;
  from?: string;
  to?: string;
  regionPrefix?: string;
  released?: 'released' | 'rejected' | 'pending';
}
export type BatchSort = 'b.id' | 'b.production_date' | 'b.lot' | 'b.product_di';

function batches(db: Kysely<DB>, scope: DataScope, f: BatchFilter) {
  let q = db
    .selectFrom('production_batches as b')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .leftJoin('release_reports as rr', 'rr.batch_id', 'b.id')
    .where(scopeCondition(scope, 'b.organization_id', 'b.region_code'));
  if (f.productDi) q = q.where('b.product_di', '=', f.productDi);
  if (f.lot) q = q.where('b.lot', '=', f.lot);
  if (f.organizationId) q = q.where('b.organization_id', '=', f.organizationId);
  if (f.from) q = q.where('b.production_date', '>=', f.from);
  if (f.to) q = q.where('b.production_date', '<=', f.to);
  if (f.regionPrefix) q = q.where('b.region_code', 'like', `${f.regionPrefix}%`);
  if (f.released === 'pending') q = q.where('rr.id', 'is', null);
  else if (f.released) q = q.where('rr.decision', '=', f.released);
  return q;
}
const batchColumns = [
  'b.id', 'b.organization_id as organizationId', 'o.name as organizationName', 'b.region_code as regionCode', 'b.product_id as productId', 'p.name as productName',
  'p.model as productModel', 'b.product_di as productDi', 'b.lot', 'b.quantity', 'b.production_date as productionDate', 'b.expiry_date as expiryDate',
  'b.process_route as processRoute', 'b.process_version as processVersion', 'b.environment_limits as environmentLimits', 'rr.decision as releaseDecision', 'b.created_at as createdAt',
] as const;
const batchRow = (r: Record<string, unknown>): BatchRow => ({ ...(r as unknown as BatchRow), id: Number(r.id), environmentLimits: json(r.environmentLimits) });

export interface ReleaseRow {
  id: number;
  batchId: number;
  organizationId: number;
  organizationName: string;
  regionCode: string;
  productDi: string;
  lot: string;
  reportNo: string | null;
  inspector: string;
  decision: 'released' | 'rejected';
  decidedAt: Date;
  items: JudgedTestItem[];
  failedCount: number;
  createdAt: Date;
}
export interface ReleaseFilter {
  batchId?: number;
  decision?: 'released' | 'rejected';
  failed?: boolean;
  productDi?: string;
  regionPrefix?: string;
}
export type ReleaseSort = 'r.id' | 'r.decided_at';

function releases(db: Kysely<DB>, scope: DataScope, f: ReleaseFilter) {
  let q = db
    .selectFrom('release_reports as r')
    .innerJoin('production_batches as b', 'b.id', 'r.batch_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .where(scopeCondition(scope, 'r.organization_id', 'r.region_code'));
  if (f.batchId) q = q.where('r.batch_id', '=', f.batchId);
  if (f.decision) q = q.where('r.decision', '=', f.decision);
  if (f.failed !== undefined) q = q.where('r.failed_count', f.failed ? '>' : '=', 0);
  if (f.productDi) q = q.where('b.product_di', '=', f.productDi);
  if (f.regionPrefix) q = q.where('r.region_code', 'like', `${f.regionPrefix}%`);
  return q;
}
const releaseColumns = [
  'r.id', 'r.batch_id as batchId', 'r.organization_id as organizationId', 'o.name as organizationName', 'r.region_code as regionCode', 'b.product_di as productDi', 'b.lot',
  'r.report_no as reportNo', 'r.inspector', 'r.decision', 'r.decided_at as decidedAt', 'r.items', 'r.failed_count as failedCount', 'r.created_at as createdAt',
] as const;
const releaseRow = (r: Record<string, unknown>): ReleaseRow => ({ ...(r as unknown as ReleaseRow), id: Number(r.id), batchId: Number(r.batchId), items: json(r.items) });

export interface MaterialUseRow {
  receiptId: number;
  materialName: string;
  materialCode: string;
  materialKind: string;
  materialLot: string;
  quantity: number;
  unit: string;
  supplierOrganizationId: number;
  supplierName: string;
  supplierRegionCode: string;
  purchaseDate: string;
  inspectionResult: 'pass' | 'fail';
  qualifications: QualificationDocument[];
}

export interface ReadingRow {
  readingIndex: number;
  measuredAt: Date;
  room: string;
  particles05: number | null;
  particles5: number | null;
  temperatureC: number | null;
  humidityPct: number | null;
  pressureDiffPa: number | null;
}

export type NewReading = Omit<ReadingRow, 'readingIndex' | 'measuredAt'> & { measuredAt: string };

async function listOf<T>(items: Promise<Record<string, unknown>[]>, total: Promise<{ n: number }>, map: (r: Record<string, unknown>) => T) {
  const [rows, count] = await Promise.all([items, total]);
  return { items: rows.map(map), total: Number(count.n) };
}

export const productionRepository = {
  // ---- material receipts ----
  async insertReceipt(db: Kysely<DB>, r: {
    organizationId: number; regionCode: string; supplierOrganizationId: number; materialName: string; materialCode: string; materialKind: string; materialLot: string;
    quantity: number; unit: string; purchaseDate: string; qualifications: unknown[]; inspectionItems: JudgedTestItem[]; inspectionResult: 'pass' | 'fail';
    inspector: string; inspectionDate: string; by: By;
  }): Promise<number> {
    const row = await db.insertInto('material_receipts').values({
      organization_id: r.organizationId, region_code: r.regionCode, supplier_organization_id: r.supplierOrganizationId, material_name: r.materialName,
      material_code: r.materialCode, material_kind: r.materialKind, material_lot: r.materialLot, quantity: r.quantity, unit: r.unit, purchase_date: r.purchaseDate,
      qualifications: JSON.stringify(r.qualifications), inspection_items: JSON.stringify(r.inspectionItems), inspection_result: r.inspectionResult,
      inspector: r.inspector, inspection_date: r.inspectionDate, created_by_type: r.by.type, created_by: r.by.id,
    }).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  },

  async receiptExists(db: Kysely<DB>, organizationId: number, materialCode: string, materialLot: string): Promise<boolean> {
    const r = await db.selectFrom('material_receipts').select('id').where('organization_id', '=', organizationId).where('material_code', '=', materialCode).where('material_lot', '=', materialLot).executeTakeFirst();
    return r !== undefined;
  },

  /** The organisation's received lots among (code, lot) pairs, with what the flag rules need. */
  async ownReceipts(db: Kysely<DB>, organizationId: number, pairs: { materialCode: string; materialLot: string }[]): Promise<(MaterialUseRow & { id: number })[]> {
    if (!pairs.length) return [];
    const r = await sql<Record<string, unknown>>`
      select m.id, m.material_name, m.material_code, m.material_kind, m.material_lot, m.supplier_organization_id, s.name as supplier_name,
        s.region_code as supplier_region_code, m.purchase_date, m.inspection_result, m.qualifications
      from material_receipts m join organizations s on s.id = m.supplier_organization_id
      join unnest(${pairs.map((p) => p.materialCode)}::text[], ${pairs.map((p) => p.materialLot)}::text[]) as x(code, lot)
        on m.material_code = x.code and m.material_lot = x.lot
      where m.organization_id = ${organizationId}`.execute(db);
    return r.rows.map((x) => ({
      id: Number(x.id), receiptId: Number(x.id), materialName: x.material_name as string, materialCode: x.material_code as string, materialKind: x.material_kind as string,
      materialLot: x.material_lot as string, quantity: 0, unit: '', supplierOrganizationId: Number(x.supplier_organization_id), supplierName: x.supplier_name as string,
      supplierRegionCode: x.supplier_region_code as string, purchaseDate: x.purchase_date as string, inspectionResult: x.inspection_result as 'pass' | 'fail',
      qualifications: json(x.qualifications),
    }));
  },

  async listReceipts(db: Kysely<DB>, scope: DataScope, f: ReceiptFilter, page: Page, sort: Sort<ReceiptSort>) {
    return listOf(
      receipts(db, scope, f).select(receiptColumns).orderBy(sort.column, sort.direction).orderBy('m.id').limit(page.limit).offset(page.offset).execute(),
      receipts(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      receiptRow,
    );
  },

  async findReceipt(db: Kysely<DB>, id: number, scope: DataScope): Promise<ReceiptRow | undefined> {
    const r = await receipts(db, scope, {}).select(receiptColumns).where('m.id', '=', id).executeTakeFirst();
    return r && receiptRow(r);
  },

  /** Every batch a material lot went into (traceability from a bad material lot forward). */
  async batchesOfReceipt(db: Kysely<DB>, receiptId: number, scope: DataScope): Promise<(BatchRow & { consumedQuantity: number; consumedUnit: string })[]> {
    const rows = await batches(db, scope, {})
      .innerJoin('batch_materials as bm', 'bm.batch_id', 'b.id')
      .select([...batchColumns, 'bm.quantity as consumedQuantity', 'bm.unit as consumedUnit'])
      .where('bm.receipt_id', '=', receiptId)
      .orderBy('b.production_date').orderBy('b.id')
      .execute();
    return rows.map((r) => ({ ...batchRow(r), consumedQuantity: Number(r.consumedQuantity), consumedUnit: r.consumedUnit }));
  },

  // ---- batches ----
  async insertBatch(db: Kysely<DB>, b: {
    organizationId: number; regionCode: string; productId: number; productDi: string; lot: string; quantity: number; productionDate: string; expiryDate: string | null;
    processRoute: string; processVersion: string; environmentLimits: EnvironmentLimits; by: By;
  }): Promise<number> {
    const row = await db.insertInto('production_batches').values({
      organization_id: b.organizationId, region_code: b.regionCode, product_id: b.productId, product_di: b.productDi, lot: b.lot, quantity: b.quantity,
      production_date: b.productionDate, expiry_date: b.expiryDate, process_route: b.processRoute, process_version: b.processVersion,
      environment_limits: JSON.stringify(b.environmentLimits), created_by_type: b.by.type, created_by: b.by.id,
    }).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  },

  async insertBatchMaterials(db: Kysely<DB>, rows: { batchId: number; receiptId: number; quantity: number; unit: string }[]): Promise<void> {
    if (!rows.length) return;
    await db.insertInto('batch_materials').values(rows.map((r) => ({ batch_id: r.batchId, receipt_id: r.receiptId, quantity: r.quantity, unit: r.unit }))).execute();
  },

  async insertReadings(db: Kysely<DB>, batchId: number, readings: NewReading[]): Promise<void> {
    // Chunked: a batch may carry thousands of readings, and one statement has at most 65,535 parameters.
    for (let i = 0; i < readings.length; i += 1000) {
      await db.insertInto('environment_readings').values(readings.slice(i, i + 1000).map((r, k) => ({
        batch_id: batchId, reading_index: i + k, measured_at: r.measuredAt, room: r.room, particles_05: r.particles05, particles_5: r.particles5,
        temperature_c: r.temperatureC, humidity_pct: r.humidityPct, pressure_diff_pa: r.pressureDiffPa,
      }))).execute();
    }
  },

  /** Any batch of the DI and lot, whoever recorded it (a lot is recorded once). */
  async batchIdOf(db: Kysely<DB>, productDi: string, lot: string): Promise<number | undefined> {
    const r = await db.selectFrom('production_batches').select('id').where('product_di', '=', productDi).where('lot', '=', lot).executeTakeFirst();
    return r && Number(r.id);
  },

  async listBatches(db: Kysely<DB>, scope: DataScope, f: BatchFilter, page: Page, sort: Sort<BatchSort>) {
    return listOf(
      batches(db, scope, f).select(batchColumns).orderBy(sort.column, sort.direction).orderBy('b.id').limit(page.limit).offset(page.offset).execute(),
      batches(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      batchRow,
    );
  },

  async findBatch(db: Kysely<DB>, id: number, scope: DataScope): Promise<BatchRow | undefined> {
    const r = await batches(db, scope, {}).select(batchColumns).where('b.id', '=', id).executeTakeFirst();
    return r && batchRow(r);
  },

  async materialsOf(db: Kysely<DB>, batchId: number): Promise<MaterialUseRow[]> {
    const rows = await db
      .selectFrom('batch_materials as bm')
      .innerJoin('material_receipts as m', 'm.id', 'bm.receipt_id')
      .innerJoin('organizations as s', 's.id', 'm.supplier_organization_id')
      .select([
        'bm.receipt_id as receiptId', 'm.material_name as materialName', 'm.material_code as materialCode', 'm.material_kind as materialKind', 'm.material_lot as materialLot',
        'bm.quantity', 'bm.unit', 'm.supplier_organization_id as supplierOrganizationId', 's.name as supplierName', 's.region_code as supplierRegionCode',
        'm.purchase_date as purchaseDate', 'm.inspection_result as inspectionResult', 'm.qualifications',
      ])
      .where('bm.batch_id', '=', batchId)
      .orderBy('m.material_code').orderBy('m.material_lot')
      .execute();
    return rows.map((r) => ({ ...r, receiptId: Number(r.receiptId), quantity: Number(r.quantity), qualifications: json(r.qualifications) }));
  },

  async readingsOf(db: Kysely<DB>, batchId: number): Promise<ReadingRow[]> {
    return db
      .selectFrom('environment_readings')
      .select(['reading_index as readingIndex', 'measured_at as measuredAt', 'room', 'particles_05 as particles05', 'particles_5 as particles5', 'temperature_c as temperatureC', 'humidity_pct as humidityPct', 'pressure_diff_pa as pressureDiffPa'])
      .where('batch_id', '=', batchId)
      .orderBy('reading_index')
      .execute();
  },

  // ---- release reports ----
  async insertRelease(db: Kysely<DB>, r: {
    batchId: number; organizationId: number; regionCode: string; reportNo: string | null; inspector: string; decision: 'released' | 'rejected'; decidedAt: string;
    items: JudgedTestItem[]; by: By;
  }): Promise<number> {
    const row = await db.insertInto('release_reports').values({
      batch_id: r.batchId, organization_id: r.organizationId, region_code: r.regionCode, report_no: r.reportNo, inspector: r.inspector, decision: r.decision,
      decided_at: r.decidedAt, items: JSON.stringify(r.items), failed_count: r.items.filter((i) => !i.passed).length, created_by_type: r.by.type, created_by: r.by.id,
    }).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  },

  async listReleases(db: Kysely<DB>, scope: DataScope, f: ReleaseFilter, page: Page, sort: Sort<ReleaseSort>) {
    return listOf(
      releases(db, scope, f).select(releaseColumns).orderBy(sort.column, sort.direction).orderBy('r.id').limit(page.limit).offset(page.offset).execute(),
      releases(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      releaseRow,
    );
  },

  async findRelease(db: Kysely<DB>, id: number, scope: DataScope): Promise<ReleaseRow | undefined> {
    const r = await releases(db, scope, {}).select(releaseColumns).where('r.id', '=', id).executeTakeFirst();
    return r && releaseRow(r);
  },

  async releaseOfBatch(db: Kysely<DB>, batchId: number): Promise<ReleaseRow | undefined> {
    const r = await releases(db, { kind: 'all' }, {}).select(releaseColumns).where('r.batch_id', '=', batchId).executeTakeFirst();
    return r && releaseRow(r);
  },

  /** Batches of an organisation for its dossier, newest first. */
  async batchesOfOrganization(db: Kysely<DB>, organizationId: number, limit: number) {
    return (await batches(db, { kind: 'organization', organizationId }, {}).select(batchColumns).orderBy('b.production_date', 'desc').orderBy('b.id', 'desc').limit(limit).execute()).map(batchRow);
  },
};
