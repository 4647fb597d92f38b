import { describe, expect, it } from 'vitest';
import { parseMaCode } from './ma-code.ts';

const now = new Date('2025-06-01T00:00:00Z');

describe('MA code (IDcode)', () => {
  it('parses the DI and every PI qualifier', () => {
    const r = parseMaCode('MA.156.M0.100001.10000018.L2024A01.S000123.M240101.D STER'.replace(' ', ''), now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.di).toBe('MA.156.M0.100001.10000018');
    expect(r.value).toMatchObject({ country: '156', industry: 'M0', registrant: '100001', product: '10000018' });
    expect(r.value.pi).toEqual({ lot: '2024A01', serial: '000123', productionDate: '2024-01-01', sterilisationLot: 'DSTER'.slice(1) });
  });
  it('accepts 6- and 8-digit dates for .V and .E', () => {
    const r = parseMaCode('MA.156.M0.100001.10000018.V20270131.E270228', now);
    expect(r.ok && r.value.pi).toEqual({ validUntil: '2027-01-31', expiryDate: '2027-02-28' });
  });
  it('reports unknown qualifiers, bad dates and duplicates with positions', () => {
    const r = parseMaCode('MA.156.M0.100001.10000018.X1.M241301.L1.L2', now);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { code: 'ma.qualifier', params: { position: 26, actual: 'X', expected: 'L,S,M,D,V,E' } },
      { code: 'ma.date', params: { position: 30, actual: '241301', expected: 'YYMMDD or YYYYMMDD' } },
      { code: 'ma.duplicate', params: { position: 40, actual: 'L' } },
    ]);
  });
  it('rejects a malformed DI', () => {
    const r = parseMaCode('MA.156.M0.1001.10000018', now);
    expect(!r.ok && r.issues[0]?.code).toBe('ma.di');
  });
});
