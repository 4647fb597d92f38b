import { hasValidGs1CheckDigit, parseCreditCode, parseRegistrationNumber } from '@lianjian/core';
import { describe, expect, it } from 'vitest';
import { generateDemoWorld, type DemoWorld } from './demo-world.ts';

const REFERENCE_DATE = '2026-11-26';
const world = generateDemoWorld({ referenceDate: REFERENCE_DATE });
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const ofType = (w: DemoWorld, type: string) => w.organizations.filter((o) => o.type === type);

describe('generateDemoWorld', () => {
  it('is deterministic: the same seed and date give the same world, another seed another one', () => {
    expect(generateDemoWorld({ referenceDate: REFERENCE_DATE })).toEqual(world);
    expect(generateDemoWorld({ referenceDate: REFERENCE_DATE, seed: 20261126 })).toEqual(world);
    const other = generateDemoWorld({ referenceDate: REFERENCE_DATE, seed: 7 });
    expect(other.organizations.map((o) => o.name)).not.toEqual(world.organizations.map((o) => o.name));
    expect(world.referenceDate).toBe(REFERENCE_DATE);
  });

  it('has the base counts at scale 1 and proportionally more at scale 2', () => {
    const provinces = new Set(world.organizations.filter((o) => o.type !== 'regulator' || o.regionCode !== '110000').map((o) => o.regionCode.slice(0, 2)));
    expect(provinces.size).toBeGreaterThanOrEqual(3);
    expect([...provinces].sort()).toEqual(['32', '33', '44']);
    expect(ofType(world, 'manufacturer')).toHaveLength(30);
    expect(ofType(world, 'distributor')).toHaveLength(100);
    expect(ofType(world, 'institution')).toHaveLength(150);
    expect(world.products).toHaveLength(60);
    const double = generateDemoWorld({ referenceDate: REFERENCE_DATE, scale: 2 });
    expect(ofType(double, 'manufacturer')).toHaveLength(60);
    expect(ofType(double, 'distributor')).toHaveLength(200);
    expect(ofType(double, 'institution')).toHaveLength(300);
    expect(double.products).toHaveLength(120);
    // Regulators and agencies do not scale: one national, three provincial, eight city regulators, two agencies.
    expect(ofType(double, 'regulator')).toHaveLength(ofType(world, 'regulator').length);
    expect(ofType(world, 'regulator')).toHaveLength(12);
    expect(ofType(world, 'agency')).toHaveLength(2);
  });

  for (const scale of [1, 2, 5]) {
    it(`has valid identifiers everywhere (scale ${scale})`, () => {
      const w = scale === 1 ? world : generateDemoWorld({ referenceDate: REFERENCE_DATE, scale });
      const enterprises = w.organizations.filter((o) => ['manufacturer', 'distributor', 'institution'].includes(o.type));
      for (const o of enterprises) {
        const parsed = parseCreditCode(o.creditCode ?? '');
        expect(parsed.ok, `${o.key} ${o.creditCode}`).toBe(true);
        // Characters 3–8 carry the organisation's own county.
        if (parsed.ok) expect(parsed.value.regionCode).toBe(o.regionCode);
      }
      const glns = w.organizations.flatMap((o) => [o.gln, ...o.locations.map((l) => l.gln)]).filter((g): g is string => g !== null);
      expect(glns.length).toBeGreaterThan(enterprises.length * 2);
      for (const gln of glns) expect(/^\d{13}$/.test(gln) && hasValidGs1CheckDigit(gln), gln).toBe(true);
      for (const o of w.organizations) {
        for (const l of o.locations) expect(l.gln.startsWith(o.gs1CompanyPrefix ?? '-'), `${o.key} ${l.gln}`).toBe(true);
      }
      const dis = w.products.flatMap((p) => p.dis.map((d) => d.di));
      for (const di of dis) expect(/^\d{14}$/.test(di) && hasValidGs1CheckDigit(di), di).toBe(true);
      // Identifiers that the database keeps unique are unique.
      const unique = (xs: (string | null)[]) => new Set(xs).size === xs.length;
      expect(unique(dis)).toBe(true);
      expect(unique(glns)).toBe(true);
      expect(unique(enterprises.map((o) => o.creditCode))).toBe(true);
      expect(unique(w.organizations.map((o) => o.name))).toBe(true);
      expect(unique(w.products.map((p) => p.registration.number))).toBe(true);
      for (const p of w.products) {
        const r = parseRegistrationNumber(p.registration.number);
        expect(r.ok, p.registration.number).toBe(true);
        if (r.ok) {
          expect(r.value.managementClass, p.registration.number).toBe(p.registration.managementClass);
          expect(r.value.kind).toBe(p.registration.managementClass === 1 ? 'filing' : 'registration');
        }
        expect(p.registration.validTo === null || p.registration.validTo > p.registration.validFrom).toBe(true);
        // Each package level contains the level below it.
        expect(p.dis.map((d) => d.packageLevel)).toEqual([0, 1, 2]);
        expect(p.dis.map((d) => d.containsDi)).toEqual([null, p.dis[0]!.di, p.dis[1]!.di]);
        const holder = w.organizations.find((o) => o.key === p.holderKey);
        expect(holder?.type).toBe('manufacturer');
        for (const d of p.dis) expect(d.di.slice(1, 8)).toBe(holder?.gs1CompanyPrefix);
      }
    });
  }

  it('plants the situations the demo needs: expiring and lapsed licences, rural institutions, cold-chain IVDs', () => {
    const licences = world.organizations.flatMap((o) => o.licenses.map((l) => ({ ...l, org: o })));
    for (const l of licences) expect(l.validTo === null || l.validTo >= l.validFrom, l.number).toBe(true);
    const expiring = licences.filter((l) => l.validTo !== null && l.validTo >= REFERENCE_DATE && days(REFERENCE_DATE, l.validTo) <= 90);
    expect(expiring.length).toBeGreaterThanOrEqual(2);
    expect(new Set(expiring.map((l) => l.org.type))).toEqual(new Set(['manufacturer', 'distributor']));
    const lapsedDistributor = licences.filter((l) => l.org.type === 'distributor' && l.validTo !== null && l.validTo < REFERENCE_DATE);
    expect(lapsedDistributor).toHaveLength(1);
    expect(lapsedDistributor[0]).toMatchObject({ kind: 'distribution_license', validTo: '2026-11-05' });
    const lapsed = licences.filter((l) => l.validTo !== null && l.validTo < REFERENCE_DATE);
    expect(lapsed).toHaveLength(1);
    const rural = ofType(world, 'institution').filter((o) => o.rural);
    expect(rural.length).toBeGreaterThan(0);
    expect(rural.length).toBeLessThan(150);
    const ruralCounties = new Set(['330122', '330127', '330225', '330226', '330522', '330523', '320118', '320585', '440117', '440608']);
    for (const o of rural) expect(ruralCounties.has(o.regionCode), `${o.name} ${o.regionCode}`).toBe(true);
    const coldIvd = world.products.filter((p) => p.deviceKind === 'ivd_reagent' && p.storage?.min === 2 && p.storage.max === 8);
    expect(coldIvd.length).toBeGreaterThanOrEqual(2);
    expect(new Set(coldIvd.map((p) => p.registration.managementClass))).toEqual(new Set([2, 3]));
    // Licence kinds fit the holder's type, as the licence service demands.
    for (const l of licences) {
      const allowed = l.org.type === 'manufacturer' ? ['production_license', 'production_filing', 'qms_certificate'] : ['distribution_license', 'distribution_filing', 'qms_certificate'];
      expect(allowed, `${l.org.type} ${l.kind}`).toContain(l.kind);
    }
  });

  it('has the eleven demo accounts, each tied to an organisation of the right kind', () => {
    expect(world.users.map((u) => u.username).sort()).toEqual([
      'demo-agency', 'demo-auditadmin', 'demo-city', 'demo-distributor', 'demo-hospital', 'demo-manufacturer', 'demo-national', 'demo-privacy',
      'demo-province', 'demo-secadmin', 'demo-sysadmin',
    ]);
    const org = (username: string) => {
      const key = world.users.find((u) => u.username === username)?.organizationKey;
      return world.organizations.find((o) => o.key === key);
    };
    expect(org('demo-manufacturer')).toMatchObject({ type: 'manufacturer', regionCode: expect.stringMatching(/^3301/) });
    expect(org('demo-distributor')).toMatchObject({ type: 'distributor', regionCode: expect.stringMatching(/^3301/) });
    expect(org('demo-hospital')).toMatchObject({ type: 'institution', regionCode: expect.stringMatching(/^3301/) });
    expect(org('demo-agency')?.type).toBe('agency');
    expect(world.users.find((u) => u.username === 'demo-province')).toMatchObject({ role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' });
    expect(world.users.find((u) => u.username === 'demo-city')).toMatchObject({ role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' });
    expect(world.users.find((u) => u.username === 'demo-national')).toMatchObject({ role: 'regulator', regulatorLevel: 'national' });
    for (const role of ['privacy_officer', 'sysadmin', 'secadmin', 'auditadmin']) {
      expect(world.users.find((u) => u.role === role)?.organizationKey).toBeNull();
    }
    // The demo manufacturer holds products, so its dashboards are not empty.
    expect(world.products.filter((p) => p.holderKey === 'mfr-0').length).toBeGreaterThan(0);
  });
});
