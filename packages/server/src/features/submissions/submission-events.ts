/**
 * Plain submissions as EPCIS 2.0 events (pure). The CBV steps and dispositions are exactly those the
 * projections understand (`trace/projection-fold.ts`):
 *
 *   commission  ObjectEvent ADD         commissioning / active
 *   pack        AggregationEvent ADD    packing / in_progress
 *   unpack      AggregationEvent DELETE unpacking
 *   ship        ObjectEvent OBSERVE     shipping / in_transit, source → destination, documents
 *   receive     ObjectEvent OBSERVE     receiving / in_progress (damaged, non_conformant by condition);
 *               refused: inspecting / non_conformant, so the goods stay in transit with the shipper
 *   store       ObjectEvent OBSERVE     storing / sellable_not_accessible, temperature readings
 *   use         ObjectEvent OBSERVE     dispensing / dispensed, department, procedure, patient key
 *   return      ObjectEvent OBSERVE     shipping / returned, source → destination
 *   destroy     ObjectEvent OBSERVE     destroying / destroyed
 *
 * What CBV has no field for (condition, quantities counted, department, …) travels as `lj:`
 * extension fields, which trace reads by local name.
 */
import { lotOf, submissionObject, type ReceiptCondition, type SubmissionInputs, type SubmissionKind } from '@lianjian/core/records/submissions';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
/** Namespace of the platform's extension fields in events. */
export const LJ_NAMESPACE = 'https://lianjian.example/epcis/';

export interface PartyRef {
  /** CBV source / destination type. */
  type: 'owning_party' | 'location';
  id: string;
}

/** What the server resolved before building: where, who, when. */
export interface Resolved {
  /** The site's Digital Link (`https://id.gs1.org/414/{GLN}[/254/{ext}]`). */
  location: string;
  /** The submitting organisation as a party. */
  self: PartyRef;
  /** The other organisation (ship / return: destination; receive: sender). */
  counterparty?: PartyRef;
  /** GLNs of the two sides that issue document ids (`urn:epcglobal:cbv:bt:{gln}:{id}`): the submitter's and the counterparty's. */
  documentGlns: { self: string; counterparty?: string };
  eventTime: string;
  timeZoneOffset: string;
}

type Doc = { type: string; id: string };
const CONDITION_DISPOSITION: Record<ReceiptCondition, string> = { good: 'in_progress', damaged: 'damaged', temperature_excursion: 'non_conformant' };

const uris = (items: readonly string[] | undefined) =>
  (items ?? []).map((i) => {
    const o = submissionObject(i);
    if (!o.ok) throw new RangeError(`submission item ${i} did not parse; validate with the submission schema first`);
    return o.value.uri;
  });

function goods(input: { items?: string[] | undefined; lot?: string | { di: string; lot: string } | undefined; quantity?: number | undefined }, quantity?: number) {
  if (input.lot === undefined) return { epcList: uris(input.items) };
  const lot = lotOf(input.lot);
  if (!lot) throw new RangeError('submission lot did not parse; validate with the submission schema first');
  return { quantityList: [{ epcClass: lot.uri, quantity: quantity ?? input.quantity ?? 0 }] };
}

/**
 * A business transaction id names the party that issued the document (CBV 2.0, `urn:epcglobal:cbv:bt:{GLN}:{id}`):
 * the sending side issues the despatch advice, the invoice and the bill of lading; the receiving side the
 * purchase order, the receiving advice and the return authorisation. So the shipper's and the receiver's
 * events cite one delivery note by the same id, whoever submits.
 */
const ISSUED_BY_RECIPIENT: ReadonlySet<string> = new Set(['po', 'recadv', 'rma']);

function documents(docs: readonly Doc[], glns: { sender: string; recipient: string }) {
  if (docs.length === 0) return {};
  return { bizTransactionList: docs.map((d) => ({ type: d.type, bizTransaction: `urn:epcglobal:cbv:bt:${ISSUED_BY_RECIPIENT.has(d.type) ? glns.recipient : glns.sender}:${encodeURIComponent(d.id)}` })) };
}
const source = (p: PartyRef) => ({ type: p.type, source: p.id });
const destination = (p: PartyRef) => ({ type: p.type, destination: p.id });
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The one EPCIS event a submission stands for. */
export function submissionEvent<K extends SubmissionKind>(kind: K, input: SubmissionInputs[K], r: Resolved): Record<string, unknown> {
  const where = { readPoint: { id: r.location }, bizLocation: { id: r.location } };
  const base = { eventTime: r.eventTime, eventTimeZoneOffset: r.timeZoneOffset };
  const object = (action: 'ADD' | 'OBSERVE', rest: Record<string, unknown>) => ({ type: 'ObjectEvent', ...base, action, ...rest });
  const counterparty = () => {
    if (!r.counterparty) throw new RangeError(`a ${kind} submission needs its counterparty resolved`);
    return r.counterparty;
  };
  const otherGln = () => {
    if (!r.documentGlns.counterparty) throw new RangeError(`a ${kind} submission needs its counterparty's GLN resolved`);
    return r.documentGlns.counterparty;
  };
  const outbound = () => ({ sender: r.documentGlns.self, recipient: otherGln() });
  switch (kind) {
    case 'commission': {
      const i = input as SubmissionInputs['commission'];
      const ilmd = defined({ 'cbvmda:productionDate': i.productionDate, 'cbvmda:itemExpirationDate': i.expiryDate });
      return object('ADD', { ...goods(i), bizStep: 'commissioning', disposition: 'active', ...where, ...(Object.keys(ilmd).length > 0 && { ilmd }) });
    }
    case 'pack':
    case 'unpack': {
      const i = input as SubmissionInputs['pack'];
      const parent = uris([i.parent])[0];
      return defined({
        type: 'AggregationEvent', ...base, action: kind === 'pack' ? 'ADD' : 'DELETE', parentID: parent,
        childEPCs: i.items === undefined ? undefined : uris(i.items), bizStep: kind === 'pack' ? 'packing' : 'unpacking',
        disposition: kind === 'pack' ? 'in_progress' : undefined, ...where,
      });
    }
    case 'ship': {
      const i = input as SubmissionInputs['ship'];
      return object('OBSERVE', {
        ...goods(i), bizStep: 'shipping', disposition: 'in_transit', ...where, ...documents(i.documents, outbound()),
        sourceList: [source(r.self)], destinationList: [destination(counterparty())],
      });
    }
    case 'receive': {
      const i = input as SubmissionInputs['receive'];
      const received = i.receivedQuantity ?? (i.items?.length ?? 0);
      const quantity = i.accepted || received > 0 ? received : i.quantity;
      return object('OBSERVE', defined({
        ...goods(i, quantity),
        bizStep: i.accepted ? 'receiving' : 'inspecting',
        disposition: i.accepted ? CONDITION_DISPOSITION[i.condition] : 'non_conformant',
        ...where, ...documents(i.documents, { sender: otherGln(), recipient: r.documentGlns.self }),
        sourceList: [source(counterparty())], destinationList: [destination(r.self)],
        'lj:accepted': i.accepted, 'lj:condition': i.condition, 'lj:receivedQuantity': received,
        'lj:expectedQuantity': i.lot !== undefined ? i.quantity : undefined, 'lj:reason': i.reason,
      }));
    }
    case 'store': {
      const i = input as SubmissionInputs['store'];
      const sensors = i.readings.length === 0 ? {} : {
        sensorElementList: [{
          sensorMetadata: { time: r.eventTime },
          sensorReport: i.readings.map((x) => ({ type: 'gs1:Temperature', value: x.celsius, uom: 'CEL', time: x.time })),
        }],
      };
      return object('OBSERVE', { ...goods(i), bizStep: 'storing', disposition: 'sellable_not_accessible', ...where, ...sensors });
    }
    case 'use': {
      const i = input as SubmissionInputs['use'];
      return object('OBSERVE', defined({
        ...goods(i), bizStep: 'dispensing', disposition: 'dispensed', ...where,
        'lj:department': i.department, 'lj:procedure': i.procedure, 'lj:patientKey': i.patientKey,
      }));
    }
    case 'return': {
      const i = input as SubmissionInputs['return'];
      return object('OBSERVE', defined({
        ...goods(i), bizStep: 'shipping', disposition: 'returned', ...where, ...documents(i.documents, outbound()),
        sourceList: [source(r.self)], destinationList: [destination(counterparty())], 'lj:reason': i.reason,
      }));
    }
    case 'destroy': {
      const i = input as SubmissionInputs['destroy'];
      return object('OBSERVE', { ...goods(i), bizStep: 'destroying', disposition: 'destroyed', ...where, 'lj:reason': i.reason });
    }
  }
  throw new RangeError(`unknown submission kind ${String(kind)}`);
}

/** A one-event EPCIS 2.0 JSON-LD document for capture. */
export function submissionDocument(event: Record<string, unknown>, creationDate: string): Record<string, unknown> {
  return { '@context': [EPCIS_CONTEXT, { lj: LJ_NAMESPACE }], type: 'EPCISDocument', schemaVersion: '2.0', creationDate, epcisBody: { eventList: [event] } };
}
