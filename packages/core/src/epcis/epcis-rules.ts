/**
 * Rules of EPCIS 2.0 / CBV 2.0 that the JSON Schema cannot express, or that XML documents (which
 * the JSON Schema never sees) must meet too: CBV vocabulary membership, required fields per event
 * type and action, positive quantities, consistent sensor readings.
 */
import type { Issue } from '../errors.ts';
import { isCbvTerm, looksLikeCbv, type CbvKind } from './cbv-vocabulary.ts';
import { isStandardEventType, type EpcisDocument, type EpcisEvent, type QuantityElement } from './epcis-event.ts';

type Path = (string | number)[];

// Rules also run on data no schema has checked (XML, or the model built by hand): never trust shapes.
function list<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;
const ACTIONS = new Set(['ADD', 'OBSERVE', 'DELETE']);

class Collector {
  readonly issues: Issue[] = [];
  private readonly index: number;

  constructor(index: number) {
    this.index = index;
  }

  add(code: string, field: Path, params: Issue['params'] = {}): void {
    this.issues.push({ code, path: ['eventList', this.index, ...field], params: { event: this.index, ...params } });
  }
}

function checkTime(c: Collector, value: unknown, field: Path): void {
  if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    c.add('epcis.invalid_time', field, { value: String(value) });
  }
}

function checkCbv(c: Collector, kind: CbvKind, value: unknown, field: Path): void {
  if (typeof value !== 'string') return;
  // A user vocabulary URI is allowed; a CBV-looking value that is not a CBV term is a mistake.
  if (!isCbvTerm(kind, value) && looksLikeCbv(kind, value)) c.add('epcis.cbv_unknown', field, { vocabulary: kind, value });
}

function checkQuantities(c: Collector, items: QuantityElement[] | undefined, field: string): void {
  list(items).forEach((q, i) => {
    if (!isObj(q)) return;
    if (q.quantity !== undefined) {
      if (typeof q.quantity !== 'number' || !Number.isFinite(q.quantity)) {
        c.add('epcis.quantity_not_number', [field, i, 'quantity'], { value: String(q.quantity) });
      } else if (q.quantity <= 0) {
        c.add('epcis.quantity_not_positive', [field, i, 'quantity'], { value: q.quantity });
      }
    } else if (q.uom !== undefined) {
      c.add('epcis.uom_without_quantity', [field, i, 'uom'], { uom: q.uom });
    }
  });
}

function checkDuplicates(c: Collector, items: string[] | undefined, field: string): void {
  const seen = new Set<string>();
  list(items).forEach((epc, i) => {
    if (seen.has(epc)) c.add('epcis.duplicate_epc', [field, i], { epc });
    seen.add(epc);
  });
}

/**
 * Rule checks of one event of the model; `index` is its position in the document.
 * @example validateEventRules(event, 0) // [{ code: 'epcis.quantity_not_positive', path: ['eventList', 0, 'quantityList', 0, 'quantity'], … }]
 */
export function validateEventRules(event: EpcisEvent, index: number): Issue[] {
  const c = new Collector(index);
  if (event.eventTime === undefined || event.eventTime === '') c.add('epcis.missing_event_time', ['eventTime']);
  else checkTime(c, event.eventTime, ['eventTime']);
  if (event.eventTimeZoneOffset === undefined || event.eventTimeZoneOffset === '') {
    c.add('epcis.missing_time_zone_offset', ['eventTimeZoneOffset']);
  } else if (!OFFSET.test(event.eventTimeZoneOffset)) {
    c.add('epcis.invalid_time_zone_offset', ['eventTimeZoneOffset'], { value: event.eventTimeZoneOffset });
  }
  if (event.recordTime !== undefined) checkTime(c, event.recordTime, ['recordTime']);

  if (isStandardEventType(event.type) && event.type !== 'TransformationEvent') {
    if (event.action === undefined) c.add('epcis.missing_action', ['action'], { type: event.type });
    else if (!ACTIONS.has(event.action)) c.add('epcis.invalid_action', ['action'], { value: String(event.action) });
  }
  switch (event.type) {
    case 'ObjectEvent':
      checkDuplicates(c, event.epcList, 'epcList');
      checkQuantities(c, event.quantityList, 'quantityList');
      break;
    case 'TransactionEvent':
      checkDuplicates(c, event.epcList, 'epcList');
      checkQuantities(c, event.quantityList, 'quantityList');
      break;
    case 'AggregationEvent':
    case 'AssociationEvent': {
      // EPCIS 2.0 §7.4.3/§7.4.5: the parent may only be omitted when merely observing.
      if (!event.parentID && (event.type === 'AssociationEvent' || event.action !== 'OBSERVE')) {
        c.add('epcis.missing_parent', ['parentID'], { type: event.type, action: String(event.action) });
      }
      checkDuplicates(c, event.childEPCs, 'childEPCs');
      checkQuantities(c, event.childQuantityList, 'childQuantityList');
      break;
    }
    case 'TransformationEvent':
      checkDuplicates(c, event.inputEPCList, 'inputEPCList');
      checkDuplicates(c, event.outputEPCList, 'outputEPCList');
      checkQuantities(c, event.inputQuantityList, 'inputQuantityList');
      checkQuantities(c, event.outputQuantityList, 'outputQuantityList');
      break;
  }

  checkCbv(c, 'bizStep', event.bizStep, ['bizStep']);
  checkCbv(c, 'disposition', event.disposition, ['disposition']);
  const pd = event.persistentDisposition;
  list(pd?.set).forEach((v, i) => checkCbv(c, 'disposition', v, ['persistentDisposition', 'set', i]));
  list(pd?.unset).forEach((v, i) => {
    checkCbv(c, 'disposition', v, ['persistentDisposition', 'unset', i]);
    if (list(pd?.set).includes(v)) c.add('epcis.persistent_disposition_conflict', ['persistentDisposition', 'unset', i], { value: v });
  });
  list(event.bizTransactionList).forEach((b, i) => checkCbv(c, 'bizTransactionType', b?.type, ['bizTransactionList', i, 'type']));
  list(event.sourceList).forEach((s, i) => checkCbv(c, 'sourceDestinationType', s?.type, ['sourceList', i, 'type']));
  list(event.destinationList).forEach((d, i) => checkCbv(c, 'sourceDestinationType', d?.type, ['destinationList', i, 'type']));

  const ed = event.errorDeclaration;
  if (isObj(ed)) {
    if (!ed.declarationTime) c.add('epcis.missing_declaration_time', ['errorDeclaration', 'declarationTime']);
    else checkTime(c, ed.declarationTime, ['errorDeclaration', 'declarationTime']);
    checkCbv(c, 'errorReason', ed.reason, ['errorDeclaration', 'reason']);
  }

  list(event.sensorElementList).forEach((el, i) => {
    if (!isObj(el)) return;
    const md = el.sensorMetadata !== null && typeof el.sensorMetadata === 'object' ? el.sensorMetadata : undefined;
    for (const key of ['time', 'startTime', 'endTime'] as const) {
      if (md?.[key] !== undefined) checkTime(c, md[key], ['sensorElementList', i, 'sensorMetadata', key]);
    }
    if (typeof md?.startTime === 'string' && typeof md.endTime === 'string' && Date.parse(md.startTime) > Date.parse(md.endTime)) {
      c.add('epcis.sensor_time_range', ['sensorElementList', i, 'sensorMetadata', 'endTime'], { start: md.startTime, end: md.endTime });
    }
    list(el.sensorReport).forEach((r, j) => {
      if (!isObj(r)) return;
      const at = (f: string): Path => ['sensorElementList', i, 'sensorReport', j, f];
      checkCbv(c, 'measurementType', r.type, at('type'));
      checkCbv(c, 'sensorAlertType', r.exception, at('exception'));
      checkCbv(c, 'component', r.component, at('component'));
      for (const key of ['value', 'minValue', 'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue'] as const) {
        const v = r[key];
        if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) c.add('epcis.sensor_value_not_number', at(key), { value: String(v) });
      }
      if (typeof r.minValue === 'number' && typeof r.maxValue === 'number' && r.minValue > r.maxValue) {
        c.add('epcis.sensor_min_above_max', at('minValue'), { min: r.minValue, max: r.maxValue });
      }
      if (r.time !== undefined) checkTime(c, r.time, at('time'));
    });
  });
  return c.issues;
}

/** Rule checks of every event of a parsed document (JSON or XML). */
export function validateDocumentRules(doc: EpcisDocument): Issue[] {
  return doc.events.flatMap((e) => validateEventRules(e.event, e.index));
}
