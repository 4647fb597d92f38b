import { describe, expect, it } from 'vitest';
import { acceptanceDiscrepancies, distributionDocumentInputSchema, receivingAcceptanceInputSchema } from './distribution.ts';
import { assessmentFigures, clinicalUseInputSchema, maintenanceInputSchema, normaliseOperator, trainingFor } from './use-records.ts';

const codes = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; params?: Record<string, unknown> }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}:${String(i.params?.code ?? '')}`);

describe('trainingFor', () => {
  const trainings = [
    { id: 1, operator: '李静', deviceKind: 'infusion_pump', productDi: null, trainedOn: '2026-01-05', validUntil: '2027-01-04' },
    { id: 2, operator: '王磊', deviceKind: null, productDi: '06901234567892', trainedOn: '2025-02-01', validUntil: '2026-02-01' },
  ];
  const use = { operator: '李静', productDi: '06901234567899', deviceKind: 'infusion_pump', usedOn: '2026-03-01' };
  it('matches by device type or product, on the day of use, whatever the spacing of the name', () => {
    expect(trainingFor(trainings, { ...use, operator: '李　静' })?.id).toBe(1);
    expect(trainingFor(trainings, { ...use, operator: '王磊', productDi: '06901234567892', usedOn: '2026-02-01' })?.id).toBe(2);
    expect(trainingFor(trainings, { ...use, operator: '王磊', productDi: '06901234567892', usedOn: '2026-02-02' })).toBeUndefined();
    expect(trainingFor(trainings, { ...use, usedOn: '2026-01-04' })).toBeUndefined();
    expect(trainingFor(trainings, { ...use, deviceKind: 'syringe' })).toBeUndefined();
    expect(normaliseOperator(' 李 静 ')).toBe('李静');
  });
});

describe('acceptanceDiscrepancies', () => {
  it('reports shortages, overages and lines missing on either side', () => {
    const note = [{ productDi: 'A', lot: 'L1', serial: null, quantity: 100 }, { productDi: 'B', lot: 'L2', serial: null, quantity: 5 }, { productDi: 'C', lot: null, serial: 'S', quantity: 1 }];
    const counted = [{ productDi: 'A', lot: 'L1', serial: null, quantity: 96 }, { productDi: 'C', lot: null, serial: 'S', quantity: 1 }, { productDi: 'D', lot: 'L9', serial: null, quantity: 2 }];
    expect(acceptanceDiscrepancies(note, counted)).toEqual([
      { productDi: 'A', lot: 'L1', serial: null, expected: 100, checked: 96, difference: -4 },
      { productDi: 'B', lot: 'L2', serial: null, expected: 5, checked: 0, difference: -5 },
      { productDi: 'D', lot: 'L9', serial: null, expected: 0, checked: 2, difference: 2 },
    ]);
    expect(acceptanceDiscrepancies(note, note)).toEqual([]);
  });
});

describe('assessmentFigures', () => {
  it('computes shares and means, null when there is nothing to divide', () => {
    expect(assessmentFigures({ uses: 4, usesByTrained: 3, maintenance: { records: 3, failures: 2, downtimeHours: 42, scrapped: 1 }, reports: { total: 3, late: 1 } })).toEqual({
      training: { uses: 4, usesByTrained: 3, coverage: 0.75 },
      maintenance: { records: 3, failures: 2, downtimeHours: 42, meanDowntimeHours: 14, scrapped: 1 },
      reporting: { total: 3, late: 1, onTime: 2, timeliness: 0.6667 },
    });
    const none = assessmentFigures({ uses: 0, usesByTrained: 0, maintenance: { records: 0, failures: 0, downtimeHours: 0, scrapped: 0 }, reports: { total: 0, late: 0 } });
    expect([none.training.coverage, none.maintenance.meanDowntimeHours, none.reporting.timeliness]).toEqual([null, null, null]);
  });
});

describe('record schemas', () => {
  it('names the field and the rule of each problem', () => {
    expect(codes(clinicalUseInputSchema.safeParse({ udi: '(01)06901234567892(21)S1', productDi: '06901234567892', department: 'ICU', usedOn: '2026-03-01', operator: '甲' }))).toEqual(['productDi:use_record.device_twice']);
    expect(codes(clinicalUseInputSchema.safeParse({ udi: '(01)06901234567892(10)L1(21)S1', serial: 'S2', department: 'ICU', usedOn: '2026-03-01', operator: '甲' }))).toEqual(['serial:use_record.udi_mismatch']);
    expect(codes(maintenanceInputSchema.safeParse({ udi: '(01)06901234567892(10)L1', startedOn: '2026-03-01', result: 'serviced', technician: 'T' }))).toEqual(['udi:use_record.serial_required']);
    expect(codes(distributionDocumentInputSchema.safeParse({ kind: 'purchase_contract', number: 'X', supplierOrganizationId: 1, buyerOrganizationId: 1, documentDate: '2026-03-02', contractNumber: 'Y', lines: [{ productDi: 'D', quantity: 1 }] })))
      .toEqual(['buyerOrganizationId:distribution.same_party', 'contractNumber:distribution.contract_on_contract']);
    expect(codes(receivingAcceptanceInputSchema.safeParse({ receivedAt: '2026-03-02T10:00:00+08:00', inspector: 'I', condition: 'damaged', temperatureC: -120, accepted: true, lines: [{ productDi: 'D', checkedQuantity: 1 }] })))
      .toEqual(['temperatureC:acceptance.temperature_range', 'reason:acceptance.reason_required']);
  });
});
