import { withGs1CheckDigit } from '@lianjian/core';
import { describe, expect, it } from 'vitest';
import type { RegulatorLevel, Role } from '../../db/schema.ts';
import { makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';

const t = useTestApp();

async function headersFor(role: Role, extra: { jurisdictionCode?: string; regulatorLevel?: RegulatorLevel; organizationId?: number } = {}) {
  return loginHeaders(t().app, await makeUser(t().deps, { role, ...extra }), PASSWORD);
}
const regulator = (code: string, level: RegulatorLevel) => headersFor('regulator', { jurisdictionCode: code, regulatorLevel: level });
const get = (headers: Record<string, string>, url: string) => call(t().app, headers, { method: 'GET', url });
const post = (headers: Record<string, string>, url: string, payload: object, lang?: string) => call(t().app, { ...headers, ...(lang && { 'accept-language': lang }) }, { method: 'POST', url, payload: payload as Record<string, unknown> });

async function counts() {
  const db = t().deps.db;
  const n = async (table: 'registrations' | 'products' | 'product_dis') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { registrations: await n('registrations'), products: await n('products'), dis: await n('product_dis') };
}

let serial = 0;
const regBody = (holderId: number, over: Record<string, unknown> = {}) => ({
  number: `国械注准2024314${String(5000 + ++serial).padStart(4, '0')}`, holderId, managementClass: 3, productName: '一次性使用无菌注射器', issuer: '国家药品监督管理局',
  validFrom: '2024-03-01', validTo: '2029-02-28', ...over,
});
/** GTIN-14 with indicator, a 7-digit company prefix and a 5-digit item reference. */
const gtin = (indicator: number, prefix: string, item: number) => withGs1CheckDigit(`${indicator}${prefix}${String(item).padStart(5, '0')}`);
const productBody = (registrationId: number, prefix: string, item: number, over: Record<string, unknown> = {}) => ({
  registrationId, name: '一次性使用无菌注射器', model: '5ml', deviceKind: 'syringe', piElements: ['lot', 'production_date', 'expiry_date'], singleUse: true, sterile: true,
  dis: [
    { di: gtin(0, prefix, item), agency: 'GS1', packageLevel: 0, packageLevelName: '支', quantityPerPackage: 1 },
    { di: gtin(1, prefix, item), agency: 'GS1', packageLevel: 1, packageLevelName: '中包装', quantityPerPackage: 100, containsDi: gtin(0, prefix, item) },
    { di: gtin(2, prefix, item), agency: 'GS1', packageLevel: 2, packageLevelName: '箱', quantityPerPackage: 20, containsDi: gtin(1, prefix, item) },
  ],
  ...over,
});

describe('POST /api/registrations', () => {
  it('records a class III registration and a class I filing, deriving kind and category from the number', async () => {
    const province = await regulator('330000', 'province');
    const holder = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106', name: '注册测试生产企业' });
    const reg = await post(province, '/api/registrations', regBody(holder.id, { number: '国械注准20243140001' }));
    expect(reg.statusCode).toBe(201);
    expect(reg.json()).toMatchObject({ number: '国械注准20243140001', kind: 'registration', managementClass: 3, categoryCode: '14', holderId: holder.id, holderName: '注册测试生产企业', regionCode: '330106', status: 'active' });
    const filing = await post(province, '/api/registrations', regBody(holder.id, { number: '浙杭械备20240012号', managementClass: 1, validTo: null }));
    expect(filing.statusCode).toBe(201);
    expect(filing.json()).toMatchObject({ kind: 'filing', managementClass: 1, categoryCode: null, validTo: null });
    const listed = (await get(province, `/api/registrations?holderId=${holder.id}`)).json();
    expect(listed.total).toBe(2);
    expect((await get(province, `/api/registrations?holderId=${holder.id}&managementClass=1`)).json().items.map((r: { number: string }) => r.number)).toEqual(['浙杭械备20240012号']);
  });

  it('rejects a malformed number, a class that contradicts the number and a provincial class III number, writing nothing', async () => {
    const province = await regulator('330000', 'province');
    const holder = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106' });
    const before = await counts();
    const format = await post(province, '/api/registrations', regBody(holder.id, { number: '国械准20243140001' }));
    expect(format.statusCode).toBe(422);
    expect(format.json().errors).toEqual([{
      code: 'registration_number.format', path: 'number', params: { number: '国械准20243140001' },
      message: '“国械准20243140001”不是有效的注册证编号或备案编号格式', hint: '注册证编号形如“国械注准20193140001”，备案编号形如“浙杭械备20200012号”',
    }]);
    const en = await post(province, '/api/registrations', regBody(holder.id, { number: '国械准20243140001' }), 'en');
    expect(en.json().errors[0].message).toBe('"国械准20243140001" is not a registration certificate or filing number');
    const mismatch = await post(province, '/api/registrations', regBody(holder.id, { number: '浙械注准20242140007', managementClass: 3 }));
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().errors).toEqual([expect.objectContaining({
      code: 'registration.class_mismatch', path: 'managementClass', params: { number: '浙械注准20242140007', numberClass: 2, managementClass: 3 },
      message: '编号 浙械注准20242140007 表示第 2 类，与填写的第 3 类不符',
    })]);
    const filingAsClass2 = await post(province, '/api/registrations', regBody(holder.id, { number: '浙杭械备20240013号', managementClass: 2 }));
    expect(filingAsClass2.json().errors[0]).toMatchObject({ code: 'registration.class_mismatch', params: { numberClass: 1 } });
    const provincial3 = await post(province, '/api/registrations', regBody(holder.id, { number: '浙械注准20243140007' }));
    expect(provincial3.json().errors[0]).toMatchObject({ code: 'registration_number.class_three_provincial', path: 'number' });
    const category = await post(province, '/api/registrations', regBody(holder.id, { number: '国械注准20243300001' }));
    expect(category.json().errors[0]).toMatchObject({ code: 'registration_number.category', path: 'number', params: { category: '30' } });
    expect(await counts()).toEqual(before);
  });

  it('requires a manufacturer in the jurisdiction as holder and a unique number', async () => {
    const hangzhou = await regulator('330100', 'city');
    const distributor = await makeOrganization(t().deps, { type: 'distributor', regionCode: '330106' });
    const ningbo = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330212' });
    const mine = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330108' });
    const before = await counts();
    expect((await post(hangzhou, '/api/registrations', regBody(distributor.id))).json().errors).toEqual([expect.objectContaining({ code: 'registration.holder_type', path: 'holderId' })]);
    expect((await post(hangzhou, '/api/registrations', regBody(ningbo.id))).json().errors).toEqual([expect.objectContaining({ code: 'not_found', path: 'holderId' })]);
    const both = await post(hangzhou, '/api/registrations', regBody(distributor.id, { number: 'XYZ' }));
    expect(both.json().errors).toEqual([expect.objectContaining({ path: 'number' })]);
    const body = regBody(mine.id);
    expect((await post(hangzhou, '/api/registrations', body)).statusCode).toBe(201);
    const dup = await post(hangzhou, '/api/registrations', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('db.unique_violation');
    const enterprise = await headersFor('enterprise', { organizationId: mine.id });
    expect((await post(enterprise, '/api/registrations', regBody(mine.id))).statusCode).toBe(403);
    expect(await counts()).toEqual({ ...before, registrations: before.registrations + 1 });
  });
});

describe('POST /api/products', () => {
  it('lets the registrant add a product with one DI per package level', async () => {
    const province = await regulator('330000', 'province');
    const holder = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106' });
    const registration = (await post(province, '/api/registrations', regBody(holder.id))).json();
    const manufacturer = await headersFor('enterprise', { organizationId: holder.id });
    const body = productBody(registration.id, holder.gs1CompanyPrefix!, 1);
    // Submitted out of order: the carton is inserted after the unit it contains.
    const res = await post(manufacturer, '/api/products', { ...body, dis: [body.dis[2], body.dis[0], body.dis[1]] });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      name: '一次性使用无菌注射器', registrationId: registration.id, registrationNumber: registration.number, managementClass: 3, holderId: holder.id, regionCode: '330106',
      di: body.dis[0]!.di, agency: 'GS1', packageLevel: 0, piElements: ['lot', 'production_date', 'expiry_date'], singleUse: true, sterile: true, implantable: false,
    });
    expect(p.dis).toEqual([
      { di: body.dis[0]!.di, agency: 'GS1', packageLevel: 0, packageLevelName: '支', quantityPerPackage: 1, containsDi: null },
      { di: body.dis[1]!.di, agency: 'GS1', packageLevel: 1, packageLevelName: '中包装', quantityPerPackage: 100, containsDi: body.dis[0]!.di },
      { di: body.dis[2]!.di, agency: 'GS1', packageLevel: 2, packageLevelName: '箱', quantityPerPackage: 20, containsDi: body.dis[1]!.di },
    ]);
    expect((await get(manufacturer, `/api/products/${p.id}`)).json()).toEqual(p);
  });

  it('rejects a wrong GS1 check digit at dis.0.di, duplicate DIs and DIs already registered, writing nothing', async () => {
    const province = await regulator('330000', 'province');
    const holder = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106' });
    const registration = (await post(province, '/api/registrations', regBody(holder.id))).json();
    const prefix = holder.gs1CompanyPrefix!;
    const existing = await post(province, '/api/products', productBody(registration.id, prefix, 10));
    expect(existing.statusCode).toBe(201);
    const before = await counts();
    const good = productBody(registration.id, prefix, 11);
    const unit = good.dis[0]!.di;
    const wrongCheck = unit.slice(0, 13) + String((Number(unit[13]) + 1) % 10);
    const res = await post(province, '/api/products', { ...good, dis: [{ ...good.dis[0], di: wrongCheck }, { ...good.dis[1], containsDi: wrongCheck }, good.dis[2]] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{
      code: 'product.di_invalid', path: 'dis.0.di', params: { di: wrongCheck, reason: 'GS1 mod-10 check digit' },
      message: `产品标识 ${wrongCheck} 不合法：GS1 mod-10 check digit`, hint: 'GS1 产品标识为 14 位 GTIN，末位为校验位',
    }]);
    const short = await post(province, '/api/products', { ...good, dis: [{ ...good.dis[0], di: unit.slice(1) }] });
    expect(short.json().errors[0]).toMatchObject({ code: 'product.di_invalid', path: 'dis.0.di', params: { reason: 'GTIN-14: 14 digits' } });
    const dup = await post(province, '/api/products', { ...good, dis: [good.dis[0], { ...good.dis[1], di: unit }] });
    expect(dup.json().errors).toEqual([expect.objectContaining({ code: 'product.di_duplicate', path: 'dis.1.di', params: { di: unit } })]);
    const taken = await post(province, '/api/products', { ...good, dis: [good.dis[0], { ...good.dis[1], di: existing.json().dis[1].di, containsDi: null }] });
    expect(taken.statusCode).toBe(422);
    expect(taken.json().errors).toEqual([expect.objectContaining({ code: 'db.unique_violation', path: 'dis.1.di' })]);
    // One DI per package level, and a package contains a lower level of the same product: field-level 422s, not a bare 409.
    const sameLevel = await post(province, '/api/products', { ...good, dis: [good.dis[0], { ...good.dis[1], packageLevel: 0, containsDi: null }] });
    expect(sameLevel.statusCode).toBe(422);
    expect(sameLevel.json().errors).toEqual([expect.objectContaining({ code: 'db.unique_violation', path: 'dis.1.packageLevel' })]);
    const dangling = await post(province, '/api/products', { ...good, dis: [good.dis[0], { ...good.dis[1], containsDi: gtin(0, prefix, 99) }] });
    expect(dangling.statusCode).toBe(422);
    expect(dangling.json().errors).toEqual([expect.objectContaining({ code: 'db.foreign_key_violation', path: 'dis.1.containsDi' })]);
    const otherProducts = await post(province, '/api/products', { ...good, dis: [good.dis[0], { ...good.dis[1], containsDi: existing.json().dis[0].di }] });
    expect(otherProducts.json().errors).toEqual([expect.objectContaining({ code: 'db.foreign_key_violation', path: 'dis.1.containsDi' })]);
    const upwards = await post(province, '/api/products', { ...good, dis: [{ ...good.dis[0], containsDi: good.dis[1]!.di }, { ...good.dis[1], containsDi: null }] });
    expect(upwards.json().errors).toEqual([expect.objectContaining({ code: 'db.foreign_key_violation', path: 'dis.0.containsDi' })]);
    const storage = await post(province, '/api/products', { ...good, storageMinC: 8, storageMaxC: 2 });
    expect(storage.json().errors).toEqual([expect.objectContaining({ code: 'product.storage_range', path: 'storageMinC', message: '储存温度下限 8 高于上限 2' })]);
    const noDis = await post(province, '/api/products', { ...good, dis: [] });
    expect(noDis.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('lets a manufacturer add products only under its own registration (403 product.not_holder)', async () => {
    const province = await regulator('330000', 'province');
    const holder = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106' });
    const rival = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106' });
    const registration = (await post(province, '/api/registrations', regBody(holder.id))).json();
    const before = await counts();
    const rivalHeaders = await headersFor('enterprise', { organizationId: rival.id });
    const res = await post(rivalHeaders, '/api/products', productBody(registration.id, rival.gs1CompanyPrefix!, 1));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'product.not_holder', title: '只能为本企业持有的注册证/备案登记产品' });
    const ningbo = await regulator('330200', 'city');
    const outside = await post(ningbo, '/api/products', productBody(registration.id, holder.gs1CompanyPrefix!, 1));
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('auth.out_of_scope');
    const hospital = await makeOrganization(t().deps, { type: 'institution', regionCode: '330106' });
    expect((await post(await headersFor('institution', { organizationId: hospital.id }), '/api/products', productBody(registration.id, holder.gs1CompanyPrefix!, 1))).json().code).toBe('auth.forbidden');
    const missing = await post(province, '/api/products', productBody(999999, holder.gs1CompanyPrefix!, 1));
    expect(missing.json().errors).toEqual([expect.objectContaining({ code: 'not_found', path: 'registrationId' })]);
    expect(await counts()).toEqual(before);
  });
});

describe('GET /api/products', () => {
  it('filters by q, deviceKind, managementClass, region, holderId, exact DI and registration number; exports CSV', async () => {
    const national = await regulator('000000', 'national');
    const gz = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '440106', name: '目录测试广州生产' });
    const sz = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '440305', name: '目录测试深圳生产' });
    const regA = (await post(national, '/api/registrations', regBody(gz.id))).json();
    const regB = (await post(national, '/api/registrations', regBody(sz.id, { number: '粤械注准20242400001', managementClass: 2, productName: '糖化血红蛋白测定试剂盒' }))).json();
    const a = (await post(national, '/api/products', productBody(regA.id, gz.gs1CompanyPrefix!, 1))).json();
    const b = (await post(national, '/api/products', productBody(regB.id, sz.gs1CompanyPrefix!, 1, {
      name: '糖化血红蛋白测定试剂盒（目录测试）', model: '2×50ml', deviceKind: 'ivd_reagent', storageMinC: 2, storageMaxC: 8, storageNote: '2–8 °C 保存',
    }))).json();
    const ids = async (query: string) => (await get(national, `/api/products?${query}`)).json().items.map((p: { id: number }) => p.id).sort((x: number, y: number) => x - y);
    expect(await ids('region=440000')).toEqual([a.id, b.id]);
    expect(await ids('region=440100')).toEqual([a.id]);
    expect(await ids('region=440000&deviceKind=ivd_reagent')).toEqual([b.id]);
    expect(await ids('region=440000&managementClass=3')).toEqual([a.id]);
    expect(await ids(`holderId=${sz.id}`)).toEqual([b.id]);
    expect(await ids(`q=${encodeURIComponent('目录测试')}`)).toEqual([b.id]);
    expect(await ids(`q=${encodeURIComponent('2×50')}`)).toEqual([b.id]);
    expect(await ids(`q=${encodeURIComponent(regA.number)}`)).toEqual([a.id]);
    expect(await ids(`registrationNumber=${encodeURIComponent('粤械注准20242400001')}`)).toEqual([b.id]);
    // DI: exact match on any package level; a prefix of a DI matches nothing.
    expect(await ids(`di=${a.dis[0].di}`)).toEqual([a.id]);
    expect(await ids(`di=${b.dis[2].di}`)).toEqual([b.id]);
    expect(await ids(`di=${a.dis[0].di.slice(0, 13)}`)).toEqual([]);
    const byDi = (await get(national, `/api/products?di=${b.dis[1].di}`)).json();
    expect(byDi).toMatchObject({ total: 1, items: [{ id: b.id, di: b.dis[0].di, agency: 'GS1', packageLevel: 0, regionCode: '440305', storageMinC: 2, storageMaxC: 8 }] });
    expect(byDi.items[0].dis).toHaveLength(3);
    const csv = await get(national, '/api/products?region=440000&sort=id&format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const raw = csv.rawPayload.toString('utf8');
    expect(raw.startsWith('\uFEFFid,产品名称 name,型号 model,注册证/备案号 registration,管理类别 class,注册人 holder,行政区划 region,DI,储存条件 storage\r\n')).toBe(true);
    const lines = raw.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe(`${b.id},糖化血红蛋白测定试剂盒（目录测试）,2×50ml,粤械注准20242400001,2,目录测试深圳生产,440305,GS1:${b.dis[0].di}(L0×1);GS1:${b.dis[1].di}(L1×100);GS1:${b.dis[2].di}(L2×20),2–8 °C`);
    expect(lines[1]).toMatch(new RegExp(`^${a.id},一次性使用无菌注射器,5ml,${regA.number},3,目录测试广州生产,440106,.*,$`));
  });

  it('is readable by every business role, whoever holds the product, and sorts both ways', async () => {
    const holder = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '320102' });
    const p1 = await makeProduct(t().deps, holder.id, holder.gs1CompanyPrefix!);
    const p2 = await makeProduct(t().deps, holder.id, holder.gs1CompanyPrefix!);
    const otherCompany = await makeOrganization(t().deps, { type: 'distributor', regionCode: '440106' });
    const hospital = await makeOrganization(t().deps, { type: 'institution', regionCode: '330106' });
    const agency = await makeOrganization(t().deps, { type: 'agency', regionCode: '330100' });
    for (const headers of [
      await headersFor('enterprise', { organizationId: otherCompany.id }), await headersFor('institution', { organizationId: hospital.id }),
      await headersFor('agency', { organizationId: agency.id }), await regulator('330100', 'city'),
    ]) {
      const asc = (await get(headers, `/api/products?holderId=${holder.id}&sort=id`)).json();
      expect(asc.items.map((p: { id: number }) => p.id)).toEqual([p1.id, p2.id]);
      const desc = (await get(headers, `/api/products?holderId=${holder.id}&sort=-id`)).json();
      expect(desc.items.map((p: { id: number }) => p.id)).toEqual([p2.id, p1.id]);
      expect((await get(headers, `/api/products/${p1.id}`)).json()).toMatchObject({ id: p1.id, holderId: holder.id, regionCode: '320102' });
    }
    const paged = (await get(await regulator('320000', 'province'), `/api/products?holderId=${holder.id}&sort=-id&pageSize=1&page=2`)).json();
    expect(paged).toMatchObject({ total: 2, items: [{ id: p1.id }] });
    for (const role of ['sysadmin', 'privacy_officer', 'auditadmin'] as const) {
      const res = await get(await headersFor(role), '/api/products');
      expect(res.statusCode).toBe(403);
      expect(res.json().params).toEqual({ permission: 'products.read' });
    }
  });
});
