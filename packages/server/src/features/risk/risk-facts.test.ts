import { withGs1CheckDigit } from '@lianjian/core';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { AlertEngine } from '../alerts/alert-engine.ts';
import { riskFactsRepository } from './risk-facts.repository.ts';

/**
 * The facts behind two indicators, built through plain submissions (so capture writes the
 * projections and containment as in production): units used counted in the indicator's window like
 * the reports over them, and temperature readings on a pallet-only event charged to what the pallet held.
 */
const t = useTestApp();
type Org = { id: number; gln: string };
let mfr: Org, dist: Org, hosp: Org;
const h = {} as Record<'mfr' | 'dist' | 'hosp', Record<string, string>>;
let gtin = '';
let productId = 0;
const DAY = 86_400_000;
let tick = 0;
/** An instant `days` ago (a minute later at each call, so events keep their order), with a +08:00 offset. */
const ago = (days: number) => new Date(Date.now() - days * DAY + (tick += 60_000) - 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');

async function submit(who: keyof typeof h, kind: string, payload: object) {
  const res = await call(t().app, h[who], { method: 'POST', url: `/api/submissions/${kind}`, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  const deps = t().deps;
  const org = async (type: 'manufacturer' | 'distributor' | 'institution', region: string) => {
    const o = await makeOrganization(deps, { type, regionCode: region });
    if (type !== 'institution') await makeLicense(deps, o.id, { kind: type === 'manufacturer' ? 'production_license' : 'distribution_license' });
    return { id: o.id, gln: o.gln as string };
  };
  mfr = await org('manufacturer', '330106');
  dist = await org('distributor', '330212');
  hosp = await org('institution', '330108');
  const product = await makeProduct(deps, mfr.id, mfr.gln.slice(0, 7));
  gtin = product.dis[0]?.di as string;
  productId = product.id;
  // A single-use IVD reagent stored at 2–8 °C.
  await sql`update products set storage_min_c = 2, storage_max_c = 8, single_use = true where id = ${product.id}`.execute(deps.db);
  for (const [k, o, role] of [['mfr', mfr, 'enterprise'], ['dist', dist, 'enterprise'], ['hosp', hosp, 'institution']] as const) {
    h[k] = await loginHeaders(t().app, await makeUser(deps, { role, organizationId: o.id }), PASSWORD);
  }
}, 60_000);

describe('units used: the denominator of a rate counts in the indicator window', { timeout: 60_000 }, () => {
  it('units used long before the window do not count; those used inside it do, by lot, product and institution', async () => {
    // Lot OLD: 100 made, 60 used 400 days ago. Lot NEW: 20 made, 7 used 10 days ago.
    for (const [lot, made, used, days] of [['OLD', 100, 60, 400], ['NEW', 20, 7, 10]] as const) {
      await submit('mfr', 'commission', { lot: { di: gtin, lot }, quantity: made, time: ago(days + 30) });
      await submit('mfr', 'ship', { lot: { di: gtin, lot }, quantity: made, toOrganizationId: hosp.id, time: ago(days + 20) });
      await submit('hosp', 'receive', { lot: { di: gtin, lot }, quantity: made, receivedQuantity: made, fromOrganizationId: mfr.id, time: ago(days + 10) });
      await submit('hosp', 'use', { lot: { di: gtin, lot }, quantity: used, department: '检验科', time: ago(days) });
    }
    // Serialised units of lot SER: U1 used 700 days ago, U2 five days ago.
    const units = ['U1', 'U2'].map((s) => `(01)${gtin}(10)SER(21)${s}`);
    await submit('mfr', 'commission', { items: units, time: ago(800) });
    await submit('mfr', 'ship', { items: units, toOrganizationId: hosp.id, time: ago(790) });
    await submit('hosp', 'receive', { items: units, fromOrganizationId: mfr.id, time: ago(780) });
    await submit('hosp', 'use', { items: [units[0]], department: '检验科', time: ago(700) });
    await submit('hosp', 'use', { items: [units[1]], department: '检验科', time: ago(5) });

    const now = new Date();
    const year = new Date(now.getTime() - 365 * DAY);
    const count = async (grouping: 'lot' | 'product' | 'institution', from = year) =>
      new Map((await riskFactsRepository.count(t().deps.db, { kind: 'all' }, 'units_used', grouping, from, now)).map((r) => [r.key, r.n]));
    expect(await count('lot')).toEqual(new Map([[`${productId}|NEW`, 7], [`${productId}|SER`, 1]]));
    expect(await count('product')).toEqual(new Map([[String(productId), 8]]));
    expect(await count('institution')).toEqual(new Map([[String(hosp.id), 8]]));
    // A window reaching back two years takes in what was used then.
    expect(await count('lot', new Date(now.getTime() - 730 * DAY))).toEqual(new Map([[`${productId}|OLD`, 60], [`${productId}|NEW`, 7], [`${productId}|SER`, 2]]));
    // The projection still holds every unit used to date (what the denominator used to read).
    const holdings = await sql<{ lot: string; used: number }>`select lot, used from lot_holdings where di = ${gtin} and holder_org_id = ${hosp.id} order by lot`.execute(t().deps.db);
    expect(holdings.rows.map((r) => [r.lot, Number(r.used)])).toEqual([['NEW', 7], ['OLD', 60], ['SER', 2]]);
  });
});

describe('a temperature excursion recorded on a pallet only', { timeout: 60_000 }, () => {
  it('is charged to the lot inside the pallet: the storage-excursion count and the cold-chain alert', async () => {
    const sscc = withGs1CheckDigit(`0${mfr.gln.slice(0, 7)}000000777`);
    const units = ['P1', 'P2', 'P3'].map((s) => `(01)${gtin}(10)COLD1(21)${s}`);
    await submit('mfr', 'commission', { items: units, time: ago(4) });
    await submit('mfr', 'pack', { parent: `(00)${sscc}`, items: units, time: ago(4) });
    await submit('mfr', 'ship', { items: [`(00)${sscc}`], toOrganizationId: dist.id, time: ago(3) });
    await submit('dist', 'receive', { items: [`(00)${sscc}`], fromOrganizationId: mfr.id, time: ago(3) });
    const time = ago(2);
    const within = await submit('dist', 'store', { items: [`(00)${sscc}`], time, readings: [{ time, celsius: 4.5 }] });
    const stored = await submit('dist', 'store', { items: [`(00)${sscc}`], time: ago(2), readings: [{ time, celsius: 5 }, { time, celsius: 11.5 }] });
    expect(stored.eventId).toBeGreaterThan(within.eventId);
    // The pallet leaves afterwards: a later reading on it no longer concerns the lot.
    await submit('dist', 'unpack', { parent: `(00)${sscc}`, time: ago(1) });
    const later = ago(1);
    await submit('dist', 'store', { items: [`(00)${sscc}`], time: later, readings: [{ time: later, celsius: 30 }] });

    const now = new Date();
    const from = new Date(now.getTime() - 30 * DAY);
    const facts = async (fact: 'storage_excursions' | 'storage_readings') =>
      (await riskFactsRepository.count(t().deps.db, { kind: 'all' }, fact, 'distributor', from, now)).map((r) => [r.key, r.n]);
    expect(await facts('storage_excursions')).toEqual([[String(dist.id), 1]]);
    expect(await facts('storage_readings')).toEqual([[String(dist.id), 2]]);

    await new AlertEngine(t().deps, { periodicMs: 0 }).tick();
    const alerts = await sql<{ occurrences: number; subject_type: string; subject_di: string; subject_lot: string; subject_organization_id: number; evidence: Record<string, unknown> }>`
      select subject_type, subject_di, subject_lot, subject_organization_id, evidence, occurrences from alerts where source = 'rule.cold_chain_excursion'`.execute(t().deps.db);
    expect(alerts.rows).toHaveLength(1);
    expect(alerts.rows[0]).toMatchObject({ subject_type: 'lot', subject_di: gtin, subject_lot: 'COLD1', subject_organization_id: dist.id, occurrences: 1, evidence: { worstC: 11.5, rangeC: { min: 2, max: 8 } } });
  });
});

describe('facts and windows in Shanghai time', { timeout: 60_000 }, () => {
  it("counts an inspection dated today in Shanghai in a window that ends at 01:00 there, and one dated tomorrow in none", async () => {
    const deps = t().deps;
    const maker = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
    const receipt = async (date: string, lot: string) =>
      sql`insert into material_receipts (organization_id, region_code, supplier_organization_id, material_name, material_code, material_kind, material_lot, quantity, unit,
        purchase_date, inspection_result, inspector, inspection_date, created_by_type)
        values (${maker.id}, '330106', ${dist.id}, '聚丙烯粒料', 'PP-TZ', 'resin', ${lot}, 100, 'kg', '2026-03-01', 'pass', '检验员', ${date}, 'system')`.execute(deps.db);
    await receipt('2026-03-08', 'TZ-1'); // the day before yesterday there: outside a one-day window
    await receipt('2026-03-09', 'TZ-2'); // yesterday there
    await receipt('2026-03-10', 'TZ-3'); // today there
    await receipt('2026-03-11', 'TZ-4'); // tomorrow there
    const now = new Date('2026-03-09T17:00:00Z'); // 2026-03-10 01:00 in Shanghai
    const inWindow = async (from: Date) =>
      (await riskFactsRepository.count(deps.db, { kind: 'all' }, 'incoming_inspections', 'manufacturer', from, now)).find((r) => r.key === String(maker.id))?.n ?? 0;
    // The last 25 hours there: 2026-03-09 00:00 to 2026-03-10 01:00.
    expect(await inWindow(new Date(now.getTime() - 25 * 3_600_000))).toBe(2);
    // The last hour there: today's inspection only.
    expect(await inWindow(new Date(now.getTime() - 3_600_000))).toBe(1);
    // Weeks counted back from 01:00 today there: the three inspections up to today are this week's, tomorrow's in none.
    const weekly = (await riskFactsRepository.weekly(deps.db, { kind: 'all' }, 'incoming_inspections', 'manufacturer', now, 2)).filter((r) => r.key === String(maker.id));
    expect(weekly).toEqual([{ key: String(maker.id), weeksAgo: 0, n: 3 }]);
  });
});
