/**
 * Minimal EPC URI / GS1 Digital Link → canonical GS1 Digital Link normalisation, as the EPCIS event
 * hash algorithm (CBV 2.0) needs it: every identifier is rewritten to `https://id.gs1.org/<AI>/…`
 * at its finest granularity (serial beats lot, CPV dropped, no query string). The full identifier
 * toolkit lives in `identifiers/`; this copy is kept deliberately small and self-contained so the
 * hash never changes when that module grows.
 */

const CANONICAL = 'https://id.gs1.org';

/** GS1 mod-10 check digit of a digit string (without the check digit). */
function checkDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return String((10 - (sum % 10)) % 10);
}

// Characters the Digital Link standard wants percent-encoded that EPC URIs leave bare.
function encodeDl(value: string): string {
  return value.replace(/[!()*+,:]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

const DIGITS = /^\d+$/;

/** Splits `CP.Ref` style EPC bodies where the company prefix and reference add up to `total` digits. */
function companyAndRef(cp: string | undefined, ref: string | undefined, total: number): boolean {
  return (
    cp !== undefined &&
    ref !== undefined &&
    DIGITS.test(cp) &&
    cp.length >= 6 &&
    cp.length <= 12 &&
    (ref === '' || DIGITS.test(ref)) &&
    cp.length + ref.length === total
  );
}

function gtinOf(cp: string, itemRef: string): string {
  const raw = itemRef.slice(0, 1) + cp + itemRef.slice(1);
  return raw + checkDigit(raw);
}

function withCheck(raw: string): string {
  return raw + checkDigit(raw);
}

function epcUriToDl(uri: string): string | null {
  const m = /^urn:epc:(id|idpat|class):([a-z]+):(.*)$/.exec(uri);
  if (!m) return null;
  const [, kind, scheme, body = ''] = m;
  const parts = body.split('.');
  const [p0, p1, p2, p3, p4] = parts;
  const key = `${kind}:${scheme}`;
  switch (key) {
    case 'id:sgtin':
      if (parts.length < 3 || !companyAndRef(p0, p1, 13) || !p2) return null;
      return `${CANONICAL}/01/${gtinOf(p0!, p1!)}/21/${encodeDl(parts.slice(2).join('.'))}`;
    case 'id:sscc':
      if (parts.length !== 2 || !companyAndRef(p0, p1, 17)) return null;
      return `${CANONICAL}/00/${withCheck(p1!.slice(0, 1) + p0! + p1!.slice(1))}`;
    case 'id:sgln': {
      if (parts.length < 3 || !companyAndRef(p0, p1, 12)) return null;
      const ext = parts.slice(2).join('.');
      const gln = withCheck(p0! + p1!);
      return ext === '0' || ext === '' ? `${CANONICAL}/414/${gln}` : `${CANONICAL}/414/${gln}/254/${encodeDl(ext)}`;
    }
    case 'id:grai':
      if (parts.length < 3 || !companyAndRef(p0, p1, 12)) return null;
      return `${CANONICAL}/8003/${withCheck('0' + p0! + p1!)}${encodeDl(parts.slice(2).join('.'))}`;
    case 'id:giai':
      if (parts.length < 2 || !p0 || !DIGITS.test(p0)) return null;
      return `${CANONICAL}/8004/${p0}${encodeDl(parts.slice(1).join('.'))}`;
    case 'id:gsrn':
    case 'id:gsrnp':
      if (parts.length !== 2 || !companyAndRef(p0, p1, 17)) return null;
      return `${CANONICAL}/${scheme === 'gsrn' ? '8018' : '8017'}/${withCheck(p0! + p1!)}`;
    case 'id:gdti':
      if (parts.length < 3 || !companyAndRef(p0, p1, 12)) return null;
      return `${CANONICAL}/253/${withCheck(p0! + p1!)}${encodeDl(parts.slice(2).join('.'))}`;
    case 'id:cpi': {
      if (parts.length < 3 || !p0 || !DIGITS.test(p0)) return null;
      const serial = parts[parts.length - 1] ?? '';
      const ref = parts.slice(1, -1).join('.');
      return `${CANONICAL}/8010/${p0}${encodeDl(ref)}/8011/${serial}`;
    }
    case 'id:sgcn':
      if (parts.length < 3 || !companyAndRef(p0, p1, 12)) return null;
      return `${CANONICAL}/255/${withCheck(p0! + p1!)}${parts.slice(2).join('.')}`;
    case 'id:ginc':
      if (parts.length < 2 || !p0 || !DIGITS.test(p0)) return null;
      return `${CANONICAL}/401/${p0}${encodeDl(parts.slice(1).join('.'))}`;
    case 'id:gsin':
      if (parts.length !== 2 || !companyAndRef(p0, p1, 16)) return null;
      return `${CANONICAL}/402/${withCheck(p0! + p1!)}`;
    case 'id:itip':
      if (parts.length < 5 || !companyAndRef(p0, p1, 13) || !/^\d\d$/.test(p2 ?? '') || !/^\d\d$/.test(p3 ?? '')) return null;
      return `${CANONICAL}/8006/${gtinOf(p0!, p1!)}${p2}${p3}/21/${encodeDl(parts.slice(4).join('.'))}`;
    case 'id:upui':
      if (parts.length < 3 || !companyAndRef(p0, p1, 13)) return null;
      return `${CANONICAL}/01/${gtinOf(p0!, p1!)}/235/${encodeDl(parts.slice(2).join('.'))}`;
    case 'id:pgln':
      if (parts.length !== 2 || !companyAndRef(p0, p1, 12)) return null;
      return `${CANONICAL}/417/${withCheck(p0! + p1!)}`;
    case 'class:lgtin':
      if (parts.length < 3 || !companyAndRef(p0, p1, 13)) return null;
      return `${CANONICAL}/01/${gtinOf(p0!, p1!)}/10/${encodeDl(parts.slice(2).join('.'))}`;
    case 'idpat:sgtin':
    case 'idpat:upui':
      if (parts.length !== 3 || p2 !== '*' || !companyAndRef(p0, p1, 13)) return null;
      return `${CANONICAL}/01/${gtinOf(p0!, p1!)}`;
    case 'idpat:grai':
      if (parts.length !== 3 || p2 !== '*' || !companyAndRef(p0, p1, 12)) return null;
      return `${CANONICAL}/8003/${withCheck('0' + p0! + p1!)}`;
    case 'idpat:gdti':
    case 'idpat:sgcn':
      if (parts.length !== 3 || p2 !== '*' || !companyAndRef(p0, p1, 12)) return null;
      return `${CANONICAL}/${scheme === 'gdti' ? '253' : '255'}/${withCheck(p0! + p1!)}`;
    case 'idpat:cpi':
      if (parts.length !== 3 || p2 !== '*' || !p0 || !DIGITS.test(p0)) return null;
      return `${CANONICAL}/8010/${p0}${encodeDl(p1 ?? '')}`;
    case 'idpat:itip':
      if (parts.length !== 5 || p4 !== '*' || !companyAndRef(p0, p1, 13)) return null;
      return `${CANONICAL}/8006/${gtinOf(p0!, p1!)}${p2}${p3}`;
    default:
      return null;
  }
}

const SHORT_NAMES: Record<string, string> = {
  gtin: '01', itip: '8006', cpid: '8010', gln: '414', party: '417', gsrnp: '8017', gsrn: '8018',
  gcn: '255', sscc: '00', gdti: '253', ginc: '401', gsin: '402', grai: '8003', giai: '8004',
  cpv: '22', lot: '10', ser: '21',
};

/** Primary keys, the syntax of their value, and the qualifiers allowed after them. */
const PRIMARY: Record<string, { value: RegExp; qualifiers: string[] }> = {
  '01': { value: /^(\d{8}|\d{12}|\d{13}|\d{14})$/, qualifiers: ['22', '10', '21', '235'] },
  '8006': { value: /^\d{18}$/, qualifiers: ['22', '10', '21'] },
  '8010': { value: /^[0-9A-Z#/%-]{1,40}$/, qualifiers: ['8011'] },
  '414': { value: /^\d{13}$/, qualifiers: ['254', '7040'] },
  '417': { value: /^\d{13}$/, qualifiers: ['7040'] },
  '8017': { value: /^\d{18}$/, qualifiers: ['8019'] },
  '8018': { value: /^\d{18}$/, qualifiers: ['8019'] },
  '255': { value: /^\d{13,25}$/, qualifiers: [] },
  '00': { value: /^\d{18}$/, qualifiers: [] },
  '253': { value: /^\d{13}.{0,17}$/, qualifiers: [] },
  '401': { value: /^.{1,30}$/, qualifiers: [] },
  '402': { value: /^\d{17}$/, qualifiers: [] },
  '8003': { value: /^\d{14}.{0,16}$/, qualifiers: [] },
  '8004': { value: /^.{1,30}$/, qualifiers: [] },
};

// The shapes capture sends by the thousand, `…/01/{GTIN-14}[/10/{lot}][/21/{serial}]` and
// `…/00/{SSCC}` with no path prefix, query or fragment, read with one expression. Whatever the
// general reading below would make of them differently never matches (epc-digital-link.test.ts
// compares both on generated URIs).
const COMMON_GTIN = /^https?:\/\/[^/?#]+\/01\/(\d{14})(?:\/10\/([^/?#]+))?(?:\/21\/([^/?#]+))?$/;
const COMMON_SSCC = /^https?:\/\/[^/?#]+\/00\/(\d{18})$/;

/** The canonical Digital Link of a common-shape Digital Link, else null (then `digitalLinkToDl` reads it). */
export function commonDigitalLinkToDl(uri: string): string | null {
  const g = COMMON_GTIN.exec(uri);
  if (g) {
    const [, gtin, lot, serial] = g;
    return serial !== undefined ? `${CANONICAL}/01/${gtin}/21/${serial}` : lot !== undefined ? `${CANONICAL}/01/${gtin}/10/${lot}` : `${CANONICAL}/01/${gtin}`;
  }
  const s = COMMON_SSCC.exec(uri);
  return s ? `${CANONICAL}/00/${s[1]}` : null;
}

/** The canonical Digital Link of any GS1 Digital Link (general reading), else null. */
export function digitalLinkToDl(uri: string): string | null {
  const m = /^https?:\/\/[^/?#]+(\/[^?#]*)?/.exec(uri);
  if (!m) return null;
  const segments = (m[1] ?? '').split('/').filter((s) => s !== '');
  const keyAt = segments.findIndex((s) => PRIMARY[SHORT_NAMES[s] ?? s] !== undefined);
  if (keyAt < 0) return null;
  const ai = SHORT_NAMES[segments[keyAt]!] ?? segments[keyAt]!;
  const spec = PRIMARY[ai]!;
  let value = segments[keyAt + 1];
  if (value === undefined || !spec.value.test(value)) return null;
  if (ai === '01') value = value.padStart(14, '0');
  const rest = segments.slice(keyAt + 2);
  if (rest.length % 2 !== 0) return null;
  const qualifiers = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const q = SHORT_NAMES[rest[i]!] ?? rest[i]!;
    if (!spec.qualifiers.includes(q)) return null;
    qualifiers.set(q, rest[i + 1]!);
  }
  // Finest granularity only: a serial identifies the instance, so lot and CPV are redundant.
  let out = `${CANONICAL}/${ai}/${value}`;
  if (qualifiers.has('21')) out += `/21/${qualifiers.get('21')}`;
  else if (qualifiers.has('10')) out += `/10/${qualifiers.get('10')}`;
  for (const q of ['235', '254', '8011', '7040', '8019']) {
    if (qualifiers.has(q)) out += `/${q}/${qualifiers.get(q)}`;
  }
  return out;
}

/**
 * Canonical GS1 Digital Link URI of an EPC URI (id, idpat, class) or any GS1 Digital Link,
 * or `null` when the value is not a GS1 identifier URI.
 * @example epcToCanonicalDigitalLink('urn:epc:id:sgtin:4012345.011111.987') // 'https://id.gs1.org/01/04012345111118/21/987'
 */
export function epcToCanonicalDigitalLink(uri: string): string | null {
  if (uri.startsWith('urn:epc:')) return epcUriToDl(uri);
  if (uri.startsWith('http://') || uri.startsWith('https://')) return commonDigitalLinkToDl(uri) ?? digitalLinkToDl(uri);
  return null;
}
