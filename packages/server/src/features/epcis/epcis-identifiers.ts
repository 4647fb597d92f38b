/**
 * How the event store reads the identifiers in events: objects are interned under their canonical
 * key (so the EPC URN and the Digital Link of one unit are one object, and so are a HIBC or MA label
 * and its `hibc:` / `ma:` URI), and parties and locations are reduced to a GLN (+ extension) that
 * matches organisations and their locations.
 */
import { epcUrnToElements, parseDigitalLink, parseUdi, parseUdiUri, udiUri } from '@lianjian/core';
import type { EpcisEvent, QuantityElement } from '@lianjian/core/epcis/index';

/**
 * The level of an object. The GS1 names stand for the level whatever the issuing agency: a
 * serialised HIBC or MA unit is an `sgtin` (a unit), a HIBC or MA lot an `lgtin`, so projections,
 * lot holdings and exposure counts treat those units as they treat GS1 ones.
 */
export type ObjectKind = 'sgtin' | 'lgtin' | 'gtin' | 'sscc' | 'other';

export interface ObjectIdentity {
  /** The interned code: GS1 canonical key when the code parses, else the code as sent. */
  code: string;
  kind: ObjectKind;
  di: string | null;
  lot: string | null;
  serial: string | null;
}

/**
 * The identity under which a code is stored and queried.
 * @example objectIdentity('urn:epc:id:sgtin:4012345.011111.987') // { code: 'gs1:01/04012345111118/21/987', kind: 'sgtin', di: '04012345111118', … }
 */
export function objectIdentity(code: string): ObjectIdentity {
  const uri = parseUdiUri(code);
  if (uri) return nonGs1Identity(uri);
  const parsed = parseUdi(code);
  if (parsed.ok && parsed.value.agency === 'GS1') {
    const v = parsed.value;
    const key = v.elements[0]?.key;
    if (key === '01') {
      const kind: ObjectKind = v.pi.serial ? 'sgtin' : v.pi.lot ? 'lgtin' : 'gtin';
      return { code: v.canonicalKey, kind, di: v.di, lot: v.pi.lot, serial: v.pi.serial };
    }
    if (key === '00') return { code: v.canonicalKey, kind: 'sscc', di: null, lot: null, serial: null };
  }
  // A HIBC or MA label as scanned (trace, queries): the identity of its URI.
  const label = parsed.ok ? parseUdiUri(udiUri(parsed.value) ?? '') : null;
  if (label) return nonGs1Identity(label);
  return { code, kind: 'other', di: null, lot: null, serial: null };
}

function nonGs1Identity(id: NonNullable<ReturnType<typeof parseUdiUri>>): ObjectIdentity {
  const kind: ObjectKind = id.level === 'unit' ? 'sgtin' : id.level === 'lot' ? 'lgtin' : 'gtin';
  return { code: id.canonicalKey, kind, di: id.di, lot: id.lot, serial: id.serial };
}

/** A GLN-based reference: a location (414 + 254 extension) or a party (417). */
export interface GlnRef {
  ai: '414' | '417';
  gln: string;
  /** Location extension (AI 254); '0' when absent. */
  extension: string;
}

/**
 * Reads `urn:epc:id:sgln:…`, `urn:epc:id:pgln:…` and Digital Links `https://<any host>/414/{GLN}[/254/{ext}]`
 * or `/417/{GLN}`; null for anything else.
 */
export function glnRef(id: string): GlnRef | null {
  // A document names the same few parties and locations on every event, and each is read up to three
  // times (bulk lookup, location, party): parse each text once. The cache is bounded, and its values
  // frozen since callers share them.
  let ref = glnRefCache.get(id);
  if (ref === undefined) {
    if (glnRefCache.size >= GLN_REF_CACHE_SIZE) glnRefCache.clear();
    const parsed = parseGlnRef(id);
    ref = parsed === null ? null : Object.freeze(parsed);
    glnRefCache.set(id, ref);
  }
  return ref;
}

const GLN_REF_CACHE_SIZE = 10_000;
const glnRefCache = new Map<string, GlnRef | null>();

function parseGlnRef(id: string): GlnRef | null {
  if (id.startsWith('urn:epc:id:sgln:') || id.startsWith('urn:epc:id:pgln:')) {
    const r = epcUrnToElements(id);
    if (!r.ok) return null;
    return fromElements(r.value.map((e) => ({ ai: e.ai, value: e.value })));
  }
  if (/^https?:\/\//i.test(id) && /\/41[47]\//.test(id)) {
    const r = parseDigitalLink(id);
    if (!r.ok) return null;
    return fromElements(r.value.elements.map((e) => ({ ai: e.ai, value: e.value })));
  }
  return null;
}

function fromElements(elements: { ai: string; value: string }[]): GlnRef | null {
  const first = elements[0];
  if (!first || (first.ai !== '414' && first.ai !== '417')) return null;
  const ext = elements.find((e) => e.ai === '254')?.value ?? '0';
  return { ai: first.ai, gln: first.value, extension: ext };
}

/** How an object takes part in an event, as stored in `event_objects.role`. */
export type StoredRole = 'epc' | 'parent' | 'child' | 'input' | 'output' | 'quantity' | 'child_quantity' | 'input_quantity' | 'output_quantity';

export const INSTANCE_ROLES: readonly StoredRole[] = ['epc', 'parent', 'child', 'input', 'output'];
export const CLASS_ROLES: readonly StoredRole[] = ['quantity', 'child_quantity', 'input_quantity', 'output_quantity'];

export interface ListedObject {
  code: string;
  role: StoredRole;
  /** Field path inside the event, e.g. ['epcList', 2] or ['quantityList', 0, 'epcClass']. */
  path: (string | number)[];
  quantity: number | null;
  uom: string | null;
}

/**
 * Every object an event names, with its role and where it sits in the event (for violations'
 * paths). Same lists as core's `eventObjects`, but instances and classes keep distinct roles so
 * that MATCH_epc and MATCH_epcClass can be told apart.
 */
export function listObjects(event: EpcisEvent): ListedObject[] {
  const out: ListedObject[] = [];
  const e = event as unknown as Partial<Record<string, unknown>>;
  const instances = (field: string, role: StoredRole) => {
    const list = e[field];
    if (Array.isArray(list)) list.forEach((code, i) => typeof code === 'string' && out.push({ code, role, path: [field, i], quantity: null, uom: null }));
  };
  const classes = (field: string, role: StoredRole) => {
    const list = e[field];
    if (!Array.isArray(list)) return;
    (list as QuantityElement[]).forEach((q, i) => {
      if (typeof q?.epcClass === 'string') out.push({ code: q.epcClass, role, path: [field, i, 'epcClass'], quantity: q.quantity ?? null, uom: q.uom ?? null });
    });
  };
  if (typeof e.parentID === 'string' && event.type !== 'ObjectEvent' && event.type !== 'TransformationEvent') {
    out.push({ code: e.parentID, role: 'parent', path: ['parentID'], quantity: null, uom: null });
  }
  switch (event.type) {
    case 'ObjectEvent':
    case 'TransactionEvent':
      instances('epcList', 'epc');
      classes('quantityList', 'quantity');
      break;
    case 'AggregationEvent':
    case 'AssociationEvent':
      instances('childEPCs', 'child');
      classes('childQuantityList', 'child_quantity');
      break;
    case 'TransformationEvent':
      instances('inputEPCList', 'input');
      classes('inputQuantityList', 'input_quantity');
      instances('outputEPCList', 'output');
      classes('outputQuantityList', 'output_quantity');
      break;
    default:
      break;
  }
  return out;
}
