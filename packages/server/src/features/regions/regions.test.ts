import { describe, expect, it } from 'vitest';
import { makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { loadSourceRegions, regionNameEn } from './region-source.ts';
import { syncRegions } from './regions.service.ts';

const t = useTestApp();
const source = loadSourceRegions();

interface Region { code: string; name: string; nameEn: string | null; level: number; parentCode: string | null; validFrom: string; validTo: string | null }

async function reader() {
  return loginHeaders(t().app, await makeUser(t().deps, { role: 'privacy_officer' }), PASSWORD);
}
async function list(headers: Record<string, string>, query: string): Promise<{ items: Region[]; total: number }> {
  const res = await call(t().app, headers, { method: 'GET', url: `/api/regions?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('the GB/T 2260 table', () => {
  it('is loaded in full, with province → city → county links', async () => {
    const h = await reader();
    const all = await list(h, 'pageSize=1');
    expect(all.total).toBeGreaterThanOrEqual(3000);
    expect(all.total).toBe(source.length);
    const hz = await list(h, 'within=330106');
    expect(hz.items).toEqual([{ code: '330106', name: '西湖区', nameEn: 'Xihu District', level: 3, parentCode: '330100', validFrom: '1980-01-01', validTo: null }]);
    const city = (await list(h, 'within=330100&level=2')).items;
    expect(city).toEqual([expect.objectContaining({ code: '330100', name: '杭州市', level: 2, parentCode: '330000' })]);
    const province = (await list(h, 'within=330000&level=1')).items;
    expect(province).toEqual([expect.objectContaining({ code: '330000', name: '浙江省', level: 1, parentCode: null })]);
    // Dongguan has no counties; the source lists it again as its own "area", which must not become a second row.
    const dongguan = (await list(h, 'q=441900&includeWithdrawn=true')).items;
    expect(dongguan).toEqual([expect.objectContaining({ code: '441900', name: '东莞市', level: 2, parentCode: '440000' })]);
    const rows = await t().deps.db.selectFrom('regions').select('code').where('code', 'in', ['441900', '442000', '460400']).execute();
    expect(rows.map((r) => r.code).sort()).toEqual(['441900', '442000', '460400']);
    // Every parent exists and sits one level up.
    const byCode = new Map(source.map((r) => [r.code, r]));
    for (const r of source) if (r.parentCode) expect(byCode.get(r.parentCode)?.level, r.code).toBe(r.level - 1);
  });

  it('filters by parent, level, within and q', async () => {
    const h = await reader();
    const children = await list(h, 'parent=330100&pageSize=500');
    expect(children.total).toBe(source.filter((r) => r.parentCode === '330100').length);
    expect(children.items.every((r) => r.parentCode === '330100' && r.level === 3)).toBe(true);
    expect(children.items.map((r) => r.code)).toContain('330106');
    expect(children.items.map((r) => r.code)).toEqual([...children.items.map((r) => r.code)].sort());
    const provinces = await list(h, 'level=1&pageSize=100');
    expect(provinces.total).toBe(34);
    expect(provinces.items.map((r) => r.code)).toEqual(expect.arrayContaining(['110000', '330000', '710000', '810000', '820000']));
    const zjCities = await list(h, 'within=330000&level=2&pageSize=100');
    expect(zjCities.total).toBe(11);
    expect(zjCities.items.every((r) => r.code.startsWith('33') && r.code.endsWith('00'))).toBe(true);
    const within = await list(h, 'within=330100&pageSize=500');
    expect(within.total).toBe(source.filter((r) => r.code.startsWith('3301')).length);
    expect(within.items.every((r) => r.code.startsWith('3301'))).toBe(true);
    const xihu = await list(h, `q=${encodeURIComponent('西湖')}`);
    expect(xihu.items.length).toBeGreaterThanOrEqual(1);
    expect(xihu.items.every((r) => r.name.includes('西湖'))).toBe(true);
    expect(xihu.items.map((r) => r.code)).toContain('330106');
    expect((await list(h, 'q=3301&pageSize=1')).total).toBe(within.total);
    const page2 = await list(h, 'parent=330100&pageSize=5&page=2');
    expect(page2.items.map((r) => r.code)).toEqual(children.items.slice(5, 10).map((r) => r.code));
    const bad = await call(t().app, h, { method: 'GET', url: '/api/regions?parent=3301' });
    expect(bad.statusCode).toBe(422);
    expect((await t().app.inject({ method: 'GET', url: '/api/regions' })).statusCode).toBe(401);
  });
});

describe('GET /api/regions?codes=', () => {
  it('answers exactly the current regions of the codes asked for, unknown ones left out', async () => {
    const h = await reader();
    const some = await list(h, 'codes=330106,330000,320102,330100,999999,330106&pageSize=200');
    expect(some.total).toBe(4);
    expect(some.items.map((r) => [r.code, r.name])).toEqual([['320102', '玄武区'], ['330000', '浙江省'], ['330100', '杭州市'], ['330106', '西湖区']]);
    expect(some.items.every((r) => r.validTo === null)).toBe(true);
    // English names: the conventional one for a province, pinyin with the suffix translated below it.
    expect(some.items.map((r) => r.nameEn)).toEqual(['Xuanwu District', 'Zhejiang', 'Hangzhou', 'Xihu District']);
    const special = await list(h, 'codes=330127,610100,422800,130826,152900,500100,320116&pageSize=200');
    expect(Object.fromEntries(special.items.map((r) => [r.code, r.nameEn]))).toEqual({
      '130826': 'Fengning Manchu Autonomous County', '152900': 'Alashan League', '320116': 'Luhe District', '330127': "Chun'an County",
      '422800': 'Enshi Tujia and Miao Autonomous Prefecture', '500100': 'Municipal Districts', '610100': "Xi'an",
    });
    // Every current region has one.
    expect(source.filter((r) => regionNameEn(r.code, r.name) === null).map((r) => r.code)).toEqual([]);
    // A whole page of a list: 200 codes in one request.
    const many = source.filter((r) => r.level === 3).slice(0, 200).map((r) => r.code);
    const page = await list(h, `codes=${many.join(',')}&pageSize=200`);
    expect(page.items.map((r) => r.code)).toEqual([...many].sort());
    // Combines with the other filters.
    expect((await list(h, 'codes=330106,330000,320102&within=330000')).items.map((r) => r.code)).toEqual(['330000', '330106']);
  });

  it('refuses anything but 1 to 200 six-digit codes with a 422 problem', async () => {
    const h = await reader();
    const tooMany = source.slice(0, 201).map((r) => r.code).join(',');
    for (const codes of ['3301', '330106,', ',330106', '330106;330100', '330106,abcdef', '', tooMany]) {
      const res = await call(t().app, h, { method: 'GET', url: `/api/regions?codes=${encodeURIComponent(codes)}` });
      expect(res.statusCode, codes.slice(0, 30)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual([expect.objectContaining({ code: 'generic.format', path: expect.stringMatching(/(^|\.)codes$/) })]);
    }
    expect((await t().app.inject({ method: 'GET', url: '/api/regions?codes=330106' })).statusCode).toBe(401);
  });
});

describe('syncRegions versioning', () => {
  it('closes removed and renamed codes, adds the new name from today, keeps history, and is idempotent', async () => {
    const h = await reader();
    const { db } = t().deps;
    const changed = source.filter((r) => r.code !== '330122').map((r) => (r.code === '330127' ? { ...r, name: '千岛湖县' } : r));
    expect(await syncRegions(db, changed, '2030-01-01')).toEqual({ added: 1, closed: 2 });
    expect(await syncRegions(db, changed, '2030-01-02')).toEqual({ added: 0, closed: 0 });

    const current = await list(h, 'parent=330100&pageSize=500');
    expect(current.items.find((r) => r.code === '330127')).toEqual({ code: '330127', name: '千岛湖县', nameEn: null, level: 3, parentCode: '330100', validFrom: '2030-01-01', validTo: null });
    expect(current.items.map((r) => r.code)).not.toContain('330122');
    expect(current.total).toBe(source.filter((r) => r.parentCode === '330100').length - 1);
    expect((await list(h, `q=${encodeURIComponent('淳安')}`)).total).toBe(0);

    const history = await list(h, 'within=330127&includeWithdrawn=true');
    expect(history.items).toEqual([
      { code: '330127', name: '淳安县', nameEn: "Chun'an County", level: 3, parentCode: '330100', validFrom: '1980-01-01', validTo: '2030-01-01' },
      // Renamed since the English table was made: no stale English name.
      { code: '330127', name: '千岛湖县', nameEn: null, level: 3, parentCode: '330100', validFrom: '2030-01-01', validTo: null },
    ]);
    expect((await list(h, 'within=330122&includeWithdrawn=true')).items).toEqual([
      { code: '330122', name: '桐庐县', nameEn: 'Tonglu County', level: 3, parentCode: '330100', validFrom: '1980-01-01', validTo: '2030-01-01' },
    ]);
    expect((await list(h, 'within=330122')).total).toBe(0);
    // Asked for by code, a withdrawn region is left out unless includeWithdrawn.
    expect((await list(h, 'codes=330122,330106,330127')).items.map((r) => [r.code, r.name])).toEqual([['330106', '西湖区'], ['330127', '千岛湖县']]);
    expect((await list(h, 'codes=330122&includeWithdrawn=true')).items).toEqual([expect.objectContaining({ code: '330122', name: '桐庐县', validTo: '2030-01-01' })]);
    // A withdrawn code is no longer accepted for new records.
    const regulator = await loginHeaders(t().app, await makeUser(t().deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }), PASSWORD);
    const org = await call(t().app, regulator, { method: 'POST', url: '/api/organizations', payload: { type: 'agency', name: '桐庐县某单位', regionCode: '330122' } });
    expect(org.statusCode).toBe(422);
    expect(org.json().errors).toEqual([expect.objectContaining({ code: 'region.unknown', path: 'regionCode' })]);
    // Nothing else moved.
    const closed = await db.selectFrom('regions').select('code').where('valid_to', 'is not', null).execute();
    expect(closed.map((r) => r.code).sort()).toEqual(['330122', '330127']);

    // The packaged table comes back: the county returns and the old name is current again, each as a new version.
    expect(await syncRegions(db, source, '2030-06-01')).toEqual({ added: 2, closed: 1 });
    const again = await list(h, 'within=330127&includeWithdrawn=true');
    expect(again.items.map((r) => [r.name, r.validFrom, r.validTo])).toEqual([
      ['淳安县', '1980-01-01', '2030-01-01'], ['千岛湖县', '2030-01-01', '2030-06-01'], ['淳安县', '2030-06-01', null],
    ]);
    expect((await list(h, 'within=330122')).items).toEqual([expect.objectContaining({ name: '桐庐县', validFrom: '2030-06-01', validTo: null })]);
    expect((await list(h, 'pageSize=1')).total).toBe(source.length);
  });
});
