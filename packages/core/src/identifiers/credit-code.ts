import { fail, ok, type Result } from '../errors.ts';

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters —
 * registration authority (1), organisation type (1), region code (6, GB/T 2260),
 * organisation code (9, GB 11714, its own check character last) and a check character (1).
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // 31 characters: no I, O, Z, S, V
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 32100 check character for the first 17 characters. @example creditCodeCheckChar('91350100M000100Y4') === '3' */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) throw new RangeError(`character ${i + 1} is not in the GB 32100 alphabet`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] ?? '0';
}

/** GB 11714 check character of the 9-character organisation code (characters 9–17 of a credit code). */
export function organisationCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = first8[i] ?? '';
    const value = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55; // A=10 … Z=35
    sum += value * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export interface CreditCode {
  code: string;
  registrationAuthority: string;
  organisationType: string;
  regionCode: string;
  organisationCode: string;
}

/**
 * Validates a unified social credit code. Lower case is accepted and upper-cased.
 * @example parseCreditCode('91350100M000100Y43').ok === true
 */
export function parseCreditCode(input: string): Result<CreditCode> {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return fail({ code: 'credit_code.length', params: { actual: code.length } });
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_ALPHABET.includes(code[i] ?? '')) {
      return fail({ code: 'credit_code.charset', params: { position: i + 1, char: code[i] ?? '' } });
    }
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return fail({ code: 'credit_code.region', params: { region: code.slice(2, 8) } });
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return fail({ code: 'credit_code.check_char', params: { expected, actual: code[17] ?? '' } });
  return ok({
    code,
    registrationAuthority: code[0] ?? '',
    organisationType: code[1] ?? '',
    regionCode: code.slice(2, 8),
    organisationCode: code.slice(8, 17),
  });
}

/** Builds a valid credit code from its parts (used by the demo world). The organisation code check is computed too. */
export function buildCreditCode(authorityAndType: string, regionCode: string, orgCode8: string): string {
  const orgCode = orgCode8 + organisationCodeCheckChar(orgCode8);
  const first17 = authorityAndType + regionCode + orgCode;
  return first17 + creditCodeCheckChar(first17);
}
