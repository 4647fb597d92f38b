import { describe, expect, it } from 'vitest';
import { lapsedQualifications, materialFlags, releaseFlags, type FlagMaterialUse } from './production-flags.ts';

const batch = { id: 12, productDi: '06990001001004', lot: 'MK00101', productionDate: '2026-03-05' };
const use = (over: Partial<FlagMaterialUse> = {}): FlagMaterialUse => ({
  receiptId: 3, materialCode: 'MB-25', materialName: '熔喷布', materialLot: 'MB1', supplierOrganizationId: 9, inspectionResult: 'pass',
  qualifications: [{ kind: 'production_license', number: 'P1', validFrom: '2021-01-01', validTo: '2026-12-31' }], ...over,
});
const item = (measuredValue: number, passed: boolean) => ({ name: 'BFE', standard: 'YY 0469-2011', lowerLimit: 95, upperLimit: null, unit: '%', measuredValue, passed });

describe('material flags', () => {
  it('raises nothing for a qualified supplier and a lot that passed inspection', () => {
    expect(materialFlags(batch, [use()])).toEqual([]);
  });
  it('flags a lot whose supplier document had expired on the production date, naming the document', () => {
    const flags = materialFlags(batch, [use({ qualifications: [{ kind: 'production_license', number: 'P1', validFrom: '2021-01-01', validTo: '2026-03-04' }, { kind: 'business_license', number: 'B1', validFrom: '2020-01-01', validTo: '2030-01-01' }] })]);
    expect(flags).toEqual([{
      rule: 'supplier_qualification_lapsed', subjectType: 'material_lot', subjectKey: '3/12',
      params: expect.objectContaining({ batchId: 12, materialLot: 'MB1', productionDate: '2026-03-05', lapsed: [{ kind: 'production_license', number: 'P1', validFrom: '2021-01-01', validTo: '2026-03-04' }] }),
    }]);
  });
  it('counts the last day of validity as valid and a document not yet valid as lapsed', () => {
    expect(lapsedQualifications([{ kind: 'x', number: '1', validFrom: '2026-01-01', validTo: '2026-03-05' }], '2026-03-05')).toEqual([]);
    expect(lapsedQualifications([{ kind: 'x', number: '1', validFrom: '2026-03-06', validTo: '2027-03-05' }], '2026-03-05')).toHaveLength(1);
    expect(lapsedQualifications([], '2026-03-05')).toEqual([{ kind: 'none', number: null, validFrom: null, validTo: null }]);
  });
  it('flags a lot that failed incoming inspection, once per batch it went into', () => {
    const flags = materialFlags(batch, [use({ inspectionResult: 'fail' }), use({ receiptId: 4 })]);
    expect(flags.map((f) => `${f.rule}:${f.subjectKey}`)).toEqual(['material_failed_inspection:3/12']);
  });
});

describe('release flags', () => {
  const release = (over: Partial<Parameters<typeof releaseFlags>[1]> = {}) => ({ reportId: 5, decision: 'released' as const, decidedAt: '2026-03-07T16:00:00+08:00', items: [item(97, true)], ...over });
  it('raises nothing for a clean release before shipping', () => {
    expect(releaseFlags(batch, release(), '2026-03-08T09:00:00+08:00')).toEqual([]);
    expect(releaseFlags(batch, release(), null)).toEqual([]);
  });
  it('flags a release with a failed item, listing the item and its measured value', () => {
    const [flag] = releaseFlags(batch, release({ items: [item(93.1, false), item(97, true)] }), null);
    expect(flag).toMatchObject({ rule: 'released_with_failed_item', subjectType: 'batch', subjectKey: '12', params: { failedItems: [{ name: 'BFE', measuredValue: 93.1, lowerLimit: 95 }] } });
  });
  it('does not flag a rejected batch for its failed item', () => {
    expect(releaseFlags(batch, release({ decision: 'rejected', items: [item(93.1, false)] }), null)).toEqual([]);
  });
  it('flags a lot shipped before the decision, with how many hours early', () => {
    const flags = releaseFlags(batch, release(), '2026-03-06T10:00:00+08:00');
    expect(flags).toEqual([{ rule: 'shipped_before_release', subjectType: 'lot', subjectKey: '06990001001004/MK00101', params: expect.objectContaining({ firstShippedAt: '2026-03-06T10:00:00+08:00', hoursEarly: 30, decision: 'released' }) }]);
  });
});
