import { shanghaiDate } from '@lianjian/core';
import { describe, expect, it } from 'vitest';
import type { RegulatorLevel } from '../../db/schema.ts';
import { makeLicense, makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';

const t = useTestApp();

/** The service judges validity against today's date in Asia/Shanghai, so the tests do too. */
const today = shanghaiDate(new Date());
const plus = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

let n = 0;
const licenceBody = (organizationId: number, over: Record<string, unknown> = {}) => ({
  organizationId, kind: 'production_license', number: `浙药监械生产许2024${String(++n).padStart(4, '0')}号`, scopeClasses: [2, 3], scopeCategories: ['14'],
  issuer: '浙江省药品监督管理局', validFrom: plus(-1000), validTo: plus(500), ...over,
});

async function regulator(code: string, level: RegulatorLevel) {
  const username = await makeUser(t().deps, { role: 'regulator', jurisdictionCode: code, regulatorLevel: level });
  return loginHeaders(t().app, username, PASSWORD);
}
async function member(role: 'enterprise' | 'institution', organizationId: number) {
  const username = await makeUser(t().deps, { role, organizationId });
  return loginHeaders(t().app, username, PASSWORD);
}
async function counts() {
  const db = t().deps.db;
  const l = await db.selectFrom('licenses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const h = await db.selectFrom('license_status_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { licenses: Number(l.n), history: Number(h.n) };
}
const get = (headers: Record<string, string>, url: string) => call(t().app, headers, { method: 'GET', url });
const post = (headers: Record<string, string>, url: string, payload: object, lang?: string) => call(t().app, { ...headers, ...(lang && { 'accept-language': lang }) }, { method: 'POST', url, payload: payload as Record<string, unknown> });

describe('effective status', () => {
  it('derives valid / expiring (≤ 90 days) / expired from the validity period, and filters by it', async () => {
    const province = await regulator('330000', 'province');
    const org = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106', name: '状态测试生产企业' });
    const cases: [number | null, string, number | null][] = [
      [200, 'valid', 200], [91, 'valid', 91], [90, 'expiring', 90], [30, 'expiring', 30], [0, 'expiring', 0], [-1, 'expired', -1], [-400, 'expired', -400], [null, 'valid', null],
    ];
    const ids: Record<string, number[]> = { valid: [], expiring: [], expired: [] };
    for (const [days, status, daysToExpiry] of cases) {
      const res = await post(province, '/api/licenses', licenceBody(org.id, days === null ? { kind: 'production_filing', validTo: null } : { validTo: plus(days) }));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ organizationId: org.id, organizationName: '状态测试生产企业', regionCode: '330106', status: 'active', effectiveStatus: status, daysToExpiry });
      ids[status]!.push(res.json().id);
    }
    for (const status of ['valid', 'expiring', 'expired'] as const) {
      const r = (await get(province, `/api/licenses?organizationId=${org.id}&status=${status}&sort=id`)).json();
      expect(r.total).toBe(ids[status]!.length);
      expect(r.items.map((l: { id: number }) => l.id)).toEqual(ids[status]);
      expect(r.items.every((l: { effectiveStatus: string }) => l.effectiveStatus === status)).toBe(true);
    }
    const within30 = (await get(province, `/api/licenses?organizationId=${org.id}&expiringWithinDays=30&sort=validTo`)).json();
    expect(within30.items.map((l: { daysToExpiry: number }) => l.daysToExpiry)).toEqual([0, 30]);
    const within0 = (await get(province, `/api/licenses?organizationId=${org.id}&expiringWithinDays=0`)).json();
    expect(within0.items.map((l: { daysToExpiry: number }) => l.daysToExpiry)).toEqual([0]);
  });

  it('suspends and reinstates a licence with POST /:id/status, keeping the history', async () => {
    const username = await makeUser(t().deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' });
    const city = await loginHeaders(t().app, username, PASSWORD);
    const userId = (await t().deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const org = await makeOrganization(t().deps, { type: 'distributor', regionCode: '330108' });
    const licence = await makeLicense(t().deps, org.id, { kind: 'distribution_license', validTo: plus(300) });
    const suspended = await post(city, `/api/licenses/${licence.id}/status`, { status: 'suspended', reason: '飞行检查发现冷链记录缺失' });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ id: licence.id, status: 'suspended', effectiveStatus: 'suspended', daysToExpiry: 300 });
    expect(suspended.json().history.map((h: { status: string; reason: string; changedBy: number | null }) => [h.status, h.reason, h.changedBy])).toEqual([
      ['active', 'issued', null], ['suspended', '飞行检查发现冷链记录缺失', userId],
    ]);
    const list = (await get(city, `/api/licenses?organizationId=${org.id}&status=suspended`)).json();
    expect(list).toMatchObject({ total: 1, items: [{ id: licence.id, effectiveStatus: 'suspended' }] });
    // A suspended licence is neither valid nor expiring, whatever its dates say.
    expect((await get(city, `/api/licenses?organizationId=${org.id}&status=valid`)).json().total).toBe(0);
    expect((await get(city, `/api/licenses?organizationId=${org.id}&expiringWithinDays=3650`)).json().total).toBe(0);
    const reinstated = await post(city, `/api/licenses/${licence.id}/status`, { status: 'active', reason: '整改完成' });
    expect(reinstated.json()).toMatchObject({ status: 'active', effectiveStatus: 'valid' });
    expect(reinstated.json().history.map((h: { status: string }) => h.status)).toEqual(['active', 'suspended', 'active']);
    const audit = await t().deps.db.selectFrom('audit_log').select('details').where('action', '=', 'license.status').where('object_id', '=', String(licence.id)).orderBy('id').execute();
    expect(audit.map((a) => a.details)).toEqual([
      { from: 'active', to: 'suspended', reason: '飞行检查发现冷链记录缺失' }, { from: 'suspended', to: 'active', reason: '整改完成' },
    ]);
    // Outside the jurisdiction the licence does not exist for the regulator, and the history stays as it was.
    const ningbo = await regulator('330200', 'city');
    const before = await counts();
    const denied = await post(ningbo, `/api/licenses/${licence.id}/status`, { status: 'revoked', reason: '越权操作' });
    expect(denied.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
    const bad = await post(city, `/api/licenses/${licence.id}/status`, { status: 'expired', reason: '无效状态' });
    expect(bad.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });
});

describe('rejections', () => {
  it('rejects a licence kind the organisation type cannot hold, in zh-CN and en, writing nothing', async () => {
    const province = await regulator('330000', 'province');
    const distributor = await makeOrganization(t().deps, { type: 'distributor', regionCode: '330106' });
    const hospital = await makeOrganization(t().deps, { type: 'institution', regionCode: '330106' });
    const before = await counts();
    const res = await post(province, '/api/licenses', licenceBody(distributor.id, { kind: 'production_license' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{
      code: 'license.kind_for_type', path: 'kind', params: { kind: 'production_license', type: 'distributor' },
      message: '生产许可证不适用于经营企业', hint: '生产许可证/备案用于生产企业，经营许可证/备案用于经营企业',
    }]);
    const en = await post(province, '/api/licenses', licenceBody(distributor.id, { kind: 'production_license' }), 'en');
    expect(en.json().errors[0].message).toBe('A production licence does not apply to an organisation of type distributor');
    const forHospital = await post(province, '/api/licenses', licenceBody(hospital.id, { kind: 'distribution_license' }));
    expect(forHospital.json().errors[0]).toMatchObject({ code: 'license.kind_for_type', params: { type: 'institution' } });
    expect(await counts()).toEqual(before);
  });

  it('rejects a validity period that ends before it starts, and impossible dates', async () => {
    const province = await regulator('330000', 'province');
    const org = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106' });
    const before = await counts();
    const res = await post(province, '/api/licenses', licenceBody(org.id, { validFrom: '2025-06-01', validTo: '2025-05-31' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ code: 'license.dates', path: 'validTo', message: '有效期止 2025-05-31 早于有效期起 2025-06-01', params: { validFrom: '2025-06-01', validTo: '2025-05-31' } })]);
    const both = await post(province, '/api/licenses', licenceBody(org.id, { kind: 'distribution_license', validFrom: '2025-06-01', validTo: '2025-05-31' }));
    expect(both.json().errors.map((e: { code: string }) => e.code)).toEqual(['license.kind_for_type', 'license.dates']);
    const impossible = await post(province, '/api/licenses', licenceBody(org.id, { validFrom: '2025-02-30' }));
    expect(impossible.statusCode).toBe(422);
    expect(impossible.json().errors[0].path).toBe('validFrom');
    // Same-day validity is allowed.
    expect((await post(province, '/api/licenses', licenceBody(org.id, { validFrom: '2025-06-01', validTo: '2025-06-01' }))).statusCode).toBe(201);
    expect(await counts()).toEqual({ licenses: before.licenses + 1, history: before.history + 1 });
  });

  it('rejects an organisation outside the jurisdiction, a duplicate number, and writes from enterprises', async () => {
    const hangzhou = await regulator('330100', 'city');
    const ningboOrg = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330212' });
    const hangzhouOrg = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330110' });
    const before = await counts();
    const outside = await post(hangzhou, '/api/licenses', licenceBody(ningboOrg.id));
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors).toEqual([expect.objectContaining({ code: 'not_found', path: 'organizationId', params: { objectType: 'organization', id: String(ningboOrg.id) } })]);
    const first = await post(hangzhou, '/api/licenses', licenceBody(hangzhouOrg.id, { number: '浙杭药监械生产许20240001号' }));
    expect(first.statusCode).toBe(201);
    const dup = await post(hangzhou, '/api/licenses', licenceBody(hangzhouOrg.id, { number: '浙杭药监械生产许20240001号' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('db.unique_violation');
    const enterprise = await member('enterprise', hangzhouOrg.id);
    expect((await post(enterprise, '/api/licenses', licenceBody(hangzhouOrg.id))).json()).toMatchObject({ code: 'auth.forbidden', params: { permission: 'licenses.write' } });
    expect((await post(enterprise, `/api/licenses/${first.json().id}/status`, { status: 'cancelled', reason: '企业自行注销' })).statusCode).toBe(403);
    expect(await counts()).toEqual({ licenses: before.licenses + 1, history: before.history + 1 });
  });
});

describe('filters, sort and scope', () => {
  it('filters by kind, region, q and organisation and sorts both ways', async () => {
    const national = await regulator('000000', 'national');
    const m = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '440305', name: '筛选测试深圳生产' });
    const d = await makeOrganization(t().deps, { type: 'distributor', regionCode: '440106', name: '筛选测试广州经营' });
    const l1 = (await post(national, '/api/licenses', licenceBody(m.id, { number: '粤药监械生产许20210001号', validTo: plus(700) }))).json();
    const l2 = (await post(national, '/api/licenses', licenceBody(m.id, { kind: 'qms_certificate', number: 'QMS-筛选-0002', validTo: plus(100) }))).json();
    const l3 = (await post(national, '/api/licenses', licenceBody(d.id, { kind: 'distribution_license', number: '粤穗药监械经营许20220003号', validTo: plus(400) }))).json();
    const ids = async (query: string) => (await get(national, `/api/licenses?${query}`)).json().items.map((l: { id: number }) => l.id);
    expect(await ids('region=440000&sort=id')).toEqual([l1.id, l2.id, l3.id]);
    expect(await ids('region=440300&sort=id')).toEqual([l1.id, l2.id]);
    expect(await ids('region=440106')).toEqual([l3.id]);
    expect(await ids('region=440000&kind=qms_certificate')).toEqual([l2.id]);
    expect(await ids(`organizationId=${d.id}`)).toEqual([l3.id]);
    expect(await ids(`q=${encodeURIComponent('筛选测试深圳')}&sort=id`)).toEqual([l1.id, l2.id]);
    expect(await ids(`q=${encodeURIComponent('经营许2022')}`)).toEqual([l3.id]);
    expect(await ids('region=440000&sort=validTo')).toEqual([l2.id, l3.id, l1.id]);
    expect(await ids('region=440000&sort=-validTo')).toEqual([l1.id, l3.id, l2.id]);
    const page = (await get(national, '/api/licenses?region=440000&sort=validTo&pageSize=2&page=2')).json();
    expect(page).toMatchObject({ total: 3, items: [{ id: l1.id }] });
    expect((await get(national, '/api/licenses?status=lapsed')).statusCode).toBe(422);
    const csv = await get(national, '/api/licenses?region=440000&sort=validTo&format=csv');
    const lines = csv.rawPayload.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,持证单位 holder,行政区划 region,类别 kind,编号 number,管理类别 classes,发证机关 issuer,有效期起 valid from,有效期止 valid to,状态 status');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([String(l2.id), String(l3.id), String(l1.id)]);
    expect(lines[1]).toBe(`${l2.id},筛选测试深圳生产,440305,qms_certificate,QMS-筛选-0002,2;3,浙江省药品监督管理局,${plus(-1000)},${plus(100)},valid`);
  });

  it('shows an enterprise only its own licences, and a city regulator only its city’s', async () => {
    const mine = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330127', name: '本企业' });
    const other = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330127', name: '他企业' });
    const far = await makeOrganization(t().deps, { type: 'distributor', regionCode: '320102', name: '外省企业' });
    const own = await makeLicense(t().deps, mine.id);
    const foreign = await makeLicense(t().deps, other.id);
    const farLicence = await makeLicense(t().deps, far.id, { kind: 'distribution_license' });
    const enterprise = await member('enterprise', mine.id);
    const list = (await get(enterprise, '/api/licenses?pageSize=500')).json();
    expect(list).toMatchObject({ total: 1, items: [{ id: own.id, organizationId: mine.id }] });
    // Filters cannot widen the scope.
    expect((await get(enterprise, `/api/licenses?organizationId=${other.id}`)).json()).toEqual({ items: [], total: 0 });
    expect((await get(enterprise, `/api/licenses/${own.id}`)).json()).toMatchObject({ id: own.id, history: [{ status: 'active', reason: 'issued' }] });
    expect((await get(enterprise, `/api/licenses/${foreign.id}`)).statusCode).toBe(404);
    const hospital = await makeOrganization(t().deps, { type: 'institution', regionCode: '330127' });
    expect((await get(await member('institution', hospital.id), '/api/licenses')).json()).toEqual({ items: [], total: 0 });
    const city = await regulator('330100', 'city');
    const cityList = (await get(city, '/api/licenses?pageSize=500')).json();
    expect(cityList.items.every((l: { regionCode: string }) => l.regionCode.startsWith('3301'))).toBe(true);
    expect(cityList.items.map((l: { id: number }) => l.id)).toEqual(expect.arrayContaining([own.id, foreign.id]));
    expect(cityList.items.map((l: { id: number }) => l.id)).not.toContain(farLicence.id);
    expect((await get(city, `/api/licenses/${farLicence.id}`)).statusCode).toBe(404);
  });
});
