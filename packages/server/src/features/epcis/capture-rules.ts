/**
 * Business rules of capture (issue 3, item 2), pure over master data loaded in bulk beforehand.
 * A broken rule does not reject the event: it is stored and the violation kept as evidence.
 */
import { shanghaiDate } from '@lianjian/core';
import type { EpcisEvent } from '@lianjian/core/epcis/index';
import type { LicenceRow, LocationRow, OrgRef, ProductDiRow } from './capture-reference.repository.ts';
import { glnRef, listObjects, objectIdentity, type ListedObject, type ObjectIdentity } from './epcis-identifiers.ts';

export interface ReferenceData {
  organizationsByGln: Map<string, OrgRef>;
  /** Key `gln|extension`. */
  locations: Map<string, LocationRow>;
  organizationsById: Map<number, OrgRef>;
  products: Map<string, ProductDiRow>;
  licences: Map<number, LicenceRow[]>;
}

export interface RuleViolation {
  rule: string;
  path: (string | number)[];
  params: Record<string, string | number | boolean | null>;
  organizationId: number | null;
}

export interface EventAnalysis {
  readPointOrg: OrgRef | null;
  bizLocationOrg: OrgRef | null;
  sourceOrgs: OrgRef[];
  destinationOrgs: OrgRef[];
  /** Which organisation the event happened at, for capture scope: bizLocation, else readPoint. */
  locationGiven: boolean;
  objects: (ListedObject & { identity: ObjectIdentity })[];
  violations: RuleViolation[];
}

const SDT_PREFIXES = ['https://ref.gs1.org/cbv/SDT-', 'urn:epcglobal:cbv:sdt:', 'cbv:SDT-'];
const BIZSTEP_PREFIXES = ['https://ref.gs1.org/cbv/BizStep-', 'urn:epcglobal:cbv:bizstep:', 'cbv:BizStep-'];
const bare = (value: string | undefined, prefixes: string[]) => {
  if (value === undefined) return undefined;
  const p = prefixes.find((x) => value.startsWith(x));
  return p ? value.slice(p.length) : value;
};

/** GLNs an event refers to (for the bulk master-data lookup). */
export function referencedGlns(event: EpcisEvent): string[] {
  const ids = [event.readPoint?.id, event.bizLocation?.id, ...(event.sourceList ?? []).map((s) => s.source), ...(event.destinationList ?? []).map((d) => d.destination)];
  const out: string[] = [];
  for (const id of ids) {
    const ref = typeof id === 'string' ? glnRef(id) : null;
    if (ref) out.push(ref.gln);
  }
  return out;
}

export function resolveLocation(id: string, ref: ReferenceData): OrgRef | null {
  const g = glnRef(id);
  if (!g) return null;
  if (g.ai === '414') {
    const loc = ref.locations.get(`${g.gln}|${g.extension}`);
    if (loc) return { id: loc.organizationId, gln: null, type: loc.type, regionCode: loc.regionCode };
    return g.extension === '0' ? (ref.organizationsByGln.get(g.gln) ?? null) : null;
  }
  return ref.organizationsByGln.get(g.gln) ?? null;
}

export function resolveParty(id: string, ref: ReferenceData): OrgRef | null {
  const g = glnRef(id);
  if (!g) return null;
  const org = ref.organizationsByGln.get(g.gln);
  if (org) return org;
  const loc = ref.locations.get(`${g.gln}|${g.extension}`);
  return loc ? { id: loc.organizationId, gln: null, type: loc.type, regionCode: loc.regionCode } : null;
}

/** Resolves the event's organisations and objects (no master data about products needed yet). */
export function resolveEvent(event: EpcisEvent, ref: ReferenceData, identities: Map<string, ObjectIdentity>): EventAnalysis {
  const violations: RuleViolation[] = [];
  const location = (field: 'readPoint' | 'bizLocation'): OrgRef | null => {
    const id = event[field]?.id;
    if (typeof id !== 'string') return null;
    const org = resolveLocation(id, ref);
    if (!org) violations.push({ rule: 'epcis.rule.location_unknown', path: [field, 'id'], params: { value: id }, organizationId: null });
    return org;
  };
  const readPointOrg = location('readPoint');
  const bizLocationOrg = location('bizLocation');
  const parties = (list: { type: string; id: string }[], field: 'sourceList' | 'destinationList', key: 'source' | 'destination'): OrgRef[] => {
    const out: OrgRef[] = [];
    list.forEach((p, i) => {
      const type = bare(p.type, SDT_PREFIXES);
      const org = type === 'location' ? resolveLocation(p.id, ref) : resolveParty(p.id, ref);
      if (org) out.push(org);
      else violations.push({ rule: type === 'location' ? 'epcis.rule.location_unknown' : 'epcis.rule.party_unknown', path: [field, i, key], params: { value: p.id, type: p.type }, organizationId: null });
    });
    return out;
  };
  const sourceOrgs = parties((event.sourceList ?? []).map((s) => ({ type: s.type, id: s.source })), 'sourceList', 'source');
  const destinationOrgs = parties((event.destinationList ?? []).map((d) => ({ type: d.type, id: d.destination })), 'destinationList', 'destination');
  // The listed objects are fresh: each gets its identity in place (a document lists ~16,000).
  const objects = listObjects(event) as (ListedObject & { identity: ObjectIdentity })[];
  for (const o of objects) {
    let identity = identities.get(o.code);
    if (!identity) {
      identity = objectIdentity(o.code);
      identities.set(o.code, identity);
    }
    o.identity = identity;
  }
  return {
    readPointOrg, bizLocationOrg, sourceOrgs, destinationOrgs, objects, violations,
    locationGiven: typeof event.bizLocation?.id === 'string' || typeof event.readPoint?.id === 'string',
  };
}

const validOn = (l: { status: string; validFrom: string; validTo: string | null }, date: string) =>
  l.status === 'active' && l.validFrom <= date && (l.validTo === null || l.validTo >= date);

/** Which licence kinds let an organisation ship a product of a management class; null when none is needed. */
export function requiredLicences(orgType: string, managementClass: number): LicenceRow['kind'][] | null {
  if (managementClass === 1) return null;
  if (orgType === 'manufacturer') return ['production_license'];
  return managementClass === 3 ? ['distribution_license'] : ['distribution_filing', 'distribution_license'];
}

/** Adds product, registration and licence violations to an analysed event. */
export function checkProductRules(event: EpcisEvent, analysis: EventAnalysis, ref: ReferenceData): void {
  const date = shanghaiDate(new Date(event.eventTime));
  const seen = new Map<string, ProductDiRow | null>();
  for (const o of analysis.objects) {
    const di = o.identity.di;
    if (!di || seen.has(di)) continue;
    const product = ref.products.get(di) ?? null;
    seen.set(di, product);
    if (!product) {
      analysis.violations.push({ rule: 'epcis.rule.di_unregistered', path: o.path, params: { di }, organizationId: null });
      continue;
    }
    if (!validOn(product, date)) {
      const reason = product.status !== 'active' ? product.status : date < product.validFrom ? 'not_yet_valid' : 'expired';
      analysis.violations.push({ rule: 'epcis.rule.registration_invalid', path: o.path, params: { di, registration: product.registrationNumber, date, reason }, organizationId: product.holderOrganizationId });
    }
  }
  if (bare(event.bizStep, BIZSTEP_PREFIXES) !== 'shipping') return;
  const shipper = analysis.sourceOrgs[0] ?? analysis.bizLocationOrg ?? analysis.readPointOrg;
  if (!shipper) return;
  const shipperPath = analysis.sourceOrgs[0] ? ['sourceList'] : analysis.bizLocationOrg ? ['bizLocation', 'id'] : ['readPoint', 'id'];
  const type = ref.organizationsById.get(shipper.id)?.type ?? shipper.type;
  const licences = ref.licences.get(shipper.id) ?? [];
  // A return is not a sale: a hospital sending goods back, or anyone returning them to the
  // registrant, needs no distribution licence (CBV: shipping with disposition returned).
  const isReturn = /(^|[:/-])returned$/.test(event.disposition ?? '');
  const destinationIds = new Set(analysis.destinationOrgs.map((o) => o.id));
  for (const [di, product] of seen) {
    if (!product) continue;
    if (isReturn && (type === 'institution' || destinationIds.has(product.holderOrganizationId))) continue;
    const kinds = requiredLicences(type, product.managementClass);
    if (!kinds) continue;
    const covered = licences.some((l) => kinds.includes(l.kind) && validOn(l, date) && l.scopeClasses.includes(product.managementClass));
    if (!covered) {
      analysis.violations.push({
        rule: 'epcis.rule.shipper_unlicensed', path: shipperPath,
        params: { organizationId: shipper.id, di, managementClass: product.managementClass, required: kinds.join('|'), date }, organizationId: shipper.id,
      });
    }
  }
}
