/**
 * Lianjian's EPCIS 2.0 event model. It follows the EPCIS 2.0 JSON binding field by field, so a
 * JSON event is already almost in this shape and an XML event is mapped onto it. CBV values are
 * kept in their bare canonical form (`shipping`, not `urn:epcglobal:cbv:bizstep:shipping`), and
 * extension fields keep their namespaced keys (`example:myField`) with the prefix resolved through
 * the document's namespaces.
 */

/** A namespaced extension key such as `example:myField` (the prefix is declared by the document). */
export type ExtensionKey = `${string}:${string}`;

/** Extension fields allowed on most EPCIS objects: namespaced keys with JSON-like values. */
export type Extensions = { [key: ExtensionKey]: unknown };

export type EpcisEventType =
  | 'ObjectEvent'
  | 'AggregationEvent'
  | 'TransactionEvent'
  | 'TransformationEvent'
  | 'AssociationEvent';

export const EPCIS_EVENT_TYPES: readonly EpcisEventType[] = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
];

export type EpcisAction = 'ADD' | 'OBSERVE' | 'DELETE';

export interface QuantityElement extends Extensions {
  epcClass: string;
  quantity?: number;
  uom?: string;
}

export interface LocationRef extends Extensions {
  id: string;
}

export interface BizTransaction extends Extensions {
  type?: string;
  bizTransaction: string;
}

export interface SourceElement extends Extensions {
  type: string;
  source: string;
}

export interface DestinationElement extends Extensions {
  type: string;
  destination: string;
}

export interface PersistentDisposition extends Extensions {
  set?: string[];
  unset?: string[];
}

export interface ErrorDeclaration extends Extensions {
  declarationTime: string;
  reason?: string;
  correctiveEventIDs?: string[];
}

export interface SensorMetadata extends Extensions {
  time?: string;
  startTime?: string;
  endTime?: string;
  deviceID?: string;
  deviceMetadata?: string;
  rawData?: string;
  dataProcessingMethod?: string;
  bizRules?: string;
}

export interface SensorReport extends Extensions {
  /** Measurement type, e.g. `Temperature` (canonical form of `gs1:Temperature`), or a user URI. */
  type?: string;
  exception?: string;
  deviceID?: string;
  deviceMetadata?: string;
  rawData?: string;
  dataProcessingMethod?: string;
  time?: string;
  microorganism?: string;
  chemicalSubstance?: string;
  value?: number;
  component?: string;
  stringValue?: string;
  booleanValue?: boolean;
  hexBinaryValue?: string;
  uriValue?: string;
  minValue?: number;
  maxValue?: number;
  meanValue?: number;
  sDev?: number;
  percRank?: number;
  percValue?: number;
  /** UN/CEFACT Rec 20 unit code, e.g. `CEL`. */
  uom?: string;
  coordinateReferenceSystem?: string;
}

export interface SensorElement extends Extensions {
  sensorMetadata?: SensorMetadata;
  sensorReport: SensorReport[];
}

/** Fields every event type shares. */
export interface EpcisEventBase extends Extensions {
  type: EpcisEventType | ExtensionKey;
  eventID?: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  recordTime?: string;
  certificationInfo?: string | string[];
  errorDeclaration?: ErrorDeclaration;
  bizStep?: string;
  disposition?: string;
  persistentDisposition?: PersistentDisposition;
  readPoint?: LocationRef;
  bizLocation?: LocationRef;
  bizTransactionList?: BizTransaction[];
  sourceList?: SourceElement[];
  destinationList?: DestinationElement[];
  sensorElementList?: SensorElement[];
}

export interface ObjectEvent extends EpcisEventBase {
  type: 'ObjectEvent';
  action: EpcisAction;
  epcList?: string[];
  quantityList?: QuantityElement[];
  ilmd?: Extensions;
}

export interface AggregationEvent extends EpcisEventBase {
  type: 'AggregationEvent';
  action: EpcisAction;
  parentID?: string;
  childEPCs?: string[];
  childQuantityList?: QuantityElement[];
}

export interface TransactionEvent extends EpcisEventBase {
  type: 'TransactionEvent';
  action: EpcisAction;
  parentID?: string;
  epcList?: string[];
  quantityList?: QuantityElement[];
}

export interface TransformationEvent extends EpcisEventBase {
  type: 'TransformationEvent';
  transformationID?: string;
  inputEPCList?: string[];
  inputQuantityList?: QuantityElement[];
  outputEPCList?: string[];
  outputQuantityList?: QuantityElement[];
  ilmd?: Extensions;
}

export interface AssociationEvent extends EpcisEventBase {
  type: 'AssociationEvent';
  action: EpcisAction;
  parentID?: string;
  childEPCs?: string[];
  childQuantityList?: QuantityElement[];
}

/**
 * A user-defined event type (EPCIS 2.0 §7.4.1 allows them), e.g. `example:CustomEvent`: only the
 * common fields are understood; the rest is kept as extension data.
 */
export interface ExtensionEvent extends EpcisEventBase {
  type: ExtensionKey;
  action?: EpcisAction;
}

export type EpcisEvent =
  | ObjectEvent
  | AggregationEvent
  | TransactionEvent
  | TransformationEvent
  | AssociationEvent
  | ExtensionEvent;

/** One event of a document, with its position so issues can name it. */
export interface ParsedEvent {
  /** Zero-based position of the event in the document's event list. */
  index: number;
  event: EpcisEvent;
}

/** `event`: a bare event submitted on its own (with its own `@context`), not wrapped in a document. */
export type EpcisDocumentKind = 'EPCISDocument' | 'EPCISQueryDocument' | 'EPCISMasterDataDocument' | 'event';

/** True for the five EPCIS 2.0 event types, false for user-defined ones. */
export function isStandardEventType(type: string): type is EpcisEventType {
  return (EPCIS_EVENT_TYPES as readonly string[]).includes(type);
}

/** A parsed EPCIS document: its events in document order plus what is needed to read them. */
export interface EpcisDocument {
  kind: EpcisDocumentKind;
  format: 'json' | 'xml';
  schemaVersion?: string;
  creationDate?: string;
  /** Prefix → namespace URI for extension keys (from the JSON-LD @context or the XML xmlns). */
  namespaces: Record<string, string>;
  /** Extension fields the sender declared as not part of the events' identity (`…:ignoreFields`). */
  ignoreFields: string[];
  events: ParsedEvent[];
}
