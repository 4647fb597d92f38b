import { describe, expect, it } from 'vitest';
import { formatIssue, knownCodes } from '../locales/index.ts';
import type { AggregationEvent, EpcisEvent, ObjectEvent } from './epcis-event.ts';
import { validateEventRules } from './epcis-rules.ts';

const object: ObjectEvent = {
  type: 'ObjectEvent',
  eventTime: '2024-05-01T10:00:00.000+08:00',
  eventTimeZoneOffset: '+08:00',
  action: 'OBSERVE',
  epcList: ['https://id.gs1.org/01/04012345111118/21/987'],
  bizStep: 'shipping',
  disposition: 'in_transit',
};

const codes = (event: EpcisEvent, index = 0): string[] => validateEventRules(event, index).map((i) => i.code);

describe('validateEventRules', () => {
  it('accepts a correct event', () => expect(codes(object)).toEqual([]));

  it('names the event and field of every issue', () => {
    const [issue] = validateEventRules({ ...object, bizStep: 'shiping' }, 7);
    expect(issue).toEqual({
      code: 'epcis.cbv_unknown',
      path: ['eventList', 7, 'bizStep'],
      params: { event: 7, vocabulary: 'bizStep', value: 'shiping' },
    });
  });

  it('allows user vocabulary URIs but not unknown CBV terms', () => {
    expect(codes({ ...object, bizStep: 'https://example.org/vocab/sterilising' })).toEqual([]);
    expect(codes({ ...object, bizStep: 'urn:epcglobal:cbv:bizstep:shiping' })).toEqual(['epcis.cbv_unknown']);
    expect(codes({ ...object, disposition: 'lost' })).toEqual(['epcis.cbv_unknown']);
    expect(codes({ ...object, bizTransactionList: [{ type: 'invoice', bizTransaction: 'urn:x:1' }] })).toEqual(['epcis.cbv_unknown']);
    expect(codes({ ...object, sourceList: [{ type: 'owner', source: 'urn:x:1' }] })).toEqual(['epcis.cbv_unknown']);
  });

  it('checks time fields', () => {
    const { eventTime: _t, ...noTime } = object;
    expect(codes(noTime as ObjectEvent)).toEqual(['epcis.missing_event_time']);
    expect(codes({ ...object, eventTime: '2024-05-01 10:00' })).toEqual(['epcis.invalid_time']);
    expect(codes({ ...object, eventTime: '2024-05-01T10:00:00' })).toEqual(['epcis.invalid_time']);
    expect(codes({ ...object, eventTimeZoneOffset: '+8' })).toEqual(['epcis.invalid_time_zone_offset']);
  });

  it('checks quantities', () => {
    const q = (quantity: number | undefined, uom?: string): ObjectEvent => ({
      ...object,
      quantityList: [{ epcClass: 'https://id.gs1.org/01/04012345111118/10/L1', ...(quantity === undefined ? {} : { quantity }), ...(uom ? { uom } : {}) }],
    });
    expect(codes(q(5, 'KGM'))).toEqual([]);
    expect(codes(q(0))).toEqual(['epcis.quantity_not_positive']);
    expect(codes(q(-2))).toEqual(['epcis.quantity_not_positive']);
    expect(codes(q(undefined, 'KGM'))).toEqual(['epcis.uom_without_quantity']);
    expect(codes(q(Number.NaN))).toEqual(['epcis.quantity_not_number']);
  });

  it('requires action and, when not observing, the parent of an aggregation', () => {
    const agg: AggregationEvent = {
      type: 'AggregationEvent',
      eventTime: object.eventTime,
      eventTimeZoneOffset: '+08:00',
      action: 'ADD',
      childEPCs: ['a', 'a'],
    };
    expect(codes(agg)).toEqual(['epcis.missing_parent', 'epcis.duplicate_epc']);
    expect(codes({ ...agg, action: 'OBSERVE', childEPCs: ['a'] })).toEqual([]);
    expect(codes({ ...object, action: 'MOVE' as 'ADD' })).toEqual(['epcis.invalid_action']);
  });

  it('checks persistent dispositions, error declarations and sensor data', () => {
    expect(codes({ ...object, persistentDisposition: { set: ['recalled'], unset: ['recalled'] } })).toEqual([
      'epcis.persistent_disposition_conflict',
    ]);
    expect(codes({ ...object, errorDeclaration: { declarationTime: '2024-05-02T00:00:00Z', reason: 'wrong' } })).toEqual(['epcis.cbv_unknown']);
    expect(
      codes({
        ...object,
        sensorElementList: [
          {
            sensorMetadata: { startTime: '2024-05-02T00:00:00Z', endTime: '2024-05-01T00:00:00Z' },
            sensorReport: [{ type: 'Temprature', minValue: 9, maxValue: 2, uom: 'CEL' }],
          },
        ],
      }),
    ).toEqual(['epcis.sensor_time_range', 'epcis.cbv_unknown', 'epcis.sensor_min_above_max']);
  });

  it('does not throw on shapes no schema checked', () => {
    expect(() => validateEventRules({ ...object, sourceList: 'x', sensorElementList: [null] } as unknown as EpcisEvent, 0)).not.toThrow();
  });
});

describe('epcis messages', () => {
  const epcisCodes = (locale: 'en' | 'zh-CN'): string[] => knownCodes(locale).filter((c) => c.startsWith('epcis.'));

  it('exist in zh-CN and en for the same codes', () => {
    expect(epcisCodes('zh-CN')).toEqual(epcisCodes('en'));
    expect(epcisCodes('en').length).toBeGreaterThanOrEqual(26);
  });

  it('cover every code the module emits', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = new URL('./', import.meta.url);
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    const emitted = new Set([...source.matchAll(/'(epcis\.[a-z_]+)'/g)].map((m) => m[1]));
    for (const code of emitted) expect(epcisCodes('en')).toContain(code);
  });

  it('render the field and params in Chinese', () => {
    const [issue] = validateEventRules({ ...object, bizStep: 'shiping' }, 2);
    expect(formatIssue(issue!, 'zh-CN').message).toBe('字段 eventList.2.bizStep：shiping 不是 CBV 2.0 规定的 bizStep 取值');
  });
});
