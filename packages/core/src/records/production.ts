/**
 * Production records (issue 4, item 1) as zod schemas shared by the browser's forms and the
 * server: raw-material receipts (supplier qualification documents, incoming inspection),
 * production batches (materials consumed, clean-room readings with their limits) and release
 * inspection reports.
 *
 * What the record alone can tell is checked here, each rule with its own issue code (messages in
 * `locales/…/production.ts`): dates in order, limits in order, every measured value inside its
 * physical range. Whether a test item passed is computed from its limits, never taken from the
 * input. What needs reference data (the supplier and the material lot exist, the DI is the
 * writer's own product) is checked by the server.
 */
import { z } from 'zod';

export const MATERIAL_KINDS = ['non_woven', 'melt_blown', 'ear_loop', 'nose_wire', 'titanium_alloy', 'cobalt_chrome', 'polyethylene', 'ceramic', 'packaging', 'other'] as const;
export const QUALIFICATION_KINDS = ['business_license', 'production_license', 'registration', 'qms_certificate', 'test_report', 'other'] as const;
export const INSPECTION_RESULTS = ['pass', 'fail'] as const;
export const RELEASE_DECISIONS = ['released', 'rejected'] as const;

export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export type ReleaseDecision = (typeof RELEASE_DECISIONS)[number];

/** A physical range: what a measuring instrument can report at all (not a specification limit). */
export interface PhysicalRange {
  min: number;
  max: number;
  unit: string;
}

export const RANGES = {
  percent: { min: 0, max: 100, unit: '%' },
  humidity: { min: 0, max: 100, unit: '%RH' },
  temperature: { min: -80, max: 300, unit: '°C' },
  pressure: { min: -1000, max: 1000, unit: 'Pa' },
  count: { min: 0, max: Number.MAX_SAFE_INTEGER, unit: '/m³' },
} as const satisfies Record<string, PhysicalRange>;

/**
 * The physical range a test item's unit implies, or null for units without one (mm, N, kPa, …).
 * Filtration efficiencies (BFE / PFE, unit %) are bounded by 0–100 %.
 * @example physicalRangeOf('%') → { min: 0, max: 100, unit: '%' }
 */
export function physicalRangeOf(unit: string): PhysicalRange | null {
  const u = unit.trim().replace(/\s+/g, '').toLowerCase();
  if (u === '%' || u === 'percent') return RANGES.percent;
  if (u === '%rh' || u === 'rh%') return RANGES.humidity;
  if (u === '°c' || u === '℃' || u === 'cel' || u === 'c') return RANGES.temperature;
  if (u === 'pa') return RANGES.pressure;
  if (/^(个|count|particles)?\/(m³|m3)$/.test(u)) return RANGES.count;
  return null;
}

const date = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);
const finite = z.number().refine(Number.isFinite);

type IssueAdder = (path: (string | number)[], code: string, params?: Record<string, string | number | boolean | null>) => void;
const issuer = (ctx: z.RefinementCtx): IssueAdder => (path, code, params = {}) => ctx.addIssue({ code: 'custom', path, message: code, params: { code, ...params } });

function checkRange(add: IssueAdder, path: (string | number)[], value: number | null | undefined, range: PhysicalRange | null): void {
  if (value === null || value === undefined || range === null) return;
  if (value < range.min || value > range.max) {
    add(path, 'production.out_of_physical_range', { value, min: range.min, max: range.max === Number.MAX_SAFE_INTEGER ? '∞' : range.max, unit: range.unit });
  }
}

/** One test item of an incoming inspection or a release report. `passed` is computed, never read. */
export const testItemSchema = z
  .object({
    name: text(100),
    /** e.g. YY 0469-2011 */
    standard: z.string().trim().max(100).optional(),
    method: z.string().trim().max(200).optional(),
    lowerLimit: finite.optional(),
    upperLimit: finite.optional(),
    unit: z.string().trim().max(20).default(''),
    measuredValue: finite,
  })
  .strict();
export type TestItemInput = z.infer<typeof testItemSchema>;

function checkTestItems(add: IssueAdder, base: (string | number)[], items: TestItemInput[]): void {
  items.forEach((item, i) => {
    const at = [...base, i];
    if (item.lowerLimit === undefined && item.upperLimit === undefined) add([...at, 'upperLimit'], 'production.limit_required', { item: item.name });
    if (item.lowerLimit !== undefined && item.upperLimit !== undefined && item.lowerLimit > item.upperLimit) {
      add([...at, 'lowerLimit'], 'production.limits_reversed', { lower: item.lowerLimit, upper: item.upperLimit });
    }
    const range = physicalRangeOf(item.unit);
    checkRange(add, [...at, 'measuredValue'], item.measuredValue, range);
    checkRange(add, [...at, 'lowerLimit'], item.lowerLimit, range);
    checkRange(add, [...at, 'upperLimit'], item.upperLimit, range);
  });
}

/**
 * True when the measured value lies within the item's limits (inclusive).
 * @example testItemPassed({ lowerLimit: 95, measuredValue: 93.1 }) === false
 */
export function testItemPassed(item: { lowerLimit?: number | null; upperLimit?: number | null; measuredValue: number }): boolean {
  if (item.lowerLimit !== undefined && item.lowerLimit !== null && item.measuredValue < item.lowerLimit) return false;
  if (item.upperLimit !== undefined && item.upperLimit !== null && item.measuredValue > item.upperLimit) return false;
  return true;
}

/** The items with their computed verdict, as stored. */
export function judgeTestItems(items: TestItemInput[]) {
  return items.map((i) => ({
    name: i.name, standard: i.standard ?? null, method: i.method ?? null, lowerLimit: i.lowerLimit ?? null, upperLimit: i.upperLimit ?? null,
    unit: i.unit, measuredValue: i.measuredValue, passed: testItemPassed(i),
  }));
}
export type JudgedTestItem = ReturnType<typeof judgeTestItems>[number];

export const qualificationDocumentSchema = z
  .object({ kind: z.enum(QUALIFICATION_KINDS), number: text(100), issuer: z.string().trim().max(100).optional(), validFrom: date, validTo: date })
  .strict();
export type QualificationDocument = z.infer<typeof qualificationDocumentSchema>;

export const materialReceiptInputSchema = z
  .object({
    /** The supplier, an organisation registered on the platform. */
    supplierOrganizationId: z.int().positive(),
    material: z.object({ name: text(100), code: text(60), kind: z.enum(MATERIAL_KINDS) }).strict(),
    materialLot: text(40),
    quantity: z.number().positive().refine(Number.isFinite),
    unit: text(20),
    purchaseDate: date,
    qualifications: z.array(qualificationDocumentSchema).max(20).default([]),
    incomingInspection: z
      .object({ items: z.array(testItemSchema).min(1).max(100), result: z.enum(INSPECTION_RESULTS), inspector: text(50), date })
      .strict(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const add = issuer(ctx);
    r.qualifications.forEach((q, i) => {
      if (q.validTo < q.validFrom) add(['qualifications', i, 'validTo'], 'production.valid_to_before_from', { validFrom: q.validFrom, validTo: q.validTo });
    });
    const ins = r.incomingInspection;
    checkTestItems(add, ['incomingInspection', 'items'], ins.items);
    if (ins.date < r.purchaseDate) add(['incomingInspection', 'date'], 'production.inspection_before_purchase', { inspectionDate: ins.date, purchaseDate: r.purchaseDate });
    const failed = ins.items.filter((i) => !testItemPassed(i)).map((i) => i.name);
    if (ins.result === 'pass' && failed.length) add(['incomingInspection', 'result'], 'production.result_contradicts_items', { failed: failed.join(', ') });
  });
export type MaterialReceiptInput = z.infer<typeof materialReceiptInputSchema>;

const LIMIT_KEYS = ['particles05Max', 'particles5Max', 'temperatureMin', 'temperatureMax', 'humidityMin', 'humidityMax', 'pressureDiffMin', 'pressureDiffMax'] as const;
export const environmentLimitsSchema = z.object(Object.fromEntries(LIMIT_KEYS.map((k) => [k, finite.optional()])) as Record<(typeof LIMIT_KEYS)[number], z.ZodOptional<typeof finite>>).strict();
export type EnvironmentLimits = z.infer<typeof environmentLimitsSchema>;

export const environmentReadingSchema = z
  .object({
    measuredAt: instant,
    room: text(40),
    /** Particles ≥ 0.5 µm per m³. */
    particles05: finite.optional(),
    /** Particles ≥ 5 µm per m³. */
    particles5: finite.optional(),
    temperatureC: finite.optional(),
    humidityPct: finite.optional(),
    pressureDiffPa: finite.optional(),
  })
  .strict();
export type EnvironmentReading = z.infer<typeof environmentReadingSchema>;

const READING_RANGES: Record<'particles05' | 'particles5' | 'temperatureC' | 'humidityPct' | 'pressureDiffPa', PhysicalRange> = {
  particles05: RANGES.count, particles5: RANGES.count, temperatureC: RANGES.temperature, humidityPct: RANGES.humidity, pressureDiffPa: RANGES.pressure,
};
const LIMIT_RANGES: Record<(typeof LIMIT_KEYS)[number], PhysicalRange> = {
  particles05Max: RANGES.count, particles5Max: RANGES.count, temperatureMin: RANGES.temperature, temperatureMax: RANGES.temperature,
  humidityMin: RANGES.humidity, humidityMax: RANGES.humidity, pressureDiffMin: RANGES.pressure, pressureDiffMax: RANGES.pressure,
};

export const batchMaterialSchema = z.object({ materialCode: text(60), materialLot: text(40), quantity: z.number().positive().refine(Number.isFinite), unit: text(20) }).strict();

export const batchInputSchema = z
  .object({
    productDi: text(60),
    lot: text(40),
    quantity: z.int().positive(),
    productionDate: date,
    expiryDate: date.optional(),
    processRoute: text(100),
    processVersion: text(20),
    materials: z.array(batchMaterialSchema).min(1).max(200),
    environmentLimits: environmentLimitsSchema.default({}),
    environmentReadings: z.array(environmentReadingSchema).max(5000).default([]),
  })
  .strict()
  .superRefine((b, ctx) => {
    const add = issuer(ctx);
    if (b.expiryDate !== undefined && b.expiryDate <= b.productionDate) add(['expiryDate'], 'production.expiry_not_after_production', { productionDate: b.productionDate, expiryDate: b.expiryDate });
    const seen = new Set<string>();
    b.materials.forEach((m, i) => {
      const key = `${m.materialCode}\u0000${m.materialLot}`;
      if (seen.has(key)) add(['materials', i, 'materialLot'], 'production.material_repeated', { materialCode: m.materialCode, materialLot: m.materialLot });
      seen.add(key);
    });
    for (const k of LIMIT_KEYS) checkRange(add, ['environmentLimits', k], b.environmentLimits[k], LIMIT_RANGES[k]);
    for (const [min, max] of [['temperatureMin', 'temperatureMax'], ['humidityMin', 'humidityMax'], ['pressureDiffMin', 'pressureDiffMax']] as const) {
      const lo = b.environmentLimits[min];
      const hi = b.environmentLimits[max];
      if (lo !== undefined && hi !== undefined && lo > hi) add(['environmentLimits', min], 'production.limits_reversed', { lower: lo, upper: hi });
    }
    b.environmentReadings.forEach((r, i) => {
      for (const [k, range] of Object.entries(READING_RANGES) as [keyof typeof READING_RANGES, PhysicalRange][]) checkRange(add, ['environmentReadings', i, k], r[k], range);
    });
  });
export type BatchInput = z.infer<typeof batchInputSchema>;

export const releaseReportInputSchema = z
  .object({
    batchId: z.int().positive(),
    reportNo: z.string().trim().max(60).optional(),
    items: z.array(testItemSchema).min(1).max(200),
    inspector: text(50),
    decision: z.enum(RELEASE_DECISIONS),
    /** When the release decision was taken (RFC 3339 with offset). */
    decidedAt: instant,
  })
  .strict()
  .superRefine((r, ctx) => checkTestItems(issuer(ctx), ['items'], r.items));
export type ReleaseReportInput = z.infer<typeof releaseReportInputSchema>;

/**
 * The readings' values outside the batch's limits, as {field, value, limit, bound}.
 * @example readingExceedances({ humidityMax: 65 }, { humidityPct: 70 }) → [{ field: 'humidityPct', value: 70, limit: 65, bound: 'max' }]
 */
export function readingExceedances(limits: EnvironmentLimits, r: Partial<Record<keyof typeof READING_RANGES, number | null | undefined>>) {
  const out: { field: keyof typeof READING_RANGES; value: number; limit: number; bound: 'min' | 'max' }[] = [];
  const check = (field: keyof typeof READING_RANGES, min: number | undefined, max: number | undefined) => {
    const v = r[field];
    if (v === null || v === undefined) return;
    if (min !== undefined && v < min) out.push({ field, value: v, limit: min, bound: 'min' });
    if (max !== undefined && v > max) out.push({ field, value: v, limit: max, bound: 'max' });
  };
  check('particles05', undefined, limits.particles05Max);
  check('particles5', undefined, limits.particles5Max);
  check('temperatureC', limits.temperatureMin, limits.temperatureMax);
  check('humidityPct', limits.humidityMin, limits.humidityMax);
  check('pressureDiffPa', limits.pressureDiffMin, limits.pressureDiffMax);
  return out;
}
