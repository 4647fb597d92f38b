import { shanghaiDate } from '@lianjian/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ALERT_EVENTS } from './demo-alerts.ts';
import { call, loginHeaders, useTestApp } from '../test/test-app.ts';
import { DEMO_PASSWORD, type DemoWorld } from './demo-world.ts';
import { loadDemoWorld, type DemoLoadResult } from './load-demo-world.ts';

const t = useTestApp();
// The licence service judges expiry against today in Asia/Shanghai; generating the world for the same day
// makes the generator's planted situations the ground truth for what the API reports.
const today = shanghaiDate(new Date());
const SCALE = 0.3;
let result: DemoLoadResult;
let world: DemoWorld;

beforeAll(async () => {
  result = await loadDemoWorld(t().deps, { scale: SCALE, referenceDate: today });
  world = result.world;
}, 300_000);

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const as = (username: string) => loginHeaders(t().app, username, DEMO_PASSWORD);
async function getJson(headers: Record<string, string>, url: string) {
  const res = await call(t().app, headers, { method: 'GET', url });
  expect(res.statusCode, url).toBe(200);
  return res.json();
}
async function tableCounts() {
  const db = t().deps.db;
  const out: Record<string, number> = {};
  for (const table of ['organizations', 'organization_locations', 'licenses', 'registrations', 'products', 'product_dis', 'users'] as const) {
    out[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }
  return out;
}
const licencesOf = (pred: (o: DemoWorld['organizations'][number]) => boolean) => world.organizations.filter(pred).flatMap((o) => o.licenses.map((l) => ({ ...l, org: o })));

describe('loadDemoWorld', () => {
  it('loads every generated record once, through the services', async () => {
    expect(result.loaded).toBe(true);
    expect(world.organizations.filter((o) => o.type === 'manufacturer')).toHaveLength(9);
    expect(world.organizations.filter((o) => o.type === 'distributor')).toHaveLength(30);
    expect(world.organizations.filter((o) => o.type === 'institution')).toHaveLength(45);
    expect(result.counts).toEqual({ organizations: world.organizations.length, products: world.products.length, users: 11, events: result.chain.events.length });
    expect(await tableCounts()).toEqual({
      organizations: world.organizations.length,
      organization_locations: world.organizations.reduce((n, o) => n + o.locations.length, 0),
      licenses: licencesOf(() => true).length,
      registrations: world.products.length,
      products: world.products.length,
      product_dis: world.products.reduce((n, p) => n + p.dis.length, 0),
      users: 11,
    });
    const system = await t().deps.db.selectFrom('audit_log').select('action').where('actor_type', '=', 'system').where('action', '=', 'organization.create').execute();
    expect(system).toHaveLength(world.organizations.length);
  });

  it('does not duplicate anything when loaded twice', async () => {
    const before = await tableCounts();
    const again = await loadDemoWorld(t().deps, { scale: SCALE, referenceDate: today });
    expect(again.loaded).toBe(false);
    expect(await tableCounts()).toEqual(before);
  });
});

describe('the demo accounts see their scope', () => {
  it('demo-province sees exactly the Zhejiang organisations', async () => {
    const r = await getJson(await as('demo-province'), '/api/organizations?pageSize=500');
    const expected = world.organizations.filter((o) => o.regionCode.startsWith('33'));
    expect(r.total).toBe(expected.length);
    expect(r.items.every((o: { regionCode: string }) => o.regionCode.startsWith('33'))).toBe(true);
    expect(r.items.map((o: { name: string }) => o.name).sort()).toEqual(expected.map((o) => o.name).sort());
    const licences = await getJson(await as('demo-province'), '/api/licenses?pageSize=500');
    expect(licences.total).toBe(licencesOf((o) => o.regionCode.startsWith('33')).length);
  });

  it('demo-city sees exactly the Hangzhou organisations', async () => {
    const r = await getJson(await as('demo-city'), '/api/organizations?pageSize=500');
    const expected = world.organizations.filter((o) => o.regionCode.startsWith('3301'));
    expect(r.total).toBe(expected.length);
    expect(r.items.every((o: { regionCode: string }) => o.regionCode.startsWith('3301'))).toBe(true);
    expect(r.items.map((o: { name: string }) => o.name).sort()).toEqual(expected.map((o) => o.name).sort());
  });

  it('demo-manufacturer sees only its own organisation and licences, but the whole product catalogue', async () => {
    const headers = await as('demo-manufacturer');
    const own = world.organizations.find((o) => o.key === 'mfr-0')!;
    const orgs = await getJson(headers, '/api/organizations');
    expect(orgs).toMatchObject({ total: 1, items: [{ name: own.name, creditCode: own.creditCode, gln: own.gln }] });
    expect(orgs.items[0].locations.map((l: { gln: string }) => l.gln)).toEqual(own.locations.map((l) => l.gln));
    const licences = await getJson(headers, '/api/licenses?sort=id');
    expect(licences.total).toBe(own.licenses.length);
    expect(licences.items.map((l: { number: string }) => l.number)).toEqual(own.licenses.map((l) => l.number));
    expect(licences.items.every((l: { organizationId: number }) => l.organizationId === orgs.items[0].id)).toBe(true);
    const products = await getJson(headers, '/api/products?pageSize=500');
    expect(products.total).toBe(world.products.length);
    const mine = await getJson(headers, `/api/products?holderId=${orgs.items[0].id}`);
    expect(mine.total).toBe(world.products.filter((p) => p.holderKey === 'mfr-0').length);
  });

  it('demo-distributor and demo-hospital see only their own organisation', async () => {
    for (const [username, key] of [['demo-distributor', 'dist-0'], ['demo-hospital', 'hosp-0']] as const) {
      const r = await getJson(await as(username), '/api/organizations');
      expect(r).toMatchObject({ total: 1, items: [{ name: world.organizations.find((o) => o.key === key)!.name }] });
    }
    const distributorLicences = await getJson(await as('demo-distributor'), '/api/licenses');
    expect(distributorLicences.total).toBe(world.organizations.find((o) => o.key === 'dist-0')!.licenses.length);
  });

  it('demo-national sees all three provinces and counts that match the generator', async () => {
    const headers = await as('demo-national');
    const orgs = await getJson(headers, '/api/organizations?pageSize=500');
    expect(orgs.total).toBe(world.organizations.length);
    const provinces = new Set(orgs.items.map((o: { regionCode: string }) => o.regionCode.slice(0, 2)));
    expect(provinces).toEqual(new Set(['11', '32', '33', '44']));
    for (const type of ['manufacturer', 'distributor', 'institution', 'regulator', 'agency']) {
      expect((await getJson(headers, `/api/organizations?type=${type}&pageSize=1`)).total, type).toBe(world.organizations.filter((o) => o.type === type).length);
    }
    for (const region of ['320000', '440000', '330100']) {
      const prefix = region.endsWith('0000') ? region.slice(0, 2) : region.slice(0, 4);
      expect((await getJson(headers, `/api/organizations?region=${region}&pageSize=1`)).total, region).toBe(world.organizations.filter((o) => o.regionCode.startsWith(prefix)).length);
    }
    const all = licencesOf(() => true);
    const expiring = all.filter((l) => l.validTo !== null && l.validTo >= today && days(today, l.validTo) <= 90);
    const expired = all.filter((l) => l.validTo !== null && l.validTo < today);
    expect(expiring.length).toBeGreaterThanOrEqual(2);
    expect(expired).toHaveLength(1);
    expect((await getJson(headers, '/api/licenses?pageSize=1')).total).toBe(all.length);
    const apiExpiring = await getJson(headers, '/api/licenses?status=expiring&pageSize=500&sort=validTo');
    expect(apiExpiring.items.map((l: { number: string }) => l.number).sort()).toEqual(expiring.map((l) => l.number).sort());
    const apiExpired = await getJson(headers, '/api/licenses?status=expired');
    expect(apiExpired).toMatchObject({ total: 1, items: [{ number: expired[0]!.number, organizationType: 'distributor', effectiveStatus: 'expired' }] });
    expect((await getJson(headers, '/api/licenses?status=valid&pageSize=1')).total).toBe(all.length - expiring.length - expired.length);
    const products = await getJson(headers, '/api/products?pageSize=1');
    expect(products.total).toBe(world.products.length);
    const cold = await getJson(headers, '/api/products?deviceKind=ivd_reagent&pageSize=100');
    expect(cold.total).toBe(world.products.filter((p) => p.deviceKind === 'ivd_reagent').length);
    expect(cold.items.every((p: { storageMinC: number; storageMaxC: number }) => p.storageMinC === 2 && p.storageMaxC === 8)).toBe(true);
    const anyDi = world.products[world.products.length - 1]!.dis[1]!.di;
    expect((await getJson(headers, `/api/products?di=${anyDi}`)).items.map((p: { dis: { di: string }[] }) => p.dis[1]!.di)).toEqual([anyDi]);
  });

  it('admin accounts exist but see no business data', async () => {
    for (const username of ['demo-privacy', 'demo-secadmin', 'demo-auditadmin']) {
      const res = await call(t().app, await as(username), { method: 'GET', url: '/api/organizations' });
      expect(res.statusCode, username).toBe(403);
    }
    expect((await getJson(await as('demo-sysadmin'), '/api/organizations?pageSize=1')).total).toBe(world.organizations.length);
    expect((await getJson(await as('demo-agency'), '/api/organizations')).total).toBe(1);
  });

  it('demo-privacy finds demo-city\'s request waiting, and demo-city sees it on the masked patient', async () => {
    const queue = await getJson(await as('demo-privacy'), '/api/patient-identity-requests?status=pending');
    expect(queue.items).toMatchObject([{ requesterUsername: 'demo-city', status: 'pending', purpose: expect.stringContaining('不良事件调查 AE') }]);
    const identity = await getJson(await as('demo-city'), `/api/patients/${queue.items[0].patientKey}/identity`);
    expect(identity).toMatchObject({ masked: true, request: { id: queue.items[0].id, status: 'pending' } });
  });
});

describe('the demo chain', () => {
  const trace = async (code: string) => {
    const res = await call(t().app, await as('demo-national'), { method: 'GET', url: `/api/trace/${encodeURIComponent(code)}` });
    expect(res.statusCode, `${code} ${res.body.slice(0, 300)}`).toBe(200);
    return res.json();
  };
  const keyByGln = () => new Map(world.organizations.filter((o) => o.gln).map((o) => [o.gln as string, o.key]));

  it('is captured whole through the capture service, with no violation', async () => {
    expect(result.capture).toMatchObject({ accepted: result.chain.events.length, duplicates: 0, rejected: 0, violations: 0 });
    const db = t().deps.db;
    const count = async (table: 'epcis_events' | 'event_violations') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    // Plus the alert demo's planted events (demo-alerts.ts): a sale under an expired registration is its one violation.
    expect(await count('epcis_events')).toBe(result.chain.events.length + DEMO_ALERT_EVENTS);
    expect(await count('event_violations')).toBe(1);
    // Loading again captures nothing more.
    expect((await loadDemoWorld(t().deps, { scale: SCALE, referenceDate: today })).capture.accepted).toBe(0);
    expect(await count('epcis_events')).toBe(result.chain.events.length + DEMO_ALERT_EVENTS);
  });

  it('recall scope of every demo lot lists every holder with the generator’s counts', async () => {
    const glnKey = keyByGln();
    const lots = [...new Map(result.chain.truth.map((r) => [`${r.di}|${r.lot}`, { di: r.di, lot: r.lot }])).values()];
    expect(lots.length).toBeGreaterThan(10);
    const national = await as('demo-national');
    const province = await as('demo-province');
    for (const [i, lot] of lots.entries()) {
      const res = await call(t().app, i % 2 === 0 ? national : province, { method: 'POST', url: '/api/recall-scope', payload: { lots: [lot] } });
      expect(res.statusCode, res.body).toBe(200);
      const actual = (res.json().holders as { gln: string; inTransit: number; inStock: number; unusedAtInstitution: number; used: number }[])
        .map((h) => ({ holderKey: glnKey.get(h.gln), inTransit: h.inTransit, inStock: h.inStock, unusedAtInstitution: h.unusedAtInstitution, used: h.used }))
        .sort((a, b) => String(a.holderKey).localeCompare(String(b.holderKey)));
      const expected = result.chain.truth.filter((r) => r.di === lot.di && r.lot === lot.lot)
        .map((r) => ({ holderKey: r.holderKey, inTransit: r.inTransit, inStock: r.inStock, unusedAtInstitution: r.unusedAtInstitution, used: r.used }))
        .sort((a, b) => a.holderKey.localeCompare(b.holderKey));
      expect(actual, `${lot.di}/${lot.lot}`).toEqual(expected);
    }
  });

  it('traces every well-known unit by Digital Link, EPC URN and bracketed string to the same whole chain', async () => {
    const glnKey = keyByGln();
    expect(result.chain.wellKnown.map((w) => w.key).sort()).toEqual(['hip-implant-used', 'infusion-pump', 'ivd-lot-excursion', 'mask-lot']);
    for (const w of result.chain.wellKnown) {
      const answers = [await trace(w.forms.digitalLink), await trace(w.forms.epcUrn), await trace(w.forms.bracketed)];
      for (const a of answers.slice(1)) expect(a.path, w.key).toEqual(answers[0].path);
      const body = answers[0];
      expect(body.product.di, w.key).toBe(w.di);
      const steps = (body.path as { bizStep: string; gln: string; excursion: boolean }[]).map((p) => ({ bizStep: p.bizStep, orgKey: glnKey.get(p.gln) as string, excursion: p.excursion }));
      // A lot's events branch out to many holders; events of different branches may share a time, so compare as a multiset there.
      const order = (xs: typeof steps) => (w.serial === null ? [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : xs);
      expect(order(steps), w.key).toEqual(order(w.path));
      if (w.lot) expect(body.lot).toMatchObject({ di: w.di, lot: w.lot });
    }
    const hip = result.chain.wellKnown.find((w) => w.key === 'hip-implant-used')!;
    const hipTrace = await trace(hip.forms.digitalLink);
    expect(hipTrace.unit).toMatchObject({ serial: hip.serial, state: { status: 'used' } });
    expect(hipTrace.use).toEqual([expect.objectContaining({ patientKeyPresent: true, masked: true, patientKey: null })]);
    const ivd = result.chain.wellKnown.find((w) => w.key === 'ivd-lot-excursion')!;
    const excursions = (await trace(ivd.forms.epcUrn)).path.filter((p: { excursion: boolean }) => p.excursion);
    expect(excursions).toHaveLength(1);
    expect(excursions[0]).toMatchObject({ bizStep: 'storing', readings: expect.arrayContaining([expect.objectContaining({ value: 11.6, uom: 'CEL', excursion: true })]) });
  });
});
