// Test-only payload builders for production records (shared by the production, attachments and dossier tests).

let seq = 0;
export const nextLot = (prefix: string) => `${prefix}${String(++seq).padStart(4, '0')}`;

export function receiptPayload(supplierOrganizationId: number, over: Record<string, unknown> = {}) {
  return {
    supplierOrganizationId, material: { name: '熔喷布', code: 'MB-25', kind: 'melt_blown' }, materialLot: nextLot('MB'), quantity: 500, unit: 'kg', purchaseDate: '2026-03-01',
    qualifications: [{ kind: 'production_license', number: '浙械生产许20150001号', validFrom: '2021-01-01', validTo: '2026-12-31' }, { kind: 'business_license', number: '91330100MA2H000001', validFrom: '2015-01-01', validTo: '2035-12-31' }],
    incomingInspection: { items: [{ name: '细菌过滤效率 BFE', standard: 'YY 0469-2011', method: '附录B', lowerLimit: 95, unit: '%', measuredValue: 98.2 }], result: 'pass', inspector: '王检验', date: '2026-03-02' },
    ...over,
  };
}

export function batchPayload(productDi: string, materials: { materialCode: string; materialLot: string }[], over: Record<string, unknown> = {}) {
  return {
    productDi, lot: nextLot('MK'), quantity: 20000, productionDate: '2026-03-05', expiryDate: '2028-03-04', processRoute: 'MK-R1 裁切-焊接-灭菌', processVersion: 'V2.1',
    materials: materials.map((m) => ({ ...m, quantity: 120, unit: 'kg' })),
    environmentLimits: { particles05Max: 3520000, particles5Max: 29300, temperatureMin: 18, temperatureMax: 26, humidityMin: 45, humidityMax: 65, pressureDiffMin: 10 },
    environmentReadings: [
      { measuredAt: '2026-03-05T09:00:00+08:00', room: 'C级洁净车间', particles05: 1200000, particles5: 8000, temperatureC: 22.5, humidityPct: 55, pressureDiffPa: 12 },
      { measuredAt: '2026-03-05T13:00:00+08:00', room: 'C级洁净车间', particles05: 1300000, particles5: 9000, temperatureC: 23.1, humidityPct: 68, pressureDiffPa: 11 },
    ],
    ...over,
  };
}

export function releasePayload(batchId: number, over: Record<string, unknown> = {}) {
  return {
    batchId, reportNo: `RR-${batchId}`, inspector: '李质检', decision: 'released', decidedAt: '2026-03-07T16:00:00+08:00',
    items: [
      { name: '细菌过滤效率 BFE', standard: 'YY 0469-2011', method: '附录B', lowerLimit: 95, unit: '%', measuredValue: 97.5 },
      { name: '压力差 Δp', standard: 'YY 0469-2011', method: '5.7', upperLimit: 49, unit: 'Pa', measuredValue: 38 },
    ],
    ...over,
  };
}
