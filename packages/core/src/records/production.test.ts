import { describe, expect, it } from 'vitest';
import { issueFromZod } from '../zod-issues.ts';
import { formatIssue } from '../locales/index.ts';
import {
  batchInputSchema, judgeTestItems, materialReceiptInputSchema, physicalRangeOf, readingExceedances, releaseReportInputSchema, testItemPassed,
} from './production.ts';

const codes = (r: { success: boolean; error?: { issues: Parameters<typeof issueFromZod>[0][] } }) =>
  (r.error?.issues ?? []).map((i) => { const x = issueFromZod(i); return `${(x.path ?? []).join('.')}:${x.code}`; });

const receipt = (over: Record<string, unknown> = {}) => ({
  supplierOrganizationId: 7, material: { name: '熔喷布', code: 'MB-25', kind: 'melt_blown' }, materialLot: 'MB2026031', quantity: 500, unit: 'kg',
  purchaseDate: '2026-03-01', qualifications: [{ kind: 'production_license', number: '浙食药监械生产许20150001号', validFrom: '2021-01-01', validTo: '2026-12-31' }],
  incomingInspection: { items: [{ name: '细菌过滤效率 BFE', standard: 'YY 0469-2011', lowerLimit: 95, unit: '%', measuredValue: 97.2 }], result: 'pass', inspector: '王检', date: '2026-03-02' },
  ...over,
});
const batch = (over: Record<string, unknown> = {}) => ({
  productDi: '06990001001004', lot: 'MK00101', quantity: 20000, productionDate: '2026-03-05', expiryDate: '2028-03-04', processRoute: 'MK-R1', processVersion: 'V2.1',
  materials: [{ materialCode: 'MB-25', materialLot: 'MB2026031', quantity: 120, unit: 'kg' }],
  environmentLimits: { particles05Max: 352000, particles5Max: 2930, temperatureMin: 18, temperatureMax: 26, humidityMin: 45, humidityMax: 65, pressureDiffMin: 10 },
  environmentReadings: [{ measuredAt: '2026-03-05T09:00:00+08:00', room: '十万级洁净车间', particles05: 120000, particles5: 800, temperatureC: 22.5, humidityPct: 55, pressureDiffPa: 12 }],
  ...over,
});
const release = (over: Record<string, unknown> = {}) => ({
  batchId: 1, items: [{ name: '细菌过滤效率 BFE', standard: 'YY 0469-2011', method: '附录B', lowerLimit: 95, unit: '%', measuredValue: 93.1 }],
  inspector: '李质检', decision: 'released', decidedAt: '2026-03-07T16:00:00+08:00', ...over,
});

describe('material receipts', () => {
  it('accepts a complete receipt', () => {
    expect(materialReceiptInputSchema.safeParse(receipt()).success).toBe(true);
  });
  it('rejects reversed qualification dates, an inspection before purchase, an impossible efficiency and a "pass" over a failed item', () => {
    const r = materialReceiptInputSchema.safeParse(receipt({
      qualifications: [{ kind: 'qms_certificate', number: 'Q1', validFrom: '2026-01-01', validTo: '2025-01-01' }],
      incomingInspection: { items: [{ name: 'BFE', lowerLimit: 95, unit: '%', measuredValue: 101 }, { name: '克重', lowerLimit: 25, upperLimit: 27, unit: 'g/m²', measuredValue: 24 }], result: 'pass', inspector: '王检', date: '2026-02-01' },
    }));
    expect(codes(r)).toEqual([
      'qualifications.0.validTo:production.valid_to_before_from',
      'incomingInspection.items.0.measuredValue:production.out_of_physical_range',
      'incomingInspection.date:production.inspection_before_purchase',
      'incomingInspection.result:production.result_contradicts_items',
    ]);
  });
  it('rejects an unknown material kind and a missing inspector', () => {
    const r = materialReceiptInputSchema.safeParse(receipt({ material: { name: 'x', code: 'y', kind: 'cotton' }, incomingInspection: { items: [{ name: 'a', upperLimit: 1, measuredValue: 0 }], result: 'pass', date: '2026-03-02' } }));
    expect(codes(r)).toEqual(['material.kind:generic.enum', 'incomingInspection.inspector:generic.required']);
  });
});

describe('production batches', () => {
  it('accepts a complete batch', () => {
    expect(batchInputSchema.safeParse(batch()).success).toBe(true);
  });
  it('rejects an expiry before production, a repeated material lot and readings outside any physical range', () => {
    const r = batchInputSchema.safeParse(batch({
      expiryDate: '2026-03-01',
      materials: [{ materialCode: 'MB-25', materialLot: 'L1', quantity: 1, unit: 'kg' }, { materialCode: 'MB-25', materialLot: 'L1', quantity: 2, unit: 'kg' }],
      environmentLimits: { humidityMin: 70, humidityMax: 60 },
      environmentReadings: [{ measuredAt: '2026-03-05T09:00:00+08:00', room: 'A', particles05: -1, temperatureC: 400, humidityPct: 120, pressureDiffPa: -1500 }],
    }));
    expect(codes(r)).toEqual([
      'expiryDate:production.expiry_not_after_production',
      'materials.1.materialLot:production.material_repeated',
      'environmentLimits.humidityMin:production.limits_reversed',
      'environmentReadings.0.particles05:production.out_of_physical_range',
      'environmentReadings.0.temperatureC:production.out_of_physical_range',
      'environmentReadings.0.humidityPct:production.out_of_physical_range',
      'environmentReadings.0.pressureDiffPa:production.out_of_physical_range',
    ]);
  });
  it('renders a physical-range rejection in both languages with field, range and hint', () => {
    const r = batchInputSchema.safeParse(batch({ environmentReadings: [{ measuredAt: '2026-03-05T09:00:00+08:00', room: 'A', humidityPct: 120 }] }));
    const issue = issueFromZod(r.error!.issues[0]!);
    expect(formatIssue(issue, 'zh-CN').message).toBe('environmentReadings.0.humidityPct：120 超出物理范围 0 至 100 %RH');
    expect(formatIssue(issue, 'en').message).toBe('environmentReadings.0.humidityPct: 120 is outside the physical range 0 to 100 %RH');
    expect(formatIssue(issue, 'en').hint).toMatch(/humidity 0–100/);
  });
  it('needs at least one material', () => {
    expect(codes(batchInputSchema.safeParse(batch({ materials: [] })))).toEqual(['materials:generic.too_few']);
  });
});

describe('release reports', () => {
  it('accepts a report, and judges items by their limits, not by what the input says', () => {
    expect(releaseReportInputSchema.safeParse(release()).success).toBe(true);
    expect(releaseReportInputSchema.safeParse(release({ items: [{ name: 'BFE', lowerLimit: 95, unit: '%', measuredValue: 97, passed: false }] })).success).toBe(false);
    const judged = judgeTestItems([{ name: 'BFE', lowerLimit: 95, unit: '%', measuredValue: 93.1 }, { name: '压力差', upperLimit: 49, unit: 'Pa', measuredValue: 40 }]);
    expect(judged.map((j) => j.passed)).toEqual([false, true]);
  });
  it('rejects a filtration efficiency above 100 %, reversed limits, an item without limits and a decision time without offset', () => {
    const r = releaseReportInputSchema.safeParse(release({
      items: [{ name: 'BFE', lowerLimit: 95, unit: '%', measuredValue: 130 }, { name: '微生物', lowerLimit: 100, upperLimit: 10, unit: 'CFU/g', measuredValue: 5 }, { name: '外观', unit: '', measuredValue: 1 }],
      decidedAt: '2026-03-07 16:00',
    }));
    expect(codes(r)).toEqual(['decidedAt:generic.format', 'items.0.measuredValue:production.out_of_physical_range', 'items.1.lowerLimit:production.limits_reversed', 'items.2.upperLimit:production.limit_required']);
  });
  it('rejects a decision that is neither released nor rejected', () => {
    expect(codes(releaseReportInputSchema.safeParse(release({ decision: 'approved' })))).toEqual(['decision:generic.enum']);
  });
});

describe('helpers', () => {
  it('knows the physical ranges of units', () => {
    expect(physicalRangeOf('%')).toMatchObject({ min: 0, max: 100 });
    expect(physicalRangeOf('℃')).toMatchObject({ min: -80, max: 300 });
    expect(physicalRangeOf('Pa')).toMatchObject({ min: -1000, max: 1000 });
    expect(physicalRangeOf('mm')).toBeNull();
  });
  it('passes at the limits and fails beyond them', () => {
    expect(testItemPassed({ lowerLimit: 95, measuredValue: 95 })).toBe(true);
    expect(testItemPassed({ lowerLimit: 95, measuredValue: 94.99 })).toBe(false);
    expect(testItemPassed({ upperLimit: 49, measuredValue: 49.1 })).toBe(false);
  });
  it('lists readings outside the batch limits', () => {
    expect(readingExceedances({ humidityMax: 65, particles05Max: 352000, pressureDiffMin: 10 }, { humidityPct: 70, particles05: 100, pressureDiffPa: 8 })).toEqual([
      { field: 'humidityPct', value: 70, limit: 65, bound: 'max' }, { field: 'pressureDiffPa', value: 8, limit: 10, bound: 'min' },
    ]);
  });
});
