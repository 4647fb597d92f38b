import { describe, expect, it } from 'vitest';
import { issueFromZod } from '../zod-issues.ts';
import { adverseEventClock, adverseEventDevice, adverseEventInputSchema, isResidentId, maskIdNumber, maskName } from './adverse-event.ts';

const base = {
  productDi: '06901234567892', lot: 'L1', patient: { name: '张三', idNumber: '11010519491231002X' },
  manifestation: '异常停机', eventDate: '2026-02-12', dateKnown: '2026-02-13', outcome: 'serious_injury',
};
const codes = (input: unknown) => {
  const r = adverseEventInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => issueFromZod(i)).map((i) => `${i.path?.join('.')}:${i.code}`);
};

describe('adverse-event report schema', () => {
  it('accepts a complete report and fills the defaults', () => {
    const r = adverseEventInputSchema.parse(base);
    expect(r).toMatchObject({ kind: 'initial', abroad: false, cluster: false, imdrfCodes: [] });
  });

  it('names each cross-field rule with its own code and path', () => {
    expect(codes({ ...base, outcome: 'death' })).toEqual(['deathDate:adverse_event.death_date_required']);
    expect(codes({ ...base, eventDate: '2026-02-14' })).toEqual(['eventDate:adverse_event.event_after_known']);
    expect(codes({ ...base, productionDate: '2026-01-02', expiryDate: '2026-01-01' })).toEqual(['expiryDate:adverse_event.expiry_before_production']);
    expect(codes({ ...base, productDi: undefined, lot: undefined, udi: '(01)06901234567892(11)260102(17)260101(10)L1' })).toEqual(['expiryDate:adverse_event.expiry_before_production']);
    expect(codes({ ...base, udi: '(01)06901234567892' })).toEqual(['productDi:adverse_event.device_twice']);
    expect(codes({ ...base, cluster: true })).toEqual(['knownAt:adverse_event.cluster_needs_time']);
    expect(codes({ ...base, knownAt: '2026-02-12T20:00:00Z' })).toEqual([]); // 2026-02-13 04:00 in Shanghai
    expect(codes({ ...base, knownAt: '2026-02-12T15:00:00Z' })).toEqual(['knownAt:adverse_event.known_at_date']);
    expect(codes({ ...base, patient: { name: '张三' } })).toEqual(['patient.idNumber:adverse_event.patient_identity_required']);
    expect(codes({ ...base, imdrfCodes: ['A0601', 'a0601'] })).toEqual(['imdrfCodes.1:adverse_event.imdrf_repeated']);
  });

  it('takes the device from the UDI label', () => {
    const r = adverseEventInputSchema.parse({ ...base, productDi: undefined, lot: undefined, udi: '(01)06901234567892(17)280101(10)LOT9(21)S1' });
    expect(adverseEventDevice(r)).toEqual({ di: '06901234567892', lot: 'LOT9', serial: 'S1', productionDate: null, expiryDate: '2028-01-01', udiRaw: '(01)06901234567892(17)280101(10)LOT9(21)S1', field: 'udi' });
  });

  it('picks the statutory clock', () => {
    const r = { kind: 'initial' as const, abroad: false, cluster: false };
    expect(adverseEventClock({ ...r, outcome: 'death' }, false)).toBe('ae.death');
    expect(adverseEventClock({ ...r, outcome: 'serious_injury' }, false)).toBe('ae.serious_injury');
    expect(adverseEventClock({ ...r, outcome: 'other' }, false)).toBeNull();
    expect(adverseEventClock({ ...r, outcome: 'death', abroad: true }, false)).toBe('ae.abroad');
    expect(adverseEventClock({ ...r, outcome: 'other', cluster: true }, true)).toBe('ae.cluster.first_notice');
    expect(adverseEventClock({ ...r, outcome: 'other', cluster: true }, false)).toBe('ae.cluster.each_case');
    expect(adverseEventClock({ ...r, kind: 'follow_up', outcome: 'death' }, false)).toBeNull();
  });

  it('checks and masks identities', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('110105194912310021')).toBe(false);
    expect(isResidentId('11010519491331002X')).toBe(false);
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });
});
