import { describe, expect, it } from 'vitest';
import { readConformance } from './conformance.test-helpers.ts';
import { parseUdi } from './parse-udi.ts';
import { parseUdiUri, udiUri } from './udi-uri.ts';

interface HibcCase { id: string; group: string; input: string; valid: boolean | null }
const { cases } = readConformance<{ cases: HibcCase[] }>('hibc/cases.json');
const byId = (id: string) => cases.find((c) => c.id === id)?.input as string;
const now = new Date('2026-03-01T00:00:00Z');
const parsed = (text: string) => {
  const r = parseUdi(text, { now });
  if (!r.ok) throw new Error(`${text}: ${r.issues[0]?.code}`);
  return r.value;
};

describe('URIs for HIBC and MA codes', () => {
  it('every valid HIBC label of the conformance cases round-trips through its URI to the same identity', () => {
    const valid = cases.filter((c) => c.valid === true && (c.group === 'hibc_parse_valid' || c.group === 'hibc_parse_and_build'));
    expect(valid.length).toBe(24);
    for (const c of valid) {
      const p = parsed(c.input);
      const uri = udiUri(p) as string;
      expect(new URL(uri).protocol, c.id).toBe('hibc:');
      expect(parseUdiUri(uri), c.id).toEqual({ agency: 'HIBCC', di: p.di, lot: p.pi.lot, serial: p.pi.serial, canonicalKey: p.canonicalKey, level: p.level });
      // The canonical key is itself such a URI and names the same thing.
      expect(parseUdiUri(p.canonicalKey)?.canonicalKey, c.id).toBe(p.canonicalKey);
    }
  });

  it('one unit labelled in 1D (hibc-003) and 2D (hibc-004, hibc-025) forms has one URI and one key', () => {
    const forms = ['hibc-003', 'hibc-004', 'hibc-005', 'hibc-025'].map((id) => parsed(byId(id)));
    expect(forms.map((p) => udiUri(p))).toEqual(Array(4).fill('hibc:J123/AQ345/1/L/BC34567/S/4012'));
    expect(new Set(forms.map((p) => p.canonicalKey))).toEqual(new Set(['hibc:J123/AQ345/1/S/4012']));
    expect(parseUdiUri('hibc:J123/AQ345/1/L/BC34567/S/4012')).toEqual({
      agency: 'HIBCC', di: 'J123AQ3451', lot: 'BC34567', serial: '4012', canonicalKey: 'hibc:J123/AQ345/1/S/4012', level: 'unit',
    });
    // A lot-only label (hibc-010) names the lot.
    expect(udiUri(parsed(byId('hibc-010')))).toBe('hibc:E203/PB41410/9/L/R00089525');
    expect(parseUdiUri('hibc:E203/PB41410/9/L/R00089525')).toMatchObject({ di: 'E203PB414109', lot: 'R00089525', serial: null, level: 'lot', canonicalKey: 'hibc:E203/PB41410/9/L/R00089525' });
  });

  it('MA codes: lot and serial, escaped values (the sterilisation lot and dates stay on the label)', () => {
    // The sample of ma-code.test.ts (there written with a space removed).
    const unit = parsed('MA.156.M0.100001.10000018.L2024A01.S000123.M240101.DSTER');
    expect(udiUri(unit)).toBe('ma:MA.156.M0.100001.10000018/L/2024A01/S/000123');
    expect(parseUdiUri('ma:MA.156.M0.100001.10000018/L/2024A01/S/000123')).toEqual({
      agency: 'MA', di: 'MA.156.M0.100001.10000018', lot: '2024A01', serial: '000123', canonicalKey: 'ma:MA.156.M0.100001.10000018/S/000123', level: 'unit',
    });
    const lot = parsed('MA.156.M0.100001.10000018.L2024A01.M240101.E270101');
    expect(udiUri(lot)).toBe(lot.canonicalKey);
    expect(parseUdiUri('ma:MA.156.M0.100001.10000018/L/A%2FB%20C')).toMatchObject({ lot: 'A/B C', canonicalKey: 'ma:MA.156.M0.100001.10000018/L/A%2FB%20C' });
  });

  it('GS1 labels have no such URI; anything else is not one', () => {
    expect(udiUri(parsed('(01)06901234567892(10)L1(21)S1'))).toBeNull();
    for (const text of ['hibc:a999/1234/5', 'hibc:A999/1234/5/X/1', 'hibc:A999/1234/5/S/1/L/2', 'ma:XA.156', 'ma:MA.156.M0.100001.10000018/S/', 'urn:epc:id:sgtin:4012345.011111.987', '+J123AQ3451/25330BC34567/S4012X']) {
      expect(parseUdiUri(text), text).toBeNull();
    }
  });
});
