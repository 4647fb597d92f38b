import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLicense, makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { nationalRegulator } from '../epcis/epcis.test-helpers.ts';
import { ProductsService } from '../products/products.service.ts';

// HIBC labels from conformance/hibc/cases.json (provenance in its README), by case id.
const hibcCases = (JSON.parse(readFileSync(new URL('../../../../../conformance/hibc/cases.json', import.meta.url), 'utf8')) as { cases: { id: string; input: string }[] }).cases;
const hibc = (id: string) => hibcCases.find((c) => c.id === id)?.input as string;
// The MA sample of core's ma-code.test.ts: lot 2024A01, serial 000123.
const MA_UNIT = 'MA.156.M0.100001.10000018.L2024A01.S000123.M240101.DSTER';

const t = useTestApp();
type Org = { id: number; gln: string };
let mfr: Org, h1: Org;
let mfrUser: Record<string, string>, h1User: Record<string, string>, regulator: Record<string, string>;
let minute = 0;
const at = () => new Date(Date.UTC(2026, 2, 1, 0, 0) + (minute += 10) * 60_000).toISOString().replace('.000Z', '+08:00');
const submit = (headers: Record<string, string>, kind: string, payload: object, extra: Record<string, string> = {}) =>
  call(t().app, headers, { method: 'POST', url: `/api/submissions/${kind}`, payload, headers: extra });
async function ok(headers: Record<string, string>, kind: string, payload: object) {
  const res = await submit(headers, kind, { time: at(), ...payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const eventOf = async (id: number) => (await sql<{ event: Record<string, unknown> }>`select event from epcis_events where event_id = ${id}`.execute(t().deps.db)).rows[0]?.event;
const trace = (label: string) => call(t().app, regulator, { method: 'GET', url: `/api/trace/${encodeURIComponent(label)}` });

beforeAll(async () => {
  const deps = t().deps;
  const o = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  await makeLicense(deps, o.id, { kind: 'production_license' });
  mfr = { id: o.id, gln: o.gln as string };
  const h = await makeOrganization(deps, { type: 'institution', regionCode: '330106' });
  h1 = { id: h.id, gln: h.gln as string };
  // A product catalogued under its HIBC and MA DIs, so the events break no product rule.
  const products = new ProductsService(deps);
  const reg = await products.createRegistration(null, { number: '国械注准20243140999', holderId: mfr.id, managementClass: 3, productName: '进口导管', issuer: '国家药品监督管理局', validFrom: '2024-01-01', validTo: '2028-12-31' });
  for (const [di, agency, model] of [['J123AQ3451', 'HIBCC', 'AQ345'], ['MA.156.M0.100001.10000018', 'MA', 'M18'], ['E203PB414109', 'HIBCC', 'PB41410']] as const) {
    await products.create(null, { registrationId: reg.id, name: `导管 ${model}`, model, deviceKind: 'catheter', dis: [{ di, agency, packageLevel: 0 }] });
  }
  mfrUser = await loginHeaders(t().app, await makeUser(deps, { role: 'enterprise', organizationId: mfr.id }), PASSWORD);
  h1User = await loginHeaders(t().app, await makeUser(deps, { role: 'institution', organizationId: h1.id }), PASSWORD);
  regulator = await nationalRegulator(t());
}, 60_000);

describe('HIBC and MA labels in plain submissions', () => {
  it('a HIBC unit goes factory → hospital → patient under several label forms, and trace finds it by any of them', async () => {
    // hibc-004 (2D), hibc-003 (1D, two symbols), hibc-025 (other expiry format): one unit J123/AQ345/1, lot BC34567, serial 4012.
    const c = await ok(mfrUser, 'commission', { items: [hibc('hibc-004')] });
    expect(c.violations).toEqual([]);
    expect(await eventOf(c.eventId)).toMatchObject({ epcList: ['hibc:J123/AQ345/1/L/BC34567/S/4012'] });
    await ok(mfrUser, 'ship', { items: [hibc('hibc-003')], toOrganizationId: h1.id });
    await ok(h1User, 'receive', { items: [hibc('hibc-025')], fromOrganizationId: mfr.id });
    const use = await ok(h1User, 'use', { items: ['hibc:J123/AQ345/1/L/BC34567/S/4012'], department: '心内科' });
    expect(use).toMatchObject({ bizStep: 'dispensing', violations: [] });

    for (const label of [hibc('hibc-005'), hibc('hibc-003'), 'hibc:J123/AQ345/1/S/4012']) {
      const res = await trace(label);
      expect(res.statusCode, `${label}: ${res.body}`).toBe(200);
      const body = res.json();
      expect(body.code).toMatchObject({ canonical: 'hibc:J123/AQ345/1/S/4012', kind: 'sgtin' });
      expect(body.path.map((p: { bizStep: string; organizationId: number }) => [p.bizStep, p.organizationId])).toEqual([
        ['commissioning', mfr.id], ['shipping', mfr.id], ['receiving', h1.id], ['dispensing', h1.id],
      ]);
      expect(body.product).toMatchObject({ di: 'J123AQ3451', model: 'AQ345' });
      expect(body.unit).toMatchObject({ di: 'J123AQ3451', lot: 'BC34567', serial: '4012', state: { status: 'used', holder: { organizationId: h1.id } } });
    }
  });

  it('an MA unit and a HIBC lot: the MA QR scan traces the unit; the lot travels as a quantity of its lot URI', async () => {
    const c = await ok(mfrUser, 'commission', { items: [MA_UNIT] });
    expect(await eventOf(c.eventId)).toMatchObject({ epcList: ['ma:MA.156.M0.100001.10000018/L/2024A01/S/000123'] });
    await ok(mfrUser, 'ship', { items: [`]Q1${MA_UNIT}`], toGln: h1.gln });
    const res = await trace(`]Q1${MA_UNIT}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: { canonical: 'ma:MA.156.M0.100001.10000018/S/000123' }, unit: { lot: '2024A01', state: { inTransit: true } } });
    expect(res.json().path.map((p: { bizStep: string }) => p.bizStep)).toEqual(['commissioning', 'shipping']);

    // hibc-010: a lot-level label (lot R00089525, quantity 24 per case).
    const lot = await ok(mfrUser, 'commission', { lot: hibc('hibc-010'), quantity: 24 });
    expect(await eventOf(lot.eventId)).toMatchObject({ quantityList: [{ epcClass: 'hibc:E203/PB41410/9/L/R00089525', quantity: 24 }] });
    await ok(mfrUser, 'ship', { lot: 'hibc:E203/PB41410/9/L/R00089525', quantity: 10, toOrganizationId: h1.id });
    const lotTrace = await trace(hibc('hibc-010'));
    expect(lotTrace.statusCode, lotTrace.body).toBe(200);
    expect(lotTrace.json()).toMatchObject({ code: { canonical: 'hibc:E203/PB41410/9/L/R00089525', kind: 'lgtin' }, lot: { di: 'E203PB414109', lot: 'R00089525' } });
    expect(lotTrace.json().path.map((p: { bizStep: string; quantity: number }) => [p.bizStep, p.quantity])).toEqual([['commissioning', 24], ['shipping', 10]]);
  });

  it('rejects unreadable HIBC / MA labels and lot-only labels as units, naming the field and the fix in both languages', async () => {
    const events = Number((await sql<{ n: number }>`select count(*)::int as n from epcis_events`.execute(t().deps.db)).rows[0]?.n);
    // hibc-031: a HIBC label whose check character is wrong; hibc-010 names a lot, not a unit.
    const payload = { time: at(), items: [hibc('hibc-031'), hibc('hibc-010'), 'MA.156.M0.1001.10000018.S1'], toOrganizationId: h1.id };
    const en = await submit(mfrUser, 'ship', payload, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(422);
    expect(en.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['items.0', 'submissions.item_unreadable'], ['items.1', 'submissions.item_not_serialised'], ['items.2', 'submissions.item_unreadable'],
    ]);
    // The reason in words (the code stays in params for API clients).
    expect(en.json().errors[0]).toMatchObject({ message: expect.stringContaining('HIBC check character is wrong'), hint: expect.stringContaining('HIBC'), params: { reason: expect.stringMatching(/^hibc\./) } });
    expect(en.json().errors[0].message).not.toMatch(/hibc\.|items\.0/);
    expect(en.json().errors[1]).toMatchObject({ message: expect.stringContaining('lot'), hint: expect.stringContaining('HIBC /S') });
    const zh = await submit(mfrUser, 'ship', payload, { 'accept-language': 'zh-CN' });
    expect(zh.json().errors[0].hint).toContain('HIBC 标签');
    expect(zh.json().errors[1].hint).toContain('MA .S');
    expect(Number((await sql<{ n: number }>`select count(*)::int as n from epcis_events`.execute(t().deps.db)).rows[0]?.n)).toBe(events);
  });
});
