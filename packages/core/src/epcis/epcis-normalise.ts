/**
 * Turns a JSON-shaped event (from the JSON binding, or mapped from XML) into the canonical model:
 * CBV values become bare terms, numbers written as text become numbers. Everything else, extension
 * fields included, is kept as it came, so nothing the sender said is lost.
 */
import { normaliseCbv, type CbvKind } from './cbv-vocabulary.ts';
import type { EpcisEvent } from './epcis-event.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

const NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

function cbv(kind: CbvKind, value: unknown): unknown {
  return typeof value === 'string' ? normaliseCbv(kind, value) : value;
}

function num(value: unknown): unknown {
  return typeof value === 'string' && NUMBER_TEXT.test(value) ? Number(value) : value;
}

function mapList(value: unknown, f: (item: Json) => Json): unknown {
  return Array.isArray(value) ? value.map((item) => (isObject(item) ? f(item) : item)) : value;
}

function typed(kind: CbvKind) {
  return (item: Json): Json => ('type' in item ? { ...item, type: cbv(kind, item.type) } : item);
}

function quantity(item: Json): Json {
  return 'quantity' in item ? { ...item, quantity: num(item.quantity) } : item;
}

const REPORT_NUMBERS = ['value', 'minValue', 'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue'] as const;

function sensorReport(report: Json): Json {
  const out: Json = { ...report };
  if ('type' in out) out.type = cbv('measurementType', out.type);
  if ('exception' in out) out.exception = cbv('sensorAlertType', out.exception);
  if ('component' in out) out.component = cbv('component', out.component);
  for (const key of REPORT_NUMBERS) if (key in out) out[key] = num(out[key]);
  if (out.booleanValue === 'true' || out.booleanValue === 'false') out.booleanValue = out.booleanValue === 'true';
  return out;
}

function sensorElement(element: Json): Json {
  const out: Json = { ...element };
  if (isObject(out.sensorReport)) out.sensorReport = [out.sensorReport];
  out.sensorReport = mapList(out.sensorReport, sensorReport);
  return out;
}

/**
 * Canonical model of one JSON-shaped event (bare CBV terms, numeric quantities and readings).
 * @example normaliseEvent({ type: 'ObjectEvent', bizStep: 'urn:epcglobal:cbv:bizstep:shipping', … }).bizStep // 'shipping'
 */
export function normaliseEvent(raw: Json): EpcisEvent {
  const e: Json = { ...raw };
  // Only touch the fields the event has: assigning absent ones and deleting them again (or deleting
  // a field that is not there) turns the object into a slow dictionary-mode object, for every event.
  if ('@context' in e) delete e['@context'];
  if ('bizStep' in e) e.bizStep = cbv('bizStep', e.bizStep);
  if ('disposition' in e) e.disposition = cbv('disposition', e.disposition);
  if (isObject(e.persistentDisposition)) {
    const pd: Json = { ...e.persistentDisposition };
    for (const key of ['set', 'unset'] as const) {
      if (Array.isArray(pd[key])) pd[key] = (pd[key] as unknown[]).map((v) => cbv('disposition', v));
    }
    e.persistentDisposition = pd;
  }
  if (e.bizTransactionList !== undefined) e.bizTransactionList = mapList(e.bizTransactionList, typed('bizTransactionType'));
  if (e.sourceList !== undefined) e.sourceList = mapList(e.sourceList, typed('sourceDestinationType'));
  if (e.destinationList !== undefined) e.destinationList = mapList(e.destinationList, typed('sourceDestinationType'));
  for (const key of ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'] as const) {
    if (e[key] !== undefined) e[key] = mapList(e[key], quantity);
  }
  if (e.sensorElementList !== undefined) e.sensorElementList = mapList(e.sensorElementList, sensorElement);
  if (isObject(e.errorDeclaration) && 'reason' in e.errorDeclaration) {
    e.errorDeclaration = { ...e.errorDeclaration, reason: cbv('errorReason', e.errorDeclaration.reason) };
  }
  for (const key of Object.keys(e)) if (e[key] === undefined) delete e[key];
  return e as unknown as EpcisEvent;
}
