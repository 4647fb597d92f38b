/**
 * Reads EPCIS 2.0 XML (and the 1.x documents still in circulation) into the same model as the JSON
 * binding: the XML shape is mapped field by field onto the JSON one (`readPoint/id`, attribute-style
 * sensor reports, `bizTransaction@type`, …), `extension`/`baseExtension` wrappers of EPCIS 1.x are
 * dropped, and user extension elements become `prefix:local` keys resolved through the document's
 * namespaces.
 */
import { XMLParser } from 'fast-xml-parser';
import { fail, ok, type Issue, type Result } from '../errors.ts';
import { EPCIS_EVENT_TYPES, type EpcisDocument, type EpcisEventType, type ParsedEvent } from './epcis-event.ts';
import { STANDARD_NAMESPACES } from './epcis-json-parser.ts';
import { normaliseEvent } from './epcis-normalise.ts';

type Json = Record<string, unknown>;

/** A namespace-resolved XML element. */
interface Element {
  /** Namespace URI, '' for none. */
  ns: string;
  /** Prefix as written ('' for the default namespace). */
  prefix: string;
  local: string;
  attrs: { ns: string; prefix: string; local: string; value: string }[];
  children: Element[];
  text: string;
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
});

function splitName(name: string): [string, string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

// Builds resolved elements from fast-xml-parser's ordered output, tracking xmlns scopes.
function build(node: OrderedNode, scope: Record<string, string>, declared: [string, string][]): Element | undefined {
  const tag = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
  if (tag === undefined) return undefined;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  const inner: Record<string, string> = { ...scope };
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns') inner[''] = value;
    else if (name.startsWith('xmlns:')) {
      inner[name.slice(6)] = value;
      declared.push([name.slice(6), value]);
    }
  }
  const [prefix, local] = splitName(tag);
  const attrs: Element['attrs'] = [];
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const [p, l] = splitName(name);
    attrs.push({ ns: p ? (inner[p] ?? '') : '', prefix: p, local: l, value: String(value) });
  }
  const children: Element[] = [];
  let text = '';
  for (const child of (node[tag] ?? []) as OrderedNode[]) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const el = build(child, inner, declared);
      if (el) children.push(el);
    }
  }
  return { ns: inner[prefix] ?? '', prefix, local, attrs, children, text: text.trim() };
}

/** Resolves namespace URIs to document-wide prefixes for the model's `prefix:local` keys. */
class Prefixes {
  readonly namespaces: Record<string, string> = { ...STANDARD_NAMESPACES };

  key(ns: string, prefix: string, local: string): string {
    if (!ns) return local;
    if (prefix && this.namespaces[prefix] === ns) return `${prefix}:${local}`;
    const existing = Object.entries(this.namespaces).find(([, uri]) => uri === ns);
    if (existing) return `${existing[0]}:${local}`;
    let p = prefix;
    for (let n = 1; !p || this.namespaces[p] !== undefined; n++) p = `ns${n}`;
    this.namespaces[p] = ns;
    return `${p}:${local}`;
  }
}

const EPCIS_NS = /^urn:epcglobal:epcis(-query)?:xsd:\d$/;

/** Standard EPCIS elements live in no namespace (or the EPCIS one); anything else is an extension. */
const isStandard = (el: { ns: string }): boolean => el.ns === '' || EPCIS_NS.test(el.ns);

// EPCIS 1.x wrapped newer fields in <extension>/<baseExtension>; 2.0 has them inline.
function unwrap(children: Element[]): Element[] {
  return children.flatMap((c) =>
    isStandard(c) && (c.local === 'extension' || c.local === 'baseExtension') ? unwrap(c.children) : [c],
  );
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

function extensionValue(el: Element, px: Prefixes): unknown {
  const children = unwrap(el.children);
  // xsi:type is a typing hint of the XML binding, not data: JSON has no counterpart for it.
  const attrs = el.attrs.filter((a) => a.ns !== XSI);
  if (children.length === 0 && attrs.length === 0) return el.text;
  const out: Json = {};
  for (const a of attrs) out[px.key(a.ns, a.prefix, a.local)] = a.value;
  addChildren(out, children, px, (c) => extensionValue(c, px));
  return out;
}

function addChildren(out: Json, children: Element[], px: Prefixes, value: (c: Element) => unknown): void {
  for (const c of children) {
    const key = px.key(c.ns, c.prefix, c.local);
    const v = value(c);
    const existing = out[key];
    if (existing === undefined) out[key] = v;
    else if (Array.isArray(existing)) existing.push(v);
    else out[key] = [existing, v];
  }
}

function attrsObject(el: Element, px: Prefixes): Json {
  const out: Json = {};
  for (const a of el.attrs) {
    if (a.ns === XSI) continue;
    out[isStandard(a) ? a.local : px.key(a.ns, a.prefix, a.local)] = a.value;
  }
  return out;
}

/** Standard children by name; extensions added as `prefix:local` keys. */
function objectOf(el: Element, px: Prefixes, standard: (c: Element, out: Json) => boolean): Json {
  const out: Json = attrsObject(el, px);
  const extensions: Element[] = [];
  for (const c of unwrap(el.children)) {
    if (!(isStandard(c) && standard(c, out))) extensions.push(c);
  }
  addChildren(out, extensions, px, (c) => extensionValue(c, px));
  return out;
}

const texts = (el: Element): string[] => unwrap(el.children).map((c) => c.text);

const SIMPLE = new Set([
  'eventTime', 'recordTime', 'eventTimeZoneOffset', 'eventID', 'action', 'bizStep', 'disposition', 'parentID',
  'transformationID',
]);
const EPC_LISTS = new Set(['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList']);
const QUANTITY_LISTS = new Set(['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']);

const isNil = (el: Element): boolean => el.attrs.some((a) => a.local === 'nil' && a.value === 'true');

function simpleFields(c: Element, out: Json): boolean {
  if (isNil(c)) return true;
  if (c.children.length === 0) {
    out[c.local] = c.text;
    return true;
  }
  return false;
}

function eventOf(el: Element, px: Prefixes): Json {
  const event: Json = { type: el.local };
  return {
    ...event,
    ...objectOf(el, px, (c, out) => {
      const name = c.local;
      if (isNil(c)) {
        // xsi:nil="true" means the field is absent.
      } else if (SIMPLE.has(name)) {
        out[name] = c.text;
      } else if (name === 'certificationInfo') {
        const prev = out.certificationInfo;
        out.certificationInfo = prev === undefined ? c.text : [...(Array.isArray(prev) ? prev : [prev]), c.text];
      } else if (EPC_LISTS.has(name)) {
        out[name] = texts(c);
      } else if (QUANTITY_LISTS.has(name)) {
        out[name] = unwrap(c.children).map((q) => objectOf(q, px, simpleFields));
      } else if (name === 'readPoint' || name === 'bizLocation') {
        out[name] = objectOf(c, px, simpleFields);
      } else if (name === 'bizTransactionList' || name === 'sourceList' || name === 'destinationList') {
        const item = name === 'bizTransactionList' ? 'bizTransaction' : name.slice(0, -4);
        out[name] = unwrap(c.children).map((b) => {
          const o = attrsObject(b, px);
          return { ...o, [item]: b.text };
        });
      } else if (name === 'persistentDisposition') {
        const pd: Json = {};
        for (const s of unwrap(c.children)) {
          if (s.local === 'set' || s.local === 'unset') pd[s.local] = [...((pd[s.local] as string[] | undefined) ?? []), s.text];
        }
        out[name] = pd;
      } else if (name === 'errorDeclaration') {
        out[name] = objectOf(c, px, (d, o) => {
          if (d.local === 'correctiveEventIDs') o.correctiveEventIDs = texts(d);
          else if (d.children.length === 0) o[d.local] = d.text;
          else return false;
          return true;
        });
      } else if (name === 'sensorElementList') {
        out[name] = unwrap(c.children).map((s) =>
          objectOf(s, px, (m, o) => {
            if (m.local === 'sensorMetadata') o.sensorMetadata = attrsObject(m, px);
            else if (m.local === 'sensorReport') o.sensorReport = [...((o.sensorReport as Json[] | undefined) ?? []), attrsObject(m, px)];
            else return false;
            return true;
          }),
        );
      } else if (name === 'ilmd') {
        out[name] = objectOf(c, px, () => false);
      } else {
        return false;
      }
      return true;
    }),
  };
}

function findEventList(el: Element): Element | undefined {
  for (const c of unwrap(el.children)) {
    if (!isStandard(c)) continue;
    if (c.local === 'EventList') return c;
    const inner = findEventList(c);
    if (inner) return inner;
  }
  return undefined;
}

function findChild(el: Element | undefined, local: string): Element | undefined {
  return el ? unwrap(el.children).find((c) => c.local === local) : undefined;
}

/**
 * Parses an EPCIS XML document (`EPCISDocument` or `EPCISQueryDocument`, 2.0 or 1.x) into the event model.
 * @example parseEpcisXml(xml) // { ok: true, value: { kind: 'EPCISDocument', format: 'xml', events: […] } }
 */
export function parseEpcisXml(xml: string): Result<EpcisDocument> {
  let ordered: OrderedNode[];
  try {
    ordered = parser.parse(xml) as OrderedNode[];
  } catch (e) {
    return fail({ code: 'epcis.xml_syntax', path: [], params: { detail: e instanceof Error ? e.message : String(e) } });
  }
  const declared: [string, string][] = [];
  const rootNode = ordered.find((n) => Object.keys(n).some((k) => k !== ':@' && k !== '#text'));
  const root = rootNode ? build(rootNode, {}, declared) : undefined;
  if (!root || !['EPCISDocument', 'EPCISQueryDocument', 'EPCISMasterDataDocument'].includes(root.local)) {
    return fail({ code: 'epcis.not_a_document', path: [], params: { type: root ? root.local : '' } });
  }
  const px = new Prefixes();
  // Declared prefixes first, so extension keys keep the prefixes the sender chose.
  for (const [prefix, uri] of declared) if (!EPCIS_NS.test(uri) && px.namespaces[prefix] === undefined) px.namespaces[prefix] = uri;

  const body = findChild(root, 'EPCISBody');
  const results = findChild(body, 'QueryResults');
  // Query documents in the wild also put queryName/resultsBody straight under the root.
  const eventList = findEventList(root);
  // A master data document carries vocabularies only; it is valid with no events.
  if (!eventList && root.local !== 'EPCISMasterDataDocument') return fail({ code: 'epcis.no_event_list', path: ['EPCISBody'], params: { type: root.local } });

  const ignoreFields: string[] = [];
  for (const holder of [root, body, results]) {
    for (const c of holder?.children ?? []) {
      if (c.local === 'ignoreFields' && !isStandard(c)) ignoreFields.push(...c.children.map((f) => px.key(f.ns, f.prefix, f.local)));
    }
  }

  const issues: Issue[] = [];
  const events: ParsedEvent[] = [];
  unwrap(eventList?.children ?? []).forEach((el, index) => {
    if (!isStandard(el)) {
      // A user-defined event type, e.g. <example:CustomEvent>.
      const custom = eventOf(el, px);
      custom.type = px.key(el.ns, el.prefix, el.local);
      events.push({ index, event: normaliseEvent(custom) });
      return;
    }
    if (!EPCIS_EVENT_TYPES.includes(el.local as EpcisEventType)) {
      issues.push({ code: 'epcis.unknown_event_type', path: ['eventList', index, 'type'], params: { event: index, type: el.local } });
      return;
    }
    events.push({ index, event: normaliseEvent(eventOf(el, px)) });
  });
  if (issues.length > 0) return { ok: false, issues };
  const doc: EpcisDocument = {
    kind: root.local as EpcisDocument['kind'],
    format: 'xml',
    namespaces: px.namespaces,
    ignoreFields,
    events,
  };
  const version = root.attrs.find((a) => a.local === 'schemaVersion')?.value;
  const created = root.attrs.find((a) => a.local === 'creationDate')?.value;
  if (version) doc.schemaVersion = version;
  if (created) doc.creationDate = created;
  return ok(doc);
}
