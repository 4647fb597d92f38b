import type { Issue, Result } from '../errors.ts';
import { gs1CheckDigit } from './check-digit.ts';
import { buildDigitalLink, DEFAULT_DL_STEM } from './gs1-digital-link.ts';
import { validateGs1Elements, type Gs1Element } from './gs1-element-string.ts';
import { idIssue } from './identifier-issues.ts';

/**
 * EPC pure-identity URNs (GS1 EPC Tag Data Standard) for the keys device traceability uses:
 * SGTIN (unit), LGTIN (lot class), SSCC (logistic unit), SGLN (location), PGLN (party).
 */
export type EpcScheme = 'sgtin' | 'lgtin' | 'sscc' | 'sgln' | 'pgln';

/** GS1 Company Prefix length for a key (6–12 digits), fixed or looked up from the key's digits. */
export type CompanyPrefixLength = number | ((key: string) => number | undefined);

const PREFIX = { sgtin: 'urn:epc:id:sgtin:', lgtin: 'urn:epc:class:lgtin:', sscc: 'urn:epc:id:sscc:', sgln: 'urn:epc:id:sgln:', pgln: 'urn:epc:id:pgln:' } as const;

// TDS §6: these characters of GS1 AI encodable set 82 are percent-escaped in EPC URIs.
const EPC_ESCAPE = /["%&/<>?]/g;

/** Escapes a serial/lot for an EPC URN. @example escapeEpc('A/1') === 'A%2F1' */
export function escapeEpc(value: string): string {
  return value.replace(EPC_ESCAPE, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

function unescapeEpc(value: string): string | null {
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) return null;
  return value.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * Converts an EPC URN to GS1 AI elements; needs no company prefix length, since the URN carries it.
 * @example epcUrnToElements('urn:epc:id:sgtin:4012345.011111.98') // → (01)04012345111118 (21)98
 */
export function epcUrnToElements(urn: string): Result<Gs1Element[]> {
  const scheme = (Object.keys(PREFIX) as EpcScheme[]).find((s) => urn.startsWith(PREFIX[s]));
  if (!scheme) {
    return { ok: false, issues: [idIssue(urn.startsWith('urn:epc:') ? 'epc.scheme' : 'epc.syntax', { position: 0, actual: urn.split(':').slice(0, 4).join(':') })] };
  }
  const start = PREFIX[scheme].length;
  // The last field (serial, lot, extension) may itself contain dots, so split only the leading fields.
  const fieldCount = scheme === 'sscc' || scheme === 'pgln' ? 2 : 3;
  const raw = urn.slice(start).split('.');
  const parts = raw.length > fieldCount ? [...raw.slice(0, fieldCount - 1), raw.slice(fieldCount - 1).join('.')] : raw;
  const bad = (rule: string, expected?: string): Result<Gs1Element[]> => ({ ok: false, issues: [idIssue('epc.syntax', { position: start, rule, expected })] });
  const cp = parts[0] ?? '';
  if (!/^\d{6,12}$/.test(cp)) return bad('company_prefix', '6-12 digits');
  const el = (ai: string, value: string): Gs1Element => ({ ai, value, position: start });
  let elements: Gs1Element[];
  switch (scheme) {
    case 'sgtin':
    case 'lgtin': {
      if (parts.length !== 3) return bad('parts', 'CompanyPrefix.IndicatorItemRef.Serial');
      const item = parts[1] ?? '';
      if (!/^\d+$/.test(item) || cp.length + item.length !== 13) return bad('item_reference', String(13 - cp.length));
      const body = item.slice(0, 1) + cp + item.slice(1);
      const serial = unescapeEpc(parts[2] ?? '');
      if (serial === null || serial === '') return { ok: false, issues: [idIssue('epc.charset', { position: start + cp.length + item.length + 2 })] };
      elements = [el('01', body + String(gs1CheckDigit(body))), el(scheme === 'sgtin' ? '21' : '10', serial)];
      break;
    }
    case 'sscc': {
      const ref = parts[1] ?? '';
      if (parts.length !== 2 || !/^\d+$/.test(ref) || cp.length + ref.length !== 17) return bad('serial_reference', String(17 - cp.length));
      const body = ref.slice(0, 1) + cp + ref.slice(1);
      elements = [el('00', body + String(gs1CheckDigit(body)))];
      break;
    }
    case 'sgln':
    case 'pgln': {
      const loc = parts[1] ?? '';
      if (parts.length !== (scheme === 'sgln' ? 3 : 2) || !/^\d*$/.test(loc) || cp.length + loc.length !== 12) {
        return bad('location_reference', String(12 - cp.length));
      }
      const body = cp + loc;
      elements = [el(scheme === 'sgln' ? '414' : '417', body + String(gs1CheckDigit(body)))];
      const ext = scheme === 'sgln' ? unescapeEpc(parts[2] ?? '') : '0';
      if (ext === null || ext === '') return { ok: false, issues: [idIssue('epc.charset', { position: start })] };
      // Extension "0" means the GLN itself, without (254)
      if (ext !== '0') elements.push(el('254', ext));
      break;
    }
  }
  const issues = validateGs1Elements(elements, { validateAssociations: false });
  return issues.length ? { ok: false, issues } : { ok: true, value: elements };
}

/**
 * EPC URN → canonical GS1 Digital Link URI (as the EPCIS event hash normalises identifiers).
 * @example epcUrnToDigitalLink('urn:epc:id:sscc:4012345.3111111111') // → ok 'https://id.gs1.org/00/340123451111111111'
 */
export function epcUrnToDigitalLink(urn: string, stem: string = DEFAULT_DL_STEM): Result<string> {
  const r = epcUrnToElements(urn);
  return r.ok ? buildDigitalLink(r.value, { stem, validateAssociations: false }) : r;
}

function prefixLength(option: CompanyPrefixLength | undefined, key: string): number | undefined {
  return typeof option === 'function' ? option(key) : option;
}

/**
 * AI elements → EPC URN. The company prefix length splits the key; give it as a number or a lookup.
 * Picks SGTIN for (01)+(21), LGTIN for (01)+(10), SSCC for (00), SGLN for (414) and PGLN for (417).
 * @example elementsToEpcUrn([{ ai: '01', value: '04012345111118' }, { ai: '21', value: '98' }], { companyPrefixLength: 7 }) // → ok 'urn:epc:id:sgtin:4012345.011111.98'
 */
export function elementsToEpcUrn(
  elements: readonly Pick<Gs1Element, 'ai' | 'value'>[],
  options: { companyPrefixLength?: CompanyPrefixLength } = {},
): Result<string> {
  const get = (ai: string): string | undefined => elements.find((e) => e.ai === ai)?.value;
  const cpLen = (key: string, offset: number, min = 6): Result<number> => {
    const n = prefixLength(options.companyPrefixLength, key);
    if (n === undefined || !Number.isInteger(n) || n < min || n > 12 || offset + n > key.length - 1) {
      return { ok: false, issues: [idIssue('epc.company_prefix', { expected: '6-12', actual: n ?? null })] };
    }
    return { ok: true, value: n };
  };
  const fail = (issue: Issue): Result<string> => ({ ok: false, issues: [issue] });
  const gtin = get('01');
  if (gtin) {
    const serial = get('21');
    const lot = get('10');
    if (serial === undefined && lot === undefined) return fail(idIssue('epc.not_convertible', { ai: '01', expected: '21 or 10' }));
    const n = cpLen(gtin, 1);
    if (!n.ok) return n;
    const cp = gtin.slice(1, 1 + n.value);
    const item = gtin.slice(0, 1) + gtin.slice(1 + n.value, 13);
    return serial !== undefined
      ? { ok: true, value: `${PREFIX.sgtin}${cp}.${item}.${escapeEpc(serial)}` }
      : { ok: true, value: `${PREFIX.lgtin}${cp}.${item}.${escapeEpc(lot ?? '')}` };
  }
  const sscc = get('00');
  if (sscc) {
    const n = cpLen(sscc, 1);
    if (!n.ok) return n;
    return { ok: true, value: `${PREFIX.sscc}${sscc.slice(1, 1 + n.value)}.${sscc.slice(0, 1)}${sscc.slice(1 + n.value, 17)}` };
  }
  for (const [ai, scheme] of [['414', 'sgln'], ['417', 'pgln']] as const) {
    const gln = get(ai);
    if (!gln) continue;
    const n = cpLen(gln, 0);
    if (!n.ok) return n;
    const head = `${PREFIX[scheme]}${gln.slice(0, n.value)}.${gln.slice(n.value, 12)}`;
    return { ok: true, value: scheme === 'sgln' ? `${head}.${escapeEpc(get('254') ?? '0')}` : head };
  }
  return fail(idIssue('epc.not_convertible', { expected: '01, 00, 414 or 417' }));
}
