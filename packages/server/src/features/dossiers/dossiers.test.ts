import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { submissionClock } from '../adverse-events/adverse-events.service.ts';
import { captureJson, CONTEXT, locationDl, nationalRegulator, partyDl } from '../epcis/epcis.test-helpers.ts';
import { batchPayload, receiptPayload, releasePayload } from '../production/production.test-helpers.ts';

const t = useTestApp();
type Who = 'mfrA' | 'mfrB' | 'hospHz' | 'zhejiang' | 'cityHz' | 'jiangsu' | 'guangdong';
const w = {} as {
  headers: Record<Who, Record<string, string>>; org: Record<'mfrA' | 'distHz' | 'distNj' | 'hospHz' | 'supplier', number>;
  di: string; lot: string; batchId: number; receiptId: number; dir: string;
};

const id17 = (seq: string) => `11010519700101${seq}`;
const residentId = (seq: string) => `${id17(seq)}${residentIdCheckChar(id17(seq))}`;

beforeAll(async () => {
  const { deps, app } = t();
  w.dir = mkdtempSync(join(tmpdir(), 'lianjian-dossier-'));
  deps.config.attachmentDir = w.dir;
  const mfrA = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106', name: '杭州口罩制造有限公司' });
  const mfrB = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const supplier = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330110', name: '杭州熔喷材料有限公司' });
  const distHz = await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  const distNj = await makeOrganization(deps, { type: 'distributor', regionCode: '320102', name: '南京医药有限公司' });
  const hospHz = await makeOrganization(deps, { type: 'institution', regionCode: '330106' });
  await makeLicense(deps, mfrA.id);
  await makeLicense(deps, mfrA.id, { validTo: '2025-06-30' });
  await makeLicense(deps, distHz.id, { kind: 'distribution_license' });
  await makeLicense(deps, distNj.id, { kind: 'distribution_license' });
  w.org = { mfrA: mfrA.id, distHz: distHz.id, distNj: distNj.id, hospHz: hospHz.id, supplier: supplier.id };
  w.di = (await makeProduct(deps, mfrA.id, mfrA.gs1CompanyPrefix ?? '')).di ?? '';
  const users: Record<Who, Promise<string>> = {
    mfrA: makeUser(deps, { role: 'enterprise', organizationId: mfrA.id }),
    mfrB: makeUser(deps, { role: 'enterprise', organizationId: mfrB.id }),
    hospHz: makeUser(deps, { role: 'institution', organizationId: hospHz.id }),
    zhejiang: makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    jiangsu: makeUser(deps, { role: 'regulator', jurisdictionCode: '320000', regulatorLevel: 'province' }),
    guangdong: makeUser(deps, { role: 'regulator', jurisdictionCode: '440000', regulatorLevel: 'province' }),
  };
  w.headers = {} as typeof w.headers;
  for (const who of Object.keys(users) as Who[]) w.headers[who] = await loginHeaders(app, await users[who], PASSWORD);

  const post = async (url: string, payload: object, who: Who = 'mfrA') => {
    const res = await call(app, w.headers[who], { method: 'POST', url, payload: payload as Record<string, unknown> });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const meltBlown = await post('/api/material-receipts', receiptPayload(supplier.id));
  const nonWoven = await post('/api/material-receipts', receiptPayload(supplier.id, { material: { name: '纺粘无纺布', code: 'SB-25', kind: 'non_woven' }, qualifications: [{ kind: 'production_license', number: 'NW-1', validFrom: '2020-01-01', validTo: '2026-03-01' }] }));
  w.receiptId = meltBlown.id;
  const batch = await post('/api/batches', batchPayload(w.di, [meltBlown, nonWoven].map((m) => ({ materialCode: m.material.code, materialLot: m.materialLot }))));
  w.batchId = batch.id;
  w.lot = batch.lot;
  await post('/api/release-reports', releasePayload(batch.id, { items: [{ name: '细菌过滤效率 BFE', standard: 'YY 0469-2011', lowerLimit: 95, unit: '%', measuredValue: 93.1 }] }));

  // Distribution: 2,000 made, 1,000 shipped to a Hangzhou distributor (received), 400 on to Nanjing (received).
  const epcClass = `https://id.gs1.org/01/${w.di}/10/${w.lot}`;
  const ev = (eventTime: string, gln: string, extra: Record<string, unknown>) => ({ type: 'ObjectEvent', eventTime, eventTimeZoneOffset: '+08:00', action: 'OBSERVE', readPoint: { id: locationDl(gln) }, bizLocation: { id: locationDl(gln) }, ...extra });
  const move = (from: string, to: string) => ({ sourceList: [{ type: 'owning_party', source: partyDl(from) }], destinationList: [{ type: 'owning_party', destination: partyDl(to) }] });
  const q = (quantity: number) => ({ quantityList: [{ epcClass, quantity }] });
  const doc = { '@context': [CONTEXT], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-10T00:00:00Z', epcisBody: { eventList: [
    ev('2026-03-05T17:00:00+08:00', mfrA.gln as string, { action: 'ADD', ...q(2000), bizStep: 'commissioning', disposition: 'active' }),
    ev('2026-03-08T09:00:00+08:00', mfrA.gln as string, { ...q(1000), bizStep: 'shipping', disposition: 'in_transit', ...move(mfrA.gln as string, distHz.gln as string) }),
    ev('2026-03-08T15:00:00+08:00', distHz.gln as string, { ...q(1000), bizStep: 'receiving', disposition: 'in_progress', ...move(mfrA.gln as string, distHz.gln as string) }),
    ev('2026-03-09T09:00:00+08:00', distHz.gln as string, { ...q(400), bizStep: 'shipping', disposition: 'in_transit', ...move(distHz.gln as string, distNj.gln as string) }),
    ev('2026-03-10T10:00:00+08:00', distNj.gln as string, { ...q(400), bizStep: 'receiving', disposition: 'in_progress', ...move(distHz.gln as string, distNj.gln as string) }),
  ] } };
  const cap = await captureJson(app, await nationalRegulator(t()), doc);
  expect(cap.json().accepted, cap.body).toBe(5);

  // Two adverse-event reports by the hospital about the lot: one on time, one late.
  const report = (seq: string) => ({
    productDi: w.di, lot: w.lot, patient: { name: '王五', idNumber: residentId(seq), sex: 'male' }, manifestation: '佩戴后面部红肿', eventDate: '2026-03-12', dateKnown: '2026-03-12',
    outcome: 'serious_injury', imdrfCodes: [],
  });
  vi.spyOn(submissionClock, 'now').mockImplementation(() => new Date('2026-03-20T10:00:00+08:00'));
  await post('/api/adverse-events', report('101'), 'hospHz');
  vi.spyOn(submissionClock, 'now').mockImplementation(() => new Date('2026-04-05T10:00:00+08:00'));
  await post('/api/adverse-events', report('202'), 'hospHz');
  vi.restoreAllMocks();

  // A process document on the batch.
  const boundary = 'dossierboundary';
  const payload = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="subjectType"\r\n\r\nbatch\r\n--${boundary}\r\ncontent-disposition: form-data; name="subjectId"\r\n\r\n${w.batchId}\r\n--${boundary}\r\ncontent-disposition: form-data; name="documentKey"\r\n\r\nprocess-spec\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="spec.pdf"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.7 spec\r\n--${boundary}--\r\n`);
  const up = await app.inject({ method: 'POST', url: '/api/attachments', payload, headers: { ...w.headers.mfrA, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  expect(up.statusCode, up.body).toBe(201);
});

afterAll(() => rmSync(w.dir, { recursive: true, force: true }));

const get = (who: Who, url: string) => call(t().app, w.headers[who], { method: 'GET', url });

describe('lot dossier', () => {
  it('gathers product, batch, materials with suppliers and qualification status, environment, failed release item, flags, distribution, reports and attachments', async () => {
    const res = await get('zhejiang', `/api/lots/${w.di}/${w.lot}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ di: w.di, lot: w.lot, product: { di: w.di, registration: { managementClass: 3 } }, manufacturer: { id: w.org.mfrA, name: '杭州口罩制造有限公司' } });
    expect(d.production.batch).toMatchObject({ id: w.batchId, lot: w.lot, releaseDecision: 'released' });
    expect(d.production.materials.map((m: { material: { kind: string }; supplier: { name: string }; supplierQualifiedOnProductionDate: boolean }) => [m.material.kind, m.supplier.name, m.supplierQualifiedOnProductionDate])).toEqual([
      ['melt_blown', '杭州熔喷材料有限公司', true], ['non_woven', '杭州熔喷材料有限公司', false],
    ]);
    expect(d.production.environment).toMatchObject({ readingCount: 2, outOfLimitCount: 1, rooms: ['C级洁净车间'], ranges: { humidityPct: { min: 55, max: 68 } } });
    expect(d.production.environment.readings).toBeUndefined();
    expect(d.production.release).toMatchObject({ decision: 'released', failedCount: 1, failedItems: [{ name: '细菌过滤效率 BFE', measuredValue: 93.1, lowerLimit: 95, passed: false }] });
    expect(d.qualityFlags.map((f: { rule: string }) => f.rule).sort()).toEqual(['released_with_failed_item', 'supplier_qualification_lapsed']);
    expect(d.distribution.totals).toEqual({ inStock: 2000, inTransit: 0, used: 0, destroyed: 0 });
    expect(d.distribution.holders.map((h: { name: string; inStock: number; restricted: boolean }) => [h.inStock, h.restricted]).sort()).toEqual([[1000, false], [400, true], [600, false]]);
    expect(d.distribution.custody.map((c: { effect: string; quantity: number }) => `${c.effect}:${c.quantity}`)).toEqual(['ship:1000', 'receive:1000', 'ship:400', 'receive:400']);
    expect(d.distribution.firstShippedAt).toBe('2026-03-08T01:00:00.000Z');
    expect(d.adverseEvents.total).toBe(2);
    expect(d.adverseEvents.items[0]).toMatchObject({ lot: w.lot, patient: { nameMasked: '王*' } });
    expect(JSON.stringify(d.adverseEvents)).not.toContain('王五');
    expect(d.attachments).toMatchObject([{ subjectType: 'batch', subjectId: w.batchId, documentKey: 'process-spec', version: 1 }]);
    const audit = await t().deps.db.selectFrom('audit_log').select(['object_id', 'details']).where('action', '=', 'dossier.lot.read').execute();
    expect(audit.map((a) => a.object_id)).toContain(`${w.di}/${w.lot}`);
  });

  it('is visible where the manufacturer or a current holder is, and 404 elsewhere', async () => {
    expect((await get('mfrA', `/api/lots/${w.di}/${w.lot}`)).statusCode).toBe(200);
    expect((await get('cityHz', `/api/lots/${w.di}/${w.lot}`)).statusCode).toBe(200);
    const nj = await get('jiangsu', `/api/lots/${w.di}/${w.lot}`);
    expect(nj.statusCode).toBe(200);
    // From Nanjing, the Zhejiang parties keep their name and region but not their id.
    expect(nj.json().distribution.holders.filter((h: { restricted: boolean }) => h.restricted)).toHaveLength(2);
    expect(nj.json().distribution.holders.find((h: { restricted: boolean }) => !h.restricted)).toMatchObject({ organizationId: w.org.distNj, name: '南京医药有限公司', inStock: 400 });
    expect((await get('guangdong', `/api/lots/${w.di}/${w.lot}`)).statusCode).toBe(404);
    expect((await get('mfrB', `/api/lots/${w.di}/${w.lot}`)).statusCode).toBe(404);
    expect((await get('hospHz', `/api/lots/${w.di}/${w.lot}`)).statusCode).toBe(403);
    expect((await get('zhejiang', `/api/lots/${w.di}/NO-SUCH-LOT`)).statusCode).toBe(404);
  });
});

describe('organisation dossier', () => {
  it('lists licences with their effective status, products, batches, flags', async () => {
    const res = await get('cityHz', `/api/organizations/${w.org.mfrA}/dossier`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.organization).toMatchObject({ id: w.org.mfrA, type: 'manufacturer', regionCode: '330106' });
    expect(d.licenses.map((l: { effectiveStatus: string }) => l.effectiveStatus)).toEqual(['expired', 'valid']);
    expect(d.products).toMatchObject({ total: 1, items: [{ registrationNumber: expect.stringMatching(/^国械注准/) }] });
    expect(d.batches).toMatchObject({ total: 1, items: [{ id: w.batchId }] });
    expect(d.qualityFlags.total).toBe(2);
    expect(d.adverseEventReporting).toMatchObject({ reports: 0, lateRate: null });
  });

  it('reports adverse-event timeliness: reports, late count and rate', async () => {
    const res = await get('zhejiang', `/api/organizations/${w.org.hospHz}/dossier`);
    expect(res.json().adverseEventReporting).toEqual({ reports: 2, withStatutoryClock: 2, late: 1, onTime: 1, lateRate: 0.5, lateHoursTotal: expect.any(Number), maxLateHours: expect.any(Number) });
    expect(res.json().adverseEventReporting.maxLateHours).toBeGreaterThan(0);
  });

  it('is scoped: another province and another manufacturer get 404', async () => {
    expect((await get('jiangsu', `/api/organizations/${w.org.mfrA}/dossier`)).statusCode).toBe(404);
    expect((await get('mfrB', `/api/organizations/${w.org.mfrA}/dossier`)).statusCode).toBe(404);
    expect((await get('mfrA', `/api/organizations/${w.org.mfrA}/dossier`)).statusCode).toBe(200);
  });
});
