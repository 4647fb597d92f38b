import { describe, expect, it } from 'vitest';
import { buildCreditCode, creditCodeCheckChar, organisationCodeCheckChar, parseCreditCode } from './credit-code.ts';

describe('unified social credit code (GB 32100)', () => {
  it('accepts the GB 32100 specimen, whose check characters were verified by hand', () => {
    // 91350100M000100Y43: Σ value×weight over the first 17 = 9+3+27+135+26+420+8+900+112 = 1640;
    // 1640 mod 31 = 28; 31 − 28 = 3 → '3'. Its organisation code M000100Y4: 66+5+68 = 139; 139 mod 11 = 7; 11 − 7 = 4.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(organisationCodeCheckChar('M000100Y')).toBe('4');
    expect(parseCreditCode('91350100M000100Y43')).toMatchObject({ ok: true, value: { regionCode: '350100', organisationCode: 'M000100Y4' } });
  });

  it('rejects a wrong check character and names the expected one', () => {
    const good = buildCreditCode('91', '330106', 'MA2CD3EF');
    const wrongChar = good[17] === '0' ? '1' : '0';
    const result = parseCreditCode(good.slice(0, 17) + wrongChar);
    expect(result).toEqual({ ok: false, issues: [{ code: 'credit_code.check_char', params: { expected: good[17], actual: wrongChar } }] });
  });

  it('rejects letters outside the alphabet, wrong length and non-numeric regions', () => {
    expect(parseCreditCode('91330106MA2CD3EFI1')).toMatchObject({ ok: false, issues: [{ code: 'credit_code.charset', params: { position: 17 } }] });
    expect(parseCreditCode('9133010')).toMatchObject({ ok: false, issues: [{ code: 'credit_code.length' }] });
    expect(parseCreditCode('9133A106MA2CD3EF11')).toMatchObject({ ok: false, issues: [{ code: 'credit_code.region' }] });
  });

  it('computes the GB 11714 organisation code check (X for 10)', () => {
    // D2143569: 13×3+2×7+1×9+4×10+3×5+5×8+6×4+9×2 = 199; 199 mod 11 = 1; 11−1 = 10 → X
    expect(organisationCodeCheckChar('D2143569')).toBe('X');
    // 00000000 → sum 0 → 11 → '0'
    expect(organisationCodeCheckChar('00000000')).toBe('0');
  });

  it('round-trips built codes and accepts lower case', () => {
    const code = buildCreditCode('91', '440305', '5X8K2L1M');
    expect(parseCreditCode(code.toLowerCase())).toMatchObject({ ok: true, value: { code, regionCode: '440305' } });
  });
});
