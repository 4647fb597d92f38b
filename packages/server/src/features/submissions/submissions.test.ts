import { GS, withGs1CheckDigit } from '@lianjian/core';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, TEST_PII_KEY, useTestApp } from '../../test/test-app.ts';
import { nationalRegulator } from '../epcis/epcis.test-helpers.ts';
import { OrganizationsService } from '../organizations/organizations.service.ts';
import { PiiCipher } from '../patients/pii-cipher.ts';

const t = useTestApp();

type Org = { id: number; gln: string };
let mfr: Org, d1: Org, h1: Org, other: Org;
let mfrUser: Record<string, string>, d1User: Record<string, string>, h1User: Record<string, string>, regulator: Record<string, string>;
let gtin = '';
let warehouse = { id: 0, sgln: '' };
let minute = 0;
const at = () => {
  minute += 10;
  return new Date(Date.UTC(2026, 2, 1, 0, 0) + minute * 60_000).toISOString().replace('.000Z', '+08:00');
};
const patientKey = new PiiCipher(TEST_PII_KEY).patientKey({ name: '张三', idNumber: '11010519491231002X' });
const sscc = () => withGs1CheckDigit(`0${mfr.gln.slice(0, 7)}000000042`);

const submit = (headers: Record<string, string>, kind: string, payload: object, extra: Record<string, string> = {}) =>
  call(t().app, headers, { method: 'POST', url: `/api/submissions/${kind}`, payload, headers: extra });
async function ok(headers: Record<string, string>, kind: string, payload: object, extra: Record<string, string> = {}) {
  const res = await submit(headers, kind, { time: at(), ...payload }, extra);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const count = async (table: 'epcis_events' | 'idempotency_keys') => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t().deps.db)).rows[0]?.n);
const unit = (n: number) => `(01)${gtin}(10)L1(21)S${n}`;

beforeAll(async () => {
  const deps = t().deps;
  const org = async (type: 'manufacturer' | 'distributor' | 'institution') => {
    const o = await makeOrganization(deps, { type, regionCode: '330106' });
    if (type !== 'institution') await makeLicense(deps, o.id, { kind: type === 'manufacturer' ? 'production_license' : 'distribution_license' });
    return { id: o.id, gln: o.gln as string };
  };
  mfr = await org('manufacturer');
  d1 = await org('distributor');
  h1 = await org('institution');
  other = await org('distributor');
  const product = await makeProduct(deps, mfr.id, mfr.gln.slice(0, 7));
  gtin = product.dis[0]?.di as string;
  await sql`update products set storage_min_c = 2, storage_max_c = 8 where id = ${product.id}`.execute(deps.db);
  const loc = await new OrganizationsService(deps).addLocation(null, d1.id, { name: '一号仓', kind: 'warehouse', gln: d1.gln, extension: '1' });
  warehouse = { id: loc.id, sgln: loc.sgln };
  const login = async (role: 'enterprise' | 'institution', organizationId: number) => loginHeaders(t().app, await makeUser(deps, { role, organizationId }), PASSWORD);
  mfrUser = await login('enterprise', mfr.id);
  d1User = await login('enterprise', d1.id);
  h1User = await login('institution', h1.id);
  regulator = await nationalRegulator(t());
}, 60_000);

describe('plain submissions through the chain', () => {
  it('manufacturer → distributor → hospital: events, trace and recall scope', async () => {
    // Commission four units, each label in another form.
    const c = await ok(mfrUser, 'commission', {
      items: [unit(1), `https://id.example.cn/01/${gtin}/10/L1/21/S2`, `]d201${gtin}10L1${GS}21S3`, unit(4)], expiryDate: '2028-12-31',
    });
    expect(c).toMatchObject({ kind: 'commission', eventType: 'ObjectEvent', bizStep: 'commissioning', disposition: 'active', duplicate: false, violations: [] });
    expect(c.eventHash).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    const job = await call(t().app, mfrUser, { method: 'GET', url: c.captureLocation });
    expect(job.json()).toMatchObject({ status: 'succeeded', accepted: 1 });

    await ok(mfrUser, 'pack', { parent: `(00)${sscc()}`, items: [unit(1), unit(2), unit(3), `urn:epc:id:sgtin:${gtin.slice(1, 8)}.${gtin[0]}${gtin.slice(8, 13)}.S4`] });
    const ship = await ok(mfrUser, 'ship', {
      items: [`(00)${sscc()}`], toGln: d1.gln, documents: [{ type: 'po', id: 'PO-2026-001' }, { type: 'desadv', id: 'DN-77' }],
    });
    expect(ship).toMatchObject({ bizStep: 'shipping', disposition: 'in_transit', violations: [] });

    await ok(d1User, 'receive', {
      items: [`https://id.gs1.org/00/${sscc()}`], fromOrganizationId: mfr.id, location: warehouse.id, condition: 'good', accepted: true,
      documents: [{ type: 'desadv', id: 'DN-77' }, { type: 'po', id: 'PO-2026-001' }],
    });
    await ok(d1User, 'store', { items: [`(00)${sscc()}`], location: warehouse.sgln, readings: [{ time: '2026-03-01T00:00:00+08:00', celsius: 5 }, { time: '2026-03-01T00:30:00+08:00', celsius: 9.5 }] });
    await ok(d1User, 'unpack', { parent: `(00)${sscc()}`, location: `https://id.gs1.org/414/${d1.gln}/254/1` });
    await ok(d1User, 'ship', { items: [unit(1), unit(2)], from: warehouse.id, toOrganizationId: h1.id, documents: [{ type: 'inv', id: 'INV/9' }] });
    await ok(h1User, 'receive', { items: [unit(1), unit(2)], fromGln: d1.gln, receivedQuantity: 2 });
    const use = await ok(h1User, 'use', { items: [unit(1)], department: '心内科', procedure: 'PCI', patientKey });
    expect(use).toMatchObject({ bizStep: 'dispensing', disposition: 'dispensed' });
    await ok(h1User, 'return', { items: [unit(2)], toOrganizationId: d1.id, reason: '包装破损', documents: [{ type: 'rma', id: 'R1' }] });
    await ok(d1User, 'receive', { items: [unit(2)], fromOrganizationId: h1.id, condition: 'damaged', reason: '外包装破损' });
    await ok(d1User, 'destroy', { items: [unit(3)], location: warehouse.id, reason: '过期' });

    const trace = await call(t().app, regulator, { method: 'GET', url: `/api/trace/${encodeURIComponent(`(01)${gtin}(21)S1`)}` });
    expect(trace.statusCode, trace.body).toBe(200);
    const body = trace.json();
    expect(body.path.map((p: { bizStep: string }) => p.bizStep)).toEqual(['commissioning', 'packing', 'shipping', 'receiving', 'storing', 'unpacking', 'shipping', 'receiving', 'dispensing']);
    expect(body.path.map((p: { organizationId: number }) => p.organizationId)).toEqual([mfr.id, mfr.id, mfr.id, d1.id, d1.id, d1.id, d1.id, h1.id, h1.id]);
    expect(body.path[2].documents).toEqual([
      // The buyer (d1) issued the purchase order, the shipper the despatch advice (CBV: the id names the issuer).
      { type: 'po', id: `urn:epcglobal:cbv:bt:${d1.gln}:PO-2026-001` }, { type: 'desadv', id: `urn:epcglobal:cbv:bt:${mfr.gln}:DN-77` },
    ]);
    // The receiver cites the shipper's delivery note and its own order by the same ids as the shipment.
    expect(body.path[3].documents).toEqual([
      { type: 'desadv', id: `urn:epcglobal:cbv:bt:${mfr.gln}:DN-77` }, { type: 'po', id: `urn:epcglobal:cbv:bt:${d1.gln}:PO-2026-001` },
    ]);
    expect(body.path[4]).toMatchObject({ excursion: true, readings: [expect.objectContaining({ value: 5, excursion: false }), expect.objectContaining({ value: 9.5, excursion: true })] });
    expect(body.use).toEqual([expect.objectContaining({ organization: expect.objectContaining({ organizationId: h1.id }), department: '心内科', patientKeyPresent: true, masked: true })]);
    expect(JSON.stringify(body)).not.toContain(patientKey);
    expect(body.unit).toMatchObject({ serial: 'S1', state: { status: 'used', holder: { organizationId: h1.id } } });

    const scope = await call(t().app, regulator, { method: 'POST', url: '/api/recall-scope', payload: { lots: [{ di: gtin, lot: 'L1' }] } });
    expect(scope.statusCode, scope.body).toBe(200);
    const holders = scope.json().holders.map((h: Record<string, number>) => ({ organizationId: h.organizationId, inTransit: h.inTransit, inStock: h.inStock, unusedAtInstitution: h.unusedAtInstitution, used: h.used }));
    expect(holders.sort((a: { organizationId: number }, b: { organizationId: number }) => a.organizationId - b.organizationId)).toEqual([
      { organizationId: d1.id, inTransit: 0, inStock: 2, unusedAtInstitution: 0, used: 0 },
      { organizationId: h1.id, inTransit: 0, inStock: 0, unusedAtInstitution: 0, used: 1 },
    ]);
    expect(scope.json().totals).toMatchObject({ used: 1, destroyed: 1, returned: 1 });
  });

  it('lot-level quantities: a short delivery leaves the rest in transit', async () => {
    await ok(mfrUser, 'commission', { lot: `(01)${gtin}(10)L2`, quantity: 100 });
    await ok(mfrUser, 'ship', { lot: { di: gtin, lot: 'L2' }, quantity: 40, toOrganizationId: d1.id, documents: [{ type: 'desadv', id: 'DN-78' }] });
    await ok(d1User, 'receive', { lot: { di: gtin, lot: 'L2' }, quantity: 40, receivedQuantity: 38, fromOrganizationId: mfr.id, condition: 'damaged', reason: '两盒破损未收' });
    // A refused delivery is inspected, not received: it stays in transit with the shipper.
    await ok(mfrUser, 'ship', { lot: { di: gtin, lot: 'L2' }, quantity: 10, toOrganizationId: h1.id });
    const refused = await ok(h1User, 'receive', { lot: { di: gtin, lot: 'L2' }, quantity: 10, receivedQuantity: 10, fromOrganizationId: mfr.id, condition: 'temperature_excursion', accepted: false, reason: '冷链超温' });
    expect(refused).toMatchObject({ bizStep: 'inspecting', disposition: 'non_conformant' });
    const scope = await call(t().app, regulator, { method: 'POST', url: '/api/recall-scope', payload: { lots: [{ di: gtin, lot: 'L2' }] } });
    expect(scope.statusCode, scope.body).toBe(200);
    const by = new Map(scope.json().holders.map((h: { organizationId: number }) => [h.organizationId, h]));
    expect(by.get(mfr.id)).toMatchObject({ inStock: 50, inTransit: 12 });
    expect(by.get(d1.id)).toMatchObject({ inStock: 38, inTransit: 0 });
  });

  it('records a broken business rule as a violation and still stores the event', async () => {
    const unregistered = withGs1CheckDigit(`0${mfr.gln.slice(0, 7)}99999`);
    const res = await submit(mfrUser, 'commission', { items: [`(01)${unregistered}(21)X1`] }, { 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().violations).toEqual([expect.objectContaining({ rule: 'epcis.rule.di_unregistered', path: 'epcList.0', params: { di: unregistered }, message: expect.stringContaining(unregistered) })]);
    const zh = await submit(mfrUser, 'commission', { items: [`(01)${unregistered}(21)X2`] });
    expect(zh.json().violations[0].message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('idempotency', () => {
  it('a retry with the same key answers the same and stores nothing twice; another body with the key is 409', async () => {
    const payload = { items: [unit(4)], toOrganizationId: other.id, from: warehouse.id };
    const before = await count('epcis_events');
    const first = await submit(d1User, 'ship', payload, { 'idempotency-key': 'ship-s4-1' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await submit(d1User, 'ship', payload, { 'idempotency-key': 'ship-s4-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await count('epcis_events')).toBe(before + 1);
    const reused = await submit(d1User, 'ship', { ...payload, toOrganizationId: h1.id }, { 'idempotency-key': 'ship-s4-1' });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('idempotency.key_reused');
    // The same event sent again under another key is recognised as a duplicate, not stored twice.
    const time = '2026-03-02T10:00:00+08:00';
    const a = await submit(d1User, 'store', { items: [unit(4)], location: warehouse.id, time }, { 'idempotency-key': 'store-a' });
    const b = await submit(d1User, 'store', { items: [unit(4)], location: warehouse.id, time }, { 'idempotency-key': 'store-b' });
    expect(b.json()).toMatchObject({ duplicate: true, eventId: a.json().eventId, eventHash: a.json().eventHash });
  });
});

describe('validation and scope', () => {
  it('422 names the field with a fix hint in both languages, and writes nothing', async () => {
    const events = await count('epcis_events');
    const keys = await count('idempotency_keys');
    const none = await submit(mfrUser, 'ship', { toOrganizationId: d1.id }, { 'idempotency-key': 'bad-1', 'accept-language': 'en' });
    expect(none.statusCode).toBe(422);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json().errors).toEqual([expect.objectContaining({ path: 'items', code: 'submissions.goods_required', hint: expect.stringContaining('lot') })]);
    const bad = await submit(mfrUser, 'ship', { items: [unit(1), 'not a label', `(01)${gtin}(10)L1`], toGln: d1.gln, toOrganizationId: d1.id });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['items.1', 'submissions.item_unreadable'], ['items.2', 'submissions.item_not_serialised'], ['toOrganizationId', 'submissions.destination_required'],
    ]);
    expect(bad.json().errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect(bad.json().errors[0].hint).toBeTruthy();
    const patient = await submit(h1User, 'use', { items: [unit(1)], department: '心内科', patientKey: '张三' }, { 'accept-language': 'en' });
    expect(patient.statusCode).toBe(422);
    expect(patient.json().errors).toEqual([expect.objectContaining({ path: 'patientKey', code: 'submissions.patient_key_invalid' })]);
    const refused = await submit(d1User, 'receive', { items: [unit(1)], fromOrganizationId: mfr.id, accepted: false });
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'reason', code: 'submissions.reason_required' })]);
    const unknown = await submit(mfrUser, 'ship', { items: [unit(1)], toGln: withGs1CheckDigit('690000000001') });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ path: 'toGln', code: 'submissions.party_unknown' })]);
    const future = await submit(mfrUser, 'destroy', { items: [unit(1)], reason: 'x', time: '2099-01-01T00:00:00+08:00' });
    expect(future.json().errors).toEqual([expect.objectContaining({ path: 'time', code: 'submissions.time_future' })]);
    const extra = await submit(mfrUser, 'destroy', { items: [unit(1)], reason: 'x', patientName: '张三' });
    expect(extra.statusCode).toBe(422);
    expect(await count('epcis_events')).toBe(events);
    expect(await count('idempotency_keys')).toBe(keys);
  });

  it("another organisation's site is 403, an unknown site 422, regulators and admins 403", async () => {
    const events = await count('epcis_events');
    const foreign = await submit(d1User, 'store', { items: [unit(4)], location: `https://id.gs1.org/414/${mfr.gln}` });
    expect(foreign.statusCode, foreign.body).toBe(403);
    expect(foreign.json().code).toBe('submissions.location_out_of_scope');
    const byId = await submit(mfrUser, 'ship', { items: [unit(4)], from: warehouse.id, toOrganizationId: h1.id });
    expect(byId.statusCode).toBe(403);
    const unknown = await submit(d1User, 'store', { items: [unit(4)], location: `https://id.gs1.org/414/${d1.gln}/254/99` });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ path: 'location', code: 'submissions.location_unknown' })]);
    const unreadable = await submit(d1User, 'store', { items: [unit(4)], location: 'warehouse 1' });
    expect(unreadable.json().errors).toEqual([expect.objectContaining({ path: 'location', code: 'submissions.location_unreadable' })]);
    const reg = await submit(regulator, 'commission', { items: [unit(9)] });
    expect(reg.statusCode).toBe(403);
    const sysadmin = await loginHeaders(t().app, await makeUser(t().deps, { role: 'sysadmin' }), PASSWORD);
    expect((await submit(sysadmin, 'commission', { items: [unit(9)] })).statusCode).toBe(403);
    expect(await count('epcis_events')).toBe(events);
  });
});
