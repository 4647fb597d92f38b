import { describe, expect, it } from 'vitest';
import { validateEpcisDocument, validateEpcisJson, parseEpcisDocument } from './epcis-validate.ts';
import { lines, readConformance } from './conformance.test-helper.ts';

interface Row {
  file: string;
  validator: string;
  result: string;
  firstErrors: string;
}

const rows: Row[] = lines(readConformance('validation-results.tsv'))
  .slice(1)
  .map((l) => {
    const [file = '', validator = '', result = '', firstErrors = ''] = l.split('\t');
    return { file, validator, result, firstErrors };
  });

const valid = rows.filter((r) => r.result === 'VALID');
const jsonInvalid = rows.filter((r) => r.result === 'INVALID' && r.validator.startsWith('ajv'));
// XML that only the XSD rejects (EPCIS 1.x namespaces, misplaced elements): the server's XSD check
// catches those; the pure validator reads them leniently so their events can still be hashed.
const xsdOnlyInvalid = rows.filter((r) => r.result === 'INVALID' && r.validator.startsWith('xmllint'));

describe('conformance: every example marked valid parses and validates with no issue', () => {
  it('covers 123 valid examples (77 JSON/JSON-LD, 46 XML)', () => {
    expect(valid.filter((r) => r.validator.startsWith('ajv'))).toHaveLength(77);
    expect(valid.filter((r) => r.validator.startsWith('xmllint'))).toHaveLength(46);
  });

  it.each(valid.map((r) => r.file))('%s', (file) => {
    const result = validateEpcisDocument(readConformance(file));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});

describe('conformance: every JSON example the schema rejects is rejected with a reason', () => {
  it('covers the 44 invalid JSON examples', () => expect(jsonInvalid).toHaveLength(44));

  it.each(jsonInvalid)('$file', ({ file, firstErrors }) => {
    const result = validateEpcisDocument(readConformance(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const codes = new Set(result.issues.map((i) => i.code));
    // The reference validator's first error names a path; our issues name the same field.
    // The TSV column is cut at a fixed width, so read the first pointer with a pattern, not JSON.parse.
    const pointer = /^\["([^ "]*)/.exec(firstErrors)?.[1] ?? '';
    const field = pointer.split('/').filter(Boolean).pop();
    if (field) expect(result.issues.some((i) => (i.path ?? []).map(String).includes(field))).toBe(true);
    expect([...codes].every((c) => ['epcis.schema', 'epcis.required', 'epcis.cbv_legacy_form', 'epcis.missing_event_time', 'epcis.missing_time_zone_offset', 'epcis.missing_action'].includes(c))).toBe(true);
  });

  it('names the CBV 1.x URN in event_with_identical_hash_id_7.json', () => {
    const result = validateEpcisDocument(readConformance('XML/WithEventHashID/event_with_identical_hash_id_7.json'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: 'epcis.cbv_legacy_form',
        path: ['eventList', 0, 'bizStep'],
        params: expect.objectContaining({ event: 0, value: 'urn:epcglobal:cbv:bizstep:receiving' }),
      }),
    );
  });
});

describe('XSD-only invalid XML still parses (for hashing); rejecting it is the server XSD check', () => {
  it.each(xsdOnlyInvalid.map((r) => r.file))('%s', (file) => {
    expect(parseEpcisDocument(readConformance(file)).ok).toBe(true);
  });
});

describe('validateEpcisDocument', () => {
  const doc = (event: Record<string, unknown>): string =>
    JSON.stringify({
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2024-05-01T00:00:00Z',
      epcisBody: { eventList: [event] },
    });
  const base = {
    type: 'ObjectEvent',
    eventTime: '2024-05-01T10:00:00+08:00',
    eventTimeZoneOffset: '+08:00',
    action: 'OBSERVE',
    epcList: ['urn:epc:id:sgtin:4012345.011111.987'],
  };

  it('accepts a minimal event and returns the model', () => {
    const result = validateEpcisDocument(doc({ ...base, bizStep: 'shipping' }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.events[0]?.event.bizStep).toBe('shipping');
  });

  it('rejects a missing eventTime with its own code', () => {
    const { eventTime: _omit, ...rest } = base;
    const result = validateEpcisDocument(doc(rest));
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toContain('epcis.missing_event_time');
  });

  it('rejects a zero quantity', () => {
    const result = validateEpcisDocument(doc({ ...base, quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.011111.L1', quantity: 0, uom: 'KGM' }] }));
    expect(result.ok ? [] : result.issues).toContainEqual(
      expect.objectContaining({ code: 'epcis.quantity_not_positive', path: ['eventList', 0, 'quantityList', 0, 'quantity'] }),
    );
  });

  it('reports JSON syntax errors', () => {
    const result = validateEpcisDocument('{"type": ');
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(['epcis.json_syntax']);
  });

  it('accepts an already parsed value', () => {
    expect(validateEpcisJson(JSON.parse(doc(base))).ok).toBe(true);
  });
});
