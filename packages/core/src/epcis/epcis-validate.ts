/**
 * The pure half of EPCIS capture in one call: parse (JSON or XML), check the JSON Schema (JSON
 * only — XML is checked against the XSDs on the server), then the rules. A document is accepted
 * only without any issue, and every issue names the event and the field.
 */
import { fail, ok, type Issue, type Result } from '../errors.ts';
import type { EpcisDocument } from './epcis-event.ts';
import { parseEpcisJson } from './epcis-json-parser.ts';
import { validateDocumentRules } from './epcis-rules.ts';
import { validateEpcisSchema } from './epcis-schema.ts';
import { parseEpcisXml } from './epcis-xml-parser.ts';

/** True when the text looks like XML rather than JSON (first non-blank character `<`). */
export function isXmlText(text: string): boolean {
  return text.trimStart().replace(/^\uFEFF/, '').startsWith('<');
}

/**
 * Parses an EPCIS document, JSON/JSON-LD or XML by its first character, without validating it.
 * @example parseEpcisDocument('<epcis:EPCISDocument …>') // { ok: true, value: { format: 'xml', … } }
 */
export function parseEpcisDocument(text: string): Result<EpcisDocument> {
  return isXmlText(text) ? parseEpcisXml(text.replace(/^\uFEFF/, '')) : parseEpcisJson(text.replace(/^\uFEFF/, ''));
}

/**
 * Parses and validates an EPCIS document (JSON Schema for JSON, then CBV and event rules).
 * @example validateEpcisDocument(text) // { ok: false, issues: [{ code: 'epcis.cbv_unknown', path: ['eventList', 2, 'bizStep'], … }] }
 */
export function validateEpcisDocument(text: string): Result<EpcisDocument> {
  if (isXmlText(text)) {
    const parsed = parseEpcisXml(text.replace(/^\uFEFF/, ''));
    if (!parsed.ok) return parsed;
    const issues = validateDocumentRules(parsed.value);
    return issues.length > 0 ? fail(...issues) : parsed;
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail({ code: 'epcis.json_syntax', path: [], params: { detail: e instanceof Error ? e.message : String(e) } });
  }
  return validateEpcisJson(json);
}

/** Validates an already parsed EPCIS JSON value (document or bare event) and returns its model. */
export function validateEpcisJson(json: unknown): Result<EpcisDocument> {
  const schemaIssues: Issue[] = validateEpcisSchema(json);
  const parsed = parseEpcisJson(json);
  if (!parsed.ok) return fail(...schemaIssues, ...parsed.issues);
  // Rules assume the shapes the schema guarantees, so they only look at schema-clean events.
  const broken = new Set(schemaIssues.filter((i) => i.path?.[0] === 'eventList').map((i) => i.path?.[1]));
  const clean = { ...parsed.value, events: parsed.value.events.filter((e) => !broken.has(e.index)) };
  const issues = [...schemaIssues, ...validateDocumentRules(clean)];
  return issues.length > 0 ? fail(...dedupe(issues)) : ok(parsed.value);
}

const SPECIFIC_MISSING = new Set([
  'epcis.missing_event_time',
  'epcis.missing_time_zone_offset',
  'epcis.missing_action',
  'epcis.missing_declaration_time',
  'epcis.missing_parent',
]);

// The schema and the rules may both catch a missing field; keep the rule's more specific code.
function dedupe(issues: Issue[]): Issue[] {
  const specificAt = new Set(issues.filter((i) => SPECIFIC_MISSING.has(i.code)).map((i) => (i.path ?? []).join('.')));
  return issues.filter((i) => !(i.code === 'epcis.required' && specificAt.has((i.path ?? []).join('.'))));
}
