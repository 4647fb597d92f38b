/**
 * Structural validation against the EPCIS 2.0 JSON Schema published by GS1 (draft-07, so Ajv's
 * default class). The schema is compiled once, lazily, because compiling it costs far more than
 * validating a document with it.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Issue } from '../errors.ts';
import schema from './epcis-json-schema.json' with { type: 'json' };

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // strict:false because the GS1 schema uses keywords Ajv's strict mode rejects (e.g. unknown formats hints).
    const ajv = new Ajv({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv) => Ajv)(ajv);
    // The `uri` check is one long regular expression, run on every EPC, location and CBV value; a
    // document names the same ones over and over, and the answer depends on the text alone.
    const uri = ajv.formats.uri;
    if (typeof uri === 'function') ajv.addFormat('uri', remembered(uri as (s: string) => boolean));
    compiled = ajv.compile(schema);
  }
  return compiled;
}

const REMEMBERED_SIZE = 20_000;

function remembered(check: (s: string) => boolean): (s: string) => boolean {
  const seen = new Map<string, boolean>();
  return (s) => {
    let ok = seen.get(s);
    if (ok === undefined) {
      if (seen.size >= REMEMBERED_SIZE) seen.clear();
      ok = check(s);
      seen.set(s, ok);
    }
    return ok;
  };
}

// Combinator errors only repeat what the branch errors already said.
const NOISE = new Set(['if', 'then', 'else', 'anyOf', 'oneOf', 'allOf', 'not']);

function toPath(instancePath: string): (string | number)[] {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  // Name events the same way whatever the document kind: ['eventList', i, …].
  const at = parts.indexOf('eventList');
  return at >= 0 ? parts.slice(at) : parts;
}

const EVENT_REQUIRED: Record<string, string> = {
  eventTime: 'epcis.missing_event_time',
  eventTimeZoneOffset: 'epcis.missing_time_zone_offset',
  action: 'epcis.missing_action',
};

function toIssue(error: ErrorObject): Issue {
  const path = toPath(error.instancePath);
  const params: Issue['params'] = { rule: error.keyword, detail: error.message ?? error.keyword };
  if (path[0] === 'eventList' && typeof path[1] === 'number') params.event = path[1];
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty?: string }).missingProperty ?? '');
    // Fields the rules also name get the same specific code, whichever check finds them first.
    const atEvent = path.length === 2 && path[0] === 'eventList';
    const specific = atEvent ? EVENT_REQUIRED[missing] : path.at(-1) === 'errorDeclaration' && missing === 'declarationTime' ? 'epcis.missing_declaration_time' : undefined;
    return { code: specific ?? 'epcis.required', path: [...path, missing], params: { ...params, property: missing } };
  }
  if (error.keyword === 'enum') {
    params.options = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).slice(0, 12).join(', ');
  }
  if (error.keyword === 'format') params.format = String((error.params as { format?: string }).format ?? '');
  if (error.keyword === 'pattern') params.pattern = String((error.params as { pattern?: string }).pattern ?? '');
  return { code: 'epcis.schema', path, params };
}

function isLegacyCbv(error: ErrorObject): boolean {
  return error.keyword === 'pattern' && String((error.params as { pattern?: string }).pattern ?? '').includes('urn:epcglobal:cbv');
}

function valueAt(json: unknown, instancePath: string): unknown {
  let v: unknown = json;
  for (const part of instancePath.split('/').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return v;
}

function legacyIssue(error: ErrorObject, json: unknown): Issue {
  const base = toIssue(error);
  return { code: 'epcis.cbv_legacy_form', path: base.path ?? [], params: { ...base.params, value: String(valueAt(json, error.instancePath)) } };
}

/**
 * Checks an EPCIS 2.0 JSON/JSON-LD value (document or bare event) against the GS1 JSON Schema.
 * Issues name events as `['eventList', index, …field]`.
 * @example validateEpcisSchema(JSON.parse(text)) // [] when valid
 */
export function validateEpcisSchema(json: unknown): Issue[] {
  const validate = validator();
  if (validate(json)) return [];
  const errors = validate.errors ?? [];
  const useful = errors.filter((e) => !NOISE.has(e.keyword));
  // CBV 1.x URNs fail both a pattern and the enum; one clear issue says what is wrong.
  const legacy = new Set(useful.filter(isLegacyCbv).map((e) => e.instancePath));
  const issues = (useful.length > 0 ? useful : errors)
    .filter((e) => !(legacy.has(e.instancePath) && !isLegacyCbv(e)))
    .map((e) => (isLegacyCbv(e) ? legacyIssue(e, json) : toIssue(e)));
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}|${(i.path ?? []).join('.')}|${String(i.params?.rule)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
