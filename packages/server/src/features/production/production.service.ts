import { formatShanghaiInstant, type Issue } from '@lianjian/core';
import { judgeTestItems, readingExceedances, type BatchInput, type MaterialReceiptInput, type ReleaseReportInput } from '@lianjian/core/records/production';
import { materialFlags, releaseFlags, type FlagBatch } from '@lianjian/core/rules/production-flags';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { conflict, forbidden, invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import { adverseEventsRepository } from '../adverse-events/adverse-events.repository.ts';
import type { Actor, RequestContext } from '../auth/actor.ts';
import { businessScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';
import { effectOf } from '../trace/projection-fold.ts';
import { lotMovementsRepository } from './lot-movements.repository.ts';
import {
  productionRepository as repo, type BatchFilter, type BatchRow, type BatchSort, type MaterialUseRow, type ReadingRow, type ReceiptFilter, type ReceiptRow,
  type ReceiptSort, type ReleaseFilter, type ReleaseRow, type ReleaseSort,
} from './production.repository.ts';
import { qualityFlagsRepository, type QualityFlagFilter, type QualityFlagRow } from './quality-flags.repository.ts';

type Sort<C> = { column: C; direction: 'asc' | 'desc' };

export function receiptView(r: ReceiptRow) {
  return {
    id: r.id, organizationId: r.organizationId, organizationName: r.organizationName, regionCode: r.regionCode,
    supplier: { id: r.supplierOrganizationId, name: r.supplierName, regionCode: r.supplierRegionCode },
    material: { name: r.materialName, code: r.materialCode, kind: r.materialKind }, materialLot: r.materialLot, quantity: r.quantity, unit: r.unit,
    purchaseDate: r.purchaseDate, qualifications: r.qualifications,
    incomingInspection: { items: r.inspectionItems, result: r.inspectionResult, inspector: r.inspector, date: r.inspectionDate },
    createdAt: formatShanghaiInstant(r.createdAt),
  };
}

export function batchView(b: BatchRow) {
  return {
    id: b.id, organizationId: b.organizationId, organizationName: b.organizationName, regionCode: b.regionCode, productId: b.productId, productName: b.productName,
    productModel: b.productModel, productDi: b.productDi, lot: b.lot, quantity: b.quantity, productionDate: b.productionDate, expiryDate: b.expiryDate,
    processRoute: b.processRoute, processVersion: b.processVersion, environmentLimits: b.environmentLimits, releaseDecision: b.releaseDecision,
    createdAt: formatShanghaiInstant(b.createdAt),
  };
}

export function releaseView(r: ReleaseRow) {
  return {
    id: r.id, batchId: r.batchId, organizationId: r.organizationId, organizationName: r.organizationName, regionCode: r.regionCode, productDi: r.productDi, lot: r.lot,
    reportNo: r.reportNo, inspector: r.inspector, decision: r.decision, decidedAt: formatShanghaiInstant(r.decidedAt), items: r.items, failedCount: r.failedCount,
    createdAt: formatShanghaiInstant(r.createdAt),
  };
}

export function flagView(f: QualityFlagRow) {
  return { id: f.id, rule: f.rule, subjectType: f.subjectType, subjectKey: f.subjectKey, organizationId: f.organizationId, regionCode: f.regionCode, params: f.params, detectedAt: formatShanghaiInstant(f.detectedAt) };
}

/** Whether each of a material's qualification documents covered a date (the batch's production date). */
export function materialView(m: MaterialUseRow, productionDate: string) {
  return {
    receiptId: m.receiptId, material: { name: m.materialName, code: m.materialCode, kind: m.materialKind }, materialLot: m.materialLot, quantity: m.quantity, unit: m.unit,
    purchaseDate: m.purchaseDate, incomingInspectionResult: m.inspectionResult,
    supplier: { id: m.supplierOrganizationId, name: m.supplierName, regionCode: m.supplierRegionCode },
    qualifications: m.qualifications.map((q) => ({ ...q, validOnProductionDate: productionDate >= q.validFrom && productionDate <= q.validTo })),
    supplierQualifiedOnProductionDate: m.qualifications.length > 0 && m.qualifications.every((q) => productionDate >= q.validFrom && productionDate <= q.validTo),
  };
}

/** Readings with the limits they broke, and a summary per room. */
export function environmentView(limits: BatchRow['environmentLimits'], readings: ReadingRow[]) {
  const rows = readings.map((r) => ({
    measuredAt: formatShanghaiInstant(r.measuredAt), room: r.room, particles05: r.particles05, particles5: r.particles5, temperatureC: r.temperatureC,
    humidityPct: r.humidityPct, pressureDiffPa: r.pressureDiffPa, exceedances: readingExceedances(limits, r),
  }));
  const outOfLimit = rows.filter((r) => r.exceedances.length > 0);
  const span = (k: 'particles05' | 'particles5' | 'temperatureC' | 'humidityPct' | 'pressureDiffPa') => {
    const v = readings.map((r) => r[k]).filter((x): x is number => x !== null);
    return v.length ? { min: Math.min(...v), max: Math.max(...v) } : null;
  };
  return {
    limits, readingCount: rows.length, outOfLimitCount: outOfLimit.length, rooms: [...new Set(readings.map((r) => r.room))],
    ranges: { particles05: span('particles05'), particles5: span('particles5'), temperatureC: span('temperatureC'), humidityPct: span('humidityPct'), pressureDiffPa: span('pressureDiffPa') },
    outOfLimit, readings: rows,
  };
}

const by = (actor: Actor) => ({ type: actor.type, id: actor.id });

/**
 * Production records (issue 4, item 1). Manufacturers write their own (enterprise users and API
 * tokens of a manufacturer); regulators read what lies in their jurisdiction; out of scope is 404.
 * Quality flags are evaluated in the write's transaction, so a record and its flags commit together.
 */
export class ProductionService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /** The writing manufacturer: its id and region. */
  async #writer(trx: Kysely<DB>, ctx: RequestContext) {
    requirePermission(ctx.actor, 'production.write');
    if (ctx.actor.organizationType !== 'manufacturer' || ctx.actor.organizationId === null) {
      throw forbidden('production.writer_not_manufacturer', { type: ctx.actor.organizationType ?? ctx.actor.role });
    }
    const org = await organizationsRepository.findById(trx, ctx.actor.organizationId, { kind: 'all' });
    if (!org) throw notFound('organization', ctx.actor.organizationId);
    return { organizationId: org.id, regionCode: org.regionCode };
  }

  #write<T>(ctx: RequestContext, route: string, input: unknown, key: string | undefined, run: (trx: Kysely<DB>) => Promise<T>): Promise<IdempotentResult<T>> {
    return withTransaction(this.#deps.db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: ctx.actor.id }, key, route, request: input }, async () => ({ status: 201, body: await run(trx) })),
    );
  }

  // ---- material receipts ----

  async createReceipt(ctx: RequestContext, input: MaterialReceiptInput, idempotencyKey?: string) {
    return this.#write(ctx, 'POST /api/material-receipts', input, idempotencyKey, async (trx) => {
      const me = await this.#writer(trx, ctx);
      const issues: Issue[] = [];
      const supplier = await organizationsRepository.findById(trx, input.supplierOrganizationId, { kind: 'all' });
      if (!supplier) issues.push({ code: 'production.supplier_unknown', path: ['supplierOrganizationId'], params: { id: input.supplierOrganizationId } });
      else if (supplier.id === me.organizationId) issues.push({ code: 'production.supplier_is_self', path: ['supplierOrganizationId'] });
      if (issues.length) throw invalid(issues);
      if (await repo.receiptExists(trx, me.organizationId, input.material.code, input.materialLot)) {
        throw conflict('production.receipt_exists', { materialCode: input.material.code, materialLot: input.materialLot });
      }
      const id = await repo.insertReceipt(trx, {
        ...me, supplierOrganizationId: input.supplierOrganizationId, materialName: input.material.name, materialCode: input.material.code, materialKind: input.material.kind,
        materialLot: input.materialLot, quantity: input.quantity, unit: input.unit, purchaseDate: input.purchaseDate, qualifications: input.qualifications,
        inspectionItems: judgeTestItems(input.incomingInspection.items), inspectionResult: input.incomingInspection.result,
        inspector: input.incomingInspection.inspector, inspectionDate: input.incomingInspection.date, by: by(ctx.actor),
      });
      await this.#deps.audit.record(trx, whoFrom(ctx), {
        action: 'material_receipt.create', objectType: 'material_receipt', objectId: id,
        details: { materialCode: input.material.code, materialLot: input.materialLot, supplierOrganizationId: input.supplierOrganizationId, result: input.incomingInspection.result },
      });
      return receiptView((await repo.findReceipt(trx, id, { kind: 'all' })) as ReceiptRow);
    });
  }

  async listReceipts(ctx: RequestContext, f: ReceiptFilter, page: Page, sort: Sort<ReceiptSort>) {
    requirePermission(ctx.actor, 'production.read');
    const r = await repo.listReceipts(this.#deps.db, businessScope(ctx.actor), f, page, sort);
    return { total: r.total, items: r.items.map(receiptView) };
  }

  async getReceipt(ctx: RequestContext, id: number) {
    requirePermission(ctx.actor, 'production.read');
    const r = await repo.findReceipt(this.#deps.db, id, businessScope(ctx.actor));
    if (!r) throw notFound('material_receipt', id);
    return receiptView(r);
  }

  /** Every batch a material lot went into: the forward trace of a bad material lot. */
  async batchesOfMaterialLot(ctx: RequestContext, receiptId: number) {
    requirePermission(ctx.actor, 'production.read');
    const scope = businessScope(ctx.actor);
    const receipt = await repo.findReceipt(this.#deps.db, receiptId, scope);
    if (!receipt) throw notFound('material_lot', receiptId);
    const items = await repo.batchesOfReceipt(this.#deps.db, receiptId, scope);
    return {
      materialLot: receiptView(receipt),
      items: items.map((b) => ({ ...batchView(b), consumedQuantity: b.consumedQuantity, consumedUnit: b.consumedUnit })),
      total: items.length,
    };
  }

  // ---- batches ----

  async createBatch(ctx: RequestContext, input: BatchInput, idempotencyKey?: string) {
    return this.#write(ctx, 'POST /api/batches', input, idempotencyKey, async (trx) => {
      const me = await this.#writer(trx, ctx);
      const issues: Issue[] = [];
      const product = await adverseEventsRepository.findDi(trx, input.productDi);
      if (!product) issues.push({ code: 'production.product_unknown', path: ['productDi'], params: { di: input.productDi } });
      else if (product.holderId !== me.organizationId) issues.push({ code: 'production.not_own_product', path: ['productDi'], params: { di: input.productDi } });
      const received = await repo.ownReceipts(trx, me.organizationId, input.materials);
      const byKey = new Map(received.map((r) => [`${r.materialCode}\u0000${r.materialLot}`, r]));
      input.materials.forEach((m, i) => {
        const r = byKey.get(`${m.materialCode}\u0000${m.materialLot}`);
        if (!r) issues.push({ code: 'production.material_lot_unknown', path: ['materials', i, 'materialLot'], params: { materialCode: m.materialCode, materialLot: m.materialLot } });
        else if (r.purchaseDate > input.productionDate) {
          issues.push({ code: 'production.material_after_production', path: ['materials', i, 'materialLot'], params: { materialLot: m.materialLot, purchaseDate: r.purchaseDate, productionDate: input.productionDate } });
        }
      });
      if (issues.length || !product) throw invalid(issues);
      if ((await repo.batchIdOf(trx, product.di, input.lot)) !== undefined) throw conflict('production.batch_exists', { di: product.di, lot: input.lot });

      const id = await repo.insertBatch(trx, {
        ...me, productId: product.productId, productDi: product.di, lot: input.lot, quantity: input.quantity, productionDate: input.productionDate,
        expiryDate: input.expiryDate ?? null, processRoute: input.processRoute, processVersion: input.processVersion, environmentLimits: input.environmentLimits, by: by(ctx.actor),
      });
      const uses = input.materials.map((m) => ({ m, r: byKey.get(`${m.materialCode}\u0000${m.materialLot}`) as (typeof received)[number] }));
      await repo.insertBatchMaterials(trx, uses.map(({ m, r }) => ({ batchId: id, receiptId: r.id, quantity: m.quantity, unit: m.unit })));
      await repo.insertReadings(trx, id, input.environmentReadings.map((r) => ({
        measuredAt: r.measuredAt, room: r.room, particles05: r.particles05 ?? null, particles5: r.particles5 ?? null, temperatureC: r.temperatureC ?? null,
        humidityPct: r.humidityPct ?? null, pressureDiffPa: r.pressureDiffPa ?? null,
      })));
      const flagBatch: FlagBatch = { id, productDi: product.di, lot: input.lot, productionDate: input.productionDate };
      const flags = await qualityFlagsRepository.record(trx, me, materialFlags(flagBatch, uses.map(({ r }) => r)));
      await this.#deps.audit.record(trx, whoFrom(ctx), {
        action: 'batch.create', objectType: 'production_batch', objectId: id,
        details: { productDi: product.di, lot: input.lot, materials: uses.length, readings: input.environmentReadings.length, flags },
      });
      return this.#batchDetail(trx, (await repo.findBatch(trx, id, { kind: 'all' })) as BatchRow);
    });
  }

  async listBatches(ctx: RequestContext, f: BatchFilter, page: Page, sort: Sort<BatchSort>) {
    requirePermission(ctx.actor, 'production.read');
    const r = await repo.listBatches(this.#deps.db, businessScope(ctx.actor), f, page, sort);
    return { total: r.total, items: r.items.map(batchView) };
  }

  async getBatch(ctx: RequestContext, id: number) {
    requirePermission(ctx.actor, 'production.read');
    const b = await repo.findBatch(this.#deps.db, id, businessScope(ctx.actor));
    if (!b) throw notFound('production_batch', id);
    return this.#batchDetail(this.#deps.db, b);
  }

  /** A batch with its materials (suppliers, qualification at production time), environment, release and flags. */
  async #batchDetail(db: Kysely<DB>, b: BatchRow) {
    const [materials, readings, release, flags] = await Promise.all([repo.materialsOf(db, b.id), repo.readingsOf(db, b.id), repo.releaseOfBatch(db, b.id), qualityFlagsRepository.ofBatch(db, b.id)]);
    return {
      ...batchView(b),
      materials: materials.map((m) => materialView(m, b.productionDate)),
      environment: environmentView(b.environmentLimits, readings),
      release: release ? releaseView(release) : null,
      flags: flags.map(flagView),
    };
  }

  // ---- release reports ----

  async createRelease(ctx: RequestContext, input: ReleaseReportInput, idempotencyKey?: string) {
    return this.#write(ctx, 'POST /api/release-reports', input, idempotencyKey, async (trx) => {
      const me = await this.#writer(trx, ctx);
      const batch = await repo.findBatch(trx, input.batchId, { kind: 'organization', organizationId: me.organizationId });
      if (!batch) throw invalid([{ code: 'production.batch_unknown', path: ['batchId'], params: { id: input.batchId } }]);
      if (Date.parse(input.decidedAt) < Date.parse(`${batch.productionDate}T00:00:00+08:00`)) {
        throw invalid([{ code: 'production.decision_before_production', path: ['decidedAt'], params: { decidedAt: input.decidedAt, productionDate: batch.productionDate } }]);
      }
      if (await repo.releaseOfBatch(trx, batch.id)) throw conflict('production.release_exists', { batchId: batch.id });
      const items = judgeTestItems(input.items);
      const id = await repo.insertRelease(trx, {
        batchId: batch.id, ...me, reportNo: input.reportNo ?? null, inspector: input.inspector, decision: input.decision, decidedAt: input.decidedAt, items, by: by(ctx.actor),
      });
      // A lot already shipped is flagged now: its shipping events are facts the release cannot precede any more.
      const firstShippedAt = await this.firstShippedAt(trx, batch.productDi, batch.lot);
      const findings = releaseFlags({ id: batch.id, productDi: batch.productDi, lot: batch.lot, productionDate: batch.productionDate }, { reportId: id, decision: input.decision, decidedAt: input.decidedAt, items }, firstShippedAt);
      const flags = await qualityFlagsRepository.record(trx, me, findings);
      await this.#deps.audit.record(trx, whoFrom(ctx), {
        action: 'release_report.create', objectType: 'release_report', objectId: id,
        details: { batchId: batch.id, decision: input.decision, failedItems: items.filter((i) => !i.passed).map((i) => i.name), flags },
      });
      return releaseView((await repo.findRelease(trx, id, { kind: 'all' })) as ReleaseRow);
    });
  }

  /** When any unit of the lot was first shipped (CBV shipping, from the event store and its projections), or null. */
  async firstShippedAt(db: Kysely<DB>, di: string, lot: string): Promise<string | null> {
    const moves = await lotMovementsRepository.movements(db, di, lot);
    const ship = moves.find((m) => (m.via === 'units' ? m.custodyKind === 'ship' : effectOf(m) === 'ship'));
    return ship ? ship.eventTime.toISOString() : null;
  }

  async listReleases(ctx: RequestContext, f: ReleaseFilter, page: Page, sort: Sort<ReleaseSort>) {
    requirePermission(ctx.actor, 'production.read');
    const r = await repo.listReleases(this.#deps.db, businessScope(ctx.actor), f, page, sort);
    return { total: r.total, items: r.items.map(releaseView) };
  }

  async getRelease(ctx: RequestContext, id: number) {
    requirePermission(ctx.actor, 'production.read');
    const r = await repo.findRelease(this.#deps.db, id, businessScope(ctx.actor));
    if (!r) throw notFound('release_report', id);
    return releaseView(r);
  }

  // ---- quality flags ----

  async listFlags(ctx: RequestContext, f: QualityFlagFilter, page: Page, direction: 'asc' | 'desc') {
    requirePermission(ctx.actor, 'production.read');
    const r = await qualityFlagsRepository.list(this.#deps.db, businessScope(ctx.actor), f, page, direction);
    return { total: r.total, items: r.items.map(flagView) };
  }
}

