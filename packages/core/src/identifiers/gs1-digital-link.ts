import type { Issue, Result } from '../errors.ts';
import { lookupAi } from './gs1-ai-table.ts';
import { validateGs1Elements, type Gs1Element, type Gs1Options } from './gs1-element-string.ts';
import { idIssue } from './identifier-issues.ts';

/**
 * GS1 Digital Link URIs, uncompressed form, following the current GS1 DL standard as implemented
 * by gs1-syntax-engine (no trailing slash, full GTIN-14 unless `permitZeroSuppressedGtin`).
 */
export interface DigitalLinkOptions extends Gs1Options {
  /** Accept GTIN-8/12/13 in (01) and pad it to 14 digits. */
  permitZeroSuppressedGtin?: boolean;
  /** Accept the DL 1.x short names (`/gtin/`, `/ser/`, `/lot/`, …) instead of numeric AIs. */
  permitConvenienceAlphas?: boolean;
  /** With `permitUnknownAIs`, also accept unknown AIs as query-string data attributes. */
  permitUnknownAiAttributes?: boolean;
}

export interface DigitalLink {
  /** Scheme, host and any path before the primary key, e.g. `https://id.gs1.org`. */
  stem: string;
  primaryKey: Gs1Element;
  /** Key qualifiers from the path, in order. */
  qualifiers: Gs1Element[];
  /** AI data attributes from the query string, in order. */
  attributes: Gs1Element[];
  /** Query parameters that are not AIs (e.g. `linkType`), kept for the caller. */
  otherParams: [string, string][];
  /** Path then query AIs: the element string content. */
  elements: Gs1Element[];
}

export const DEFAULT_DL_STEM = 'https://id.gs1.org';

// DL 1.x convenience names; only used with permitConvenienceAlphas.
const CONVENIENCE_ALPHAS: Readonly<Record<string, string>> = {
  gtin: '01', itip: '8006', cpv: '22', lot: '10', ser: '21', sscc: '00', gln: '414', glnx: '254', party: '417',
  grai: '8003', giai: '8004', gsrn: '8018', gsrnp: '8017', srin: '8019', gdti: '253', gcn: '255', gsin: '402',
  ginc: '401', cpid: '8010', cpsn: '8011', gmn: '8013', gtinx: '235',
};

const UNRESERVED = /[A-Za-z0-9\-._~]/;

function escapeWith(value: string, space: string): string {
  let out = '';
  for (const ch of value) {
    if (UNRESERVED.test(ch)) out += ch;
    else if (ch === ' ' && space === '+') out += '+';
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Percent-escapes a value for a DL path segment. @example escapeDlPath('A B/C') === 'A%20B%2FC' */
export function escapeDlPath(value: string): string {
  return escapeWith(value, '%20');
}

/** Percent-escapes a value for a DL query string (space becomes `+`). @example escapeDlQuery('A B') === 'A+B' */
export function escapeDlQuery(value: string): string {
  return escapeWith(value, '+');
}

function unescape(value: string, plusIsSpace: boolean): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    const hex = value.slice(i + 1, i + 3);
    if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else out += plusIsSpace && ch === '+' ? ' ' : ch;
  }
  return out;
}

/** Decodes a DL path segment (`+` stays `+`; bad `%` sequences stay as written). @example unescapeDlPath('A%2Fb') === 'A/b' */
export function unescapeDlPath(value: string): string {
  return unescape(value, false);
}

/** Decodes a DL query value (`+` is a space). @example unescapeDlQuery('A+B') === 'A B' */
export function unescapeDlQuery(value: string): string {
  return unescape(value, true);
}

const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]$/;

/** True when `text` starts like a DL URI (http/https, scheme all lower or all upper case). */
export function looksLikeDigitalLink(text: string): boolean {
  return /^(https?|HTTPS?):\/\//.test(text);
}

function isSubsequence(seq: readonly string[], of: readonly string[]): boolean {
  let j = 0;
  for (const ai of seq) {
    while (j < of.length && of[j] !== ai) j++;
    if (j === of.length) return false;
    j++;
  }
  return true;
}

function expandGtin(ai: string, value: string, options: DigitalLinkOptions): string {
  return ai === '01' && options.permitZeroSuppressedGtin && /^(\d{8}|\d{12}|\d{13})$/.test(value) ? value.padStart(14, '0') : value;
}

/**
 * Parses and validates a GS1 Digital Link URI into its key, qualifiers and data attributes.
 * @example parseDigitalLink('https://id.gs1.org/01/10050428383077/10/A213B1/21/1234?17=150707')
 */
export function parseDigitalLink(uri: string, options: DigitalLinkOptions = {}): Result<DigitalLink> {
  const fail = (issue: Issue): Result<DigitalLink> => ({ ok: false, issues: [issue] });
  if (!looksLikeDigitalLink(uri)) return fail(idIssue('dl.scheme', { position: 0, expected: 'http:// or https://' }));
  for (let i = 0; i < uri.length; i++) {
    if (!URI_CHARS.test(uri[i] as string)) return fail(idIssue('dl.uri_charset', { position: i, actual: uri[i] }));
  }
  const afterScheme = uri.indexOf('://') + 3;
  const rest = uri.slice(afterScheme);
  const slash = rest.indexOf('/');
  if (slash <= 0) return fail(idIssue('dl.no_path', { position: afterScheme }));
  const domain = rest.slice(0, slash);
  const badDomain = [...domain].findIndex((ch) => !/[A-Za-z0-9\-.:[\]]/.test(ch));
  if (badDomain >= 0) return fail(idIssue('dl.domain', { position: afterScheme + badDomain, actual: domain[badDomain] }));

  const pathStart = afterScheme + slash;
  let tail = uri.slice(pathStart);
  const hash = tail.indexOf('#');
  if (hash >= 0) tail = tail.slice(0, hash);
  const q = tail.indexOf('?');
  const path = q >= 0 ? tail.slice(0, q) : tail;
  const query = q >= 0 ? tail.slice(q + 1) : '';

  // Walk back from the end of the path in AI/value pairs until the rightmost primary key.
  const segments = path.split('/').slice(1);
  const offsets: number[] = [];
  segments.reduce((pos, seg) => (offsets.push(pos + 1), pos + 1 + seg.length), pathStart);
  const pairs: { ai: string; raw: string; position: number }[] = [];
  let keyIndex = -1;
  for (let k = segments.length - 2; k >= 0; k -= 2) {
    const seg = segments[k] as string;
    const ai = options.permitConvenienceAlphas && CONVENIENCE_ALPHAS[seg] ? (CONVENIENCE_ALPHAS[seg] as string) : seg;
    const def = /^\d+$/.test(ai) ? lookupAi(ai) : undefined;
    if (!def) break;
    pairs.unshift({ ai, raw: segments[k + 1] as string, position: offsets[k + 1] as number });
    if (def.dlPrimaryKey) {
      keyIndex = k;
      break;
    }
  }
  if (keyIndex < 0) return fail(idIssue('dl.no_key', { position: pathStart }));
  const stem = uri.slice(0, pathStart) + (keyIndex > 0 ? `/${segments.slice(0, keyIndex).join('/')}` : '');

  const issues: Issue[] = [];
  const pathElements: Gs1Element[] = [];
  for (const p of pairs) {
    if (p.raw === '') {
      issues.push(idIssue('dl.empty_value', { ai: p.ai, position: p.position }));
      continue;
    }
    const value = unescapeDlPath(p.raw);
    if (value.includes('\0')) issues.push(idIssue('dl.null_char', { ai: p.ai, position: p.position }));
    pathElements.push({ ai: p.ai, value: expandGtin(p.ai, value, options), position: p.position });
  }
  if (issues.length) return { ok: false, issues };
  const [primaryKey, ...qualifiers] = pathElements as [Gs1Element, ...Gs1Element[]];
  const alternatives = lookupAi(primaryKey.ai)?.dlPrimaryKey ?? [[]];
  const qualifierAis = qualifiers.map((e) => e.ai);
  const compatible = alternatives.filter((alt) => isSubsequence(qualifierAis, alt));
  if (compatible.length === 0) {
    return fail(idIssue('dl.key_qualifiers', { ai: primaryKey.ai, position: primaryKey.position, actual: qualifierAis.join(','), expected: alternatives.map((a) => a.join(',')).join(' | ') }));
  }

  const attributes: Gs1Element[] = [];
  const otherParams: [string, string][] = [];
  let pos = pathStart + path.length + 1;
  for (const param of query.split('&')) {
    const at = pos;
    pos += param.length + 1;
    if (!param) continue;
    const eq = param.indexOf('=');
    const name = eq < 0 ? param : param.slice(0, eq);
    const raw = eq < 0 ? '' : param.slice(eq + 1);
    if (!/^\d+$/.test(name)) {
      otherParams.push([name, unescapeDlQuery(raw)]);
      continue;
    }
    if (eq < 0) continue;
    const def = lookupAi(name);
    if (!def) {
      if (!options.permitUnknownAIs) issues.push(idIssue('dl.unknown_ai', { ai: name, position: at }));
      else if (!options.permitUnknownAiAttributes) issues.push(idIssue('dl.not_attribute', { ai: name, position: at }));
    } else if (compatible.some((alt) => alt.includes(name))) {
      issues.push(idIssue('dl.qualifier_in_query', { ai: name, position: at }));
    } else if (!def.dlDataAttribute) {
      issues.push(idIssue('dl.not_attribute', { ai: name, position: at }));
    }
    if (raw === '') {
      issues.push(idIssue('dl.empty_value', { ai: name, position: at }));
      continue;
    }
    const value = unescapeDlQuery(raw);
    if (value.includes('\0')) issues.push(idIssue('dl.null_char', { ai: name, position: at }));
    attributes.push({ ai: name, value: expandGtin(name, value, options), position: at + name.length + 1 });
  }
  const elements = [...pathElements, ...attributes];
  const seen = new Set<string>();
  for (const e of elements) {
    if (seen.has(e.ai)) issues.push(idIssue('dl.duplicate_ai', { ai: e.ai, position: e.position }));
    seen.add(e.ai);
  }
  if (issues.length) return { ok: false, issues };
  const valueIssues = validateGs1Elements(elements, options);
  if (valueIssues.length) return { ok: false, issues: valueIssues };
  return { ok: true, value: { stem, primaryKey, qualifiers, attributes, otherParams, elements } };
}

export interface BuildDigitalLinkOptions extends DigitalLinkOptions {
  /** Scheme, host and optional path prefix; default `https://id.gs1.org`. */
  stem?: string;
}

/**
 * Builds the uncompressed DL URI for AI elements: the first primary key in the data, the qualifier
 * sequence that covers most of the data, then the other AIs as query attributes (predefined-length
 * AIs first, as the reference encoder orders them).
 * @example buildDigitalLink([{ ai: '01', value: '10050428383077' }, { ai: '21', value: '1234' }]) // → ok 'https://id.gs1.org/01/10050428383077/21/1234'
 */
export function buildDigitalLink(input: readonly Pick<Gs1Element, 'ai' | 'value'>[], options: BuildDigitalLinkOptions = {}): Result<string> {
  const elements: Gs1Element[] = [];
  for (const e of input) {
    if (!elements.some((x) => x.ai === e.ai && x.value === e.value)) elements.push({ ai: e.ai, value: e.value, position: 0 });
  }
  const issues = validateGs1Elements(elements, options);
  if (issues.length) return { ok: false, issues };
  const key = elements.find((e) => lookupAi(e.ai)?.dlPrimaryKey);
  if (!key) return { ok: false, issues: [idIssue('dl.no_key', {})] };
  const alternatives = lookupAi(key.ai)?.dlPrimaryKey ?? [[]];
  let best: readonly string[] = [];
  let bestCount = -1;
  for (const alt of alternatives) {
    const count = alt.filter((ai) => elements.some((e) => e.ai === ai)).length;
    if (count > bestCount) [best, bestCount] = [alt, count];
  }
  const pathAis = [key.ai, ...best.filter((ai) => elements.some((e) => e.ai === ai))];
  const path = pathAis.map((ai) => `/${ai}/${escapeDlPath(elements.find((e) => e.ai === ai)?.value ?? '')}`).join('');
  const rest = elements.filter((e) => !pathAis.includes(e.ai));
  for (const e of rest) {
    const def = lookupAi(e.ai);
    const allowed = def ? def.dlDataAttribute : options.permitUnknownAIs && options.permitUnknownAiAttributes;
    if (!allowed) issues.push(idIssue('dl.not_attribute', { ai: e.ai }));
  }
  if (issues.length) return { ok: false, issues };
  const ordered = [...rest.filter((e) => lookupAi(e.ai)?.fixedLength), ...rest.filter((e) => !lookupAi(e.ai)?.fixedLength)];
  const query = ordered.map((e) => `${e.ai}=${escapeDlQuery(e.value)}`).join('&');
  const stem = (options.stem ?? DEFAULT_DL_STEM).replace(/\/+$/, '');
  return { ok: true, value: `${stem}${path}${query ? `?${query}` : ''}` };
}

/**
 * True when `ais` is a primary key followed by a valid ordered subset of one of its qualifier sequences.
 * @example isValidDlPathSequence(['01', '22', '21']) === true
 */
export function isValidDlPathSequence(ais: readonly string[]): boolean {
  const [key, ...qualifiers] = ais;
  const alternatives = key === undefined ? null : lookupAi(key)?.dlPrimaryKey;
  return !!alternatives && alternatives.some((alt) => isSubsequence(qualifiers, alt));
}
