/**
 * URIs for UDIs that GS1 has no URI for (HIBC, China's MA code), so an EPCIS 2.0 event (which takes
 * any URI as an EPC) can name such a unit or lot. The scheme reuses parseUdi's canonical keys
 * (`hibc:{LIC}/{product}/{UoM}`, `ma:{DI}`) and adds the PI the way a GS1 Digital Link path does:
 * `/L/{lot}` then `/S/{serial}`, values percent-escaped as in a Digital Link. An event keeps the lot
 * of a serialised unit (as the Digital Link `01/…/10/…/21/…` does), while the canonical key, which
 * the event store interns and trace looks up, keeps only the serial, so every label form of one
 * unit meets under one key.
 */
import type { UdiAgency } from './parse-udi.ts';
import { escapeDlPath, unescapeDlPath } from './gs1-digital-link.ts';
import type { ParsedUdi } from './parse-udi.ts';

export type NonGs1Agency = Exclude<UdiAgency, 'GS1' | 'AHM'>;

/** What a `hibc:` / `ma:` URI names. */
export interface UdiUriIdentity {
  agency: NonGs1Agency;
  /** The DI as parseUdi gives it: LIC + product + UoM for HIBC, `MA.…` for MA. */
  di: string;
  lot: string | null;
  serial: string | null;
  /** parseUdi's canonical key of the same unit, lot or product. */
  canonicalKey: string;
  level: 'unit' | 'lot' | 'product';
}

function withPi(base: string, lot: string | null, serial: string | null): string {
  return `${base}${lot === null ? '' : `/L/${escapeDlPath(lot)}`}${serial === null ? '' : `/S/${escapeDlPath(serial)}`}`;
}

function identity(agency: NonGs1Agency, base: string, di: string, lot: string | null, serial: string | null): UdiUriIdentity {
  const canonicalKey = serial !== null ? withPi(base, null, serial) : withPi(base, lot, null);
  return { agency, di, lot, serial, canonicalKey, level: serial !== null ? 'unit' : lot !== null ? 'lot' : 'product' };
}

const HIBC_BASE = /^hibc:([A-Z][A-Z0-9]{3})\/([A-Z0-9]{1,18})\/(\d)/;
const MA_BASE = /^ma:(MA\.[A-Za-z0-9.]+)/;
const PI = /^(?:\/L\/([^/?#]+))?(?:\/S\/([^/?#]+))?$/;

/** The base (no PI) of a parsed HIBC or MA label, as in its canonical key; null for GS1 (which has Digital Links and EPC URNs). */
function baseOf(p: ParsedUdi): string | null {
  const get = (key: string) => p.elements.find((e) => e.key === key)?.value;
  if (p.agency === 'HIBCC') return `hibc:${get('LIC')}/${get('PCN')}/${get('UOM')}`;
  if (p.agency === 'MA') return `ma:${p.di}`;
  return null;
}

/**
 * The EPC URI of a HIBC or MA label (null for other agencies), carrying lot and serial.
 * @example udiUri(parseUdi('+J123AQ3451/25330BC34567/S4012X').value) // 'hibc:J123/AQ345/1/L/BC34567/S/4012'
 */
export function udiUri(p: ParsedUdi): string | null {
  const base = baseOf(p);
  return base === null ? null : withPi(base, p.pi.lot, p.pi.serial);
}

/**
 * Reads a `hibc:` / `ma:` URI (or a canonical key, which is one) back; null when it is not one.
 * @example parseUdiUri('hibc:J123/AQ345/1/L/BC34567/S/4012') // { agency: 'HIBCC', di: 'J123AQ3451', lot: 'BC34567', serial: '4012', canonicalKey: 'hibc:J123/AQ345/1/S/4012', level: 'unit' }
 */
export function parseUdiUri(uri: string): UdiUriIdentity | null {
  const hibc = HIBC_BASE.exec(uri);
  const ma = hibc ? null : MA_BASE.exec(uri);
  const head = hibc ?? ma;
  if (!head) return null;
  const pi = PI.exec(uri.slice(head[0].length));
  if (!pi) return null;
  const lot = pi[1] === undefined ? null : unescapeDlPath(pi[1]);
  const serial = pi[2] === undefined ? null : unescapeDlPath(pi[2]);
  if (hibc) {
    const [base, lic, pcn, uom] = hibc as unknown as [string, string, string, string];
    return identity('HIBCC', base, `${lic}${pcn}${uom}`, lot, serial);
  }
  const [base, di] = ma as unknown as [string, string];
  if (di.endsWith('.')) return null;
  return identity('MA', base, di, lot, serial);
}

/**
 * The URI of the lot a `hibc:` / `ma:` identity belongs to (its canonical lot key); null without a lot.
 * @example udiLotUri(parseUdiUri('hibc:J123/AQ345/1/L/BC34567/S/4012')) // 'hibc:J123/AQ345/1/L/BC34567'
 */
export function udiLotUri(id: UdiUriIdentity): string | null {
  if (id.lot === null) return null;
  // Escaped values hold no `/`, so the base is the key without its one PI segment.
  return withPi(id.canonicalKey.replace(/\/[LS]\/[^/]*$/, ''), id.lot, null);
}
