import { describe, expect, it } from 'vitest';
import type { AggregationEvent, ObjectEvent, TransformationEvent } from './epcis-event.ts';
import { eventObjects, sensorReadings } from './epcis-flatten.ts';

const common = { eventTime: '2024-05-01T10:00:00Z', eventTimeZoneOffset: '+08:00' };

describe('eventObjects', () => {
  it('lists instances and quantities of an ObjectEvent', () => {
    const e: ObjectEvent = {
      ...common,
      type: 'ObjectEvent',
      action: 'ADD',
      epcList: ['e1'],
      quantityList: [{ epcClass: 'c1', quantity: 5, uom: 'KGM' }, { epcClass: 'c2' }],
    };
    expect(eventObjects(e)).toEqual([
      { code: 'e1', role: 'epc' },
      { code: 'c1', role: 'quantity', quantity: 5, uom: 'KGM' },
      { code: 'c2', role: 'quantity' },
    ]);
  });

  it('lists parent and children of an aggregation', () => {
    const e: AggregationEvent = { ...common, type: 'AggregationEvent', action: 'ADD', parentID: 'p', childEPCs: ['a', 'b'], childQuantityList: [{ epcClass: 'c', quantity: 2 }] };
    expect(eventObjects(e).map((o) => `${o.role}:${o.code}`)).toEqual(['parent:p', 'child:a', 'child:b', 'child:c']);
  });

  it('lists inputs and outputs of a transformation', () => {
    const e: TransformationEvent = { ...common, type: 'TransformationEvent', inputEPCList: ['i'], outputQuantityList: [{ epcClass: 'o', quantity: 1 }] };
    expect(eventObjects(e)).toEqual([{ code: 'i', role: 'input' }, { code: 'o', role: 'output', quantity: 1 }]);
  });
});

describe('sensorReadings', () => {
  it('gives one reading per report, timed by the report, the metadata or the event', () => {
    const e: ObjectEvent = {
      ...common,
      type: 'ObjectEvent',
      action: 'OBSERVE',
      sensorElementList: [
        {
          sensorMetadata: { time: '2024-05-01T09:00:00Z', deviceID: 'd1' },
          sensorReport: [
            { type: 'Temperature', value: 4.5, uom: 'CEL' },
            { type: 'Temperature', value: 5, uom: 'CEL', time: '2024-05-01T09:30:00Z' },
          ],
        },
        { sensorReport: [{ type: 'RelativeHumidity', minValue: 40, maxValue: 60, uom: 'P1' }] },
      ],
    };
    expect(sensorReadings(e)).toEqual([
      { time: '2024-05-01T09:00:00Z', type: 'Temperature', value: 4.5, uom: 'CEL', deviceID: 'd1' },
      { time: '2024-05-01T09:30:00Z', type: 'Temperature', value: 5, uom: 'CEL', deviceID: 'd1' },
      { time: '2024-05-01T10:00:00Z', type: 'RelativeHumidity', minValue: 40, maxValue: 60, uom: 'P1' },
    ]);
  });
});
