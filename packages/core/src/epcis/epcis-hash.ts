/**
 * EPCIS event hash ID (CBV 2.0 §8.9, reference implementation RalphTro/epcis-event-hash-generator):
 * the event is rendered as a canonical pre-hash string — fixed property order, values normalised
 * (UTC millisecond timestamps, CBV web URIs, canonical GS1 Digital Links, plain numbers), user
 * extensions sorted after the standard fields — and hashed with SHA-256 into
 * `ni:///sha-256;<hex>?ver=CBV2.0`. Two captures of the same event, in JSON or XML, with EPC URNs
 * or Digital Links, in any time zone, give the same ID, which is what deduplication relies on.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { cbvUri, type CbvKind } from './cbv-vocabulary.ts';
import { epcToCanonicalDigitalLink } from './epc-digital-link.ts';
import type { EpcisDocument, EpcisEvent } from './epcis-event.ts';

interface Node {
  name: string;
  text: string;
  children: Node[];
  /** Set for the items of a JSON array, which the XML binding wraps in a `…List` element. */
  item?: boolean;
}

type Order = readonly (readonly [string, Order | null])[];

const QUANTITY: Order = [['epcClass', null], ['quantity', null], ['uom', null]];

// The CBV 2.0 canonical property order.
const PROPERTY_ORDER: Order = [
  ['eventTime', null],
  ['eventTimeZoneOffset', null],
  ['certificationInfo', null],
  ['parentID', null],
  ['epcList', [['epc', null]]],
  ['inputEPCList', [['epc', null]]],
  ['childEPCs', [['epc', null]]],
  ['quantityList', [['quantityElement', QUANTITY]]],
  ['childQuantityList', [['quantityElement', QUANTITY]]],
  ['inputQuantityList', [['quantityElement', QUANTITY]]],
  ['outputEPCList', [['epc', null]]],
  ['outputQuantityList', [['quantityElement', QUANTITY]]],
  ['action', null],
  ['transformationID', null],
  ['bizStep', null],
  ['disposition', null],
  ['persistentDisposition', [['set', null], ['unset', null]]],
  ['readPoint', [['id', null]]],
  ['bizLocation', [['id', null]]],
  [
    'sensorElementList',
    [
      [
        'sensorElement',
        [
          [
            'sensorMetadata',
            ['time', 'startTime', 'endTime', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules'].map(
              (n) => [n, null] as const,
            ),
          ],
          [
            'sensorReport',
            [
              'type', 'exception', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'time',
              'microorganism', 'chemicalSubstance', 'value', 'component', 'stringValue', 'booleanValue',
              'hexBinaryValue', 'uriValue', 'minValue', 'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue',
              'uom', 'coordinateReferenceSystem',
            ].map((n) => [n, null] as const),
          ],
        ],
      ],
    ],
  ],
];

/** Never part of the hash: they change between captures of the same event, or correct it later. */
const EXCLUDED = new Set(['type', 'eventID', 'recordTime', 'errorDeclaration', '@context', 'comment', 'rdfs:comment', '#text']);

/** Prefixes of the GS1 vocabularies whose CURIE values are expanded (user CURIEs stay as written). */
const VALUE_PREFIXES: Record<string, string> = { gs1: 'https://gs1.org/voc/', cbv: 'https://ref.gs1.org/cbv/' };

const LEGACY_CBV: readonly (readonly [string, string])[] = [
  ['urn:epcglobal:cbv:bizstep:', 'https://ref.gs1.org/cbv/BizStep-'],
  ['urn:epcglobal:cbv:disp:', 'https://ref.gs1.org/cbv/Disp-'],
  ['urn:epcglobal:cbv:btt:', 'https://ref.gs1.org/cbv/BTT-'],
  ['urn:epcglobal:cbv:sdt:', 'https://ref.gs1.org/cbv/SDT-'],
  ['urn:epcglobal:cbv:er:', 'https://ref.gs1.org/cbv/ER-'],
];

/** Options for hashing an event read from a document. */
export interface EventHashOptions {
  /** Prefix → namespace URI, so extension keys `ex:f` hash as `{uri}f` whatever the prefix. */
  namespaces?: Record<string, string>;
  /** Extension fields a repository declared as not part of the event (`ignoreFields`), e.g. `ex:captureID`. */
  ignoreFields?: readonly string[];
}

function expandKey(key: string, namespaces: Record<string, string>): string {
  const colon = key.indexOf(':');
  if (colon <= 0) return key;
  const uri = namespaces[key.slice(0, colon)];
  return uri === undefined ? key : `{${uri}}${key.slice(colon + 1)}`;
}

function scalarText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return '';
}

// Converts the JSON-shaped event into the element tree of the XML binding, appending to `out`
// (no intermediate arrays: a 1,000-event document builds tens of thousands of nodes). `item` marks
// the elements of an array, at any depth.
function toNodes(key: string, value: unknown, ctx: HashContext, out: Node[], item: boolean): void {
  if (Array.isArray(value)) {
    for (const v of value) toNodes(key, v, ctx, out, true);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const children: Node[] = [];
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      if (k === '#text' || k === 'comment' || k === 'rdfs:comment') continue;
      toNodes(expandKey(k, ctx.namespaces), record[k], ctx, children, false);
    }
    out.push(item ? { name: key, text: '', children: correct(children), item } : { name: key, text: '', children: correct(children) });
    return;
  }
  if (value === undefined || value === null) return;
  out.push(item ? { name: key, text: scalarText(value), children: [], item } : { name: key, text: scalarText(value), children: [] });
}

// The XML binding names list items (`epcList/epc`, `quantityList/quantityElement`); JSON does not.
// The nodes are the fresh ones toNodes made for this event, so items are renamed in place.
function correct(children: Node[]): Node[] {
  const out: Node[] = [];
  const lists = new Map<string, Node>();
  for (const child of children) {
    if (child.item && (child.name.endsWith('List') || child.name === 'childEPCs')) {
      let list = lists.get(child.name);
      if (!list) {
        list = { name: child.name, text: '', children: [] };
        lists.set(child.name, list);
        out.push(list);
      }
      child.name = itemName(child.name);
      child.item = false;
      list.children.push(child);
    } else {
      out.push(child);
    }
  }
  return out;
}

function itemName(listName: string): string {
  if (listName === 'childEPCs' || listName === 'inputEPCList' || listName === 'outputEPCList') return 'epc';
  if (listName.endsWith('QuantityList') || listName === 'quantityList') return 'quantityElement';
  return listName.slice(0, -4);
}

interface HashContext {
  namespaces: Record<string, string>;
}

function fixTimestamp(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return text;
  const [, date, hh, mi, ss = '00', frac = '', zone = 'Z'] = m;
  // Round to milliseconds half-up on the decimal digits, as the reference implementation does.
  const digits = (frac + '0000').slice(0, 4);
  let millis = Math.floor(Number(digits) / 10);
  if (Number(digits[3]) >= 5) millis += 1;
  const base = Date.parse(`${date}T${hh}:${mi}:${ss}Z`);
  if (Number.isNaN(base)) return text;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const z = zone.replace(':', '');
    const sign = z.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  }
  return new Date(base + millis - offsetMinutes * 60_000).toISOString();
}

// Python's str(float): shortest round-trip digits, exponent form below 1e-4 (no integer case here).
function pythonFloat(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e16) return String(n);
  const [mantissa = '', exp = '0'] = n.toExponential().split('e');
  const e = Number(exp);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

// A document repeats its identifiers, locations and CBV values from event to event, and the
// canonical form of a text depends on the text alone: remember it (bounded, emptied when full).
const CANONICAL_CACHE_SIZE = 50_000;
const canonicalCache = new Map<string, string>();

function canonicalValue(text: string): string {
  let value = canonicalCache.get(text);
  if (value === undefined) {
    if (canonicalCache.size >= CANONICAL_CACHE_SIZE) canonicalCache.clear();
    value = computeCanonicalValue(text);
    canonicalCache.set(text, value);
  }
  return value;
}

function computeCanonicalValue(text: string): string {
  let value = text;
  if (value.startsWith('urn:epcglobal:cbv:')) for (const [urn, web] of LEGACY_CBV) if (value.startsWith(urn)) value = web + value.slice(urn.length);
  const colon = value.indexOf(':');
  if (colon > 0) {
    const expansion = VALUE_PREFIXES[value.slice(0, colon)];
    if (expansion !== undefined && !value.startsWith('gs1://')) value = expansion + value.slice(colon + 1);
  }
  if (NUMERIC.test(value)) {
    const n = Number(value);
    if (Number.isFinite(n)) value = pythonFloat(n);
  }
  return epcToCanonicalDigitalLink(value) ?? value;
}

// Whether an element holds a timestamp, by name; names come from a small set, so each is looked at once.
const timeNames = new Map<string, boolean>();

function isTimeName(name: string): boolean {
  let time = timeNames.get(name);
  if (time === undefined) {
    const lower = name.toLowerCase();
    time = lower.includes('time') && !lower.includes('offset');
    if (timeNames.size < 10_000) timeNames.set(name, time);
  }
  return time;
}

function renderValue(name: string, text: string): string {
  return isTimeName(name) ? fixTimestamp(text) : canonicalValue(text);
}

const isExtension = (n: Node): boolean => n.name.startsWith('{') || n.name.includes(':');

// Renders one element in property order. Its extension fields follow inline; standard fields the
// order does not expect stay in the tree and surface in the generic part, as in the reference.
function renderNode(node: Node, order: Order | null): string {
  const text = node.text.trim();
  const value = text ? '=' + renderValue(node.name, text) : '';
  let sub: string;
  if (order) {
    sub = renderOrdered(node.children, order);
    const extensions: Node[] = [];
    const standard: Node[] = [];
    for (const c of node.children) (isExtension(c) ? extensions : standard).push(c);
    node.children = standard;
    sub += renderGeneric(extensions);
  } else {
    sub = renderGeneric(node.children);
    node.children = [];
  }
  return value || sub ? node.name + value + sub : '';
}

// Renders, in property order, the children named in `order`; removes the fully rendered ones.
function renderOrdered(children: Node[], order: Order): string {
  let out = '';
  for (const [name, sub] of order) {
    if (children.length === 0) break;
    // Most of the ~20 names in the order match nothing: no list is made for them (1,000 events a document).
    let values: string[] | null = null;
    for (const c of children) {
      if (c.name !== name) continue;
      values ??= [];
      const s = renderNode(c, sub);
      if (s !== '') values.push(s);
    }
    if (values === null) continue;
    // Drop the matching elements left without children, in one pass (lists can be long).
    let kept = 0;
    for (const c of children) if (c.name !== name || c.children.length > 0) children[kept++] = c;
    children.length = kept;
    if (values.length > 1) sortCodePoints(values);
    out += values.join('');
  }
  return out;
}

// bizTransaction, source and destination: the type comes first, then the identifier.
const TYPED = new Set(['bizTransaction', 'source', 'destination']);

function renderGeneric(children: Node[]): string {
  if (children.length === 0) return '';
  const values = children.map((c) => {
    if (TYPED.has(c.name) && c.children.some((g) => g.name === c.name)) {
      const type = c.children.find((g) => g.name === 'type');
      const id = c.children.find((g) => g.name === c.name);
      const others = c.children.filter((g) => g !== type && g !== id);
      return (
        (type?.text ? `type=${canonicalValue(type.text.trim())}` : '') +
        (id?.text ? `${c.name}=${canonicalValue(id.text.trim())}` : '') +
        renderGeneric(others)
      );
    }
    const text = c.text.trim();
    return c.name + (text ? '=' + canonicalValue(text) : '') + renderGeneric(c.children);
  });
  if (values.length > 1) sortCodePoints(values);
  return values.join('');
}

// Below U+D800 code-unit order is code-point order, so the engine's own comparison (much faster
// than `compare` in JavaScript) gives the same order when no value has a unit at or above it.
const HIGH_UNIT = /[\uD800-\uFFFF]/;

function sortCodePoints(values: string[]): void {
  if (values.some((v) => HIGH_UNIT.test(v))) values.sort(compare);
  else values.sort();
}

// Python compares str by code point; JavaScript's default sort compares UTF-16 units. The two orders
// differ only where a surrogate (U+D800–DFFF, half of a code point above U+FFFF) meets a unit in
// U+E000–FFFF, so this walks the units once without allocating and corrects just that case.
function compare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y >= 0xe000 : x >= 0xe000)) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

const CBV_FIELDS: Record<string, CbvKind> = { bizStep: 'bizStep', disposition: 'disposition' };

// Bare CBV terms of the model become the CBV 2.0 web URIs the hash is defined on.
function expandCbv(event: EpcisEvent): Record<string, unknown> {
  const e: Record<string, unknown> = { ...event };
  for (const [field, kind] of Object.entries(CBV_FIELDS)) {
    if (typeof e[field] === 'string') e[field] = cbvUri(kind, e[field]);
  }
  if (event.persistentDisposition) {
    const pd = { ...event.persistentDisposition };
    if (pd.set) pd.set = pd.set.map((v) => cbvUri('disposition', v));
    if (pd.unset) pd.unset = pd.unset.map((v) => cbvUri('disposition', v));
    e.persistentDisposition = pd;
  }
  if (event.bizTransactionList) {
    e.bizTransactionList = event.bizTransactionList.map((b) => (b.type ? { ...b, type: cbvUri('bizTransactionType', b.type) } : b));
  }
  if (event.sourceList) e.sourceList = event.sourceList.map((s) => ({ ...s, type: cbvUri('sourceDestinationType', s.type) }));
  if (event.destinationList) {
    e.destinationList = event.destinationList.map((d) => ({ ...d, type: cbvUri('sourceDestinationType', d.type) }));
  }
  if (event.sensorElementList) {
    e.sensorElementList = event.sensorElementList.map((el) => ({
      ...el,
      sensorReport: el.sensorReport.map((r) => {
        const out = { ...r };
        if (r.type) out.type = cbvUri('measurementType', r.type);
        if (r.exception) out.exception = cbvUri('sensorAlertType', r.exception);
        if (r.component) out.component = cbvUri('component', r.component);
        return out;
      }),
    }));
  }
  return e;
}

/**
 * The canonical pre-hash string of an event (CBV 2.0 event hash, before SHA-256).
 * @example eventPreHash(event) // 'eventType=ObjectEventeventTime=2020-03-04T10:00:30.000Z…'
 */
export function eventPreHash(event: EpcisEvent, options: EventHashOptions = {}): string {
  const ctx: HashContext = { namespaces: options.namespaces ?? {} };
  const ignored = new Set((options.ignoreFields ?? []).map((f) => expandKey(f, ctx.namespaces)));
  const expanded = expandCbv(event);
  const children: Node[] = [];
  for (const [key, value] of Object.entries(expanded)) {
    const name = expandKey(key, ctx.namespaces);
    if (EXCLUDED.has(key) || ignored.has(name)) continue;
    toNodes(name, value, ctx, children, false);
  }
  const tree = correct(children);
  const ordered = renderOrdered(tree, PROPERTY_ORDER);
  return `eventType=${event.type}${ordered}${renderGeneric(tree)}`;
}

/** SHA-256 event hash ID of a pre-hash string: `ni:///sha-256;<hex>?ver=CBV2.0`. */
export function hashPreHash(preHash: string): string {
  return `ni:///sha-256;${bytesToHex(sha256(utf8ToBytes(preHash)))}?ver=CBV2.0`;
}

/**
 * The EPCIS event hash ID of an event, e.g. for `eventID` or deduplication.
 * @example eventHash(event) // 'ni:///sha-256;6ae96341…?ver=CBV2.0'
 */
export function eventHash(event: EpcisEvent, options: EventHashOptions = {}): string {
  return hashPreHash(eventPreHash(event, options));
}

/**
 * Event hash IDs of every event of a parsed document, in document order (uses its namespaces and ignoreFields).
 * @example documentEventHashes(parsed.value) // ['ni:///sha-256;…?ver=CBV2.0', …]
 */
export function documentEventHashes(doc: EpcisDocument): string[] {
  return doc.events.map((e) => eventHash(e.event, { namespaces: doc.namespaces, ignoreFields: doc.ignoreFields }));
}
