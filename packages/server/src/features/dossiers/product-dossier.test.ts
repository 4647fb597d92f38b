import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { withGs1CheckDigit } from '@lianjian/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeKnownLot, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { submissionClock } from '../adverse-events/adverse-events.service.ts';
import { raiseAlerts } from '../alerts/alerts.service.ts';
import { captureJson, CONTEXT, locationDl, nationalRegulator, partyDl } from '../epcis/epcis.test-helpers.ts';
import { productsRepository } from '../products/products.repository.ts';
import { batchPayload, receiptPayload } from '../production/production.test-helpers.ts';
import { lastTwelveMonths, productDossierClock } from './product-dossier.service.ts';

/**
 * A small world for the product dossier: a Hangzhou registrant's product with three lots — one with
 * a production batch, shipped to a Hangzhou distributor and hospital and recalled; one known only
 * from events, shipped to Nanjing; one only ever labelled — adverse events from Hangzhou and
 * Nanjing, and open alerts about the product and a lot.
 */
const t = useTestApp();
type Who = 'mfrA' | 'mfrB' | 'hospHz' | 'distNj' | 'zhejiang' | 'cityHz' | 'jiangsu' | 'guangdong';
const w = {} as {
  headers: Record<Who, Record<string, string>>;
  org: Record<'mfrA' | 'mfrB' | 'distHz' | 'distNj' | 'hospHz' | 'hospNj', number>;
  productId: number; otherProductId: number; di: string; caseDi: string; lotA: string; lotB: string; lotC: string;
};

const id17 = (seq: string) => `11010519800101${seq}`;
const residentId = (seq: string) => `${id17(seq)}${residentIdCheckChar(id17(seq))}`;

beforeAll(async () => {
  const { deps, app } = t();
  const mfrA = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106', name: '杭州注射器制造有限公司' });
  const mfrB = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const distHz = await makeOrganization(deps, { type: 'distributor', regionCode: '330106', name: '杭州医药配送有限公司' });
  const distNj = await makeOrganization(deps, { type: 'distributor', regionCode: '320102', name: '南京器械经营有限公司' });
  const hospHz = await makeOrganization(deps, { type: 'institution', regionCode: '330106', name: '杭州市第一医院' });
  const hospNj = await makeOrganization(deps, { type: 'institution', regionCode: '320102', name: '南京市鼓楼医院' });
  w.org = { mfrA: mfrA.id, mfrB: mfrB.id, distHz: distHz.id, distNj: distNj.id, hospHz: hospHz.id, hospNj: hospNj.id };
  const product = await makeProduct(deps, mfrA.id, mfrA.gs1CompanyPrefix ?? '');
  w.productId = product.id;
  w.di = product.di ?? '';
  // A case of 10 as a second package level.
  w.caseDi = withGs1CheckDigit(`1${w.di.slice(1, 13)}`);
  await productsRepository.insertDis(deps.db, [{ productId: product.id, di: w.caseDi, agency: 'GS1', packageLevel: 1, packageLevelName: '中盒', quantityPerPackage: 10, containsDi: w.di }]);
  const other = await makeProduct(deps, mfrB.id, mfrB.gs1CompanyPrefix ?? '');
  w.otherProductId = other.id;
  await makeKnownLot(deps, other.di ?? '', 'X1');

  const users: Record<Who, Promise<string>> = {
    mfrA: makeUser(deps, { role: 'enterprise', organizationId: mfrA.id }),
    mfrB: makeUser(deps, { role: 'enterprise', organizationId: mfrB.id }),
    hospHz: makeUser(deps, { role: 'institution', organizationId: hospHz.id }),
    distNj: makeUser(deps, { role: 'enterprise', organizationId: distNj.id }),
    zhejiang: makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    jiangsu: makeUser(deps, { role: 'regulator', jurisdictionCode: '320000', regulatorLevel: 'province' }),
    guangdong: makeUser(deps, { role: 'regulator', jurisdictionCode: '440000', regulatorLevel: 'province' }),
  };
  w.headers = {} as typeof w.headers;
  for (const who of Object.keys(users) as Who[]) w.headers[who] = await loginHeaders(app, await users[who], PASSWORD);
  const hospNjHeaders = await loginHeaders(app, await makeUser(deps, { role: 'institution', organizationId: hospNj.id }), PASSWORD);

  const post = async (headers: Record<string, string>, url: string, payload: object) => {
    const res = await call(app, headers, { method: 'POST', url, payload: payload as Record<string, unknown> });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const receipt = await post(w.headers.mfrA, '/api/material-receipts', receiptPayload(mfrB.id));
  const batch = await post(w.headers.mfrA, '/api/batches', batchPayload(w.di, [{ materialCode: receipt.material.code, materialLot: receipt.materialLot }], { quantity: 2000, productionDate: '2026-03-05' }));
  w.lotA = batch.lot;
  w.lotB = 'EV-0001';
  w.lotC = 'LABEL-01';
  await makeKnownLot(deps, w.di, w.lotC);

  // Lot A: 2,000 made, 1,000 to the Hangzhou distributor, 300 on to the hospital. Lot B (no batch record): 500 made, 200 to Nanjing.
  const ev = (eventTime: string, gln: string, extra: Record<string, unknown>) => ({ type: 'ObjectEvent', eventTime, eventTimeZoneOffset: '+08:00', action: 'OBSERVE', readPoint: { id: locationDl(gln) }, bizLocation: { id: locationDl(gln) }, ...extra });
  const move = (from: string, to: string) => ({ sourceList: [{ type: 'owning_party', source: partyDl(from) }], destinationList: [{ type: 'owning_party', destination: partyDl(to) }] });
  const q = (lot: string, quantity: number) => ({ quantityList: [{ epcClass: `https://id.gs1.org/01/${w.di}/10/${lot}`, quantity }] });
  const ship = (lot: string, n: number, from: string, to: string, day: string) => [
    ev(`2026-${day}T09:00:00+08:00`, from, { ...q(lot, n), bizStep: 'shipping', disposition: 'in_transit', ...move(from, to) }),
    ev(`2026-${day}T15:00:00+08:00`, to, { ...q(lot, n), bizStep: 'receiving', disposition: 'in_progress', ...move(from, to) }),
  ];
  const [a, dh, dn, hh] = [mfrA.gln, distHz.gln, distNj.gln, hospHz.gln] as [string, string, string, string];
  const doc = { '@context': [CONTEXT], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-04-01T00:00:00Z', epcisBody: { eventList: [
    ev('2026-03-05T17:00:00+08:00', a, { action: 'ADD', ...q(w.lotA, 2000), bizStep: 'commissioning', disposition: 'active' }),
    ...ship(w.lotA, 1000, a, dh, '03-08'), ...ship(w.lotA, 300, dh, hh, '03-09'),
    ev('2026-03-20T17:00:00+08:00', a, { action: 'ADD', ...q(w.lotB, 500), bizStep: 'commissioning', disposition: 'active' }),
    ...ship(w.lotB, 200, a, dn, '03-22'),
  ] } };
  const cap = await captureJson(app, await nationalRegulator(t()), doc);
  expect(cap.json().accepted, cap.body).toBe(8);

  await post(w.headers.zhejiang, '/api/lot-restrictions', { di: w.di, lot: w.lotA, kind: 'recall', recallLevel: 2, reason: '无菌检测不合格', startedAt: '2026-04-01T00:00:00+08:00' });

  // Reports: two cases in Hangzhou (serious injury, death) and one in Nanjing; one about the other product.
  const report = (lot: string, seq: string, outcome: string, eventDate: string) => ({
    productDi: w.di, lot, patient: { name: '赵六', idNumber: residentId(seq), sex: 'female' }, manifestation: '注射部位感染', eventDate, dateKnown: eventDate,
    outcome, ...(outcome === 'death' && { deathDate: eventDate }), imdrfCodes: [],
  });
  vi.spyOn(submissionClock, 'now').mockImplementation(() => new Date('2026-06-20T10:00:00+08:00'));
  await post(w.headers.hospHz, '/api/adverse-events', report(w.lotA, '101', 'serious_injury', '2026-06-12'));
  await post(w.headers.hospHz, '/api/adverse-events', report(w.lotA, '202', 'death', '2026-06-18'));
  await post(hospNjHeaders, '/api/adverse-events', report(w.lotB, '303', 'other', '2026-06-15'));
  await post(w.headers.hospHz, '/api/adverse-events', { ...report('X1', '404', 'other', '2026-06-16'), productDi: other.di });
  vi.restoreAllMocks();

  await raiseAlerts(deps, [
    { source: 'rule.test_lot', subject: { type: 'lot', key: `${w.di}|${w.lotA}`, label: `测试 ${w.lotA}`, di: w.di, lot: w.lotA, organizationId: mfrA.id }, grade: 'major', regionCode: '330106', department: 'production_supervision', evidence: {} },
    { source: 'signal.test', subject: { type: 'product', key: `${w.di}@320100`, label: '测试 · 南京', di: w.di, organizationId: mfrA.id }, grade: 'general', regionCode: '320102', department: 'ae_monitoring', evidence: {} },
    { source: 'rule.test_other', subject: { type: 'product', key: other.di ?? '', label: '其他产品', di: other.di ?? '', organizationId: mfrB.id }, grade: 'critical', regionCode: '330106', department: 'ae_monitoring', evidence: {} },
  ]);
  vi.spyOn(productDossierClock, 'now').mockImplementation(() => new Date('2026-11-26T10:00:00+08:00'));
});

afterAll(() => vi.restoreAllMocks());

const get = (who: Who, url: string, extra: Record<string, string> = {}) => call(t().app, { ...w.headers[who], ...extra }, { method: 'GET', url });
const dossier = (who: Who, id = w.productId, query = '') => get(who, `/api/products/${id}/dossier${query}`);
type Lot = { lot: string; produced: number | null; received: number; inStock: number; used: number; holders: number; restrictions: { kind: string; recallLevel: number | null }[] };
type Region = { regionCode: string; regionName: string | null; holders: number; inStock: number; inTransit: number; used: number };
const lotsOf = (d: { lots: { items: Lot[] } }) => d.lots.items.map((l) => l.lot).sort();

describe('product dossier', () => {
  it('gathers registration, DIs with package levels, lots with quantities and recalls, holders by region, reports and open alerts', async () => {
    const res = await dossier('zhejiang');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.product).toMatchObject({ id: w.productId, model: 'M1', deviceKind: 'syringe' });
    expect(d.registration).toMatchObject({ number: expect.stringMatching(/^国械注准/), managementClass: 3, validTo: '2028-12-31', registrant: { organizationId: w.org.mfrA, name: '杭州注射器制造有限公司', restricted: false } });
    expect(d.dis).toEqual([
      expect.objectContaining({ di: w.di, packageLevel: 0, quantityPerPackage: 1 }),
      expect.objectContaining({ di: w.caseDi, packageLevel: 1, packageLevelName: '中盒', quantityPerPackage: 10, containsDi: w.di }),
    ]);
    expect(d.lots).toMatchObject({ total: 3, lotDossierLinks: true });
    // The batch's lot first (newest production), then the lots known only from events.
    expect(d.lots.items[0]).toMatchObject({ lot: w.lotA, produced: 2000, productionDate: '2026-03-05', received: 1300, inStock: 2000, inTransit: 0, used: 0, holders: 3, restrictions: [{ kind: 'recall', recallLevel: 2 }] });
    const b = d.lots.items.find((l: Lot) => l.lot === w.lotB);
    expect(b).toMatchObject({ produced: null, batchId: null, received: 200, inStock: 500, holders: 2, restrictions: [] });
    expect(d.lots.items.find((l: Lot) => l.lot === w.lotC)).toMatchObject({ produced: null, received: 0, inStock: 0, holders: 0 });
    expect(d.holdersByRegion).toEqual([
      { regionCode: '330100', regionName: '浙江省杭州市', holders: 3, inStock: 2300, inTransit: 0, used: 0 },
      { regionCode: '320100', regionName: '江苏省南京市', holders: 1, inStock: 200, inTransit: 0, used: 0 },
    ]);
    const ae = d.adverseEvents;
    // Nanjing's report is outside Zhejiang's jurisdiction (a regulator sees reports by the reporter's region).
    expect(ae).toMatchObject({ cases: 2, reports: 2, serious: 1, deaths: 1 });
    expect(ae.byMonth).toHaveLength(12);
    expect(ae.byMonth[0]).toEqual({ month: '2025-12', cases: 0 });
    expect(ae.byMonth.find((m: { month: string }) => m.month === '2026-06')).toEqual({ month: '2026-06', cases: 2 });
    expect(ae.latest.map((r: { outcome: string; reporterOrganizationName: string }) => [r.outcome, r.reporterOrganizationName])).toEqual([['death', '杭州市第一医院'], ['serious_injury', '杭州市第一医院']]);
    expect(JSON.stringify(ae.latest)).not.toMatch(/赵六|patient|idNumber/);
    expect(d.alerts.map((a: { subjectType: string; grade: string }) => `${a.subjectType}:${a.grade}`)).toEqual(['lot:major']);
    const audit = await t().deps.db.selectFrom('audit_log').select(['object_id']).where('action', '=', 'dossier.product.read').execute();
    expect(audit.map((a) => a.object_id)).toContain(String(w.productId));
  });

  it('pages the lots with a total', async () => {
    const d = (await dossier('mfrA', w.productId, '?lotLimit=2&lotOffset=2')).json();
    expect(d.lots).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(d.lots.items).toHaveLength(1);
    expect((await dossier('mfrA', w.productId, '?lotLimit=2&lotOffset=10')).json().lots).toMatchObject({ total: 3, items: [] });
  });

  it('shows the registrant every report about its product, from anywhere', async () => {
    const d = (await dossier('mfrA')).json();
    expect(d.adverseEvents).toMatchObject({ cases: 3, reports: 3, serious: 1, deaths: 1 });
    expect(d.adverseEvents.latest.map((r: { outcome: string }) => r.outcome)).toEqual(['death', 'other', 'serious_injury']);
    expect(d.alerts).toBeNull();
  });

  it('shows a city regulator its reports only, and the registrant in full', async () => {
    const d = (await dossier('cityHz')).json();
    expect(lotsOf(d)).toEqual([w.lotA, w.lotB, w.lotC].sort());
    expect(d.adverseEvents).toMatchObject({ cases: 2, serious: 1, deaths: 1 });
    expect(d.alerts).toHaveLength(1);
  });

  it('shows a regulator where the registrant is not only the lots held there, the registrant by name and region only', async () => {
    const res = await dossier('jiangsu');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.registration.registrant).toEqual({ organizationId: null, name: '杭州注射器制造有限公司', regionCode: '330106', restricted: true });
    expect(lotsOf(d)).toEqual([w.lotB]);
    expect(d.lots).toMatchObject({ total: 1, lotDossierLinks: true });
    expect(d.holdersByRegion.map((r: Region) => r.regionCode)).toEqual(['330100', '320100']);
    expect(d.adverseEvents).toMatchObject({ cases: 1, deaths: 0 });
    expect(d.alerts.map((a: { subjectType: string }) => a.subjectType)).toEqual(['product']);
  });

  it('shows a hospital and a distributor only the lots they hold, and only their own stock', async () => {
    const h = (await dossier('hospHz')).json();
    expect(lotsOf(h)).toEqual([w.lotA]);
    expect(h.lots.items[0]).toMatchObject({ received: 300, inStock: 300, holders: 1 });
    expect(h.lots.lotDossierLinks).toBe(false);
    expect(h.holdersByRegion).toEqual([{ regionCode: '330100', regionName: '浙江省杭州市', holders: 1, inStock: 300, inTransit: 0, used: 0 }]);
    expect(h.registration.registrant.restricted).toBe(true);
    expect(h.adverseEvents).toMatchObject({ cases: 2 });
    expect(h.alerts).toBeNull();
    const n = (await dossier('distNj')).json();
    expect(lotsOf(n)).toEqual([w.lotB]);
    expect(n.holdersByRegion).toEqual([{ regionCode: '320100', regionName: '江苏省南京市', holders: 1, inStock: 200, inTransit: 0, used: 0 }]);
    expect(n.adverseEvents).toMatchObject({ cases: 0, latest: [] });
  });

  it('answers 404 for an unknown product and for one outside the caller’s scope, in both languages', async () => {
    for (const who of ['guangdong', 'mfrB'] as Who[]) expect([who, (await dossier(who)).statusCode]).toEqual([who, 404]);
    // The other product: its registrant in Hangzhou, nothing of it in Jiangsu; the hospital holds none of it.
    expect((await dossier('jiangsu', w.otherProductId)).statusCode).toBe(404);
    expect((await dossier('hospHz', w.otherProductId)).statusCode).toBe(404);
    const unknown = await dossier('zhejiang', 99_999_999);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'not_found', title: expect.stringContaining('找不到') });
    const outside = await get('guangdong', `/api/products/${w.productId}/dossier`, { 'accept-language': 'en' });
    expect(outside.json()).toMatchObject({ code: 'not_found', title: expect.stringContaining('does not exist or is outside') });
    expect(outside.body).not.toContain('杭州注射器');
  });

  it('is documented in the OpenAPI document with its lot paging parameters', async () => {
    const doc = (await t().app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const op = doc.paths['/api/products/{id}/dossier']?.get;
    expect(op?.parameters.map((x: { name: string }) => x.name).sort()).toEqual(['id', 'lotLimit', 'lotOffset']);
  });

  it('counts the trend over the twelve months ending this month', () => {
    expect(lastTwelveMonths('2026-11-26')).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(lastTwelveMonths('2027-01-01')[0]).toBe('2026-02');
  });
});
