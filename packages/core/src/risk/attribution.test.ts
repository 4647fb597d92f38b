import { describe, expect, it } from 'vitest';
import { attributeSignal } from './attribution.ts';

describe('quality versus use attribution', () => {
  it('calls abnormal stops at one hospital with untrained operators use-related', () => {
    const a = attributeSignal({ reports: 8, institutions: 1, regions: 1, operators: { total: 7, untrained: 6 }, maintenance: { units: 4, overdueOrFailed: 0 } });
    expect(a.label).toBe('use');
    expect(a.score).toBeCloseTo(-1.5 - 0.5 - 2.5 * (6 / 7), 2);
    expect(a.evidence.map((e) => e.factor)).toEqual(['institution_concentration', 'region_concentration', 'operators_untrained']);
  });
  it('calls the same problem at many hospitals in several cities a quality problem', () => {
    const a = attributeSignal({ reports: 14, institutions: 9, regions: 4, operators: { total: 20, untrained: 0 } });
    expect(a.label).toBe('quality');
    expect(a.score).toBe(3);
    expect(a.evidence.find((e) => e.factor === 'institution_spread')?.detail).toEqual({ institutions: 9, reports: 14 });
  });
  it('weighs failed production tests and investigation conclusions', () => {
    expect(attributeSignal({ reports: 2, institutions: 2, regions: 1, productionRecords: { lots: 2, failedLots: 1 } })).toMatchObject({ label: 'quality', score: 2 });
    expect(attributeSignal({ reports: 2, institutions: 2, regions: 1, investigationCodes: ['D1101', 'A141204'] })).toMatchObject({ label: 'use', score: -2 });
    expect(attributeSignal({ reports: 2, institutions: 2, regions: 1, investigationCodes: ['D0301'], storageExcursions: 1 })).toMatchObject({ label: 'quality', score: 2.75 });
  });
  it('stays undetermined when the evidence is thin or cancels out', () => {
    expect(attributeSignal({ reports: 2, institutions: 2, regions: 1 })).toEqual({ label: 'undetermined', score: 0, evidence: [] });
    const mixed = attributeSignal({ reports: 6, institutions: 5, regions: 1, operators: { total: 5, untrained: 3 } });
    expect(mixed.score).toBeCloseTo(1.5 - 1.5, 2);
    expect(mixed.label).toBe('undetermined');
  });
  it('lets maintenance history point to use', () => {
    const a = attributeSignal({ reports: 4, institutions: 1, regions: 1, maintenance: { units: 2, overdueOrFailed: 2 } });
    expect(a.evidence.at(-1)).toEqual({ factor: 'maintenance_overdue', weight: -1.5, detail: { units: 2, overdueOrFailed: 2, share: 1 } });
    expect(a.label).toBe('use');
  });
});
