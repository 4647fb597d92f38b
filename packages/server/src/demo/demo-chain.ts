import { buildDigitalLink, elementsToEpcUrn, formatBracketed, withGs1CheckDigit } from '@lianjian/core';
import type { DemoOrganization, DemoProduct, DemoWorld } from './demo-world.ts';
import { SeededRandom } from './seeded-random.ts';

/**
 * The demo world's supply chain (issue 3, item 8): production batches of every demo product and
 * the EPCIS 2.0 events that carry them from the factory through one to three distributor tiers to
 * hospitals — commissioning, packing, shipping with purchase orders and despatch advices, receiving,
 * cold-chain storage with temperature readings (exactly one excursion), use on patients, a few
 * returns and destructions. Pure and deterministic: the same world, seed and reference date give
 * the same events. Along with the events it returns the ground truth the recall scope must report
 * per lot × holder, and a few well-known units with their label forms for the README and tests.
 *
 * Modelling choices:
 *  - serialised products (the label carries a serial) travel as SGTINs, packed into cartons (carton
 *    GTIN + serial) and cases (SSCC) at the factory and unpacked at the first distributor;
 *  - lot-only products (masks, syringes, IVD reagents, …) travel as lot quantities (CBV
 *    `quantityList` of the unit DI's LGTIN, in units), which is what the lot × holder projection
 *    counts; quantities are split in whole cartons;
 *  - every party and location is a registered organisation / location of the demo world, and every
 *    shipment leaves from an organisation holding a licence that covers the product's class on the
 *    day, inside the registration's validity, so the demo has no accidental violations.
 */

export const DEMO_EPCIS_CONTEXT: (string | Record<string, string>)[] = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { lj: 'https://lianjian.example/epcis/' }];
const DL = 'https://id.gs1.org';
const DAY = 86_400_000;
const HOUR = 3_600_000;

export type DemoEvent = Record<string, unknown> & { type: 'ObjectEvent' | 'AggregationEvent'; eventTime: string; bizStep: string };

export interface DemoBatch {
  productIndex: number;
  di: string;
  lot: string | null;
  serials: string[];
  quantity: number;
  productionDate: string;
  expiryDate: string | null;
  /** Indexes into `DemoChain.events`: a batch's events are contiguous. */
  firstEvent: number;
  eventCount: number;
}

/** What `POST /api/recall-scope` must report for a lot and one holder. */
export interface LotHolderTruth {
  di: string;
  lot: string;
  holderKey: string;
  holderGln: string;
  inTransit: number;
  inStock: number;
  unusedAtInstitution: number;
  used: number;
}

export interface ExpectedStep {
  bizStep: string;
  /** The organisation the trace shows for the step: the shipper, the receiver, else where it happened. */
  orgKey: string;
  excursion: boolean;
}

export interface WellKnownUnit {
  key: 'hip-implant-used' | 'ivd-lot-excursion' | 'mask-lot' | 'infusion-pump';
  description: string;
  productName: string;
  di: string;
  lot: string | null;
  serial: string | null;
  forms: { digitalLink: string; epcUrn: string; bracketed: string };
  /** The steps `GET /api/trace/{code}` returns, in event-time order. */
  path: ExpectedStep[];
}

export interface DemoChain {
  events: DemoEvent[];
  batches: DemoBatch[];
  truth: LotHolderTruth[];
  wellKnown: WellKnownUnit[];
  counts: { events: number; byType: Record<string, number>; byBizStep: Record<string, number>; returns: number; excursions: number; readings: number };
}

type Org = DemoOrganization;
type Cargo = { kind: 'qty'; q: number } | { kind: 'items'; items: Item[] };
interface Item {
  code: string;
  leaves: string[];
}
interface Holding {
  inStock: number;
  inTransit: number;
  used: number;
}
interface UnitState {
  lotKey: string | null;
  holder: string;
  status: 'in_stock' | 'in_transit' | 'used' | 'destroyed';
}
interface Step {
  event: DemoEvent;
  orgKey: string;
  excursion: boolean;
  time: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const yymmdd = (date: string) => date.slice(2).replaceAll('-', '');
/** A local (Asia/Shanghai) wall-clock time kept as if it were UTC milliseconds. */
const isoLocal = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}+08:00`;
const location = (gln: string) => ({ id: `${DL}/414/${gln}` });
const party = (gln: string) => `${DL}/417/${gln}`;

const SHELF_LIFE_DAYS: Record<string, number> = { mask: 730, syringe: 1095, ivd_reagent: 365, cotton_swab: 730, hip_implant: 1825 };
const LOT_PREFIX: Record<string, string> = { mask: 'MK', syringe: 'SY', infusion_pump: 'IP', glucose_meter: 'GM', hip_implant: 'HJ', ultrasound: 'US', ivd_reagent: 'IV', cotton_swab: 'CS', surgical_cap: 'SC' };
const SERIAL_BATCH_SIZE: Record<string, [number, number]> = { hip_implant: [20, 30], infusion_pump: [8, 16], glucose_meter: [40, 80], ultrasound: [2, 4] };

export function generateDemoChain(world: DemoWorld, options: { seed?: number } = {}): DemoChain {
  const rng = new SeededRandom((options.seed ?? 20261126) ^ 0x5eed);
  const reference = Date.parse(`${world.referenceDate}T00:00:00Z`);
  const orgs = new Map(world.organizations.map((o) => [o.key, o]));
  const distributors = world.organizations.filter((o) => o.type === 'distributor');
  const hospitals = world.organizations.filter((o) => o.type === 'institution');
  const events: DemoEvent[] = [];
  const steps: Step[] = [];
  const batches: DemoBatch[] = [];
  const lotLedger = new Map<string, Map<string, Holding>>();
  const lotInfo = new Map<string, { di: string; lot: string }>();
  const units = new Map<string, UnitState>();
  const unitSteps = new Map<string, number[]>();
  const lotSteps = new Map<string, number[]>();
  const ssccCounter = new Map<string, number>();
  /** What each case holds (cartons with their units, or units). */
  const packed = new Map<string, Item[]>();
  let seq = 0;
  let readings = 0;
  let excursions = 0;
  let excursionPlanted = false;

  const glnOf = (o: Org) => o.gln as string;
  const locOf = (o: Org, kinds: string[], preferName?: string) =>
    (o.locations.find((l) => kinds.includes(l.kind) && (preferName === undefined || l.name === preferName)) ?? o.locations.find((l) => kinds.includes(l.kind)) ?? o.locations[0])!.gln;
  const warehouse = (o: Org, cold: boolean) => (o.type === 'manufacturer' ? locOf(o, ['warehouse']) : o.type === 'institution' ? locOf(o, ['pharmacy']) : locOf(o, ['warehouse'], cold ? '冷链仓库' : '中心仓库'));

  /** Whether the organisation may ship a product of this class on that date (capture's licence rule). */
  const canShip = (o: Org, managementClass: number, date: string) => {
    if (managementClass === 1) return o.type !== 'institution';
    const kinds = o.type === 'manufacturer' ? ['production_license'] : o.type === 'distributor' ? (managementClass === 3 ? ['distribution_license'] : ['distribution_filing', 'distribution_license']) : [];
    return o.licenses.some((l) => kinds.includes(l.kind) && l.scopeClasses.includes(managementClass) && l.validFrom <= date && (l.validTo === null || l.validTo >= date));
  };

  // ---- the ledger: what the recall scope must say -------------------------------------------
  const holding = (lotKey: string, orgKey: string) => {
    let byOrg = lotLedger.get(lotKey);
    if (!byOrg) lotLedger.set(lotKey, (byOrg = new Map()));
    let h = byOrg.get(orgKey);
    if (!h) byOrg.set(orgKey, (h = { inStock: 0, inTransit: 0, used: 0 }));
    return h;
  };
  const leavesOf = (cargo: Cargo) => (cargo.kind === 'items' ? cargo.items.flatMap((i) => i.leaves) : []);
  const setUnits = (cargo: Cargo, f: (s: UnitState) => Partial<UnitState>) => {
    for (const u of leavesOf(cargo)) units.set(u, { ...(units.get(u) as UnitState), ...f(units.get(u) as UnitState) });
  };

  /** Context of one batch: product, lot, the event body naming the cargo. */
  interface BatchContext {
    product: DemoProduct;
    managementClass: number;
    cold: boolean;
    lotKey: string | null;
    classCode: string | null;
    /** Last moment an event may happen: the day before the reference date, or the registration's end. */
    limit: number;
    /** Units per carton: the granule in which lot quantities are split. */
    granule: number;
  }

  const what = (b: BatchContext, cargo: Cargo) =>
    cargo.kind === 'qty' ? { quantityList: [{ epcClass: b.classCode as string, quantity: cargo.q }] } : { epcList: cargo.items.map((i) => i.code) };

  /** Adds an event unless it would fall after the batch's limit; returns whether it was added. */
  const emit = (b: BatchContext, time: number, event: { type: DemoEvent['type']; bizStep: string } & Record<string, unknown>, orgKey: string, touched: { cargo?: Cargo; leaves?: string[] }, excursion = false): boolean => {
    if (time > b.limit) return false;
    const { type, ...rest } = event;
    const full: DemoEvent = { type, eventTime: isoLocal(time), eventTimeZoneOffset: '+08:00', ...rest, bizStep: event.bizStep };
    events.push(full);
    const index = steps.length;
    steps.push({ event: full, orgKey, excursion, time });
    const leaves = touched.leaves ?? (touched.cargo ? leavesOf(touched.cargo) : []);
    for (const u of leaves) unitSteps.set(u, [...(unitSteps.get(u) ?? []), index]);
    if (b.lotKey && touched.cargo?.kind === 'qty') lotSteps.set(b.lotKey, [...(lotSteps.get(b.lotKey) ?? []), index]);
    return true;
  };

  /** The next moment a flow continues: some hours later, within working hours (08–19 h), with a distinct second. */
  const later = (t: number, minHours: number, maxHours: number) => {
    let next = t + Math.round((minHours + rng.next() * (maxHours - minHours)) * HOUR);
    const hour = Math.floor((next % DAY) / HOUR);
    if (hour >= 19 || hour < 8) next = Math.floor(next / DAY) * DAY + (hour >= 19 ? DAY : 0) + 8 * HOUR + rng.int(0, 90) * 60_000;
    next = Math.floor(next / 60_000) * 60_000 + (seq++ % 60) * 1000;
    return next;
  };

  const temperatureReport = (time: number, excursion: boolean) => {
    const values = Array.from({ length: 4 }, () => Math.round((3 + rng.next() * 4) * 10) / 10);
    if (excursion) values[2] = 11.6;
    readings += values.length;
    return [{
      sensorMetadata: { time: isoLocal(time), deviceID: `urn:epc:id:giai:${'6990000'}.TL${pad(rng.int(1, 999), 3)}` },
      sensorReport: values.map((value, i) => ({ type: 'gs1:Temperature', value, uom: 'CEL', time: isoLocal(time - (values.length - i) * 2 * HOUR) })),
    }];
  };

  // ---- the steps of a flow ----------------------------------------------------------------------
  const store = (b: BatchContext, at: Org, cargo: Cargo, t: number, excursion = false): number | null => {
    const gln = warehouse(at, b.cold);
    const time = later(t, 1, 3);
    const ok = emit(b, time, {
      type: 'ObjectEvent', action: 'OBSERVE', ...what(b, cargo), bizStep: 'storing', disposition: 'sellable_not_accessible', readPoint: location(gln), bizLocation: location(gln),
      ...(b.cold ? { sensorElementList: temperatureReport(time, excursion) } : {}),
    }, at.key, { cargo }, excursion);
    if (ok && excursion) excursions++;
    return ok ? time : null;
  };

  /** Ships (or returns) cargo and has it received; null when the flow ends before arrival (still in transit) or never leaves. */
  const ship = (b: BatchContext, from: Org, to: Org, cargo: Cargo, t: number, kind: 'shipping' | 'return' = 'shipping'): number | null => {
    const shipTime = later(t, 18, 60);
    if (shipTime > b.limit) return null;
    // A return is a shipment too (CBV: shipping with disposition returned): the returning party needs the licence as well.
    if (!canShip(from, b.managementClass, dateOf(shipTime))) return null;
    const fromGln = glnOf(from);
    const toGln = glnOf(to);
    const ref = `${pad(seq, 6)}`;
    const documents = kind === 'shipping'
      ? [{ type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:${toGln}:PO${ref}` }, { type: 'desadv', bizTransaction: `urn:epcglobal:cbv:bt:${fromGln}:DA${ref}` }]
      : [{ type: 'rma', bizTransaction: `urn:epcglobal:cbv:bt:${toGln}:RMA${ref}` }];
    const shipGln = from.type === 'institution' ? locOf(from, ['pharmacy']) : warehouse(from, b.cold);
    const parties = { sourceList: [{ type: 'owning_party', source: party(fromGln) }], destinationList: [{ type: 'owning_party', destination: party(toGln) }] };
    emit(b, shipTime, {
      type: 'ObjectEvent', action: 'OBSERVE', ...what(b, cargo), bizStep: 'shipping', disposition: kind === 'shipping' ? 'in_transit' : 'returned',
      readPoint: location(shipGln), bizLocation: location(shipGln), bizTransactionList: documents, ...parties,
    }, from.key, { cargo });
    if (cargo.kind === 'qty' && b.lotKey) {
      const h = holding(b.lotKey, from.key);
      h.inStock -= cargo.q;
      h.inTransit += cargo.q;
    }
    setUnits(cargo, () => ({ holder: from.key, status: 'in_transit' }));
    const receiveTime = later(shipTime, 20, 50);
    const receiveGln = to.type === 'institution' ? locOf(to, ['pharmacy']) : warehouse(to, b.cold);
    const received = emit(b, receiveTime, {
      type: 'ObjectEvent', action: 'OBSERVE', ...what(b, cargo), bizStep: 'receiving', disposition: 'in_progress',
      readPoint: location(receiveGln), bizLocation: location(receiveGln), bizTransactionList: documents.slice(-1), ...parties,
    }, to.key, { cargo });
    if (!received) return null;
    if (cargo.kind === 'qty' && b.lotKey) {
      holding(b.lotKey, from.key).inTransit -= cargo.q;
      holding(b.lotKey, to.key).inStock += cargo.q;
    }
    setUnits(cargo, () => ({ holder: to.key, status: 'in_stock' }));
    return receiveTime;
  };

  const consume = (b: BatchContext, at: Org, cargo: Cargo, t: number, bizStep: 'dispensing' | 'destroying', extra: Record<string, unknown> = {}): number | null => {
    const gln = bizStep === 'dispensing' ? locOf(at, ['department']) : warehouse(at, b.cold);
    const time = later(t, 4, 200);
    const ok = emit(b, time, {
      type: 'ObjectEvent', action: 'OBSERVE', ...what(b, cargo), bizStep, disposition: bizStep === 'dispensing' ? 'dispensed' : 'destroyed',
      readPoint: location(gln), bizLocation: location(gln), ...extra,
    }, at.key, { cargo });
    if (!ok) return null;
    if (cargo.kind === 'qty' && b.lotKey) {
      const h = holding(b.lotKey, at.key);
      h.inStock -= cargo.q;
      if (bizStep === 'dispensing') h.used += cargo.q;
    }
    setUnits(cargo, () => ({ holder: at.key, status: bizStep === 'dispensing' ? 'used' : 'destroyed' }));
    return time;
  };

  /** Splits cargo into parts (whole cartons for quantities); parts may be fewer than asked. */
  const split = (b: BatchContext, cargo: Cargo, parts: number): Cargo[] => {
    if (cargo.kind === 'qty') {
      const cartons = Math.floor(cargo.q / b.granule);
      const n = Math.max(1, Math.min(parts, cartons));
      // One carton each, the rest shared out by random weights, the remainder to the first part.
      const weights = Array.from({ length: n }, () => 1 + rng.next() * 2);
      const sum = weights.reduce((a, c) => a + c, 0);
      const counts = weights.map((w) => 1 + Math.floor((w / sum) * (cartons - n)));
      counts[0]! += cartons - counts.reduce((a, c) => a + c, 0);
      return counts.map((c): Cargo => ({ kind: 'qty', q: c * b.granule }));
    }
    const n = Math.max(1, Math.min(parts, cargo.items.length));
    const out: Item[][] = Array.from({ length: n }, () => []);
    cargo.items.forEach((item, i) => out[i % n]!.push(item));
    return out.map((items) => ({ kind: 'items', items }));
  };
  const size = (cargo: Cargo) => (cargo.kind === 'qty' ? cargo.q : leavesOf(cargo).length);

  const pickDistributor = (b: BatchContext, exclude: Set<string>, near: Org, t: number) => {
    const date = dateOf(t);
    const ok = distributors.filter((d) => !exclude.has(d.key) && canShip(d, b.managementClass, date) && canShip(d, b.managementClass, dateOf(Math.min(b.limit, t + 20 * DAY))));
    const local = ok.filter((d) => d.regionCode.slice(0, 2) === near.regionCode.slice(0, 2));
    return rng.pick(local.length > 0 && rng.chance(0.75) ? local : ok);
  };
  const pickHospital = (near: Org) => {
    const local = hospitals.filter((h) => h.regionCode.slice(0, 2) === near.regionCode.slice(0, 2));
    return rng.pick(local.length > 0 && rng.chance(0.85) ? local : hospitals);
  };

  /** At an institution: use on patients over the following weeks, sometimes a return to the supplier. */
  const atHospital = (b: BatchContext, hospital: Org, supplier: Org, cargo: Cargo, t: number) => {
    let rest = cargo;
    // Class I goods only: a hospital holds no distribution licence, and capture checks every shipper's.
    if (cargo.kind === 'qty' && b.managementClass === 1 && cargo.q >= 2 * b.granule && rng.chance(0.3)) {
      const [back, keep] = [{ kind: 'qty', q: b.granule } as Cargo, { kind: 'qty', q: cargo.q - b.granule } as Cargo];
      const returned = ship(b, hospital, supplier, back, t, 'return');
      if (returned !== null && rng.chance(0.5)) consume(b, supplier, back, returned, 'destroying');
      rest = keep;
    }
    if (b.product.deviceKind === 'hip_implant' && rest.kind === 'items') {
      let time = t;
      const department = rng.pick(['骨科', '关节外科']);
      for (const item of rest.items) {
        if (!rng.chance(0.8)) continue;
        const patientKey = `PK-${pad(rng.int(1, 999_999), 6)}`;
        const used = consume(b, hospital, { kind: 'items', items: [item] }, time, 'dispensing', { 'lj:patientKey': patientKey, 'lj:department': department });
        if (used === null) break;
        time = used;
      }
      return;
    }
    if (b.product.deviceKind === 'infusion_pump' || b.product.deviceKind === 'ultrasound') return; // equipment stays in service at the hospital
    const uses = rng.int(1, 3);
    let time = t;
    let left = rest;
    for (let i = 0; i < uses && size(left) > 0; i++) {
      let portion: Cargo;
      if (left.kind === 'qty') {
        const q = Math.max(1, Math.floor(left.q * (0.2 + rng.next() * 0.4)));
        portion = { kind: 'qty', q };
        left = { kind: 'qty', q: left.q - q };
      } else {
        const leaves = left.items.flatMap((it) => it.leaves);
        const n = Math.max(1, Math.floor(leaves.length * (0.2 + rng.next() * 0.3)));
        const chosen = leaves.slice(0, n);
        portion = { kind: 'items', items: chosen.map((u) => ({ code: u, leaves: [u] })) };
        left = { kind: 'items', items: [{ code: '', leaves: leaves.slice(n) }] };
      }
      const used = consume(b, hospital, portion, time, 'dispensing', { 'lj:department': rng.pick(['内分泌科', '急诊科', '检验科', '门诊']) });
      if (used === null) return;
      time = used;
    }
  };

  /** A distributor passes cargo on: to the next tier or to hospitals, keeping a little in stock. */
  const distribute = (b: BatchContext, at: Org, supplier: Org, cargo: Cargo, t: number, tiersLeft: number, chain: Set<string>) => {
    let rest = cargo;
    if (rest.kind === 'qty' && rest.q >= 3 * b.granule && rng.chance(0.05)) {
      const damaged: Cargo = { kind: 'qty', q: b.granule };
      if (consume(b, at, damaged, t, 'destroying') !== null) rest = { kind: 'qty', q: rest.q - b.granule };
    } else if (rest.kind === 'qty' && rest.q >= 3 * b.granule && rng.chance(0.04)) {
      // A carton goes back to the supplier (wrong item, damaged packaging); the supplier keeps it in stock.
      const back: Cargo = { kind: 'qty', q: b.granule };
      ship(b, at, supplier, back, t, 'return');
      rest = { kind: 'qty', q: rest.q - b.granule };
    }
    const parts = split(b, rest, rng.int(2, 4));
    const keep = parts.length > 2 && rng.chance(0.3) ? parts.pop() : undefined;
    void keep; // stays in stock here
    let time = t;
    for (const part of parts) {
      if (tiersLeft > 0 && rng.chance(0.5)) {
        const next = pickDistributor(b, chain, at, time);
        const arrived = ship(b, at, next, part, time);
        if (arrived === null) continue;
        const stored = b.cold ? store(b, next, part, arrived) : arrived;
        if (stored !== null) distribute(b, next, at, part, stored, tiersLeft - 1, new Set([...chain, next.key]));
      } else {
        const hospital = pickHospital(at);
        const arrived = ship(b, at, hospital, part, time);
        if (arrived !== null) atHospital(b, hospital, at, part, arrived);
      }
      time = later(time, 2, 30);
    }
  };

  // ---- batches ---------------------------------------------------------------------------------
  const families = new Map<string, number>();
  world.products.forEach((product, productIndex) => {
    const holder = orgs.get(product.holderKey) as Org;
    const unitDi = product.dis[0]!.di;
    const cartonDi = product.dis[1]!.di;
    const perCarton = product.dis[1]!.quantityPerPackage;
    const cartonsPerCase = product.dis[2]!.quantityPerPackage;
    const serialised = product.piElements.includes('serial');
    const lotControlled = product.piElements.includes('lot');
    const familyIndex = families.get(product.deviceKind) ?? 0;
    families.set(product.deviceKind, familyIndex + 1);
    const registrationEnd = product.registration.validTo ? Date.parse(`${product.registration.validTo}T18:00:00Z`) : Number.POSITIVE_INFINITY;
    const limit = Math.min(reference - DAY + 18 * HOUR, registrationEnd);
    const licenceFrom = product.registration.managementClass === 1 ? undefined : holder.licenses.filter((l) => l.kind === 'production_license').map((l) => l.validFrom).sort()[0];
    const licenceStart = product.registration.managementClass === 1 ? Number.NEGATIVE_INFINITY : licenceFrom ? Date.parse(`${licenceFrom}T00:00:00Z`) + DAY : Number.POSITIVE_INFINITY;
    const earliest = Math.max(reference - 270 * DAY, Date.parse(`${product.registration.validFrom}T00:00:00Z`) + DAY, licenceStart);
    const batchCount = serialised ? 2 : 3;
    for (let k = 0; k < batchCount; k++) {
      const span = limit - 8 * DAY - earliest;
      if (span < 10 * DAY) break;
      // The first IVD lot of the first IVD product carries the excursion: produce it early enough to reach a distributor.
      const excursionBatch = product.deviceKind === 'ivd_reagent' && !excursionPlanted && k === 0;
      const dayOffset = excursionBatch ? Math.min(span / DAY - 1, 120) : Math.floor(rng.next() * (span / DAY));
      const production = Math.floor((limit - 8 * DAY - dayOffset * DAY) / DAY) * DAY;
      if (production < earliest - DAY) continue;
      const productionDate = dateOf(production);
      const shelf = SHELF_LIFE_DAYS[product.deviceKind];
      const expiryDate = product.piElements.includes('expiry_date') && shelf ? dateOf(production + shelf * DAY) : null;
      // Lot and serial numbers do not depend on the reference date, so the README's demo codes stay valid.
      const batchRef = `${LOT_PREFIX[product.deviceKind] ?? 'B'}${pad(productIndex + 1, 3)}${pad(k + 1, 2)}`;
      const lot = lotControlled ? batchRef : null;
      const lotKey = lot ? `${unitDi}|${lot}` : null;
      if (lot && lotKey) lotInfo.set(lotKey, { di: unitDi, lot });
      const b: BatchContext = {
        product, managementClass: product.registration.managementClass, cold: product.storage !== undefined && product.storage.max <= 8, lotKey,
        classCode: lot && !serialised ? `${DL}/01/${unitDi}/10/${lot}` : null, limit, granule: perCarton,
      };
      const firstEvent = events.length;
      const t0 = production + 8 * HOUR + rng.int(0, 120) * 60_000;
      const plant = locOf(holder, ['plant']);
      let cargo: Cargo;
      let serials: string[] = [];
      let quantity: number;
      let t = t0;
      if (serialised) {
        const [min, max] = SERIAL_BATCH_SIZE[product.deviceKind] ?? [5, 10];
        quantity = rng.int(min, max);
        serials = Array.from({ length: quantity }, (_, i) => `${batchRef}${pad(i + 1, 4)}`);
        const unitCodes = serials.map((s) => (lot ? `${DL}/01/${unitDi}/10/${lot}/21/${s}` : `${DL}/01/${unitDi}/21/${s}`));
        for (const u of unitCodes) units.set(u, { lotKey, holder: holder.key, status: 'in_stock' });
        emit(b, t, { type: 'ObjectEvent', action: 'ADD', epcList: unitCodes, bizStep: 'commissioning', disposition: 'active', readPoint: location(plant), bizLocation: location(plant) }, holder.key, { leaves: unitCodes });
        let items: Item[] = unitCodes.map((u) => ({ code: u, leaves: [u] }));
        if (perCarton > 1) {
          const cartons: Item[] = [];
          for (let c = 0; c * perCarton < items.length; c++) {
            const children = items.slice(c * perCarton, (c + 1) * perCarton);
            const code = `${DL}/01/${cartonDi}/21/${batchRef}C${pad(c + 1, 3)}`;
            t = later(t, 0.1, 0.3);
            emit(b, t, { type: 'AggregationEvent', action: 'ADD', parentID: code, childEPCs: children.map((i) => i.code), bizStep: 'packing', disposition: 'in_progress', readPoint: location(plant), bizLocation: location(plant) }, holder.key, { leaves: children.flatMap((i) => i.leaves) });
            cartons.push({ code, leaves: children.flatMap((i) => i.leaves) });
          }
          items = cartons;
        }
        if (cartonsPerCase > 1 || perCarton > 1) {
          const cases: Item[] = [];
          for (let c = 0; c * cartonsPerCase < items.length; c++) {
            const children = items.slice(c * cartonsPerCase, (c + 1) * cartonsPerCase);
            const n = (ssccCounter.get(holder.key) ?? 0) + 1;
            ssccCounter.set(holder.key, n);
            const code = `${DL}/00/${withGs1CheckDigit(`0${holder.gs1CompanyPrefix}${pad(n, 9)}`)}`;
            t = later(t, 0.1, 0.3);
            emit(b, t, { type: 'AggregationEvent', action: 'ADD', parentID: code, childEPCs: children.map((i) => i.code), bizStep: 'packing', disposition: 'in_progress', readPoint: location(plant), bizLocation: location(plant) }, holder.key, { leaves: children.flatMap((i) => i.leaves) });
            cases.push({ code, leaves: children.flatMap((i) => i.leaves) });
            packed.set(code, children);
          }
          items = cases;
        }
        cargo = { kind: 'items', items };
      } else {
        const caseSize = perCarton * cartonsPerCase;
        const cases = product.deviceKind === 'ivd_reagent' ? rng.int(5, 15) : rng.int(2, 5);
        quantity = cases * caseSize;
        cargo = { kind: 'qty', q: quantity };
        emit(b, t, { type: 'ObjectEvent', action: 'ADD', quantityList: [{ epcClass: b.classCode as string, quantity }], bizStep: 'commissioning', disposition: 'active', readPoint: location(plant), bizLocation: location(plant) }, holder.key, { cargo });
        holding(lotKey as string, holder.key).inStock += quantity;
      }
      const stored = store(b, holder, cargo, t);
      if (stored !== null) {
        t = stored;
        // The manufacturer ships whole cases (quantities: whole cases too) to one to three first-tier distributors.
        const tiers = rng.int(1, 3);
        const caseGranule = b.granule;
        b.granule = cargo.kind === 'qty' ? perCarton * cartonsPerCase : b.granule;
        const parts = split(b, cargo, rng.int(1, 3));
        b.granule = caseGranule;
        const chain = new Set<string>();
        for (const part of parts) {
          const first = pickDistributor(b, chain, holder, t);
          chain.add(first.key);
          const arrived = ship(b, holder, first, part, t);
          if (arrived === null) continue;
          let at = arrived;
          if (part.kind === 'items' && (cartonsPerCase > 1 || perCarton > 1)) {
            // Unpack the cases: their contents travel on separately.
            const contents: Item[] = [];
            for (const c of part.items) {
              at = later(at, 0.2, 1);
              if (!emit(b, at, { type: 'AggregationEvent', action: 'DELETE', parentID: c.code, bizStep: 'unpacking', disposition: 'in_progress', readPoint: location(warehouse(first, b.cold)), bizLocation: location(warehouse(first, b.cold)) }, first.key, { leaves: c.leaves })) break;
              contents.push(...(packed.get(c.code) ?? []));
            }
            if (contents.length < part.items.length) continue;
            distribute(b, first, holder, { kind: 'items', items: contents }, at, tiers - 1, new Set([first.key]));
            continue;
          }
          const excursion = b.cold && !excursionPlanted && excursionBatch;
          const storedAt = b.cold ? store(b, first, part, at, excursion) : at;
          if (excursion && storedAt !== null) excursionPlanted = true;
          if (storedAt !== null) distribute(b, first, holder, part, storedAt, tiers - 1, new Set([first.key]));
        }
      }
      batches.push({ productIndex, di: unitDi, lot, serials, quantity, productionDate, expiryDate, firstEvent, eventCount: events.length - firstEvent });
    }
  });

  // ---- ground truth --------------------------------------------------------------------------------
  const truthMap = new Map<string, LotHolderTruth>();
  const truthRow = (lotKey: string, orgKey: string) => {
    const key = `${lotKey}|${orgKey}`;
    let row = truthMap.get(key);
    if (!row) {
      const { di, lot } = lotInfo.get(lotKey) as { di: string; lot: string };
      truthMap.set(key, (row = { di, lot, holderKey: orgKey, holderGln: glnOf(orgs.get(orgKey) as Org), inTransit: 0, inStock: 0, unusedAtInstitution: 0, used: 0 }));
    }
    return row;
  };
  const isInstitution = (orgKey: string) => orgs.get(orgKey)?.type === 'institution';
  for (const [lotKey, byOrg] of lotLedger) {
    for (const [orgKey, h] of byOrg) {
      const row = truthRow(lotKey, orgKey);
      row.inTransit += h.inTransit;
      row.used += h.used;
      if (isInstitution(orgKey)) row.unusedAtInstitution += h.inStock;
      else row.inStock += h.inStock;
    }
  }
  for (const u of units.values()) {
    if (u.lotKey === null || u.status === 'destroyed') continue;
    const row = truthRow(u.lotKey, u.holder);
    if (u.status === 'in_transit') row.inTransit++;
    else if (u.status === 'used') row.used++;
    else if (isInstitution(u.holder)) row.unusedAtInstitution++;
    else row.inStock++;
  }
  const truth = [...truthMap.values()]
    .filter((r) => r.inTransit + r.inStock + r.unusedAtInstitution + r.used > 0)
    .sort((a, b) => a.di.localeCompare(b.di) || a.lot.localeCompare(b.lot) || a.holderGln.localeCompare(b.holderGln));

  // ---- well-known units ------------------------------------------------------------------------------
  const wellKnown: WellKnownUnit[] = [];
  const pathOf = (indexes: number[]) => indexes.map((i) => steps[i] as Step).sort((a, b) => a.time - b.time).map((s) => ({ bizStep: s.event.bizStep, orgKey: s.orgKey, excursion: s.excursion }));
  const labelForms = (product: DemoProduct, batch: DemoBatch, serial: string | null) => {
    const holder = orgs.get(product.holderKey) as Org;
    const di = batch.di;
    const elements = [
      { ai: '01', value: di },
      ...(product.piElements.includes('production_date') ? [{ ai: '11', value: yymmdd(batch.productionDate) }] : []),
      ...(batch.expiryDate ? [{ ai: '17', value: yymmdd(batch.expiryDate) }] : []),
      ...(batch.lot ? [{ ai: '10', value: batch.lot }] : []),
      ...(serial ? [{ ai: '21', value: serial }] : []),
    ];
    const dl = buildDigitalLink(elements);
    const urn = elementsToEpcUrn(elements, { companyPrefixLength: (holder.gs1CompanyPrefix as string).length as 7 });
    if (!dl.ok || !urn.ok) throw new Error(`demo label forms of ${di} failed`);
    return { digitalLink: dl.value, epcUrn: urn.value, bracketed: formatBracketed(elements) };
  };
  const describe = (key: WellKnownUnit['key'], description: string, batch: DemoBatch, serial: string | null, path: ExpectedStep[]) => {
    const product = world.products[batch.productIndex] as DemoProduct;
    wellKnown.push({ key, description, productName: `${product.name} ${product.model}`, di: batch.di, lot: batch.lot, serial, forms: labelForms(product, batch, serial), path });
  };
  const kindOf = (batch: DemoBatch) => world.products[batch.productIndex]?.deviceKind;
  const unitCode = (batch: DemoBatch, serial: string) => (batch.lot ? `${DL}/01/${batch.di}/10/${batch.lot}/21/${serial}` : `${DL}/01/${batch.di}/21/${serial}`);
  const hip = batches.filter((x) => kindOf(x) === 'hip_implant').flatMap((x) => x.serials.map((s) => ({ batch: x, serial: s }))).find(({ batch, serial }) => units.get(unitCode(batch, serial))?.status === 'used');
  if (hip) describe('hip-implant-used', 'hip implant implanted in a patient · 已植入患者的髋关节假体', hip.batch, hip.serial, pathOf(unitSteps.get(unitCode(hip.batch, hip.serial)) ?? []));
  const ivd = batches.find((x) => x.lot !== null && (lotSteps.get(`${x.di}|${x.lot}`) ?? []).some((i) => steps[i]?.excursion));
  if (ivd) describe('ivd-lot-excursion', 'IVD reagent lot with a cold-chain excursion at a distributor warehouse · 冷链温度超标的体外诊断试剂批次', ivd, null, pathOf(lotSteps.get(`${ivd.di}|${ivd.lot}`) ?? []));
  const mask = batches.find((x) => kindOf(x) === 'mask' && world.products[x.productIndex]?.holderKey === 'mfr-0' && (lotSteps.get(`${x.di}|${x.lot}`) ?? []).length > 3);
  if (mask) describe('mask-lot', 'surgical mask lot of the demo manufacturer · 演示生产企业的医用外科口罩批次', mask, null, pathOf(lotSteps.get(`${mask.di}|${mask.lot}`) ?? []));
  const pump = batches.filter((x) => kindOf(x) === 'infusion_pump').flatMap((x) => x.serials.map((s) => ({ batch: x, serial: s }))).find(({ batch, serial }) => {
    const u = units.get(unitCode(batch, serial));
    return u !== undefined && isInstitution(u.holder) && u.status === 'in_stock';
  });
  if (pump) describe('infusion-pump', 'infusion pump in service at a hospital · 在用的输液泵', pump.batch, pump.serial, pathOf(unitSteps.get(unitCode(pump.batch, pump.serial)) ?? []));

  const byType: Record<string, number> = {};
  const byBizStep: Record<string, number> = {};
  for (const e of events) {
    byType[e.type] = (byType[e.type] ?? 0) + 1;
    byBizStep[e.bizStep] = (byBizStep[e.bizStep] ?? 0) + 1;
  }
  const returns = events.filter((e) => e.disposition === 'returned').length;
  return { events, batches, truth, wellKnown, counts: { events: events.length, byType, byBizStep, returns, excursions, readings } };
}

/** An EPCIS 2.0 JSON-LD document of demo events. */
export function demoEpcisDocument(events: DemoEvent[], creationDate: string): Record<string, unknown> {
  return { '@context': DEMO_EPCIS_CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate, epcisBody: { eventList: events } };
}
