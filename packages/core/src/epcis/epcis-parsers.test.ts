import { describe, expect, it } from 'vitest';
import type { EpcisDocument, ObjectEvent } from './epcis-event.ts';
import { parseEpcisJson } from './epcis-json-parser.ts';
import { parseEpcisXml } from './epcis-xml-parser.ts';
import { parseEpcisDocument } from './epcis-validate.ts';
import { readConformance } from './conformance.test-helper.ts';

function value(result: ReturnType<typeof parseEpcisJson>): EpcisDocument {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe('parseEpcisJson', () => {
  it('reads a document, keeps event indexes and the context namespaces', () => {
    const doc = value(parseEpcisJson(readConformance('event-hash/examples/ReferenceEventHashAlgorithm.jsonld')));
    expect(doc.kind).toBe('EPCISDocument');
    expect(doc.events.map((e) => e.index)).toEqual([0]);
    expect(doc.namespaces.example).toBe('https://ns.example.com/epcis/');
    const event = doc.events[0]!.event as ObjectEvent;
    expect(event.bizStep).toBe('departing');
    expect(event['example:myField2']).toBe('0');
  });

  it('reads a query document', () => {
    const doc = value(parseEpcisJson(readConformance('JSON/EPCISQueryDocument.jsonld')));
    expect(doc.kind).toBe('EPCISQueryDocument');
    expect(doc.events.length).toBeGreaterThan(0);
  });

  it('reads a bare event with its own @context', () => {
    const doc = value(parseEpcisJson(readConformance('JSON-Schema/test/ObjectEvent.json')));
    expect(doc.kind).toBe('event');
    expect(doc.events[0]?.event.type).toBe('ObjectEvent');
  });

  it('normalises compact, web and legacy CBV values to one form', () => {
    const doc = value(parseEpcisJson(readConformance('XML/WithEventHashID/event_with_identical_hash_id_7.json')));
    const event = doc.events[0]!.event as ObjectEvent;
    expect(event.bizStep).toBe('receiving');
    expect(event.disposition).toBe('in_progress');
    expect(event.sourceList?.map((s) => s.type).sort()).toEqual(['location', 'owning_party', 'possessing_party']);
  });

  it('fails without an event list', () => {
    const result = parseEpcisJson({ type: 'EPCISDocument', epcisBody: {} });
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(['epcis.no_event_list']);
  });
});

describe('parseEpcisXml', () => {
  it('maps the XML binding onto the JSON one (GS1 example 9.6.1 in both bindings)', () => {
    const xml = value(parseEpcisXml(readConformance('event-hash/examples/ReferenceEventHashAlgorithm3.xml')));
    const json = value(parseEpcisJson(readConformance('event-hash/examples/ReferenceEventHashAlgorithm3.jsonld')));
    const { eventTime: _x, ...x } = xml.events[0]!.event;
    const { eventTime: _j, ...j } = json.events[0]!.event;
    expect(x).toEqual(j);
  });

  it('reads sensor reports from attributes, with numbers as numbers', () => {
    const doc = value(parseEpcisXml(readConformance('event-hash/examples/ReferenceEventHashAlgorithm2.xml')));
    const reports = doc.events[0]!.event.sensorElementList?.[0]?.sensorReport ?? [];
    expect(reports).toContainEqual(expect.objectContaining({ type: 'Temperature', value: 26, uom: 'CEL', sDev: 0.1 }));
  });

  it('keeps document order across event types and unwraps EPCIS 1.x <extension>', () => {
    const doc = value(parseEpcisXml(readConformance('event-hash/examples/epcisDocWithVariousEventTypes.xml')));
    expect(doc.events.map((e) => e.event.type)).toEqual([
      ...Array(4).fill('ObjectEvent'),
      ...Array(4).fill('AggregationEvent'),
      ...Array(2).fill('TransactionEvent'),
      ...Array(3).fill('TransformationEvent'),
    ]);
  });

  it('reads a master data document as one without events', () => {
    const doc = value(parseEpcisXml(readConformance('XML/Mimasu/Example-masterData.xml')));
    expect(doc.kind).toBe('EPCISMasterDataDocument');
    expect(doc.events).toEqual([]);
  });

  it('reports malformed XML', () => {
    const result = parseEpcisDocument('<epcis:EPCISDocument><EPCISBody>');
    expect(result.ok).toBe(false);
  });
});
