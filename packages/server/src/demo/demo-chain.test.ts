import { parseUdi, shanghaiDate } from '@lianjian/core';
import { validateEpcisJson } from '@lianjian/core/epcis/index';
import { describe, expect, it } from 'vitest';
import { demoEpcisDocument, generateDemoChain, type DemoEvent } from './demo-chain.ts';
import { generateDemoWorld, type DemoOrganization } from './demo-world.ts';

const REFERENCE_DATE = '2026-11-26';
const world = generateDemoWorld({ referenceDate: REFERENCE_DATE });
const chain = generateDemoChain(world);

const glnOf = (id: string) => /\/41[47]\/(\d{13})$/.exec(id)?.[1] ?? null;
const orgByGln = new Map(world.organizations.filter((o) => o.gln).map((o) => [o.gln as string, o]));
const orgByLocation = new Map(world.organizations.flatMap((o) => o.locations.map((l) => [l.gln, o] as const)));
const productByDi = new Map(world.products.flatMap((p) => p.dis.map((d) => [d.di, p] as const)));
const date = (e: DemoEvent) => shanghaiDate(new Date(e.eventTime));
const locationOrg = (e: DemoEvent) => orgByLocation.get(glnOf((e.bizLocation as { id: string }).id) ?? '');
const sourceOrg = (e: DemoEvent) => orgByGln.get(glnOf((e.sourceList as { source: string }[] | undefined)?.[0]?.source ?? '') ?? '');
const disOf = (e: DemoEvent) => {
  const codes = [...((e.epcList as string[] | undefined) ?? []), ...((e.childEPCs as string[] | undefined) ?? []), ...((e.quantityList as { epcClass: string }[] | undefined) ?? []).map((q) => q.epcClass)];
  return [...new Set(codes.map((c) => /\/01\/(\d{14})/.exec(c)?.[1]).filter((d): d is string => d !== undefined))];
};
/** The licence rule of capture, restated: who may ship a product of a class on a date. */
const licensed = (o: DemoOrganization, managementClass: number, day: string) => {
  if (managementClass === 1) return true;
  const kinds = o.type === 'manufacturer' ? ['production_license'] : managementClass === 3 ? ['distribution_license'] : ['distribution_filing', 'distribution_license'];
  return o.licenses.some((l) => kinds.includes(l.kind) && l.scopeClasses.includes(managementClass) && l.validFrom <= day && (l.validTo === null || l.validTo >= day));
};
const temperatures = (e: DemoEvent) => ((e.sensorElementList as { sensorReport: { value: number }[] }[] | undefined) ?? []).flatMap((s) => s.sensorReport.map((r) => r.value));

describe('generateDemoChain', () => {
  it('is deterministic: the same world, seed and date give the same events', () => {
    expect(generateDemoChain(generateDemoWorld({ referenceDate: REFERENCE_DATE }))).toEqual(chain);
    const other = generateDemoChain(world, { seed: 7 });
    expect(other.events).not.toEqual(chain.events);
  });

  it('keeps lots, serials and holders whatever the reference date (only the dates move)', () => {
    const later = generateDemoChain(generateDemoWorld({ referenceDate: '2027-03-01' }));
    expect(later.truth).toEqual(chain.truth);
    expect(later.wellKnown.map((w) => [w.di, w.lot, w.serial, w.path])).toEqual(chain.wellKnown.map((w) => [w.di, w.lot, w.serial, w.path]));
    expect(later.counts).toEqual(chain.counts);
  });

  it('stays within the event budget at scale 1 and grows with the scale', () => {
    expect(chain.counts.events).toBeGreaterThan(4_000);
    expect(chain.counts.events).toBeLessThanOrEqual(15_000);
    expect(chain.events).toHaveLength(chain.counts.events);
    const small = generateDemoChain(generateDemoWorld({ referenceDate: REFERENCE_DATE, scale: 0.3 }));
    expect(small.counts.events).toBeLessThan(chain.counts.events / 2);
    for (const step of ['commissioning', 'packing', 'shipping', 'receiving', 'storing', 'unpacking', 'dispensing', 'destroying']) expect(chain.counts.byBizStep[step] ?? 0, step).toBeGreaterThan(0);
    expect(chain.counts.returns).toBeGreaterThan(0);
    expect(chain.counts.byType.AggregationEvent).toBeGreaterThan(0);
  });

  it('produces only valid EPCIS 2.0 events, all in the past', () => {
    const result = validateEpcisJson(demoEpcisDocument(chain.events, `${REFERENCE_DATE}T00:00:00+08:00`));
    expect(result.ok, result.ok ? '' : JSON.stringify(result.issues.slice(0, 3))).toBe(true);
    for (const e of chain.events) expect(date(e) < REFERENCE_DATE, e.eventTime).toBe(true);
  });

  it('names only registered parties and locations, licensed shippers and valid registrations', () => {
    for (const e of chain.events) {
      for (const field of ['readPoint', 'bizLocation'] as const) expect(orgByLocation.has(glnOf((e[field] as { id: string }).id) ?? ''), `${field} of ${e.eventTime}`).toBe(true);
      for (const s of (e.sourceList as { source: string }[] | undefined) ?? []) expect(orgByGln.has(glnOf(s.source) ?? '')).toBe(true);
      for (const d of (e.destinationList as { destination: string }[] | undefined) ?? []) expect(orgByGln.has(glnOf(d.destination) ?? '')).toBe(true);
      for (const di of disOf(e)) {
        const p = productByDi.get(di);
        expect(p, di).toBeDefined();
        expect(p!.registration.validFrom <= date(e) && (p!.registration.validTo === null || p!.registration.validTo >= date(e)), `${di} on ${date(e)}`).toBe(true);
      }
      if (e.bizStep === 'shipping') {
        const shipper = sourceOrg(e)!;
        // Ships from its own location, under a licence covering every product it ships.
        expect(locationOrg(e)?.key).toBe(shipper.key);
        for (const di of disOf(e)) expect(licensed(shipper, productByDi.get(di)!.registration.managementClass, date(e)), `${shipper.key} ${di} ${date(e)}`).toBe(true);
      }
    }
  });

  it('plants exactly one cold-chain excursion, at a distributor warehouse, for an IVD lot', () => {
    const withReadings = chain.events.filter((e) => temperatures(e).length > 0);
    expect(withReadings.length).toBeGreaterThan(20);
    for (const e of withReadings) for (const di of disOf(e)) expect(productByDi.get(di)?.storage).toMatchObject({ min: 2, max: 8 });
    const excursions = withReadings.filter((e) => temperatures(e).some((v) => v < 2 || v > 8));
    expect(excursions).toHaveLength(1);
    expect(chain.counts.excursions).toBe(1);
    const [e] = excursions as [DemoEvent];
    expect(e.bizStep).toBe('storing');
    expect(locationOrg(e)?.type).toBe('distributor');
    expect(productByDi.get(disOf(e)[0]!)?.deviceKind).toBe('ivd_reagent');
  });

  it('returns ground truth per lot and holder that adds up, with every recall category present', () => {
    const lots = new Set(chain.truth.map((r) => `${r.di}|${r.lot}`));
    expect(lots.size).toBeGreaterThan(50);
    for (const b of chain.batches.filter((x) => x.lot !== null)) {
      const rows = chain.truth.filter((r) => r.di === b.di && r.lot === b.lot);
      const total = rows.reduce((n, r) => n + r.inTransit + r.inStock + r.unusedAtInstitution + r.used, 0);
      expect(total, `${b.di}/${b.lot}`).toBeLessThanOrEqual(b.quantity);
      expect(total, `${b.di}/${b.lot}`).toBeGreaterThan(0);
      for (const r of rows) for (const n of [r.inTransit, r.inStock, r.unusedAtInstitution, r.used]) expect(n).toBeGreaterThanOrEqual(0);
    }
    for (const k of ['inTransit', 'inStock', 'unusedAtInstitution', 'used'] as const) expect(chain.truth.some((r) => r[k] > 0), k).toBe(true);
    const holders = chain.truth.map((r) => orgByGln.get(r.holderGln)?.type);
    expect(new Set(holders)).toEqual(new Set(['manufacturer', 'distributor', 'institution']));
  });

  it('names well-known units whose three label forms parse to the same DI, lot and serial', () => {
    expect(chain.wellKnown.map((w) => w.key).sort()).toEqual(['hip-implant-used', 'infusion-pump', 'ivd-lot-excursion', 'mask-lot']);
    for (const w of chain.wellKnown) {
      for (const form of Object.values(w.forms)) {
        const parsed = parseUdi(form);
        expect(parsed.ok, form).toBe(true);
        if (parsed.ok) expect(parsed.value.di).toBe(w.di);
      }
      const bracketed = parseUdi(w.forms.bracketed);
      if (bracketed.ok) expect({ lot: bracketed.value.pi.lot, serial: bracketed.value.pi.serial }).toEqual({ lot: w.lot, serial: w.serial });
      const orgTypes = w.path.map((s) => world.organizations.find((o) => o.key === s.orgKey)?.type);
      expect(orgTypes[0]).toBe('manufacturer');
      expect(orgTypes).toContain('distributor');
      expect(orgTypes).toContain('institution');
    }
    const hip = chain.wellKnown.find((w) => w.key === 'hip-implant-used')!;
    expect(hip.path.at(-1)?.bizStep).toBe('dispensing');
    expect(chain.wellKnown.find((w) => w.key === 'ivd-lot-excursion')!.path.filter((s) => s.excursion)).toHaveLength(1);
  });
});
