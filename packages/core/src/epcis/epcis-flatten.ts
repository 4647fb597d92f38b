/**
 * Flattens an event for storage: the server keeps one row per (event, object) so that a trace by
 * code is an index lookup, and one row per sensor reading for cold-chain queries.
 */
import type { EpcisEvent, QuantityElement } from './epcis-event.ts';

/** How an object takes part in an event. */
export type ObjectRole = 'epc' | 'parent' | 'child' | 'input' | 'output' | 'quantity';

export interface EventObject {
  /** EPC / Digital Link of an instance, or the EPC class of a quantity. */
  code: string;
  role: ObjectRole;
  /** Quantities only: the amount (absent when the sender left it open). */
  quantity?: number;
  uom?: string;
}

export interface SensorReading {
  /** Reading time: the report's own, else the metadata's time, else its start, else the event time. */
  time: string;
  /** Measurement type in canonical form, e.g. `Temperature`, or a user URI. */
  type?: string;
  value?: number;
  minValue?: number;
  maxValue?: number;
  meanValue?: number;
  stringValue?: string;
  booleanValue?: boolean;
  uom?: string;
  deviceID?: string;
  exception?: string;
}

function quantities(list: QuantityElement[] | undefined, role: ObjectRole): EventObject[] {
  return (list ?? []).map((q) => {
    const o: EventObject = { code: q.epcClass, role };
    if (q.quantity !== undefined) o.quantity = q.quantity;
    if (q.uom !== undefined) o.uom = q.uom;
    return o;
  });
}

const epcs = (list: string[] | undefined, role: ObjectRole): EventObject[] => (list ?? []).map((code) => ({ code, role }));

/**
 * Every object an event names, with its role.
 * @example eventObjects(aggregation) // [{ code: 'urn:epc:id:sscc:…', role: 'parent' }, { code: '…', role: 'child' }, …]
 */
export function eventObjects(event: EpcisEvent): EventObject[] {
  switch (event.type) {
    case 'ObjectEvent':
      return [...epcs(event.epcList, 'epc'), ...quantities(event.quantityList, 'quantity')];
    case 'TransactionEvent':
      return [
        ...epcs(event.parentID ? [event.parentID] : [], 'parent'),
        ...epcs(event.epcList, 'epc'),
        ...quantities(event.quantityList, 'quantity'),
      ];
    case 'AggregationEvent':
    case 'AssociationEvent':
      return [
        ...epcs(event.parentID ? [event.parentID] : [], 'parent'),
        ...epcs(event.childEPCs, 'child'),
        ...quantities(event.childQuantityList, 'child'),
      ];
    case 'TransformationEvent':
      return [
        ...epcs(event.inputEPCList, 'input'),
        ...quantities(event.inputQuantityList, 'input'),
        ...epcs(event.outputEPCList, 'output'),
        ...quantities(event.outputQuantityList, 'output'),
      ];
    default:
      // User-defined event types name no objects Lianjian understands.
      return [];
  }
}

/**
 * Every sensor reading of an event, one per sensor report.
 * @example sensorReadings(event) // [{ time: '2019-04-02T13:05:00Z', type: 'Temperature', value: 26, uom: 'CEL' }]
 */
export function sensorReadings(event: EpcisEvent): SensorReading[] {
  const out: SensorReading[] = [];
  for (const element of event.sensorElementList ?? []) {
    const md = element.sensorMetadata;
    for (const r of element.sensorReport ?? []) {
      const reading: SensorReading = { time: r.time ?? md?.time ?? md?.startTime ?? event.eventTime };
      if (r.type !== undefined) reading.type = r.type;
      for (const key of ['value', 'minValue', 'maxValue', 'meanValue'] as const) {
        const v = r[key];
        if (typeof v === 'number') reading[key] = v;
      }
      if (r.stringValue !== undefined) reading.stringValue = r.stringValue;
      if (r.booleanValue !== undefined) reading.booleanValue = r.booleanValue;
      if (r.uom !== undefined) reading.uom = r.uom;
      const device = r.deviceID ?? md?.deviceID;
      if (device !== undefined) reading.deviceID = device;
      if (r.exception !== undefined) reading.exception = r.exception;
      out.push(reading);
    }
  }
  return out;
}
