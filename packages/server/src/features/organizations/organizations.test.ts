import { buildCreditCode, creditCodeCheckChar, epcUrnToElements, withGs1CheckDigit } from '@lianjian/core';
import { describe, expect, it } from 'vitest';
import type { RegulatorLevel, Role } from '../../db/schema.ts';
import { makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';

const t = useTestApp();

let n = 0;
/** A valid organisation body; names, credit codes and GS1 prefixes never clash with the fixtures' (测试单位, T…, 6980…). */
function orgBody(over: Record<string, unknown> = {}) {
  n++;
  const regionCode = typeof over.regionCode === 'string' ? over.regionCode : '330106';
  const prefix = `6991${String(n).padStart(3, '0')}`;
  return {
    type: 'manufacturer', name: `组织测试${n}号`, regionCode, creditCode: buildCreditCode('91', regionCode, `K${String(n).padStart(7, '0')}`),
    gs1CompanyPrefix: prefix, gln: withGs1CheckDigit(`${prefix}00000`), ...over,
  };
}

async function headersFor(role: Role, extra: { jurisdictionCode?: string; regulatorLevel?: RegulatorLevel; organizationId?: number } = {}) {
  const username = await makeUser(t().deps, { role, ...extra });
  return { username, headers: await loginHeaders(t().app, username, PASSWORD) };
}
const regulator = (code: string, level: RegulatorLevel) => headersFor('regulator', { jurisdictionCode: code, regulatorLevel: level }).then((r) => r.headers);

async function organizationCount(): Promise<number> {
  const r = await t().deps.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

const get = (headers: Record<string, string>, url: string, lang?: string) => call(t().app, { ...headers, ...(lang && { 'accept-language': lang }) }, { method: 'GET', url });
const post = (headers: Record<string, string>, url: string, payload: unknown, lang?: string) => call(t().app, { ...headers, ...(lang && { 'accept-language': lang }) }, { method: 'POST', url, payload: payload as Record<string, unknown> });

describe('POST /api/organizations', () => {
  it('lets a city regulator register an organisation in its jurisdiction (201) and audits it', async () => {
    const headers = await regulator('330100', 'city');
    const body = orgBody({ regionCode: '330106', address: '杭州市西湖区文三路1号' });
    const before = await organizationCount();
    const res = await post(headers, '/api/organizations', body);
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({ type: 'manufacturer', name: body.name, creditCode: body.creditCode, regionCode: '330106', regionName: '西湖区', gln: body.gln, gs1CompanyPrefix: body.gs1CompanyPrefix, rural: false, locations: [] });
    expect(typeof org.id).toBe('number');
    expect(await organizationCount()).toBe(before + 1);
    const audit = await t().deps.db.selectFrom('audit_log').select(['action', 'object_id']).where('action', '=', 'organization.create').where('object_id', '=', String(org.id)).execute();
    expect(audit).toHaveLength(1);
  });

  it('rejects a region outside the jurisdiction with 422 organization.region_out_of_scope and writes nothing', async () => {
    const headers = await regulator('330100', 'city');
    const before = await organizationCount();
    const res = await post(headers, '/api/organizations', orgBody({ regionCode: '330212' }));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'validation.failed', status: 422, errors: [{ code: 'organization.region_out_of_scope', path: 'regionCode', message: '行政区划 330212 不在您的辖区内', hint: '只能登记本辖区的单位', params: { code: '330212' } }] });
    const en = await post(headers, '/api/organizations', orgBody({ regionCode: '330212' }), 'en');
    expect(en.json().errors[0].message).toBe('Region 330212 lies outside your jurisdiction');
    expect(await organizationCount()).toBe(before);
  });

  it('rejects an unknown region code', async () => {
    const headers = await regulator('330000', 'province');
    const before = await organizationCount();
    const res = await post(headers, '/api/organizations', orgBody({ regionCode: '330199' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ code: 'region.unknown', path: 'regionCode', params: { code: '330199' } })]);
    expect(await organizationCount()).toBe(before);
  });

  it('rejects a wrong credit-code check character, naming the expected one in zh-CN and en', async () => {
    const headers = await regulator('330000', 'province');
    const good = buildCreditCode('91', '330106', 'K9999999');
    const expected = good[17]!;
    expect(creditCodeCheckChar(good.slice(0, 17))).toBe(expected);
    const wrong = good.slice(0, 17) + (expected === '0' ? '1' : '0');
    const before = await organizationCount();
    const zh = await post(headers, '/api/organizations', orgBody({ creditCode: wrong }));
    expect(zh.statusCode).toBe(422);
    expect(zh.json().errors).toEqual([{
      code: 'credit_code.check_char', path: 'creditCode', params: { expected, actual: wrong[17] },
      message: `统一社会信用代码校验位错误：应为“${expected}”，实际为“${wrong[17]}”（GB 32100）`, hint: '请逐位核对营业执照上的代码，通常是某一位抄错',
    }]);
    const en = await post(headers, '/api/organizations', orgBody({ creditCode: wrong }), 'en-US,en;q=0.9');
    expect(en.json().title).toBe('The submission has 1 problem(s)');
    expect(en.json().errors[0].message).toBe(`Wrong check character in the credit code: expected "${expected}", found "${wrong[17]}" (GB 32100)`);
    // Lower case input is upper-cased before the check, so the right code in lower case is accepted.
    const lower = await post(headers, '/api/organizations', orgBody({ creditCode: good.toLowerCase() }));
    expect(lower.statusCode).toBe(201);
    expect(lower.json().creditCode).toBe(good);
    expect(await organizationCount()).toBe(before + 1);
  });

  it('rejects a GLN with a wrong GS1 check digit, a GLN outside the company prefix and a GLN without a prefix', async () => {
    const headers = await regulator('330000', 'province');
    const before = await organizationCount();
    const body = orgBody();
    const bad = body.gln.slice(0, 12) + String((Number(body.gln[12]) + 1) % 10);
    const res = await post(headers, '/api/organizations', { ...body, gln: bad });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ code: 'organization.gln_invalid', path: 'gln', params: expect.objectContaining({ gln: bad }) })]);
    const otherPrefix = await post(headers, '/api/organizations', { ...body, gln: withGs1CheckDigit('699999900000') });
    expect(otherPrefix.json().errors).toEqual([expect.objectContaining({ code: 'generic.invalid', path: 'gs1CompanyPrefix' })]);
    const noPrefix = await post(headers, '/api/organizations', { ...body, gs1CompanyPrefix: null });
    expect(noPrefix.json().errors).toEqual([expect.objectContaining({ code: 'generic.required', path: 'gs1CompanyPrefix', message: '缺少必填字段 gs1CompanyPrefix' })]);
    expect(await organizationCount()).toBe(before);
  });

  it('rejects malformed bodies through the schema, and enterprises may not register organisations', async () => {
    const headers = await regulator('330000', 'province');
    const before = await organizationCount();
    const res = await post(headers, '/api/organizations', { ...orgBody(), type: 'pharmacy', regionCode: '3301' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['regionCode', 'type']);
    const org = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106' });
    const enterprise = await headersFor('enterprise', { organizationId: org.id });
    const denied = await post(enterprise.headers, '/api/organizations', orgBody());
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'auth.forbidden', params: { permission: 'organizations.write' } });
    expect(await organizationCount()).toBe(before + 1);
  });
});

describe('GET /api/organizations: paging, sorting, filters, scope', () => {
  it('pages with total = the full count, and page 2 holds different items', async () => {
    const headers = await regulator('330000', 'province');
    // Huzhou's county 330523 holds only this test's organisations.
    for (let i = 1; i <= 5; i++) expect((await post(headers, '/api/organizations', orgBody({ regionCode: '330523', name: `分页测试${i}号` }))).statusCode).toBe(201);
    const p1 = (await get(headers, '/api/organizations?region=330523&pageSize=2&sort=name')).json();
    const p2 = (await get(headers, '/api/organizations?region=330523&pageSize=2&page=2&sort=name')).json();
    const p3 = (await get(headers, '/api/organizations?region=330523&pageSize=2&page=3&sort=name')).json();
    expect([p1.total, p2.total, p3.total]).toEqual([5, 5, 5]);
    expect(p1.items.map((o: { name: string }) => o.name)).toEqual(['分页测试1号', '分页测试2号']);
    expect(p2.items.map((o: { name: string }) => o.name)).toEqual(['分页测试3号', '分页测试4号']);
    expect(p3.items.map((o: { name: string }) => o.name)).toEqual(['分页测试5号']);
    const p4 = (await get(headers, '/api/organizations?region=330523&pageSize=2&page=4')).json();
    expect(p4).toEqual({ items: [], total: 5 });
    const tooBig = await get(headers, '/api/organizations?pageSize=501');
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json().errors[0].path).toBe('querystring.pageSize');
  });

  it('sorts ascending and descending by name and by region code', async () => {
    const headers = await regulator('330000', 'province');
    // Names differ only in a digit, so the order is the same under any collation.
    for (const [i, region] of [[3, '330522'], [1, '330502'], [2, '330522']] as const) {
      expect((await post(headers, '/api/organizations', orgBody({ regionCode: region, name: `排序测试${i}号` }))).statusCode).toBe(201);
    }
    const names = async (sort: string) => (await get(headers, `/api/organizations?q=${encodeURIComponent('排序测试')}&sort=${sort}`)).json().items.map((o: { name: string }) => o.name);
    expect(await names('name')).toEqual(['排序测试1号', '排序测试2号', '排序测试3号']);
    expect(await names('-name')).toEqual(['排序测试3号', '排序测试2号', '排序测试1号']);
    const byRegion = (await get(headers, `/api/organizations?q=${encodeURIComponent('排序测试')}&sort=-regionCode`)).json().items.map((o: { regionCode: string }) => o.regionCode);
    expect(byRegion).toEqual(['330522', '330522', '330502']);
    // An unknown sort field falls back to the id order, i.e. creation order.
    expect(await names('nonsense')).toEqual(['排序测试3号', '排序测试1号', '排序测试2号']);
  });

  it('filters by type, by region prefix at province, city and county level, and by q (name or exact credit code)', async () => {
    const national = await regulator('000000', 'national');
    const mk = (type: string, regionCode: string, name: string) => post(national, '/api/organizations', orgBody({ type, regionCode, name })).then((r) => r.json());
    const a = await mk('distributor', '440106', '过滤测试天河经营');
    const b = await mk('manufacturer', '440106', '过滤测试天河生产');
    const c = await mk('distributor', '440305', '过滤测试南山经营');
    const d = await mk('institution', '320102', '过滤测试玄武医院');
    const ids = (r: { items: { id: number }[] }) => r.items.map((o) => o.id).sort((x, y) => x - y);
    const list = async (query: string) => (await get(national, `/api/organizations?q=${encodeURIComponent('过滤测试')}&${query}`)).json();
    expect(ids(await list('type=distributor'))).toEqual([a.id, c.id]);
    expect(ids(await list('region=440000'))).toEqual([a.id, b.id, c.id]);
    expect(ids(await list('region=440100'))).toEqual([a.id, b.id]);
    expect(ids(await list('region=440305'))).toEqual([c.id]);
    expect(ids(await list('region=320000&type=institution'))).toEqual([d.id]);
    expect((await list('region=440100&type=institution')).total).toBe(0);
    // q by name substring, and by the exact credit code (case-insensitive); a partial credit code does not match.
    const byName = (await get(national, `/api/organizations?q=${encodeURIComponent('南山经营')}`)).json();
    expect(byName).toMatchObject({ total: 1, items: [{ id: c.id }] });
    const byCode = (await get(national, `/api/organizations?q=${b.creditCode.toLowerCase()}`)).json();
    expect(byCode).toMatchObject({ total: 1, items: [{ id: b.id, creditCode: b.creditCode }] });
    expect((await get(national, `/api/organizations?q=${b.creditCode.slice(0, 10)}`)).json().total).toBe(0);
    // LIKE wildcards in q are literal characters.
    expect((await get(national, `/api/organizations?q=${encodeURIComponent('过滤测试%')}`)).json().total).toBe(0);
    const unknownType = await get(national, '/api/organizations?type=pharmacy');
    expect(unknownType.statusCode).toBe(422);
  });

  it('never shows a city regulator another city’s organisations, and an enterprise only its own', async () => {
    const ningboOrg = await makeOrganization(t().deps, { type: 'distributor', regionCode: '330212', name: '范围测试宁波经营' });
    const hangzhouOrg = await makeOrganization(t().deps, { type: 'distributor', regionCode: '330108', name: '范围测试杭州经营' });
    const city = await regulator('330100', 'city');
    const all = (await get(city, '/api/organizations?pageSize=500')).json();
    expect(all.total).toBe(all.items.length);
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((o: { regionCode: string }) => o.regionCode.startsWith('3301'))).toBe(true);
    expect(all.items.map((o: { id: number }) => o.id)).toContain(hangzhouOrg.id);
    expect(all.items.map((o: { id: number }) => o.id)).not.toContain(ningboOrg.id);
    // Asking for the other city by filter gives nothing, and reading it directly is a 404.
    expect((await get(city, '/api/organizations?region=330200')).json()).toEqual({ items: [], total: 0 });
    const one = await get(city, `/api/organizations/${ningboOrg.id}`);
    expect(one.statusCode).toBe(404);
    expect(one.json()).toMatchObject({ code: 'not_found', params: { objectType: 'organization', id: String(ningboOrg.id) } });
    // The province sees both.
    const province = await regulator('330000', 'province');
    const both = (await get(province, `/api/organizations?q=${encodeURIComponent('范围测试')}`)).json();
    expect(both.total).toBe(2);
    const enterprise = await headersFor('enterprise', { organizationId: hangzhouOrg.id });
    expect((await get(enterprise.headers, '/api/organizations')).json()).toMatchObject({ total: 1, items: [{ id: hangzhouOrg.id }] });
    expect((await get(enterprise.headers, `/api/organizations/${ningboOrg.id}`)).statusCode).toBe(404);
    // Admin roles other than the system admin see no organisations at all.
    const sec = await headersFor('secadmin');
    expect((await get(sec.headers, '/api/organizations')).statusCode).toBe(403);
  });
});

describe('CSV export', () => {
  it('exports the filtered list with a BOM, a header, one row per item and a formula guard', async () => {
    const headers = await regulator('330000', 'province');
    for (const name of ['导出测试甲', '=1+2导出测试', '导出测试"引号",逗号']) expect((await post(headers, '/api/organizations', orgBody({ regionCode: '330225', name }))).statusCode).toBe(201);
    const res = await get(headers, '/api/organizations?region=330225&format=csv&sort=id&pageSize=1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="organizations.csv"');
    const raw = res.rawPayload.toString('utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    const lines = raw.slice(1).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('id,类型 type,名称 name,统一社会信用代码 credit code,行政区划 region,地区 region name,GLN,地址 address');
    // pageSize does not limit an export: every row of the filter is there.
    expect(lines).toHaveLength(4);
    const json = (await get(headers, '/api/organizations?region=330225&sort=id')).json();
    lines.slice(1).forEach((line, i) => expect(line.startsWith(`${json.items[i].id},manufacturer,`)).toBe(true));
    expect(lines[1]).toBe(`${json.items[0].id},manufacturer,导出测试甲,${json.items[0].creditCode},330225,象山县,${json.items[0].gln},`);
    expect(lines[2]).toContain(",'=1+2导出测试,");
    expect(lines[2]).not.toContain(',=1+2');
    expect(lines[3]).toContain(',"导出测试""引号"",逗号",');
  });
});

describe('locations and reading one organisation', () => {
  it('adds locations whose SGLN is urn:epc:id:sgln:<prefix>.<locref>.<ext>, and lists them with the organisation', async () => {
    const headers = await regulator('330100', 'city');
    const created = (await post(headers, '/api/organizations', orgBody({ regionCode: '330110' }))).json();
    const prefix: string = created.gs1CompanyPrefix;
    const gln1 = withGs1CheckDigit(`${prefix}00001`);
    const gln2 = withGs1CheckDigit(`${prefix}00002`);
    const r1 = await post(headers, `/api/organizations/${created.id}/locations`, { name: '成品仓库', kind: 'warehouse', gln: gln1 });
    expect(r1.statusCode).toBe(201);
    expect(r1.json()).toMatchObject({ gln: gln1, extension: '0', sgln: `urn:epc:id:sgln:${prefix}.00001.0`, regionCode: '330110' });
    const r2 = await post(headers, `/api/organizations/${created.id}/locations`, { name: '冷库 A/1 区', kind: 'warehouse', gln: gln2, extension: 'A/1', regionCode: '330106' });
    expect(r2.statusCode).toBe(201);
    // Characters that EPC URIs reserve are percent-escaped (TDS §6), so the URN parses back to the GLN and extension.
    expect(r2.json().sgln).toBe(`urn:epc:id:sgln:${prefix}.00002.A%2F1`);
    const back = epcUrnToElements(r2.json().sgln);
    expect(back.ok && back.value.map((e) => [e.ai, e.value])).toEqual([['414', gln2], ['254', 'A/1']]);
    const again = await post(headers, `/api/organizations/${created.id}/locations`, { name: '重复', kind: 'office', gln: gln1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('db.unique_violation');
    const foreign = await post(headers, `/api/organizations/${created.id}/locations`, { name: '别家', kind: 'office', gln: withGs1CheckDigit('699888800001') });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0]).toMatchObject({ code: 'generic.invalid', path: 'gs1CompanyPrefix' });
    const one = (await get(headers, `/api/organizations/${created.id}`)).json();
    expect(one.locations.map((l: { sgln: string }) => l.sgln)).toEqual([`urn:epc:id:sgln:${prefix}.00001.0`, `urn:epc:id:sgln:${prefix}.00002.A%2F1`]);
    const listed = (await get(headers, `/api/organizations?q=${created.creditCode}`)).json();
    expect(listed.items[0].locations).toHaveLength(2);
    expect(listed.items[0].locations[1]).toMatchObject({ name: '冷库 A/1 区', kind: 'warehouse', regionCode: '330106' });
  });

  it('returns one organisation and records the read in the audit log as organization.read', async () => {
    const { username, headers } = await headersFor('regulator', { jurisdictionCode: '330100', regulatorLevel: 'city' });
    const created = (await post(headers, '/api/organizations', orgBody({ regionCode: '330108', contactName: '王建华', contactPhone: '13800000000' }))).json();
    const reads = () => t().deps.db.selectFrom('audit_log').select(['actor_name', 'actor_type', 'object_type', 'outcome']).where('action', '=', 'organization.read').where('object_id', '=', String(created.id)).execute();
    expect(await reads()).toHaveLength(0);
    const res = await get(headers, `/api/organizations/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: created.id, contactName: '王建华', contactPhone: '13800000000', regionName: '滨江区', locations: [] });
    expect(await reads()).toEqual([{ actor_name: username, actor_type: 'user', object_type: 'organization', outcome: 'success' }]);
    // A list does not count as reading each organisation's contacts.
    await get(headers, '/api/organizations');
    expect(await reads()).toHaveLength(1);
    expect((await get(headers, '/api/organizations/999999')).statusCode).toBe(404);
  });

  it('checks a changed company prefix against the GLN already on record', async () => {
    const headers = await regulator('330100', 'city');
    const created = (await post(headers, '/api/organizations', orgBody({ regionCode: '330108' }))).json();
    const res = await call(t().app, headers, { method: 'PATCH', url: `/api/organizations/${created.id}`, payload: { gs1CompanyPrefix: '6999999' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ code: 'generic.invalid', path: 'gs1CompanyPrefix' });
    const row = await t().deps.db.selectFrom('organizations').select('gs1_company_prefix').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.gs1_company_prefix).toBe(created.gs1CompanyPrefix);
    const ok = await call(t().app, headers, { method: 'PATCH', url: `/api/organizations/${created.id}`, payload: { name: '改名后的单位', regionCode: '330106' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '改名后的单位', regionCode: '330106', regionName: '西湖区' });
    const away = await call(t().app, headers, { method: 'PATCH', url: `/api/organizations/${created.id}`, payload: { regionCode: '330212' } });
    expect(away.json().errors[0].code).toBe('organization.region_out_of_scope');
  });
});
