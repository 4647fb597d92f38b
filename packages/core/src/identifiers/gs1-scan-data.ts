import type { Issue, Result } from '../errors.ts';
import { hasValidGs1CheckDigit } from './check-digit.ts';
import { GS } from './gs1-element-string.ts';
import { idIssue } from './identifier-issues.ts';

/** What a scanner's AIM symbology identifier says about the data that follows it. */
interface SymbologyInfo {
  symbology: string;
  /** The data is GS1 AI data (FNC1 in first position). */
  gs1: boolean;
}

// AIM symbology identifiers (ISO/IEC 15424) that GS1 and HIBC labels on devices use.
const SYMBOLOGY_IDS: Readonly<Record<string, SymbologyInfo>> = {
  ']C1': { symbology: 'GS1_128_CCA', gs1: true },
  ']e0': { symbology: 'DataBarExpanded', gs1: true },
  ']d1': { symbology: 'DM', gs1: false },
  ']d2': { symbology: 'DM', gs1: true },
  ']Q1': { symbology: 'QR', gs1: false },
  ']Q3': { symbology: 'QR', gs1: true },
  ']J0': { symbology: 'DotCode', gs1: false },
  ']J1': { symbology: 'DotCode', gs1: true },
  ']E0': { symbology: 'EAN13', gs1: false },
  ']E4': { symbology: 'EAN8', gs1: false },
};

export interface ScanData {
  /** Symbology named by the identifier, e.g. `DM`, `QR`, `GS1_128_CCA`, `EAN13`. */
  symbology: string;
  /**
   * The content in GS1 "data string" notation: GS1 AI data starts with `^` and uses `^` for FNC1;
   * a literal `^` at the start of plain data is escaped as `\^`; `|` joins a composite component.
   */
  dataString: string;
  /** True when the content is GS1 AI data. */
  gs1: boolean;
}

function eanPrimary(body: string, length: 8 | 13, position: number): Issue | null {
  if (body.length < length) return idIssue('gs1.length', { position, expected: length, actual: body.length, rule: 'primary_too_short' });
  if (body.length > length) return idIssue('gs1.length', { position, expected: length, actual: body.length, rule: 'primary_too_long' });
  if (!/^\d+$/.test(body)) return idIssue('gs1.charset', { position, rule: 'digits_only' });
  if (!hasValidGs1CheckDigit(body)) return idIssue('gs1.check_digit', { position: position + length - 1, actual: body.at(-1) });
  return null;
}

/**
 * Reads scanner output that starts with an AIM symbology identifier (`]d2`, `]C1`, `]Q3`, `]e0`,
 * `]E0`, …) into a data string; GS separators become `^`.
 * @example parseGs1ScanData(']d20110050428383077\u001d10A213B1') // → { symbology: 'DM', dataString: '^0110050428383077^10A213B1' }
 */
export function parseGs1ScanData(scan: string): Result<ScanData> {
  const id = scan.slice(0, 3);
  if (scan.length < 3 || id[0] !== ']') return { ok: false, issues: [idIssue('gs1.symbology', { position: 0, rule: 'missing' })] };
  const info = SYMBOLOGY_IDS[id];
  if (!info) return { ok: false, issues: [idIssue('gs1.symbology', { position: 0, actual: id, rule: 'unsupported' })] };
  const body = scan.slice(3);
  if (info.symbology === 'EAN13' || info.symbology === 'EAN8') {
    const [primary = '', composite] = body.split('|');
    const problem = eanPrimary(primary, info.symbology === 'EAN13' ? 13 : 8, 3);
    if (problem) return { ok: false, issues: [problem] };
    if (composite === undefined) return { ok: true, value: { symbology: info.symbology, dataString: primary, gs1: false } };
    if (!composite.startsWith(']e0')) return { ok: false, issues: [idIssue('gs1.symbology', { position: 4 + primary.length, rule: 'composite' })] };
    const cc = composite.slice(3);
    if (cc.length === 0) return { ok: false, issues: [idIssue('gs1.empty', { position: scan.length })] };
    return { ok: true, value: { symbology: info.symbology, dataString: `${primary}|^${cc.split(GS).join('^')}`, gs1: false } };
  }
  if (info.gs1) {
    if (body.length === 0) return { ok: false, issues: [idIssue('gs1.empty', { position: 3 })] };
    const caret = body.indexOf('^');
    // "^" stands for FNC1 in our notation, so a literal one cannot be represented
    if (caret >= 0) return { ok: false, issues: [idIssue('gs1.charset', { position: 3 + caret, actual: '^' })] };
    return { ok: true, value: { symbology: info.symbology, dataString: `^${body.split(GS).join('^')}`, gs1: true } };
  }
  return { ok: true, value: { symbology: info.symbology, dataString: /^\\*\^/.test(body) ? `\\${body}` : body, gs1: false } };
}
