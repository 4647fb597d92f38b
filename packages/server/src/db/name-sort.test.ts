import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { NAME_SORT_KEY_VERSION, nameSortKey } from '../shared/name-sort-key.ts';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD } from '../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../test/test-app.ts';
import { backfillNameSortKeys } from './name-sort-backfill.ts';

const t = useTestApp();

// In pinyin order; in code-point (byte) order 宁 < 安 < 杭 < 重 < 长 < 厦 would be nonsense to a reader.
const ORGANIZATIONS = [
  '3M 中国有限公司', 'ABC医疗科技有限公司', '安吉某某医疗器械有限公司', '长沙某某医疗器械有限公司', '重庆某某医疗器械有限公司',
  '杭州某某医疗器械有限公司', '宁波某某医疗器械有限公司', '厦门某某医疗器械有限公司',
];
// an, chao, chong, xue, yi (一 before 医: same syllable and tone, then the character).
const PRODUCTS = ['安全型静脉留置针', '超声诊断仪', '重组人凝血因子检测试剂盒', '血糖仪', '一次性使用无菌注射器', '医用外科口罩'];
/** Ids in creation order are not the sorted order. */
const shuffled = <T>(xs: T[]) => [...xs.filter((_, i) => i % 2 === 1).reverse(), ...xs.filter((_, i) => i % 2 === 0)];

const REGION = '330523';
const get = (headers: Record<string, string>, url: string) => call(t().app, headers, { method: 'GET', url });
const names = async (headers: Record<string, string>, url: string, field = 'name') => {
  const res = await get(headers, url);
  expect(res.statusCode).toBe(200);
  return res.json().items.map((x: Record<string, string>) => x[field]);
};
const national = async () => loginHeaders(t().app, await makeUser(t().deps, { role: 'regulator', jurisdictionCode: '000000', regulatorLevel: 'national' }), PASSWORD);

describe('lists sorted by name come out in pinyin order, on both databases', () => {
  const orgIds = new Map<string, number>();
  const orgId = (name: string) => orgIds.get(name) as number;
  let headers: Record<string, string>;

  beforeAll(async () => {
    const deps = t().deps;
    for (const name of shuffled(ORGANIZATIONS)) {
      const o = await makeOrganization(deps, { type: 'manufacturer', regionCode: REGION, name });
      orgIds.set(name, o.id);
      if (name.startsWith('宁波')) for (const product of shuffled(PRODUCTS)) await makeProduct(deps, o.id, o.gs1CompanyPrefix as string, product);
      if (name.startsWith('安吉')) await makeProduct(deps, o.id, o.gs1CompanyPrefix as string, '医用外科口罩');
    }
    for (const name of ['宁波某某医疗器械有限公司', '重庆某某医疗器械有限公司', '安吉某某医疗器械有限公司']) await makeLicense(deps, orgId(name));
    headers = await national();
  });

  it('GET /api/organizations?sort=name: pinyin order, Latin and digits first; -name reverses it; pages agree', async () => {
    expect(await names(headers, `/api/organizations?region=${REGION}&sort=name`)).toEqual(ORGANIZATIONS);
    expect(await names(headers, `/api/organizations?region=${REGION}&sort=-name`)).toEqual([...ORGANIZATIONS].reverse());
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(...(await names(headers, `/api/organizations?region=${REGION}&sort=name&pageSize=3&page=${page}`)));
    expect(pages).toEqual(ORGANIZATIONS);
    // The organisation pickers' directory too.
    expect(await names(headers, `/api/organizations/directory?q=${encodeURIComponent('某某医疗器械')}`)).toEqual(ORGANIZATIONS.filter((n) => n.includes('某某医疗器械')));
  });

  it('a renamed organisation moves to its new place', async () => {
    const rename = (name: string) => call(t().app, headers, { method: 'PATCH', url: `/api/organizations/${orgId('安吉某某医疗器械有限公司')}`, payload: { name } });
    expect((await rename('舟山某某医疗器械有限公司')).statusCode).toBe(200);
    const list = await names(headers, `/api/organizations?region=${REGION}&sort=name`);
    expect(list).toEqual([...ORGANIZATIONS.filter((n) => !n.startsWith('安吉')), '舟山某某医疗器械有限公司']);
    expect((await rename('安吉某某医疗器械有限公司')).statusCode).toBe(200);
  });

  it('GET /api/licenses?sort=organizationName sorts by the holder\'s key', async () => {
    const expected = ['安吉某某医疗器械有限公司', '重庆某某医疗器械有限公司', '宁波某某医疗器械有限公司'];
    expect(await names(headers, `/api/licenses?region=${REGION}&sort=organizationName`, 'organizationName')).toEqual(expected);
    expect(await names(headers, `/api/licenses?region=${REGION}&sort=-organizationName`, 'organizationName')).toEqual([...expected].reverse());
  });

  it('GET /api/products?sort=name and sort=holderName', async () => {
    const ningbo = orgId('宁波某某医疗器械有限公司');
    expect(await names(headers, `/api/products?holderId=${ningbo}&sort=name`)).toEqual(PRODUCTS);
    expect(await names(headers, `/api/products?holderId=${ningbo}&sort=-name`)).toEqual([...PRODUCTS].reverse());
    const byHolder = await names(headers, `/api/products?region=${REGION}&sort=holderName`, 'holderName');
    expect(byHolder).toEqual(['安吉某某医疗器械有限公司', ...PRODUCTS.map(() => '宁波某某医疗器械有限公司')]);
  });

  it('every write wrote its key; rows without one sort by name until startup fills them', async () => {
    const db = t().deps.db;
    const unkeyed = async () => Number((await sql<{ n: number }>`select (select count(*) from organizations where name_sort is null) + (select count(*) from products where name_sort is null) as n`.execute(db)).rows[0]?.n);
    expect(await unkeyed()).toBe(0);
    const stored = await db.selectFrom('organizations').select(['name', 'name_sort']).where('region_code', '=', REGION).execute();
    for (const o of stored) expect(o.name_sort).toBe(nameSortKey(o.name));

    // As after migration 0014: keys missing. The list still answers, in byte order of the names.
    await sql`update organizations set name_sort = null where region_code = ${REGION}`.execute(db);
    await sql`update products set name_sort = null`.execute(db);
    expect(await names(headers, `/api/organizations?region=${REGION}&sort=name`)).toHaveLength(ORGANIZATIONS.length);
    expect(await backfillNameSortKeys(db)).toBe(ORGANIZATIONS.length + PRODUCTS.length + 1);
    expect(await unkeyed()).toBe(0);
    expect(await names(headers, `/api/organizations?region=${REGION}&sort=name`)).toEqual(ORGANIZATIONS);
    expect(await names(headers, `/api/products?holderId=${orgId('宁波某某医疗器械有限公司')}&sort=name`)).toEqual(PRODUCTS);
    expect(await backfillNameSortKeys(db)).toBe(0);
  });

  it('makes every key again when they were made by other rules or another ICU (a Node upgrade)', async () => {
    const db = t().deps.db;
    const some = await db.selectFrom('organizations').select(['id', 'name']).where('region_code', '=', REGION).orderBy('id').executeTakeFirstOrThrow();
    // A key as an older version would have made it: wrong today, but not missing.
    await sql`update organizations set name_sort = '9stale' where id = ${some.id}`.execute(db);
    expect(await backfillNameSortKeys(db)).toBe(0);
    await sql`update app_state set value = '"1/icu-00.0/000000000000"' where key = 'name_sort_key_version'`.execute(db);
    const total = Number((await sql<{ n: number }>`select (select count(*) from organizations) + (select count(*) from products) as n`.execute(db)).rows[0]?.n);
    expect(await backfillNameSortKeys(db)).toBe(total);
    expect((await db.selectFrom('organizations').select('name_sort').where('id', '=', some.id).executeTakeFirstOrThrow()).name_sort).toBe(nameSortKey(some.name));
    expect((await sql<{ value: unknown }>`select value from app_state where key = 'name_sort_key_version'`.execute(db)).rows[0]?.value).toBe(NAME_SORT_KEY_VERSION);
    expect(await backfillNameSortKeys(db)).toBe(0);
  });
});
