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

describe('HIBC and MA labels', () => {
  it('a serialised HIBC or MA unit becomes its hibc: / ma: URI with the lot; the URI itself reads back', () => {
    // hibc-004 and hibc-003 of conformance/hibc/cases.json: one unit in 2D and 1D form.
    for (const label of ['+J123AQ3451/25330BC34567/S4012X', '+J123AQ3451T+25330BC34567T2+S4012TJ', 'hibc:J123/AQ345/1/L/BC34567/S/4012']) {
      expect(submissionObject(label)).toEqual({
        ok: true, value: { kind: 'unit', uri: 'hibc:J123/AQ345/1/L/BC34567/S/4012', key: 'hibc:J123/AQ345/1/S/4012', di: 'J123AQ3451', lot: 'BC34567', serial: '4012' },
      });
    }
    expect(submissionObject('MA.156.M0.100001.10000018.L2024A01.S000123.M240101')).toMatchObject({ ok: true, value: { uri: 'ma:MA.156.M0.100001.10000018/L/2024A01/S/000123', key: 'ma:MA.156.M0.100001.10000018/S/000123' } });
    // hibc-010 names a lot: no unit, but a lot for lot-and-quantity submissions.
    expect(submissionObject('+E203PB414109/$$8243280112R00089525J')).toEqual({ ok: false, code: 'submissions.item_not_serialised', params: { label: '+E203PB414109/$$8243280112R00089525J', level: 'lot' } });
    expect(lotOf('+E203PB414109/$$8243280112R00089525J')).toEqual({ di: 'E203PB414109', lot: 'R00089525', uri: 'hibc:E203/PB41410/9/L/R00089525' });
    expect(lotOf('hibc:J123/AQ345/1/L/BC34567/S/4012')).toEqual({ di: 'J123AQ3451', lot: 'BC34567', uri: 'hibc:J123/AQ345/1/L/BC34567' });
    expect(lotOf('MA.156.M0.100001.10000018.S000123')).toBeNull();
    // hibc-031: wrong check character; the reason and where it was found travel with the issue.
    expect(submissionObject('+A99912345/$$52001510X3/16D20111212/S77DEFG45/')).toMatchObject({ ok: false, code: 'submissions.item_unreadable', params: { reason: expect.stringMatching(/^hibc\./) } });
    expect(codes(useSchema.safeParse({ items: ['+J123AQ3451/25330BC34567/S4012X', 'hibc:J123/AQ345/1/S/4012'], department: '骨科' }))).toEqual([['items.1', 'submissions.item_repeated']]);
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
