import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, hasValidGs1CheckDigit, withGs1CheckDigit } from './check-digit.ts';

describe('GS1 mod-10 check digit', () => {
  it('matches published examples', () => {
    expect(gs1CheckDigit('1005042838307')).toBe(7); // GTIN from the GS1 General Specifications
    expect(hasValidGs1CheckDigit('10050428383077')).toBe(true);
    expect(hasValidGs1CheckDigit('10050428383078')).toBe(false);
    expect(hasValidGs1CheckDigit('106141411234567897')).toBe(true); // SSCC (00) example
    expect(hasValidGs1CheckDigit('9521234543213')).toBe(true); // GLN from the GS1 GLN guideline
    expect(withGs1CheckDigit('629104150021')).toBe('6291041500213');
  });
  it('rejects non-digits', () => {
    expect(hasValidGs1CheckDigit('1005042838307X')).toBe(false);
    expect(() => gs1CheckDigit('12a')).toThrow(RangeError);
  });
});
