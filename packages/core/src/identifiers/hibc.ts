import type { Issue, Result } from '../errors.ts';
import { idIssue } from './identifier-issues.ts';

/**
 * HIBC LIC (ANSI/HIBC 2.6): `+` LIC(4) product(2–18) unit-of-measure(1), then secondary data
 * (expiry, lot, serial, quantity) either after `/` in the same 2D symbol or in further `+…` symbols
 * that repeat the primary check character as a link character. Every symbol ends in a mod-43 check.
 */
export const HIBC_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%';

export interface HibcDate {
  /** ISO date, or date-time when the label carries an hour. */
  date: string;
  /** The digits as printed. */
  raw: string;
  /** Format of `raw`: MMyy, MMddyy, yyMMdd, yyMMddHH, yyJJJ, yyJJJHH or yyyyMMdd. */
  format: string;
}

export interface HibcData {
  labelerCode: string;
  productCode: string;
  unitOfMeasure: number;
  lot?: string;
  serial?: string;
  quantity?: number;
  expiryDate?: HibcDate;
  productionDate?: HibcDate;
  /** `2d` when everything sits in one symbol, `1d` when separate symbols were concatenated. */
  layout: '1d' | '2d';
}

/**
 * The mod-43 check character over `data` (which includes the leading `+`); null if a character is
 * outside the HIBC set.
 * @example hibcCheckCharacter('+A123BJC5D6E71') === 'G'
 */
export function hibcCheckCharacter(data: string): string | null {
  let sum = 0;
  for (const ch of data) {
    const v = HIBC_CHARSET.indexOf(ch);
    if (v < 0) return null;
    sum += v;
  }
  return HIBC_CHARSET[sum % 43] as string;
}

/**
 * Appends `+` and the check character to HIBC data, upper-casing it first (max 110 characters).
 * @example withHibcCheckCharacter('A99912345') // → ok '+A999123457'
 */
export function withHibcCheckCharacter(data: string): Result<string> {
  const upper = data.toUpperCase();
  const bad = [...upper].findIndex((ch) => !HIBC_CHARSET.includes(ch));
  if (bad >= 0) return { ok: false, issues: [idIssue('hibc.charset', { position: bad, actual: upper[bad] })] };
  if (upper.length > 110) return { ok: false, issues: [idIssue('hibc.length', { expected: 110, actual: upper.length })] };
  return { ok: true, value: `+${upper}${hibcCheckCharacter(`+${upper}`)}` };
}

/** True when the product/catalogue number is 2–18 upper-case letters and digits (ANSI/HIBC 2.6). */
export function isValidHibcProductCode(code: string): boolean {
  return /^[A-Z0-9]{2,18}$/.test(code);
}

const validSymbol = (symbol: string): boolean => symbol.length >= 2 && hibcCheckCharacter(symbol.slice(0, -1)) === symbol.at(-1);

const pad = (n: number): string => String(n).padStart(2, '0');

function isoFromJulian(year: number, day: number): string | null {
  const d = new Date(Date.UTC(year, 0, day));
  return day >= 1 && d.getUTCFullYear() === year ? d.toISOString().slice(0, 10) : null;
}

function isoDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
}

// Secondary date formats by the flag after `$$` (ANSI/HIBC 2.6 §2.3.2); 0/1 begin an MMYY month.
const DATE_FORMATS: Readonly<Record<string, { format: string; length: number; skipFlag: boolean }>> = {
  '0': { format: 'MMyy', length: 4, skipFlag: false },
  '1': { format: 'MMyy', length: 4, skipFlag: false },
  '2': { format: 'MMddyy', length: 6, skipFlag: true },
  '3': { format: 'yyMMdd', length: 6, skipFlag: true },
  '4': { format: 'yyMMddHH', length: 8, skipFlag: true },
  '5': { format: 'yyJJJ', length: 5, skipFlag: true },
  '6': { format: 'yyJJJHH', length: 7, skipFlag: true },
  '7': { format: 'none', length: 0, skipFlag: true },
};

function parseDate(raw: string, format: string): HibcDate | null {
  const n = (a: number, b: number): number => Number(raw.slice(a, b));
  if (!/^\d+$/.test(raw)) return null;
  let date: string | null = null;
  switch (format) {
    case 'MMyy':
      date = isoDate(2000 + n(2, 4), n(0, 2), 1);
      break;
    case 'MMddyy':
      date = isoDate(2000 + n(4, 6), n(0, 2), n(2, 4));
      break;
    case 'yyMMdd':
    case 'yyMMddHH':
      date = isoDate(2000 + n(0, 2), n(2, 4), n(4, 6));
      if (date && format === 'yyMMddHH') date = n(6, 8) < 24 ? `${date}T${raw.slice(6, 8)}:00:00` : null;
      break;
    case 'yyJJJ':
    case 'yyJJJHH':
      date = isoFromJulian(2000 + n(0, 2), n(2, 5));
      if (date && format === 'yyJJJHH') date = n(5, 7) < 24 ? `${date}T${raw.slice(5, 7)}:00:00` : null;
      break;
    case 'yyyyMMdd':
      date = isoDate(n(0, 4), n(4, 6), n(6, 8));
      break;
  }
  return date ? { date, raw, format } : null;
}

type Secondary = Omit<HibcData, 'labelerCode' | 'productCode' | 'unitOfMeasure' | 'layout'>;

function parseSegment(seg: string, out: Secondary, position: number): Issue | null {
  const dateIssue = (raw: string): Issue => idIssue('hibc.date', { position, actual: raw });
  if (seg.startsWith('16D') || seg.startsWith('14D')) {
    const d = parseDate(seg.slice(3), 'yyyyMMdd');
    if (!d || seg.length !== 11) return dateIssue(seg.slice(3));
    if (seg.startsWith('16D')) out.productionDate = d;
    else out.expiryDate = d;
    return null;
  }
  if (seg.startsWith('S')) {
    out.serial = seg.slice(1);
    return null;
  }
  if (seg.startsWith('Q')) {
    if (!/^\d+$/.test(seg.slice(1))) return idIssue('hibc.quantity', { position, actual: seg.slice(1) });
    out.quantity = Number(seg.slice(1));
    return null;
  }
  if (/^\d/.test(seg)) {
    // Pre-2.x form: Julian expiry YYJJJ then the lot
    const d = parseDate(seg.slice(0, 5), 'yyJJJ');
    if (!d) return dateIssue(seg.slice(0, 5));
    out.expiryDate = d;
    if (seg.length > 5) out.lot = seg.slice(5);
    return null;
  }
  if (seg.startsWith('$$')) {
    let rest = seg.slice(2);
    const serialMode = rest.startsWith('+');
    if (serialMode) rest = rest.slice(1);
    if (rest.startsWith('8') || rest.startsWith('9')) {
      const len = rest.startsWith('8') ? 2 : 5;
      const qty = rest.slice(1, 1 + len);
      if (!/^\d+$/.test(qty) || qty.length !== len) return idIssue('hibc.quantity', { position, actual: qty });
      out.quantity = Number(qty);
      rest = rest.slice(1 + len);
    }
    const fmt = rest ? DATE_FORMATS[rest[0] as string] : undefined;
    if (rest && !fmt) return dateIssue(rest.slice(0, 1));
    if (fmt) {
      const body = fmt.skipFlag ? rest.slice(1) : rest;
      if (fmt.length > 0) {
        const d = parseDate(body.slice(0, fmt.length), fmt.format);
        if (!d) return dateIssue(body.slice(0, fmt.length));
        out.expiryDate = d;
      }
      rest = body.slice(fmt.length);
    }
    if (rest) {
      if (serialMode) out.serial = rest;
      else out.lot = rest;
    }
    return null;
  }
  if (seg.startsWith('$')) {
    const rest = seg.slice(1);
    if (rest.startsWith('+')) out.serial = rest.slice(1) || undefined;
    else if (rest) out.lot = rest;
    return null;
  }
  return idIssue('hibc.syntax', { position, actual: seg, rule: 'segment' });
}

function parsePrimary(primary: string, position: number): Result<Pick<HibcData, 'labelerCode' | 'productCode' | 'unitOfMeasure'>> {
  const lic = primary.slice(0, 4);
  if (!/^[A-Z][A-Z0-9]{3}$/.test(lic)) return { ok: false, issues: [idIssue('hibc.lic', { position, actual: lic })] };
  const productCode = primary.slice(4, -1);
  const uom = primary.slice(-1);
  if (!isValidHibcProductCode(productCode)) {
    return { ok: false, issues: [idIssue('hibc.product_code', { position: position + 4, actual: productCode, expected: '2-18 A-Z 0-9' })] };
  }
  if (!/^\d$/.test(uom)) return { ok: false, issues: [idIssue('hibc.syntax', { position: position + primary.length - 1, rule: 'unit_of_measure', actual: uom })] };
  return { ok: true, value: { labelerCode: lic, productCode, unitOfMeasure: Number(uom) } };
}

/** Splits concatenated 1D symbols `+…C+…LC…` by finding symbol ends whose check characters hold. */
function splitSymbols(s: string): string[] | null {
  const symbols: string[] = [];
  let start = 0;
  while (start < s.length) {
    let end = -1;
    for (let e = start + 2; e <= s.length; e++) {
      if ((e === s.length || s[e] === '+') && validSymbol(s.slice(start, e))) {
        end = e;
        break;
      }
    }
    if (end < 0) return null;
    symbols.push(s.slice(start, end));
    start = end;
  }
  return symbols;
}

/**
 * Parses HIBC LIC data (one 2D symbol, or 1D symbols concatenated), optionally after an AIM
 * symbology identifier such as `]d1`, `]Q0` or `]zB`.
 * @example parseHibc('+A99912345/$$52001510X3/16D20111212/S77DEFG45/')
 */
export function parseHibc(input: string): Result<HibcData> {
  const offset = input.startsWith(']') ? 3 : 0;
  const s = input.slice(offset);
  const fail = (issue: Issue): Result<HibcData> => ({ ok: false, issues: [issue] });
  if (!s.startsWith('+')) return fail(idIssue('hibc.syntax', { position: offset, expected: '+' }));
  const bad = [...s].findIndex((ch) => !HIBC_CHARSET.includes(ch));
  if (bad >= 0) return fail(idIssue('hibc.charset', { position: offset + bad, actual: s[bad] }));
  if (s.length < 3) return fail(idIssue('hibc.length', { position: offset, actual: s.length }));

  let layout: HibcData['layout'] = '2d';
  let segments: { text: string; position: number }[];
  if (validSymbol(s)) {
    let pos = offset + 1;
    segments = s
      .slice(1, -1)
      .split('/')
      .map((text) => {
        const seg = { text, position: pos };
        pos += text.length + 1;
        return seg;
      });
  } else {
    const symbols = s.indexOf('+', 1) > 0 ? splitSymbols(s) : null;
    if (!symbols || symbols.length < 2) {
      // Name the check character of the symbol that most likely broke: the primary if a secondary follows it.
      const next = [...s].findIndex((ch, i) => i > 6 && s[i - 1] === '+' && (ch === '$' || /\d/.test(ch)));
      const end = next > 0 ? next - 1 : s.length;
      const sym = s.slice(0, end);
      return fail(idIssue('hibc.check_char', { position: offset + end - 1, expected: hibcCheckCharacter(sym.slice(0, -1)), actual: sym.at(-1) }));
    }
    layout = '1d';
    const [first, ...rest] = symbols as [string, ...string[]];
    const link = first.at(-1);
    segments = [{ text: first.slice(1, -1), position: offset + 1 }];
    let pos = offset + first.length;
    for (const sym of rest) {
      if (sym.at(-2) !== link) return fail(idIssue('hibc.link_char', { position: pos + sym.length - 2, expected: link, actual: sym.at(-2) }));
      segments.push({ text: sym.slice(1, -2), position: pos + 1 });
      pos += sym.length;
    }
  }
  const [primary, ...secondary] = segments as [{ text: string; position: number }, ...{ text: string; position: number }[]];
  if (!/^[A-Z]/.test(primary.text)) return fail(idIssue('hibc.lic', { position: primary.position, actual: primary.text.slice(0, 4), rule: 'secondary_only' }));
  const head = parsePrimary(primary.text, primary.position);
  if (!head.ok) return head;
  const out: Secondary = {};
  for (const seg of secondary) {
    const issue = parseSegment(seg.text, out, seg.position);
    if (issue) return fail(issue);
  }
  return { ok: true, value: { ...head.value, ...out, layout } };
}
