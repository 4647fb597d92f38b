import { beforeAll, describe, expect, it } from 'vitest';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { captureJson, CONTEXT, nationalRegulator, partyDl, locationDl } from '../epcis/epcis.test-helpers.ts';
import { qualityFlagsRepository } from './quality-flags.repository.ts';
import { batchPayload, receiptPayload, releasePayload } from './production.test-helpers.ts';

const t = useTestApp();

type Who = 'mfrA' | 'mfrB' | 'distA' | 'cityHz' | 'cityNb' | 'zhejiang' | 'jiangsu' | 'national' | 'hospA';
const w = {} as {
  headers: Record<Who, Record<string, string>>;
  org: { mfrA: number; mfrB: number; supplier: number; supplier2: number; distA: number };
  gln: { mfrA: string; distA: string };
  di: string; diB: string; capture: Record<string, string>;
};

beforeAll(async () => {
  const { deps, app } = t();
  const mfrA = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const mfrB = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330212' });
  const supplier = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330110', name: '杭州熔喷材料有限公司' });
  const supplier2 = await makeOrganization(deps, { type: 'manufacturer', regionCode: '320102', name: '南京无纺布有限公司' });
  const distA = await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  const hospA = await makeOrganization(deps, { type: 'institution', regionCode: '330106' });
  await makeLicense(deps, mfrA.id);
  await makeLicense(deps, distA.id, { kind: 'distribution_license' });
  w.org = { mfrA: mfrA.id, mfrB: mfrB.id, supplier: supplier.id, supplier2: supplier2.id, distA: distA.id };
  w.gln = { mfrA: mfrA.gln as string, distA: distA.gln as string };
  w.di = (await makeProduct(deps, mfrA.id, mfrA.gs1CompanyPrefix ?? '')).di ?? '';
  w.diB = (await makeProduct(deps, mfrB.id, mfrB.gs1CompanyPrefix ?? '')).di ?? '';
  const users: Record<Who, Promise<string>> = {
    mfrA: makeUser(deps, { role: 'enterprise', organizationId: mfrA.id }),
    mfrB: makeUser(deps, { role: 'enterprise', organizationId: mfrB.id }),
    distA: makeUser(deps, { role: 'enterprise', organizationId: distA.id }),
    hospA: makeUser(deps, { role: 'institution', organizationId: hospA.id }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    cityNb: makeUser(deps, { role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' }),
    zhejiang: makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }),
    jiangsu: makeUser(deps, { role: 'regulator', jurisdictionCode: '320000', regulatorLevel: 'province' }),
    national: makeUser(deps, { role: 'regulator', jurisdictionCode: '000000', regulatorLevel: 'national' }),
  };
  w.headers = {} as typeof w.headers;
  for (const who of Object.keys(users) as Who[]) w.headers[who] = await loginHeaders(app, await users[who], PASSWORD);
  w.capture = await nationalRegulator(t());
});

const post = (who: Who, url: string, payload: unknown, headers: Record<string, string> = {}) => call(t().app, { ...w.headers[who], ...headers }, { method: 'POST', url, payload: payload as Record<string, unknown> });
const get = (who: Who, url: string, headers: Record<string, string> = {}) => call(t().app, { ...w.headers[who], ...headers }, { method: 'GET', url });
const count = async (table: 'production_batches' | 'batch_materials' | 'environment_readings' | 'material_receipts' | 'release_reports' | 'quality_flags') =>
  Number((await t().deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function receipt(over: Record<string, unknown> = {}, who: Who = 'mfrA') {
  const res = await post(who, '/api/material-receipts', receiptPayload(w.org.supplier, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; materialLot: string; material: { code: string } };
}
async function batch(materials: { material: { code: string }; materialLot: string }[], over: Record<string, unknown> = {}) {
  const res = await post('mfrA', '/api/batches', batchPayload(w.di, materials.map((m) => ({ materialCode: m.material.code, materialLot: m.materialLot })), over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('material receipts', () => {
  it('records a receipt with its qualification documents and a computed inspection verdict, idempotently', async () => {
    const payload = receiptPayload(w.org.supplier);
    const res = await post('mfrA', '/api/material-receipts', payload, { 'idempotency-key': 'receipt-1' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      organizationId: w.org.mfrA, regionCode: '330106', supplier: { id: w.org.supplier, name: '杭州熔喷材料有限公司' }, material: { code: 'MB-25', kind: 'melt_blown' },
      materialLot: payload.materialLot, quantity: 500, incomingInspection: { result: 'pass', items: [{ name: '细菌过滤效率 BFE', lowerLimit: 95, measuredValue: 98.2, passed: true }] },
      qualifications: [{ kind: 'production_license', validTo: '2026-12-31' }, { kind: 'business_license' }],
    });
    const again = await post('mfrA', '/api/material-receipts', payload, { 'idempotency-key': 'receipt-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(res.json().id);
    const dup = await post('mfrA', '/api/material-receipts', payload);
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'production.receipt_exists']);
    const audit = await t().deps.db.selectFrom('audit_log').select(['action', 'object_id']).where('action', '=', 'material_receipt.create').execute();
    expect(audit.map((a) => a.object_id)).toContain(String(res.json().id));
  });

  it('rejects an unknown supplier and a receipt from an organisation that is not a manufacturer', async () => {
    const before = await count('material_receipts');
    const bad = await post('mfrA', '/api/material-receipts', receiptPayload(999999));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toMatchObject([{ code: 'production.supplier_unknown', path: 'supplierOrganizationId' }]);
    const en = await post('mfrA', '/api/material-receipts', receiptPayload(999999), { 'accept-language': 'en' });
    expect(en.json().errors[0]).toMatchObject({ message: 'Supplier organisation 999999 does not exist', hint: expect.stringMatching(/organisation directory/) });
    expect((await post('distA', '/api/material-receipts', receiptPayload(w.org.supplier))).json()).toMatchObject({ status: 403, code: 'production.writer_not_manufacturer' });
    expect((await post('zhejiang', '/api/material-receipts', receiptPayload(w.org.supplier))).statusCode).toBe(403);
    expect(await count('material_receipts')).toBe(before);
  });

  it('rejects a physically impossible filtration efficiency with the field, the range and a fix, in both languages', async () => {
    const payload = receiptPayload(w.org.supplier, { incomingInspection: { items: [{ name: 'BFE', lowerLimit: 95, unit: '%', measuredValue: 193.1 }], result: 'pass', inspector: '王', date: '2026-03-02' } });
    const zh = await post('mfrA', '/api/material-receipts', payload);
    expect(zh.statusCode).toBe(422);
    expect(zh.json().errors[0]).toMatchObject({ code: 'production.out_of_physical_range', path: 'incomingInspection.items.0.measuredValue', message: 'incomingInspection.items.0.measuredValue：193.1 超出物理范围 0 至 100 %' });
    const en = await post('mfrA', '/api/material-receipts', payload, { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toBe('incomingInspection.items.0.measuredValue: 193.1 is outside the physical range 0 to 100 %');
  });
});

describe('batches', () => {
  it('records a batch with its materials and readings, and lists it with filters, pagination and CSV', async () => {
    const m = await receipt();
    const b = await batch([m]);
    expect(b).toMatchObject({
      organizationId: w.org.mfrA, productDi: w.di, quantity: 20000, expiryDate: '2028-03-04', releaseDecision: null, flags: [],
      materials: [{ receiptId: m.id, materialLot: m.materialLot, supplier: { id: w.org.supplier }, supplierQualifiedOnProductionDate: true, quantity: 120 }],
      environment: { readingCount: 2, outOfLimitCount: 1, outOfLimit: [{ room: 'C级洁净车间', humidityPct: 68, exceedances: [{ field: 'humidityPct', value: 68, limit: 65, bound: 'max' }] }] },
    });
    await batch([m]);
    const page = await get('mfrA', `/api/batches?productDi=${w.di}&pageSize=1&page=2&sort=-id`);
    expect(page.json().total).toBeGreaterThanOrEqual(2);
    expect(page.json().items).toHaveLength(1);
    expect(page.json().items[0].id).toBeLessThan(b.id + 1);
    const pending = await get('zhejiang', `/api/batches?lot=${b.lot}&release=pending`);
    expect(pending.json()).toMatchObject({ total: 1, items: [{ id: b.id, lot: b.lot }] });
    const csv = await get('cityHz', `/api/batches?lot=${b.lot}&format=csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain(`,${b.lot},20000,2026-03-05,2028-03-04,`);
  });

  it('rejects a material lot that does not exist, naming the row, and writes nothing', async () => {
    const before = { batches: await count('production_batches'), materials: await count('batch_materials'), readings: await count('environment_readings') };
    const m = await receipt();
    const payload = batchPayload(w.di, [{ materialCode: m.material.code, materialLot: m.materialLot }, { materialCode: 'MB-25', materialLot: 'NO-SUCH-LOT' }]);
    const res = await post('mfrA', '/api/batches', payload, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({
      code: 'production.material_lot_unknown', path: 'materials.1.materialLot', message: 'Material lot NO-SUCH-LOT of MB-25 has not been received by your organisation',
      hint: expect.stringMatching(/material-receipts/),
    })]);
    // Another manufacturer's material lot is not yours either.
    const theirs = await receipt({}, 'mfrB');
    const borrowed = await post('mfrA', '/api/batches', batchPayload(w.di, [{ materialCode: 'MB-25', materialLot: theirs.materialLot }]));
    expect(borrowed.json().errors[0]).toMatchObject({ code: 'production.material_lot_unknown' });
    expect({ batches: await count('production_batches'), materials: await count('batch_materials'), readings: await count('environment_readings') }).toEqual(before);
  });

  it('rejects an expiry before production, a reading outside any physical range, another registrant\'s DI and an unknown DI', async () => {
    const m = await receipt();
    const mats = [{ materialCode: m.material.code, materialLot: m.materialLot }];
    const dates = await post('mfrA', '/api/batches', batchPayload(w.di, mats, { expiryDate: '2026-03-01', environmentReadings: [{ measuredAt: '2026-03-05T09:00:00+08:00', room: 'A', humidityPct: 130, pressureDiffPa: 5000 }] }));
    expect(dates.statusCode).toBe(422);
    expect(dates.json().errors.map((e: { code: string; path: string }) => `${e.path}:${e.code}`)).toEqual([
      'expiryDate:production.expiry_not_after_production', 'environmentReadings.0.humidityPct:production.out_of_physical_range', 'environmentReadings.0.pressureDiffPa:production.out_of_physical_range',
    ]);
    const other = await post('mfrA', '/api/batches', batchPayload(w.diB, mats));
    expect(other.json().errors).toMatchObject([{ code: 'production.not_own_product', path: 'productDi' }]);
    const unknown = await post('mfrA', '/api/batches', batchPayload('06900000000000', mats));
    expect(unknown.json().errors).toMatchObject([{ code: 'production.product_unknown', path: 'productDi' }]);
    const early = await post('mfrA', '/api/batches', batchPayload(w.di, mats, { productionDate: '2026-02-20', expiryDate: '2028-02-19' }));
    expect(early.json().errors).toMatchObject([{ code: 'production.material_after_production', path: 'materials.0.materialLot' }]);
  });

  it('another manufacturer cannot record a batch of your product or a release of your batch', async () => {
    const m = await receipt({}, 'mfrB');
    const res = await post('mfrB', '/api/batches', batchPayload(w.di, [{ materialCode: m.material.code, materialLot: m.materialLot }]));
    expect(res.json().errors).toMatchObject([{ code: 'production.not_own_product' }]);
    const mine = await batch([await receipt()]);
    const rel = await post('mfrB', '/api/release-reports', releasePayload(mine.id));
    expect(rel.statusCode).toBe(422);
    expect(rel.json().errors).toMatchObject([{ code: 'production.batch_unknown', path: 'batchId' }]);
  });

  it('traces a material lot forward to every batch it went into', async () => {
    const m = await receipt();
    const b1 = await batch([m]);
    const b2 = await batch([m, await receipt()]);
    await batch([await receipt()]);
    const res = await get('cityHz', `/api/material-lots/${m.id}/batches`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 2, materialLot: { id: m.id, materialLot: m.materialLot } });
    expect(res.json().items.map((b: { id: number }) => b.id)).toEqual([b1.id, b2.id]);
    expect(res.json().items[0]).toMatchObject({ consumedQuantity: 120, consumedUnit: 'kg' });
    expect((await get('cityNb', `/api/material-lots/${m.id}/batches`)).statusCode).toBe(404);
  });
});

describe('API tokens', () => {
  it('a manufacturer\'s system writes through its API token, idempotently', async () => {
    const sysadmin = await loginHeaders(t().app, await makeUser(t().deps, { role: 'sysadmin' }), PASSWORD);
    const token = await call(t().app, sysadmin, { method: 'POST', url: '/api/api-tokens', payload: { name: 'MES', organizationId: w.org.mfrA } });
    expect(token.statusCode, token.body).toBe(201);
    const headers = { authorization: `Bearer ${token.json().token}`, 'idempotency-key': 'mes-batch-1' };
    const m = await receipt();
    const payload = batchPayload(w.di, [{ materialCode: m.material.code, materialLot: m.materialLot }]);
    const first = await call(t().app, headers, { method: 'POST', url: '/api/batches', payload });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ organizationId: w.org.mfrA, lot: payload.lot });
    const replay = await call(t().app, headers, { method: 'POST', url: '/api/batches', payload });
    expect([replay.statusCode, replay.headers['idempotent-replayed'], replay.json().id]).toEqual([201, 'true', first.json().id]);
    const reused = await call(t().app, headers, { method: 'POST', url: '/api/batches', payload: { ...payload, lot: `${payload.lot}X` } });
    expect([reused.statusCode, reused.json().code]).toEqual([409, 'idempotency.key_reused']);
    const audit = await t().deps.db.selectFrom('audit_log').select(['actor_type']).where('action', '=', 'batch.create').where('object_id', '=', String(first.json().id)).execute();
    expect(audit).toEqual([{ actor_type: 'token' }]);
  });
});

describe('scope', () => {
  it('regulators read in their jurisdiction only: another province gets 404 and an empty list', async () => {
    const m = await receipt();
    const b = await batch([m]);
    for (const who of ['zhejiang', 'cityHz', 'national', 'mfrA'] as const) expect([who, (await get(who, `/api/batches/${b.id}`)).statusCode]).toEqual([who, 200]);
    for (const who of ['jiangsu', 'cityNb', 'mfrB'] as const) {
      expect([who, (await get(who, `/api/batches/${b.id}`)).statusCode]).toEqual([who, 404]);
      expect([who, (await get(who, `/api/material-receipts/${m.id}`)).statusCode]).toEqual([who, 404]);
    }
    expect((await get('jiangsu', `/api/batches?lot=${b.lot}`)).json()).toEqual({ items: [], total: 0 });
    expect((await get('jiangsu', '/api/material-receipts')).json().total).toBe(0);
    expect((await get('mfrB', '/api/batches')).json().total).toBe(0);
    expect((await get('hospA', '/api/batches')).statusCode).toBe(403);
    const list = await get('zhejiang', `/api/material-receipts?supplierId=${w.org.supplier}&pageSize=500`);
    expect(list.json().items.map((r: { id: number }) => r.id)).toContain(m.id);
    expect(list.json().items.every((r: { supplier: { id: number } }) => r.supplier.id === w.org.supplier)).toBe(true);
  });
});

describe('release reports and quality flags', () => {
  it('computes pass / fail itself and flags a batch released with a failed item', async () => {
    const b = await batch([await receipt()]);
    const res = await post('mfrA', '/api/release-reports', releasePayload(b.id, { items: [{ name: '细菌过滤效率 BFE', standard: 'YY 0469-2011', lowerLimit: 95, unit: '%', measuredValue: 93.1 }] }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ batchId: b.id, decision: 'released', failedCount: 1, decidedAt: '2026-03-07T16:00:00.000+08:00', items: [{ measuredValue: 93.1, passed: false }] });
    const flags = await get('zhejiang', `/api/quality-flags?batchId=${b.id}`);
    expect(flags.json()).toMatchObject({ total: 1, items: [{ rule: 'released_with_failed_item', subjectType: 'batch', subjectKey: String(b.id), organizationId: w.org.mfrA, regionCode: '330106', params: { lot: b.lot, failedItems: [{ name: '细菌过滤效率 BFE', measuredValue: 93.1, lowerLimit: 95 }] } }] });
    expect((await get('jiangsu', `/api/quality-flags?batchId=${b.id}`)).json().total).toBe(0);
    expect((await post('mfrA', '/api/release-reports', releasePayload(b.id))).json().code).toBe('production.release_exists');
    const detail = await get('cityHz', `/api/batches/${b.id}`);
    expect(detail.json()).toMatchObject({ releaseDecision: 'released', release: { failedCount: 1 }, flags: [{ rule: 'released_with_failed_item' }] });
  });

  it('rejects a "passed" claim in the input and a decision before production', async () => {
    const b = await batch([await receipt()]);
    const claim = await post('mfrA', '/api/release-reports', releasePayload(b.id, { items: [{ name: 'BFE', lowerLimit: 95, unit: '%', measuredValue: 93.1, passed: true }] }));
    expect(claim.json().errors).toMatchObject([{ code: 'generic.unknown_key', path: 'items.0.passed' }]);
    const early = await post('mfrA', '/api/release-reports', releasePayload(b.id, { decidedAt: '2026-03-04T12:00:00+08:00' }));
    expect(early.json().errors).toMatchObject([{ code: 'production.decision_before_production', path: 'decidedAt' }]);
    expect((await get('mfrA', `/api/release-reports?batchId=${b.id}`)).json().total).toBe(0);
  });

  it('flags material lots used while the supplier qualification had lapsed or after a failed incoming inspection', async () => {
    const lapsed = await receipt({ qualifications: [{ kind: 'production_license', number: 'P-OLD', validFrom: '2021-01-01', validTo: '2026-03-04' }] });
    const failed = await receipt({ incomingInspection: { items: [{ name: 'BFE', lowerLimit: 95, unit: '%', measuredValue: 91 }], result: 'fail', inspector: '王', date: '2026-03-02' } });
    const b = await batch([lapsed, failed]);
    expect(b.flags.map((f: { rule: string; subjectKey: string }) => `${f.rule}:${f.subjectKey}`).sort()).toEqual([
      `material_failed_inspection:${failed.id}/${b.id}`, `supplier_qualification_lapsed:${lapsed.id}/${b.id}`,
    ].sort());
    expect(b.materials.find((m: { receiptId: number }) => m.receiptId === lapsed.id)).toMatchObject({ supplierQualifiedOnProductionDate: false, qualifications: [{ number: 'P-OLD', validOnProductionDate: false }] });
    const rule = await get('national', '/api/quality-flags?rule=supplier_qualification_lapsed&subjectType=material_lot');
    expect(rule.json().items.map((f: { subjectKey: string }) => f.subjectKey)).toContain(`${lapsed.id}/${b.id}`);
    // Re-evaluating the same findings never duplicates them.
    const before = await count('quality_flags');
    const again = await qualityFlagsRepository.record(t().deps.db, { organizationId: w.org.mfrA, regionCode: '330106' }, [{ rule: 'material_failed_inspection', subjectType: 'material_lot', subjectKey: `${failed.id}/${b.id}`, params: {} }]);
    expect(again).toEqual([]);
    expect(await count('quality_flags')).toBe(before);
  });

  it('flags a lot shipped before its release decision when the release is recorded', async () => {
    const b = await batch([await receipt()]);
    const epcClass = `https://id.gs1.org/01/${w.di}/10/${b.lot}`;
    const event = (eventTime: string, extra: Record<string, unknown>) => ({
      type: 'ObjectEvent', eventTime, eventTimeZoneOffset: '+08:00', action: 'OBSERVE', quantityList: [{ epcClass, quantity: 2000 }],
      readPoint: { id: locationDl(w.gln.mfrA) }, bizLocation: { id: locationDl(w.gln.mfrA) }, ...extra,
    });
    const doc = {
      '@context': [CONTEXT], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-06T00:00:00Z',
      epcisBody: { eventList: [
        event('2026-03-05T17:00:00+08:00', { action: 'ADD', bizStep: 'commissioning', disposition: 'active' }),
        event('2026-03-06T10:00:00+08:00', { bizStep: 'shipping', disposition: 'in_transit', sourceList: [{ type: 'owning_party', source: partyDl(w.gln.mfrA) }], destinationList: [{ type: 'owning_party', destination: partyDl(w.gln.distA) }] }),
      ] },
    };
    const cap = await captureJson(t().app, w.capture, doc);
    expect(cap.statusCode, cap.body).toBe(202);
    expect(cap.json().accepted).toBe(2);
    const res = await post('mfrA', '/api/release-reports', releasePayload(b.id));
    expect(res.statusCode).toBe(201);
    const flags = (await get('cityHz', `/api/quality-flags?batchId=${b.id}`)).json();
    expect(flags).toMatchObject({ total: 1, items: [{ rule: 'shipped_before_release', subjectType: 'lot', subjectKey: `${w.di}/${b.lot}`, params: { firstShippedAt: '2026-03-06T02:00:00.000Z', hoursEarly: 30, decision: 'released' } }] });
    // A clean batch, released before any shipment, raises nothing.
    const clean = await batch([await receipt()]);
    await post('mfrA', '/api/release-reports', releasePayload(clean.id));
    expect((await get('cityHz', `/api/quality-flags?batchId=${clean.id}`)).json().total).toBe(0);
    expect((await get('cityHz', `/api/release-reports?decision=released&failed=false&productDi=${w.di}&pageSize=500`)).json().items.map((r: { batchId: number }) => r.batchId)).toEqual(expect.arrayContaining([b.id, clean.id]));
  });
});


describe('OpenAPI', () => {
  it('documents the production, attachment and dossier routes', async () => {
    const res = await t().app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(expect.arrayContaining([
      '/api/material-receipts', '/api/material-lots/{id}/batches', '/api/batches', '/api/batches/{id}', '/api/release-reports', '/api/quality-flags',
      '/api/attachments', '/api/attachments/{id}/content', '/api/lots/{di}/{lot}', '/api/organizations/{id}/dossier',
    ]));
    expect(res.json().paths['/api/batches'].post.requestBody.content['application/json'].schema.properties.environmentReadings).toBeDefined();
  });
});
