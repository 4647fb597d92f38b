import type { Issue, Result } from '../errors.ts';
import { hasValidGs1CheckDigit } from './check-digit.ts';
import { epcUrnToElements } from './epc-urn.ts';
import { gs1DateToIso } from './gs1-date.ts';
import { escapeDlPath, looksLikeDigitalLink, parseDigitalLink } from './gs1-digital-link.ts';
import { parseCommonDigitalLink } from './gs1-digital-link-common.ts';
import { GS, parseBracketedAiString, parseGs1ElementString, type Gs1Element } from './gs1-element-string.ts';
import { parseGs1ScanData } from './gs1-scan-data.ts';
import { parseHibc } from './hibc.ts';
import { idIssue } from './identifier-issues.ts';
import { parseMaCode } from './ma-code.ts';

export type UdiAgency = 'GS1' | 'HIBCC' | 'MA' | 'AHM';
export type UdiForm = 'bracketed' | 'element_string' | 'scan' | 'digital_link' | 'epc_urn' | 'hibc' | 'ma';

export interface ParsedUdi {
  agency: UdiAgency;
  /** The notation the text was written in. */
  form: UdiForm;
  /** Device identifier: GTIN-14 (or SSCC/GLN key) for GS1, LIC+product+UoM for HIBC, the MA DI. */
  di: string;
  /** Production identifier; dates are ISO `YYYY-MM-DD`, null when the label does not carry them. */
  pi: { lot: string | null; serial: string | null; productionDate: string | null; expiryDate: string | null };
  /** Every data element: GS1 AIs (`01`, `17`, …), HIBC fields or MA qualifiers, in label order. */
  elements: { key: string; value: string }[];
  /**
   * Stable key for a unit, lot or product, used as the database key. Format:
   *  - GS1: `gs1:` + the Digital Link path of the primary key and the identity qualifier, e.g.
   *    `gs1:01/{gtin14}/21/{serial}`, `gs1:01/{gtin14}/10/{lot}` (no serial), `gs1:01/{gtin14}`,
   *    `gs1:00/{sscc}`, `gs1:414/{gln}/254/{ext}`. Serial wins over lot; (22) and data attributes
   *    are left out.
   *  - HIBC: `hibc:{LIC}/{product}/{UoM}` + `/S/{serial}` or `/L/{lot}`.
   *  - MA: `ma:{DI}` + `/S/{serial}` or `/L/{lot}`.
   * Values are percent-escaped as in a Digital Link path, so `/` inside a serial cannot collide.
   */
  canonicalKey: string;
  /** What the key identifies. */
  level: 'unit' | 'lot' | 'product';
}

export interface ParseUdiOptions {
  /** Reference date for the GS1 two-digit-year century rule (default: now). */
  now?: Date;
}

function identity(key: string, serial: string | null, lot: string | null, serialTag: string, lotTag: string): Pick<ParsedUdi, 'canonicalKey' | 'level'> {
  if (serial !== null) return { canonicalKey: `${key}/${serialTag}/${escapeDlPath(serial)}`, level: 'unit' };
  if (lot !== null) return { canonicalKey: `${key}/${lotTag}/${escapeDlPath(lot)}`, level: 'lot' };
  return { canonicalKey: key, level: 'product' };
}

const GS1_KEYS = ['01', '8006', '00', '414', '417', '8003', '8004', '8017', '8018', '253', '255', '402', '401', '8010', '8013'];

function fromGs1(elements: Gs1Element[], form: UdiForm, now: Date): Result<ParsedUdi> {
  const get = (ai: string): string | null => elements.find((e) => e.ai === ai)?.value ?? null;
  const keyAi = GS1_KEYS.find((ai) => get(ai) !== null);
  if (!keyAi) return { ok: false, issues: [idIssue('udi.unrecognised', { rule: 'no_gs1_key', expected: '01' })] };
  const di = get(keyAi) as string;
  const date = (ai: string): string | null => {
    const v = get(ai);
    return v === null ? null : gs1DateToIso(v, now);
  };
  const serial = get('21');
  const lot = get('10');
  const base = `gs1:${keyAi}/${escapeDlPath(di)}`;
  const ext = keyAi === '414' ? get('254') : keyAi === '8010' ? get('8011') : null;
  const id =
    keyAi === '01' || keyAi === '8006'
      ? identity(base, serial, lot, '21', '10')
      : { canonicalKey: ext === null ? base : `${base}/${keyAi === '414' ? '254' : '8011'}/${escapeDlPath(ext)}`, level: 'unit' as const };
  return {
    ok: true,
    value: {
      agency: 'GS1',
      form,
      di,
      pi: { lot, serial, productionDate: date('11'), expiryDate: date('17') },
      elements: elements.map((e) => ({ key: e.ai, value: e.value })),
      ...id,
    },
  };
}

function shift(issues: Issue[], by: number): Issue[] {
  return issues.map((i) => (typeof i.params?.position === 'number' ? { ...i, params: { ...i.params, position: i.params.position + by } } : i));
}

/**
 * Recognises the issuing agency and notation of a UDI and parses it: GS1 bracketed `(01)…`, raw
 * element strings (`^`/GS separators, with or without `]d2`-style symbology identifiers), EAN-13
 * scans, GS1 Digital Link URIs, EPC URNs, HIBC (`+…`) and MA codes (`MA.…`).
 * @example parseUdi('(01)10050428383077(17)150707(10)A213B1(21)1234') // → canonicalKey 'gs1:01/10050428383077/21/1234'
 */
export function parseUdi(text: string, options: ParseUdiOptions = {}): Result<ParsedUdi> {
  // EPCIS capture resolves thousands of Digital Links per document; most have one simple shape.
  const common = text.startsWith('http') ? parseCommonDigitalLink(text) : null;
  return common ? { ok: true, value: common } : parseUdiGeneral(text, options);
}

/**
 * `parseUdi` without the shortcut for common Digital Link shapes: the reference the shortcut is
 * tested against (gs1-digital-link-common.test.ts). Same contract as `parseUdi`.
 */
export function parseUdiGeneral(text: string, options: ParseUdiOptions = {}): Result<ParsedUdi> {
  const now = options.now ?? new Date();
  const input = text.replace(/[\r\n]+$/, '');
  if (input.trim() === '') return { ok: false, issues: [idIssue('udi.empty', { position: 0 })] };
  const gs1 = (r: Result<Gs1Element[]>, form: UdiForm): Result<ParsedUdi> => (r.ok ? fromGs1(r.value, form, now) : r);

  if (input.startsWith('(')) return gs1(parseBracketedAiString(input), 'bracketed');
  if (input.startsWith('^') || input.startsWith(GS)) return gs1(parseGs1ElementString(input), 'element_string');
  if (looksLikeDigitalLink(input)) {
    const dl = parseDigitalLink(input);
    return dl.ok ? fromGs1(dl.value.elements, 'digital_link', now) : dl;
  }
  if (input.startsWith('urn:epc:')) return gs1(epcUrnToElements(input), 'epc_urn');
  if (input.startsWith('MA.')) {
    const ma = parseMaCode(input, now);
    if (!ma.ok) return ma;
    const { di, pi, units } = ma.value;
    return {
      ok: true,
      value: {
        agency: 'MA',
        form: 'ma',
        di,
        pi: { lot: pi.lot ?? null, serial: pi.serial ?? null, productionDate: pi.productionDate ?? null, expiryDate: pi.expiryDate ?? pi.validUntil ?? null },
        elements: units.map((u) => ({ key: u.qualifier, value: u.value })),
        ...identity(`ma:${di}`, pi.serial ?? null, pi.lot ?? null, 'S', 'L'),
      },
    };
  }
  const aim = input.startsWith(']') ? input.slice(0, 3) : '';
  if (input.slice(aim.length).startsWith('+')) {
    const h = parseHibc(input);
    if (!h.ok) return h;
    const v = h.value;
    const elements = [
      { key: 'LIC', value: v.labelerCode },
      { key: 'PCN', value: v.productCode },
      { key: 'UOM', value: String(v.unitOfMeasure) },
      ...(v.expiryDate ? [{ key: 'EXP', value: v.expiryDate.raw }] : []),
      ...(v.lot !== undefined ? [{ key: 'LOT', value: v.lot }] : []),
      ...(v.serial !== undefined ? [{ key: 'SN', value: v.serial }] : []),
      ...(v.productionDate ? [{ key: 'PROD', value: v.productionDate.raw }] : []),
      ...(v.quantity !== undefined ? [{ key: 'QTY', value: String(v.quantity) }] : []),
    ];
    const di = `${v.labelerCode}${v.productCode}${v.unitOfMeasure}`;
    return {
      ok: true,
      value: {
        agency: 'HIBCC',
        form: 'hibc',
        di,
        pi: {
          lot: v.lot ?? null,
          serial: v.serial ?? null,
          productionDate: v.productionDate?.date.slice(0, 10) ?? null,
          expiryDate: v.expiryDate?.date.slice(0, 10) ?? null,
        },
        elements,
        ...identity(`hibc:${v.labelerCode}/${v.productCode}/${v.unitOfMeasure}`, v.serial ?? null, v.lot ?? null, 'S', 'L'),
      },
    };
  }
  if (aim) {
    const scan = parseGs1ScanData(input);
    if (!scan.ok) return scan;
    const { dataString, gs1: isGs1, symbology } = scan.value;
    if (isGs1) return gs1(shiftResult(parseGs1ElementString(dataString), 2), 'scan');
    if (symbology === 'EAN13' || symbology === 'EAN8') {
      return fromGs1([{ ai: '01', value: dataString.split('|')[0]?.padStart(14, '0') ?? '', position: 3 }], 'scan', now);
    }
    // Plain data in a 2D symbol: a Digital Link or an MA code
    return shiftResult(parseUdi(input.slice(3), options), 3);
  }
  // Scanners set up without AIM prefixes send raw AI data: digits with GS separators.
  if (/^\d{16,}/.test(input) && (input.startsWith('01') || input.startsWith('00')) && (input.includes(GS) || hasValidGs1CheckDigit(input.slice(2, input.startsWith('00') ? 20 : 16)))) {
    return gs1(shiftResult(parseGs1ElementString(`^${input}`), -1), 'element_string');
  }
  if (/^\d{13}$/.test(input) || /^\d{14}$/.test(input)) {
    if (!hasValidGs1CheckDigit(input)) return { ok: false, issues: [idIssue('gs1.check_digit', { ai: '01', position: input.length - 1 })] };
    return fromGs1([{ ai: '01', value: input.padStart(14, '0'), position: 0 }], 'element_string', now);
  }
  return unrecognised(input);
}

// Issues found in a rewritten substring (e.g. "^…" for "]d2…") point back into the original text.
function shiftResult<T>(r: Result<T>, by: number): Result<T> {
  return r.ok ? r : { ok: false, issues: shift(r.issues, by) };
}

function unrecognised(input: string): Result<ParsedUdi> {
  // Ali Health (AHM) device codes have no public structure we can validate; say so rather than guess.
  if (/^AHM/i.test(input)) return { ok: false, issues: [idIssue('udi.unsupported_agency', { position: 0, actual: 'AHM' })] };
  return { ok: false, issues: [idIssue('udi.unrecognised', { position: 0, actual: input.slice(0, 12) })] };
}
