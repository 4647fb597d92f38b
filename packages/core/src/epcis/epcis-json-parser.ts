/**
 * Reads EPCIS 2.0 JSON / JSON-LD: an `EPCISDocument`, an `EPCISQueryDocument`, or one bare event
 * with its own `@context`. Parsing is lenient on purpose: it only fails when there is no event list
 * to read; whether the events are correct is the validator's job, so every problem can be reported
 * together with the event it belongs to.
 */
import { fail, ok, type Issue, type Result } from '../errors.ts';
import { EPCIS_EVENT_TYPES, type EpcisDocument, type EpcisEventType, type ParsedEvent } from './epcis-event.ts';
import { normaliseEvent } from './epcis-normalise.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Prefixes the standard EPCIS 2.0 context defines, so `gs1:` or `cbvmda:` keys resolve without it. */
export const STANDARD_NAMESPACES: Readonly<Record<string, string>> = {
  epcis: 'https://ref.gs1.org/epcis/',
  cbv: 'https://ref.gs1.org/cbv/',
  cbvmda: 'urn:epcglobal:cbv:mda:',
  gs1: 'https://gs1.org/voc/',
};

function collectNamespaces(context: unknown, into: Record<string, string>): void {
  const entries = Array.isArray(context) ? context : [context];
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    for (const [prefix, uri] of Object.entries(entry)) {
      if (typeof uri === 'string' && !prefix.startsWith('@')) into[prefix] = uri;
    }
  }
}

function findEventList(doc: Json): unknown[] | undefined {
  const body = doc.epcisBody;
  if (!isObject(body)) return undefined;
  if (Array.isArray(body.eventList)) return body.eventList;
  if (isObject(body.queryResults) && isObject(body.queryResults.resultsBody)) {
    const list = body.queryResults.resultsBody.eventList;
    if (Array.isArray(list)) return list;
  }
  if (isObject(body.event)) return [body.event];
  return undefined;
}

// Repositories declare them on the document, the body or the query results.
function ignoreFieldsOf(doc: Json): string[] {
  const body = isObject(doc.epcisBody) ? doc.epcisBody : {};
  const results = isObject(body.queryResults) ? body.queryResults : {};
  const out: string[] = [];
  for (const holder of [doc, body, results]) {
    for (const [key, value] of Object.entries(holder)) {
      if (key.endsWith(':ignoreFields') && Array.isArray(value)) out.push(...value.filter((v): v is string => typeof v === 'string'));
    }
  }
  return out;
}

/**
 * Parses EPCIS 2.0 JSON / JSON-LD text (or an already parsed value) into the event model.
 * @example parseEpcisJson(text) // { ok: true, value: { kind: 'EPCISDocument', events: [{ index: 0, event }] … } }
 */
export function parseEpcisJson(input: string | unknown): Result<EpcisDocument> {
  let root: unknown = input;
  if (typeof input === 'string') {
    try {
      root = JSON.parse(input);
    } catch (e) {
      return fail({ code: 'epcis.json_syntax', path: [], params: { detail: e instanceof Error ? e.message : String(e) } });
    }
  }
  if (!isObject(root)) return fail({ code: 'epcis.not_a_document', path: [], params: { type: typeof root } });
  const type = root.type;
  const namespaces: Record<string, string> = { ...STANDARD_NAMESPACES };
  collectNamespaces(root['@context'], namespaces);

  let kind: EpcisDocument['kind'];
  let list: unknown[] | undefined;
  if (type === 'EPCISDocument' || type === 'EPCISQueryDocument') {
    kind = type;
    list = findEventList(root);
    if (!list) return fail({ code: 'epcis.no_event_list', path: ['epcisBody'], params: { type } });
  } else if (typeof type === 'string' && (EPCIS_EVENT_TYPES.includes(type as EpcisEventType) || type.includes(':'))) {
    // A bare event, standard or user-defined (`example:CustomEvent`).
    kind = 'event';
    list = [root];
  } else {
    return fail({ code: 'epcis.not_a_document', path: ['type'], params: { type: typeof type === 'string' ? type : String(type) } });
  }

  const issues: Issue[] = [];
  const events: ParsedEvent[] = [];
  list.forEach((raw, index) => {
    if (!isObject(raw)) {
      issues.push({ code: 'epcis.event_not_object', path: ['eventList', index], params: { event: index } });
      return;
    }
    // An event may carry its own @context; its prefixes apply to its extension fields.
    if (raw['@context'] !== undefined && kind !== 'event') collectNamespaces(raw['@context'], namespaces);
    events.push({ index, event: normaliseEvent(raw) });
  });
  if (issues.length > 0) return { ok: false, issues };
  const doc: EpcisDocument = { kind, format: 'json', namespaces, ignoreFields: ignoreFieldsOf(root), events };
  if (typeof root.schemaVersion === 'string') doc.schemaVersion = root.schemaVersion;
  if (typeof root.creationDate === 'string') doc.creationDate = root.creationDate;
  return ok(doc);
}
