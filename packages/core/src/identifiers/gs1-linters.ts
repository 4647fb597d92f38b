import { gs1CheckDigit } from './check-digit.ts';
import type { Gs1Cset } from './gs1-ai-table.ts';

/**
 * Component "linters" of the GS1 Barcode Syntax Dictionary, re-implemented from their published
 * behaviour (the test vectors in conformance/gs1/linter-cases.json). Error names are the upstream
 * ones (`GS1_LINTER_…`) so the conformance cases compare directly; `gs1-element-string.ts` maps
 * them onto our issue codes.
 */
export interface LintError {
  /** Upstream error name, e.g. `GS1_LINTER_INCORRECT_CHECK_DIGIT`. */
  error: string;
  /** Offset of the offending characters inside the component. */
  start: number;
  length: number;
}

const err = (error: string, start: number, length: number): LintError => ({ error, start, length });

const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]$/;
const CSET39 = /^[#\-/0-9A-Z]$/;
const CSET64 = /^[A-Za-z0-9\-_]$/;
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CSET82_ORDER = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

function firstBad(value: string, ok: (ch: string) => boolean): number {
  for (let i = 0; i < value.length; i++) if (!ok(value[i] as string)) return i;
  return -1;
}

const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';

/** Character-set check of a component (N, X = CSET 82, Y = CSET 39, Z = CSET 64). */
export function lintCset(cset: Gs1Cset, value: string): LintError | null {
  switch (cset) {
    case 'N': {
      const i = firstBad(value, isDigit);
      return i < 0 ? null : err('GS1_LINTER_NON_DIGIT_CHARACTER', i, 1);
    }
    case 'X': {
      const i = firstBad(value, (ch) => CSET82.test(ch));
      return i < 0 ? null : err('GS1_LINTER_INVALID_CSET82_CHARACTER', i, 1);
    }
    case 'Y': {
      const i = firstBad(value, (ch) => CSET39.test(ch));
      return i < 0 ? null : err('GS1_LINTER_INVALID_CSET39_CHARACTER', i, 1);
    }
    case 'Z': {
      // base64url with optional "=" padding to a multiple of four characters
      const data = value.replace(/=+$/, '');
      const i = firstBad(data, (ch) => CSET64.test(ch));
      if (i >= 0) return err('GS1_LINTER_INVALID_CSET64_CHARACTER', i, 1);
      const pad = value.length - data.length;
      // The reference linter pads each started group of three characters
      if (pad > 0 && (data.length === 0 || pad !== (3 - (data.length % 3)) % 3)) {
        return err('GS1_LINTER_INVALID_CSET64_PADDING', data.length, pad);
      }
      return null;
    }
  }
}

function digitsOnly(value: string): LintError | null {
  return lintCset('N', value);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function lintDate(value: string, yearDigits: 2 | 4, allowDayZero: boolean): LintError | null {
  const len = yearDigits + 4;
  const bad = digitsOnly(value);
  if (bad) return bad;
  if (value.length < len) return err('GS1_LINTER_DATE_TOO_SHORT', 0, value.length);
  if (value.length > len) return err('GS1_LINTER_DATE_TOO_LONG', 0, value.length);
  const yy = Number(value.slice(0, yearDigits));
  const mm = Number(value.slice(yearDigits, yearDigits + 2));
  const dd = Number(value.slice(yearDigits + 2));
  if (mm < 1 || mm > 12) return err('GS1_LINTER_ILLEGAL_MONTH', yearDigits, 2);
  // Two-digit years: leap years by the low digits alone, as the reference linter does
  const year = yearDigits === 2 ? 2000 + yy : yy;
  if (dd === 0 ? !allowDayZero : dd > daysInMonth(year, mm)) return err('GS1_LINTER_ILLEGAL_DAY', yearDigits + 2, 2);
  return null;
}

function lintTimePart(value: string, max: number, name: 'HOUR' | 'MINUTE' | 'SECOND'): LintError | null {
  const bad = digitsOnly(value);
  if (bad) return bad;
  if (value.length < 2) return err(`GS1_LINTER_${name}_TOO_SHORT`, 0, value.length);
  if (value.length > 2) return err(`GS1_LINTER_${name}_TOO_LONG`, 0, value.length);
  return Number(value) > max ? err(`GS1_LINTER_ILLEGAL_${name}`, 0, 2) : null;
}

/** The first `count` primes: the weights of the GS1 check character pair, from the right. */
function primes(count: number): number[] {
  const out: number[] = [];
  for (let n = 2; out.length < count; n++) if (out.every((p) => n % p !== 0)) out.push(n);
  return out;
}

function lintCsumAlpha(value: string): LintError | null {
  if (value.length < 2) return err('GS1_LINTER_TOO_SHORT_FOR_CHECK_PAIR', 0, value.length);
  // The reference implementation stops at 97 weighted characters; no AI is longer than that.
  if (value.length > 99) return err('GS1_LINTER_TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION', 0, value.length);
  const data = value.slice(0, -2);
  const weights = primes(data.length);
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const v = CSET82_ORDER.indexOf(data[data.length - 1 - i] as string);
    if (v < 0) return err('GS1_LINTER_INVALID_CSET82_CHARACTER', data.length - 1 - i, 1);
    sum += v * (weights[i] as number);
  }
  sum %= 1021;
  const expected = (CSET32[sum >> 5] as string) + (CSET32[sum & 31] as string);
  return value.slice(-2) === expected ? null : err('GS1_LINTER_INCORRECT_CHECK_PAIR', value.length - 2, 2);
}

function lintPieceOfTotal(value: string): LintError | null {
  const bad = digitsOnly(value);
  if (bad) return bad;
  if (value.length % 2 !== 0 || value.length === 0) return err('GS1_LINTER_INVALID_LENGTH_FOR_PIECE_OF_TOTAL', 0, value.length);
  const half = value.length / 2;
  const piece = Number(value.slice(0, half));
  const total = Number(value.slice(half));
  if (piece === 0) return err('GS1_LINTER_ZERO_PIECE_NUMBER', 0, half);
  if (total === 0) return err('GS1_LINTER_ZERO_TOTAL_PIECES', half, half);
  if (piece > total) return err('GS1_LINTER_PIECE_NUMBER_EXCEEDS_TOTAL', 0, value.length);
  return null;
}

function lintPosInSeqSlash(value: string): LintError | null {
  if (!/^\d+\/\d+$/.test(value)) return err('GS1_LINTER_POSITION_IN_SEQUENCE_MALFORMED', 0, value.length);
  const slash = value.indexOf('/');
  const pos = value.slice(0, slash);
  const total = value.slice(slash + 1);
  if (pos.startsWith('0')) return err('GS1_LINTER_ILLEGAL_ZERO_PREFIX', 0, pos.length);
  if (total.startsWith('0')) return err('GS1_LINTER_ILLEGAL_ZERO_PREFIX', slash + 1, total.length);
  if (Number(pos) > Number(total)) return err('GS1_LINTER_POSITION_EXCEEDS_END', 0, value.length);
  return null;
}

/** Linters that need reference lists or external data we do not carry; they are not applied. */
export const UNSUPPORTED_LINTERS: ReadonlySet<string> = new Set([
  'iso3166',
  'iso3166999',
  'iso3166alpha2',
  'iso4217',
  'packagetype',
  'iban',
  'couponcode',
  'couponposoffer',
]);

/**
 * Runs one named linter over a component value; null means it passed (or is not supported).
 * @example lintComponent('csum', '12345678901232')?.error === 'GS1_LINTER_INCORRECT_CHECK_DIGIT'
 */
export function lintComponent(linter: string, value: string): LintError | null {
  switch (linter) {
    case 'csetnumeric':
      return lintCset('N', value);
    case 'cset82':
      return lintCset('X', value);
    case 'cset39':
      return lintCset('Y', value);
    case 'cset64':
      return lintCset('Z', value);
    case 'csum': {
      if (value.length === 0) return err('GS1_LINTER_TOO_SHORT_FOR_CHECK_DIGIT', 0, 0);
      const bad = digitsOnly(value);
      if (bad) return bad;
      return gs1CheckDigit(value.slice(0, -1)) === Number(value.at(-1))
        ? null
        : err('GS1_LINTER_INCORRECT_CHECK_DIGIT', value.length - 1, 1);
    }
    case 'csumalpha':
      return lintCsumAlpha(value);
    case 'gcppos1':
    case 'gcppos2':
      // Needs a GS1 Company Prefix data source; without one the reference linter passes.
      return null;
    case 'hasnondigit':
      return firstBad(value, isDigit) >= 0 ? null : err('GS1_LINTER_REQUIRES_NON_DIGIT_CHARACTER', 0, value.length);
    case 'yymmd0':
      return lintDate(value, 2, true);
    case 'yymmdd':
      return lintDate(value, 2, false);
    case 'yyyymmd0':
      return lintDate(value, 4, true);
    case 'yyyymmdd':
      return lintDate(value, 4, false);
    case 'hh':
      return lintTimePart(value, 23, 'HOUR');
    case 'mi':
      return lintTimePart(value, 59, 'MINUTE');
    case 'ss':
      return lintTimePart(value, 59, 'SECOND');
    case 'hhmi': {
      const bad = digitsOnly(value);
      if (bad) return bad;
      if (value.length < 4) return err('GS1_LINTER_HOUR_WITH_MINUTE_TOO_SHORT', 0, value.length);
      if (value.length > 4) return err('GS1_LINTER_HOUR_WITH_MINUTE_TOO_LONG', 0, value.length);
      if (Number(value.slice(0, 2)) > 23) return err('GS1_LINTER_ILLEGAL_HOUR', 0, 2);
      if (Number(value.slice(2)) > 59) return err('GS1_LINTER_ILLEGAL_MINUTE', 2, 2);
      return null;
    }
    case 'hyphen': {
      if (value.length === 0) return err('GS1_LINTER_NOT_HYPHEN', 0, 0);
      return /^-+$/.test(value) ? null : err('GS1_LINTER_NOT_HYPHEN', 0, value.length);
    }
    case 'importeridx':
      if (value.length !== 1) return err('GS1_LINTER_IMPORTER_IDX_MUST_BE_ONE_CHARACTER', 0, value.length);
      return /^[0-9A-Za-z\-_]$/.test(value) ? null : err('GS1_LINTER_INVALID_IMPORT_IDX_CHARACTER', 0, 1);
    case 'iso5218':
      return /^[0129]$/.test(value) ? null : err('GS1_LINTER_INVALID_BIOLOGICAL_SEX_CODE', 0, value.length);
    case 'latitude':
    case 'longitude': {
      const upper = linter === 'latitude' ? 1800000000 : 3600000000;
      const name = linter.toUpperCase();
      if (value.length !== 10) return err(`GS1_LINTER_${name}_INVALID_LENGTH`, 0, value.length);
      const bad = digitsOnly(value);
      if (bad) return bad;
      return Number(value) > upper ? err(`GS1_LINTER_INVALID_${name}`, 0, value.length) : null;
    }
    case 'mediatype':
      return /^(0[1-9]|10|[89]\d)$/.test(value) ? null : err('GS1_LINTER_INVALID_MEDIA_TYPE', 0, value.length);
    case 'nonzero': {
      const bad = digitsOnly(value);
      if (bad) return bad;
      return /^0*$/.test(value) ? err('GS1_LINTER_ILLEGAL_ZERO_VALUE', 0, value.length) : null;
    }
    case 'nozeroprefix': {
      const bad = digitsOnly(value);
      if (bad) return bad;
      return value.startsWith('0') ? err('GS1_LINTER_ILLEGAL_ZERO_PREFIX', 0, 1) : null;
    }
    case 'pcenc': {
      for (let i = 0; i < value.length; i++) {
        if (value[i] !== '%') continue;
        const hex = value.slice(i + 1, i + 3);
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return err('GS1_LINTER_INVALID_PERCENT_SEQUENCE', i, Math.min(3, value.length - i));
        i += 2;
      }
      return null;
    }
    case 'pieceoftotal':
      return lintPieceOfTotal(value);
    case 'posinseqslash':
      return lintPosInSeqSlash(value);
    case 'winding':
      return /^[019]$/.test(value) ? null : err('GS1_LINTER_INVALID_WINDING_DIRECTION', 0, value.length);
    case 'yesno':
      return /^[01]$/.test(value) ? null : err('GS1_LINTER_NOT_ZERO_OR_ONE', 0, value.length);
    case 'zero':
      return /^0+$/.test(value) ? null : err('GS1_LINTER_NOT_ZERO', 0, value.length);
    default:
      return null;
  }
}
