import type { Issue, Result } from '../errors.ts';
import { isoFromDigits } from './gs1-date.ts';
import { idIssue } from './identifier-issues.ts';

/**
 * China's MA code (IDcode, issuing agency "MA", ISO/IEC 15459) for medical devices:
 * `MA.{country 3}.{industry 2, M0 for devices}.{registrant 6}.{product 8}` then PI data units,
 * each a `.` and a one-letter qualifier. The product code's last character is a check character
 * whose algorithm is not public, so it is not verified here.
 */
export interface MaQualifier {
  field: 'lot' | 'serial' | 'productionDate' | 'sterilisationLot' | 'validUntil' | 'expiryDate';
  kind: 'text' | 'date';
  zh: string;
}

/** PI qualifiers of the MA device coding manual. */
export const MA_QUALIFIERS: Readonly<Record<string, MaQualifier>> = {
  L: { field: 'lot', kind: 'text', zh: '批次号' },
  S: { field: 'serial', kind: 'text', zh: '序列号' },
  M: { field: 'productionDate', kind: 'date', zh: '生产日期' },
  D: { field: 'sterilisationLot', kind: 'text', zh: '灭菌批号' },
  V: { field: 'validUntil', kind: 'date', zh: '有效期' },
  E: { field: 'expiryDate', kind: 'date', zh: '失效期' },
};

export interface MaCode {
  /** The DI: `MA.156.M0.123456.12345678`. */
  di: string;
  country: string;
  industry: string;
  registrant: string;
  product: string;
  /** PI values by field; dates as ISO strings. */
  pi: Partial<Record<MaQualifier['field'], string>>;
  /** PI data units as written (qualifier letter, raw value). */
  units: { qualifier: string; value: string; position: number }[];
}

const DI = /^MA\.(\d{3})\.([A-Z0-9]{2})\.([A-Z0-9]{6})\.([A-Za-z0-9]{8})/;

/**
 * Parses an MA code with its PI data units.
 * @example parseMaCode('MA.156.M0.100001.10000018.L20240101.M240101.E20260101')
 */
export function parseMaCode(text: string, now: Date = new Date()): Result<MaCode> {
  if (!text.startsWith('MA.')) return { ok: false, issues: [idIssue('ma.syntax', { position: 0, expected: 'MA.' })] };
  const m = DI.exec(text);
  if (!m) {
    return { ok: false, issues: [idIssue('ma.di', { position: 0, expected: 'MA.{3 digits}.{2}.{6}.{8}', actual: text.split('.').slice(0, 5).join('.') })] };
  }
  const di = m[0];
  const issues: Issue[] = [];
  const pi: MaCode['pi'] = {};
  const units: MaCode['units'] = [];
  let pos = di.length;
  if (pos < text.length && text[pos] !== '.') issues.push(idIssue('ma.di', { position: pos, rule: 'product_code_length', expected: 8 }));
  else {
    for (const part of text.slice(pos + 1).split('.')) {
      const at = pos + 1;
      pos += part.length + 1;
      if (pos > text.length + 1 || (part === '' && at > text.length)) break;
      const letter = part.slice(0, 1);
      const q = MA_QUALIFIERS[letter];
      if (!q) {
        issues.push(idIssue('ma.qualifier', { position: at, actual: letter, expected: Object.keys(MA_QUALIFIERS).join(',') }));
        continue;
      }
      const raw = part.slice(1);
      if (!raw) issues.push(idIssue('ma.empty_value', { position: at, actual: letter }));
      else if (pi[q.field] !== undefined) issues.push(idIssue('ma.duplicate', { position: at, actual: letter }));
      else if (q.kind === 'date') {
        const iso = isoFromDigits(raw, now);
        if (!iso) issues.push(idIssue('ma.date', { position: at + 1, actual: raw, expected: 'YYMMDD or YYYYMMDD' }));
        else pi[q.field] = iso;
      } else if (!/^[A-Za-z0-9\-_/]+$/.test(raw)) issues.push(idIssue('ma.syntax', { position: at + 1, actual: raw, rule: 'charset' }));
      else pi[q.field] = raw;
      units.push({ qualifier: letter, value: raw, position: at });
    }
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { di, country: m[1] as string, industry: m[2] as string, registrant: m[3] as string, product: m[4] as string, pi, units } };
}
