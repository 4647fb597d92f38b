import { buildCreditCode, withGs1CheckDigit } from '@lianjian/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { OrganizationsService } from './organizations.service.ts';

const t = useTestApp();

const PUBLIC_FIELDS = ['creditCode', 'gln', 'id', 'name', 'nameEn', 'regionCode', 'regionName', 'type'];

interface Entry { id: number; type: string; name: string; nameEn: string | null; creditCode: string | null; regionCode: string; regionName: string | null; gln: string | null }

let hospital: Record<string, string>;
let supplier: { id: number; gln: string; creditCode: string };

const directory = async (headers: Record<string, string>, query: string) => {
  const res = await call(t().app, headers, { method: 'GET', url: `/api/organizations/directory?${query}` });
  return { status: res.statusCode, items: res.statusCode === 200 ? (res.json() as { items: Entry[] }).items : [], body: res.json() as Record<string, unknown> };
};

beforeAll(async () => {
  const { deps } = t();
  // A supplier with every private field filled, so a leak would show; in another province than the hospital.
  const created = await new OrganizationsService(deps).create(null, {
    type: 'distributor', name: '杭州目录医疗器械有限公司', nameEn: 'Hangzhou Directory Medical Supply Co.', regionCode: '330106',
    creditCode: buildCreditCode('91', '330106', 'D0000001'), gs1CompanyPrefix: '6993001', gln: withGs1CheckDigit('699300100000'),
    address: '杭州市西湖区文三路 9 号', contactName: '周经理', contactPhone: '13800000000',
  });
  supplier = { id: created.id, gln: created.gln as string, creditCode: created.creditCode as string };
  const own = await makeOrganization(deps, { type: 'institution', regionCode: '320102', name: '南京目录测试医院' });
  hospital = await loginHeaders(t().app, await makeUser(deps, { role: 'institution', organizationId: own.id }), PASSWORD);
});

describe('GET /api/organizations/directory', () => {
  it('finds an organisation outside the caller’s own scope by a part of its name, public registry facts only', async () => {
    const { status, items } = await directory(hospital, `q=${encodeURIComponent('目录医疗')}`);
    expect(status).toBe(200);
    expect(items).toEqual([{ id: supplier.id, type: 'distributor', name: '杭州目录医疗器械有限公司', nameEn: 'Hangzhou Directory Medical Supply Co.', creditCode: supplier.creditCode, regionCode: '330106', regionName: '西湖区', gln: supplier.gln }]);
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(PUBLIC_FIELDS);
    const raw = JSON.stringify(items);
    for (const secret of ['文三路', '周经理', '13800000000']) expect(raw).not.toContain(secret);
  });

  it('matches the English name without regard to case, a GLN prefix and a credit code (whole or its start, any case)', async () => {
    expect((await directory(hospital, 'q=directory%20medical')).items.map((o) => o.id)).toEqual([supplier.id]);
    expect((await directory(hospital, `q=${supplier.gln.slice(0, 9)}`)).items.map((o) => o.id)).toEqual([supplier.id]);
    expect((await directory(hospital, `q=${supplier.gln}`)).items.map((o) => o.id)).toEqual([supplier.id]);
    expect((await directory(hospital, `q=${supplier.creditCode}`)).items.map((o) => o.id)).toEqual([supplier.id]);
    expect((await directory(hospital, `q=${supplier.creditCode.slice(0, 14).toLowerCase()}`)).items.map((o) => o.id)).toEqual([supplier.id]);
    // A GLN matches from its start only: its tail is not a prefix.
    expect((await directory(hospital, `q=${supplier.gln.slice(4)}`)).items).toEqual([]);
    // LIKE wildcards in the text are text, not wildcards.
    expect((await directory(hospital, 'q=%25')).items).toEqual([]);
  });

  it('filters by type, finds one by id, and never lists regulators or agencies', async () => {
    const { deps } = t();
    const regulator = await makeOrganization(deps, { type: 'regulator', regionCode: '330100', name: '目录测试市场监督管理局' });
    expect((await directory(hospital, `q=${encodeURIComponent('目录')}&type=institution`)).items.map((o) => o.name)).toEqual(['南京目录测试医院']);
    expect((await directory(hospital, `q=${encodeURIComponent('目录')}&type=manufacturer`)).items).toEqual([]);
    expect((await directory(hospital, `id=${supplier.id}`)).items.map((o) => o.name)).toEqual(['杭州目录医疗器械有限公司']);
    expect((await directory(hospital, `q=${encodeURIComponent('目录测试市场')}`)).items).toEqual([]);
    expect((await directory(hospital, `id=${regulator.id}`)).items).toEqual([]);
    expect((await directory(hospital, 'type=regulator')).status).toBe(422);
  });

  it('answers at most 20 by default, the limit asked for, never more than 50, names starting with the text first', async () => {
    const { deps } = t();
    for (let i = 0; i < 22; i++) await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106', name: `限量测试${String(i).padStart(2, '0')}厂` });
    await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106', name: '甲限量测试厂' });
    const all = await directory(hospital, `q=${encodeURIComponent('限量测试')}`);
    expect(all.items).toHaveLength(20);
    expect(all.items[0]?.name).toBe('限量测试00厂');
    expect(all.items.map((o) => o.name)).not.toContain('甲限量测试厂'); // contains the text, but does not start with it: after the 22 that do
    expect((await directory(hospital, `q=${encodeURIComponent('限量测试')}&limit=50`)).items.map((o) => o.name).at(-1)).toBe('甲限量测试厂');
    expect((await directory(hospital, `q=${encodeURIComponent('限量测试')}&limit=3`)).items.map((o) => o.name)).toEqual(['限量测试00厂', '限量测试01厂', '限量测试02厂']);
    expect((await directory(hospital, 'limit=51')).status).toBe(422);
    expect((await directory(hospital, 'limit=0')).status).toBe(422);
  });

  it('requires a login (401) and is open to every logged-in role, an enterprise and the system admin alike', async () => {
    const anonymous = await directory({}, 'q=x');
    expect(anonymous.status).toBe(401);
    expect(anonymous.items).toEqual([]);
    const { deps } = t();
    const ent = await makeOrganization(deps, { type: 'manufacturer', regionCode: '440300' });
    for (const headers of [
      await loginHeaders(t().app, await makeUser(deps, { role: 'enterprise', organizationId: ent.id }), PASSWORD),
      await loginHeaders(t().app, await makeUser(deps, { role: 'sysadmin' }), PASSWORD),
    ]) expect((await directory(headers, `q=${supplier.gln}`)).items.map((o) => o.id)).toEqual([supplier.id]);
  });
});
