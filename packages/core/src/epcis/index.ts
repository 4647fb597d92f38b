// Public API of the EPCIS 2.0 module: model, parsing, validation, event hash, flattening.
export * from './epcis-event.ts';
export {
  CBV_BIZ_STEPS,
  CBV_DISPOSITIONS,
  CBV_BIZ_TRANSACTION_TYPES,
  CBV_SOURCE_DESTINATION_TYPES,
  CBV_ERROR_REASONS,
  CBV_MEASUREMENT_TYPES,
  CBV_SENSOR_ALERT_TYPES,
  CBV_COMPONENTS,
  cbvTerms,
  cbvUri,
  isCbvTerm,
  normaliseCbv,
  type CbvKind,
} from './cbv-vocabulary.ts';
export { normaliseEvent } from './epcis-normalise.ts';
export { parseEpcisJson, STANDARD_NAMESPACES } from './epcis-json-parser.ts';
export { parseEpcisXml } from './epcis-xml-parser.ts';
export { validateEpcisSchema } from './epcis-schema.ts';
export { validateEventRules, validateDocumentRules } from './epcis-rules.ts';
export { isXmlText, parseEpcisDocument, validateEpcisDocument, validateEpcisJson } from './epcis-validate.ts';
export { documentEventHashes, eventHash, eventPreHash, hashPreHash, type EventHashOptions } from './epcis-hash.ts';
export { epcToCanonicalDigitalLink } from './epc-digital-link.ts';
export { eventObjects, sensorReadings, type EventObject, type ObjectRole, type SensorReading } from './epcis-flatten.ts';
