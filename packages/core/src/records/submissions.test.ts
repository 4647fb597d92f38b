import { describe, expect, it } from 'vitest';
import { withGs1CheckDigit } from '../identifiers/check-digit.ts';
import { GS } from '../identifiers/gs1-element-string.ts';
import { lotOf, receiveSchema, shipSchema, submissionObject, useSchema } from './submissions.ts';

const GTIN = '06901234567892';
const codes = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; params?: Record<string, unknown> }[] } }) =>
  (r.error?.issues ?? []).map((i) => [i.path.join('.'), i.params?.code]);

describe('submission labels', () => {
  it('reads any GS1 label form of a unit into one Digital Link with its lot', () => {
    const forms = [`(01)${GTIN}(10)L1(21)S1`, `]d201${GTIN}10L1${GS}21S1`, `https://example.cn/01/${GTIN}/10/L1/21/S1`];
    for (const f of forms) expect(submissionObject(f)).toMatchObject({ ok: true, value: { kind: 'unit', uri: `https://id.gs1.org/01/${GTIN}/10/L1/21/S1`, lot: 'L1', serial: 'S1' } });
    const sscc = withGs1CheckDigit('06901234500000001');
    expect(submissionObject(`(00)${sscc}`)).toMatchObject({ ok: true, value: { kind: 'container', uri: `https://id.gs1.org/00/${sscc}`, key: `gs1:00/${sscc}` } });
    expect(submissionObject('not a label')).toMatchObject({ ok: false, code: 'submissions.item_unreadable' });
    expect(submissionObject(`(01)${GTIN}(10)L1`)).toMatchObject({ ok: false, code: 'submissions.item_not_serialised' });
    expect(lotOf({ di: GTIN, lot: 'L1' })?.uri).toBe(`https://id.gs1.org/01/${GTIN}/10/L1`);
    expect(lotOf({ di: '06901234567891', lot: 'L1' })).toBeNull();
  });
});

describe('submission schemas', () => {
  it('need goods once, a destination once, and a lot with its quantity', () => {
    expect(codes(shipSchema.safeParse({ toOrganizationId: 1 }))).toEqual([['items', 'submissions.goods_required']]);
    expect(codes(shipSchema.safeParse({ items: [`(01)${GTIN}(21)S1`], lot: { di: GTIN, lot: 'L' }, toGln: '6901234000004', toOrganizationId: 2 }))).toEqual([
      ['lot', 'submissions.goods_twice'], ['toOrganizationId', 'submissions.destination_required'],
    ]);
    expect(codes(shipSchema.safeParse({ lot: `(01)${GTIN}(10)L1`, toOrganizationId: 1 }))).toEqual([['quantity', 'submissions.quantity_required']]);
    expect(shipSchema.safeParse({ lot: `(01)${GTIN}(10)L1`, quantity: 5, toOrganizationId: 1 }).success).toBe(true);
  });

  it('receive: counted quantity, reason for a refusal or bad condition', () => {
    expect(codes(receiveSchema.safeParse({ lot: { di: GTIN, lot: 'L1' }, quantity: 5, fromOrganizationId: 1 }))).toEqual([['receivedQuantity', 'submissions.received_quantity_required']]);
    expect(codes(receiveSchema.safeParse({ items: [`(01)${GTIN}(21)S1`], receivedQuantity: 2, fromOrganizationId: 1, condition: 'damaged' }))).toEqual([
      ['receivedQuantity', 'submissions.received_quantity_items'], ['reason', 'submissions.reason_required'],
    ]);
  });

  it('use takes a pseudonymous key, never a name or an ID number, and only serialised units or a lot', () => {
    const base = { items: [`(01)${GTIN}(21)S1`], department: '骨科' };
    expect(useSchema.safeParse({ ...base, patientKey: `pk_${'a'.repeat(32)}` }).success).toBe(true);
    for (const k of ['张三', '11010519491231002X']) expect(codes(useSchema.safeParse({ ...base, patientKey: k }))).toEqual([['patientKey', 'submissions.patient_key_invalid']]);
    expect(useSchema.safeParse({ ...base, patientName: '张三' }).success).toBe(false);
  });
});
