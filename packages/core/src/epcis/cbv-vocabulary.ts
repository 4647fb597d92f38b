/**
 * CBV 2.0 standard vocabularies, kept as data so validation, normalisation and the event hash
 * agree on one list. Values are the bare CBV terms used by EPCIS 2.0 JSON (`shipping`), which is
 * also the canonical form inside Lianjian's event model.
 */

export const CBV_BIZ_STEPS = [
  'accepting', 'arriving', 'assembling', 'collecting', 'commissioning', 'consigning',
  'creating_class_instance', 'cycle_counting', 'decommissioning', 'departing', 'destroying',
  'disassembling', 'dispensing', 'encoding', 'entering_exiting', 'holding', 'inspecting',
  'installing', 'killing', 'loading', 'other', 'packing', 'picking', 'receiving', 'removing',
  'repackaging', 'repairing', 'replacing', 'reserving', 'retail_selling', 'shipping',
  'staging_outbound', 'stock_taking', 'stocking', 'storing', 'transporting', 'unloading',
  'unpacking', 'void_shipping', 'sensor_reporting', 'sampling',
] as const;

export const CBV_DISPOSITIONS = [
  'active', 'container_closed', 'damaged', 'destroyed', 'dispensed', 'disposed', 'encoded',
  'expired', 'in_progress', 'in_transit', 'inactive', 'no_pedigree_match', 'non_sellable_other',
  'partially_dispensed', 'recalled', 'reserved', 'retail_sold', 'returned', 'sellable_accessible',
  'sellable_not_accessible', 'stolen', 'unknown', 'available', 'completeness_verified',
  'completeness_inferred', 'conformant', 'container_open', 'mismatch_instance', 'mismatch_class',
  'mismatch_quantity', 'needs_replacement', 'non_conformant', 'unavailable',
] as const;

export const CBV_BIZ_TRANSACTION_TYPES = [
  'bol', 'cert', 'desadv', 'inv', 'pedigree', 'po', 'poc', 'prodorder', 'recadv', 'rma',
  'testprd', 'testres', 'upevt',
] as const;

export const CBV_SOURCE_DESTINATION_TYPES = ['owning_party', 'possessing_party', 'location'] as const;

export const CBV_ERROR_REASONS = ['did_not_occur', 'incorrect_data'] as const;

/** Sensor measurement types (GS1 Web Vocabulary `gs1:MeasurementType`). */
export const CBV_MEASUREMENT_TYPES = [
  'AbsoluteHumidity', 'AbsorbedDose', 'AbsorbedDoseRate', 'Acceleration', 'Radioactivity',
  'Altitude', 'AmountOfSubstance', 'AmountOfSubstancePerUnitVolume', 'Angle',
  'AngularAcceleration', 'AngularMomentum', 'AngularVelocity', 'Area', 'Capacitance',
  'Conductance', 'Conductivity', 'Count', 'Density', 'Dimensionless', 'DoseEquivalent',
  'DoseEquivalentRate', 'DynamicViscosity', 'ElectricCharge', 'ElectricCurrent',
  'ElectricCurrentDensity', 'ElectricFieldStrength', 'Energy', 'Exposure', 'Force', 'Frequency',
  'Illuminance', 'Inductance', 'Irradiance', 'KinematicViscosity', 'Length', 'LinearMomentum',
  'Luminance', 'LuminousFlux', 'LuminousIntensity', 'MagneticFlux', 'MagneticFluxDensity',
  'MagneticVectorPotential', 'Mass', 'MassConcentration', 'MassFlowRate', 'MassPerAreaTime',
  'MemoryCapacity', 'MolalityOfSolute', 'MolarEnergy', 'MolarMass', 'MolarVolume', 'Power',
  'Pressure', 'RadiantFlux', 'RadiantIntensity', 'RelativeHumidity', 'Resistance', 'Resistivity',
  'SolidAngle', 'SpecificVolume', 'Speed', 'SurfaceDensity', 'SurfaceTension', 'Temperature',
  'Time', 'Torque', 'Voltage', 'Volume', 'VolumeFlowRate', 'VolumeFraction', 'VolumetricFlux',
  'Wavenumber',
] as const;

export const CBV_SENSOR_ALERT_TYPES = ['ALARM_CONDITION', 'ERROR_CONDITION'] as const;

export const CBV_COMPONENTS = [
  'x', 'y', 'z', 'axial_distance', 'azimuth', 'height', 'spherical_radius', 'polar_angle',
  'elevation_angle', 'easting', 'northing', 'latitude', 'longitude', 'altitude',
] as const;

/** The CBV vocabularies whose values the model normalises and the validator checks. */
export type CbvKind =
  | 'bizStep'
  | 'disposition'
  | 'bizTransactionType'
  | 'sourceDestinationType'
  | 'errorReason'
  | 'measurementType'
  | 'sensorAlertType'
  | 'component';

interface KindInfo {
  terms: ReadonlySet<string>;
  /** CBV 2.0 web URI prefix, e.g. `https://ref.gs1.org/cbv/BizStep-`. */
  web: string;
  /** Legacy CBV 1.x URN prefix, e.g. `urn:epcglobal:cbv:bizstep:` (none for the GS1 web vocabulary). */
  urn?: string;
  /** CURIE forms that appear in JSON-LD and XML, e.g. `cbv:BizStep-`, `gs1:`. */
  curies: string[];
}

const CBV = 'https://ref.gs1.org/cbv/';
const GS1_VOC = 'https://gs1.org/voc/';

const KINDS: Record<CbvKind, KindInfo> = {
  bizStep: { terms: new Set(CBV_BIZ_STEPS), web: `${CBV}BizStep-`, urn: 'urn:epcglobal:cbv:bizstep:', curies: ['cbv:BizStep-'] },
  disposition: { terms: new Set(CBV_DISPOSITIONS), web: `${CBV}Disp-`, urn: 'urn:epcglobal:cbv:disp:', curies: ['cbv:Disp-'] },
  bizTransactionType: { terms: new Set(CBV_BIZ_TRANSACTION_TYPES), web: `${CBV}BTT-`, urn: 'urn:epcglobal:cbv:btt:', curies: ['cbv:BTT-'] },
  sourceDestinationType: { terms: new Set(CBV_SOURCE_DESTINATION_TYPES), web: `${CBV}SDT-`, urn: 'urn:epcglobal:cbv:sdt:', curies: ['cbv:SDT-'] },
  errorReason: { terms: new Set(CBV_ERROR_REASONS), web: `${CBV}ER-`, urn: 'urn:epcglobal:cbv:er:', curies: ['cbv:ER-'] },
  measurementType: { terms: new Set(CBV_MEASUREMENT_TYPES), web: GS1_VOC, curies: ['gs1:'] },
  sensorAlertType: { terms: new Set(CBV_SENSOR_ALERT_TYPES), web: GS1_VOC, curies: ['gs1:'] },
  component: { terms: new Set(CBV_COMPONENTS), web: `${CBV}Comp-`, curies: ['cbv:Comp-'] },
};

/** Every CBV 2.0 term of one vocabulary. */
export function cbvTerms(kind: CbvKind): ReadonlySet<string> {
  return KINDS[kind].terms;
}

/**
 * Canonical form of a CBV value: the bare term when the value names a standard term in any of its
 * spellings, otherwise the value unchanged (a user vocabulary URI).
 * @example normaliseCbv('bizStep', 'urn:epcglobal:cbv:bizstep:shipping') // 'shipping'
 */
export function normaliseCbv(kind: CbvKind, value: string): string {
  const info = KINDS[kind];
  const v = value.trim();
  if (info.terms.has(v)) return v;
  const prefixes = [info.web, ...(info.urn ? [info.urn] : []), ...info.curies];
  // GS1 also published the web vocabulary under http:// and www.; accept those spellings too.
  if (info.web.startsWith('https://')) prefixes.push(info.web.replace('https://', 'http://'));
  for (const prefix of prefixes) {
    if (v.startsWith(prefix)) {
      const term = v.slice(prefix.length);
      if (info.terms.has(term)) return term;
    }
  }
  return v;
}

/** True when the value is a standard CBV term (in any spelling). */
export function isCbvTerm(kind: CbvKind, value: string): boolean {
  return KINDS[kind].terms.has(normaliseCbv(kind, value));
}

/**
 * Full CBV 2.0 web URI of a value (bare terms expanded, user URIs unchanged).
 * @example cbvUri('bizStep', 'shipping') // 'https://ref.gs1.org/cbv/BizStep-shipping'
 */
export function cbvUri(kind: CbvKind, value: string): string {
  const term = normaliseCbv(kind, value);
  return KINDS[kind].terms.has(term) ? KINDS[kind].web + term : term;
}

/**
 * Whether a non-standard value is still recognisably meant as a CBV value: a legacy URN or a
 * CBV web URI/CURIE whose term is not in the list (a typo, or a term from another version).
 */
export function looksLikeCbv(kind: CbvKind, value: string): boolean {
  const info = KINDS[kind];
  const v = value.trim();
  if (info.urn && v.startsWith(info.urn)) return true;
  if (v.startsWith(info.web) && info.web !== GS1_VOC) return true;
  if (info.curies.some((c) => c !== 'gs1:' && v.startsWith(c))) return true;
  // A value without a scheme cannot be a user vocabulary URI, so it was meant as a bare CBV term.
  return !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(v);
}
