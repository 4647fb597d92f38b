import { BUILTIN_INDICATORS } from '@lianjian/core/risk/index';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { riskFactsRepository } from './risk-facts.repository.ts';
import { riskSignalsRepository } from './risk-signals.repository.ts';
import {
  daysAgo, maintenanceRecords, makeOrg, makeRiskProduct, materialReceipts, placeUnits, releases, residentId, storingEvent,
} from './risk.test-support.ts';

const t = useTestApp();

type Who = 'national' | 'province' | 'cityHz' | 'cityGz' | 'mfr';
const w = {} as {
  headers: Record<Who, Record<string, string>>;
  hospitalHeaders: Map<number, Record<string, string>>;
  pumpUse: { id: number; di: string };
  pumpQuality: { id: number; di: string };
  meter: { id: number; di: string };
  ivd: { id: number; di: string };
  syringe: { id: number; di: string };
  useHospital: { id: number; regionCode: string };
  lateHospital: { id: number; regionCode: string };
  distributor: { id: number; regionCode: string };
  mfrHz: { id: number; regionCode: string };
  mfrGz: { id: number; regionCode: string };
  runId: number;
};

let patient = 1;
function aeReport(di: string, eventDate: string, over: Record<string, unknown> = {}) {
  return {
    productDi: di, patient: { name: '李四', idNumber: residentId(patient++), sex: 'female', age: 58 }, manifestation: '使用中出现异常',
    eventDate, dateKnown: daysAgo(1), place: '病房', outcome: 'other', operatorType: 'professional', imdrfCodes: ['A0601'], ...over,
  };
}

async function report(hospitalId: number, payload: Record<string, unknown>) {
  const res = await call(t().app, w.hospitalHeaders.get(hospitalId) ?? {}, { method: 'POST', url: '/api/adverse-events', payload });
  expect([res.statusCode, res.json().code]).toEqual([201, undefined]);
}

async function hospital(regionCode: string) {
  const { deps, app } = t();
  const h = await makeOrg(deps, 'institution', regionCode);
  w.hospitalHeaders.set(h.id, await loginHeaders(app, await makeUser(deps, { role: 'institution', organizationId: h.id }), PASSWORD));
  return { id: h.id, regionCode };
}

beforeAll(async () => {
  const { deps, app } = t();
  w.hospitalHeaders = new Map();
  const mfrHz = await makeOrg(deps, 'manufacturer', '330106');
  const mfrGz = await makeOrg(deps, 'manufacturer', '440106');
  const supplier = await makeOrg(deps, 'manufacturer', '330110');
  const distributor = await makeOrg(deps, 'distributor', '330212');
  w.mfrHz = { id: mfrHz.id, regionCode: '330106' };
  w.mfrGz = { id: mfrGz.id, regionCode: '440106' };
  w.distributor = { id: distributor.id, regionCode: '330212' };
  const prod = async (holder: typeof mfrHz, p: Parameters<typeof makeRiskProduct>[3]) => {
    const r = await makeRiskProduct(deps, holder.id, holder.gs1CompanyPrefix ?? '', p);
    return { id: r.id, di: r.di ?? '' };
  };
  w.pumpUse = await prod(mfrHz, { name: '输液泵', model: 'VP-300', deviceKind: 'infusion_pump' });
  w.pumpQuality = await prod(mfrGz, { name: '输液泵', model: 'VP-500', deviceKind: 'infusion_pump' });
  w.meter = await prod(mfrHz, { name: '血糖仪', model: 'GM-101', deviceKind: 'glucose_meter' });
  w.ivd = await prod(mfrHz, { name: '抗原检测试剂盒', model: '20人份/盒', deviceKind: 'ivd_reagent', storage: [2, 8], singleUse: true });
  w.syringe = await prod(mfrGz, { name: '一次性使用无菌注射器', model: '5ml', deviceKind: 'syringe', singleUse: true });

  const users: Record<Who, Promise<string>> = {
    national: makeUser(deps, { role: 'regulator', jurisdictionCode: '000000', regulatorLevel: 'national' }),
    province: makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    cityGz: makeUser(deps, { role: 'regulator', jurisdictionCode: '440100', regulatorLevel: 'city' }),
    mfr: makeUser(deps, { role: 'enterprise', organizationId: mfrHz.id }),
  };
  w.headers = {} as typeof w.headers;
  for (const who of Object.keys(users) as Who[]) w.headers[who] = await loginHeaders(app, await users[who], PASSWORD);

  // Use-related: eight abnormal stops of the VP-300 at one hospital in 杭州 (10 pumps in service there).
  w.useHospital = await hospital('330108');
  await placeUnits(deps, w.pumpUse.di, w.useHospital.id, 10);
  for (let i = 0; i < 8; i++) await report(w.useHospital.id, aeReport(w.pumpUse.di, daysAgo(5 + i * 6), { imdrfCodes: ['A141204'], serial: `VP${i}` }));
  await sql`insert into clinical_uses (organization_id, region_code, product_di, product_id, device_kind, serial, department, used_on, operator, operator_trained, created_by_type)
    select ${w.useHospital.id}, ${w.useHospital.regionCode}, ${w.pumpUse.di}, ${w.pumpUse.id}, 'infusion_pump', 'VP0', 'ICU', ${daysAgo(20)}, '护士' || g, false, 'system' from generate_series(1, 5) g`.execute(deps.db);

  // Quality: the VP-500 stops at nine hospitals in eight cities (30 pumps each).
  const cities = ['330106', '330212', '330502', '320102', '440106', '330110', '330206', '320506', '440305'];
  for (const [i, region] of cities.entries()) {
    const h = await hospital(region);
    await placeUnits(deps, w.pumpQuality.di, h.id, 30);
    await report(h.id, aeReport(w.pumpQuality.di, daysAgo(10 + i * 3), { imdrfCodes: ['A141204'], serial: `VQ${i}` }));
    // Ordinary background: other problems with syringes.
    await report(h.id, aeReport(w.syringe.di, daysAgo(40 + i), { imdrfCodes: [i % 2 ? 'A0601' : 'A0401'], lot: `L${i}` }));
  }

  // Surge: the glucose meter in 宁波 — one report a fortnight for half a year, then five and six a week.
  const nb = await hospital('330206');
  for (let wk = 37; wk >= 4; wk -= 3) await report(nb.id, aeReport(w.meter.di, daysAgo(wk * 7 + 2), { imdrfCodes: ['A0908'], serial: `GB${wk}` }));
  for (let i = 0; i < 5; i++) await report(nb.id, aeReport(w.meter.di, daysAgo(9 + (i % 3)), { imdrfCodes: ['A0908'], serial: `GM${i}` }));
  for (let i = 0; i < 6; i++) await report(nb.id, aeReport(w.meter.di, daysAgo(2 + (i % 3)), { imdrfCodes: ['A0908'], serial: `GN${i}` }));

  // Late reports: known 40 days before they were filed (the serious-injury clock is 20 days).
  w.lateHospital = await hospital('330109');
  for (let i = 0; i < 3; i++) await report(w.lateHospital.id, aeReport(w.syringe.di, daysAgo(45), { outcome: 'serious_injury', dateKnown: daysAgo(40), lot: 'LX' }));

  // Production, storage and maintenance facts.
  await materialReceipts(deps, w.mfrHz, supplier.id, ['pass', 'fail', 'pass', 'fail', 'pass', 'pass', 'pass', 'pass']);
  await releases(deps, w.mfrHz, w.meter, ['released', 'rejected', 'released']);
  for (let i = 0; i < 3; i++) await storingEvent(deps, distributor.id, w.ivd.di, 'IVD01', [4.2, 5.1, 11.6]);
  await storingEvent(deps, distributor.id, w.ivd.di, 'IVD02', [4.0, 4.5]);
  await maintenanceRecords(deps, w.useHospital, w.pumpUse, [null, '电机堵转', null, '传感器故障']);
}, 120_000);

const get = (who: Who, url: string) => call(t().app, w.headers[who], { method: 'GET', url });
const post = (who: Who, url: string, payload?: unknown, headers: Record<string, string> = {}) => call(t().app, { ...w.headers[who], ...headers }, { method: 'POST', url, ...(payload !== undefined && { payload: payload as Record<string, unknown> }) });
const patch = (who: Who, url: string, payload: unknown, headers: Record<string, string> = {}) => call(t().app, { ...w.headers[who], ...headers }, { method: 'PATCH', url, payload: payload as Record<string, unknown> });

const custom = {
  code: 'province.ae_count_city', name: '不良事件报告数（按地市）', nameEn: 'AE reports per city', metric: { kind: 'count', numerator: 'ae_reports', denominator: null, per: 1 },
  grouping: 'region_city', window: { unit: 'days', length: 30 }, method: 'threshold', threshold: 200, minCount: 3, grade: 'general', department: 'ae_monitoring', enabled: true,
};

describe('risk indicators API', () => {
  it('lists the built-in indicators to regulators, not to enterprises', async () => {
    const res = await get('cityHz', '/api/risk/indicators?pageSize=50&sort=code');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(BUILTIN_INDICATORS.length);
    expect(res.json().items.map((i: { code: string }) => i.code)).toContain('builtin.ae_rate_institution');
    expect(res.json().items.find((i: { code: string }) => i.code === 'builtin.ae_rate_lot')).toMatchObject({ builtin: true, method: 'poisson_exact', metric: { numerator: 'ae_reports', denominator: 'units_used', per: 10000 } });
    expect((await get('mfr', '/api/risk/indicators')).statusCode).toBe(403);
    const csv = await get('province', '/api/risk/indicators?format=csv&enabled=true');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('builtin.late_report_rate');
  });

  it('creates an indicator (province), replays an idempotent retry and refuses a duplicate code', async () => {
    const res = await post('province', '/api/risk/indicators', custom, { 'idempotency-key': 'ind-1' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: custom.code, builtin: false, version: 1, threshold: 200 });
    const again = await post('province', '/api/risk/indicators', custom, { 'idempotency-key': 'ind-1' });
    expect([again.statusCode, again.headers['idempotent-replayed'], again.json().id]).toEqual([201, 'true', res.json().id]);
    const dup = await post('national', '/api/risk/indicators', custom);
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'risk.indicator_exists']);
    const audit = await t().deps.db.selectFrom('audit_log').select(['action', 'object_id']).where('action', '=', 'risk_indicator.create').execute();
    expect(audit.map((a) => String(a.object_id))).toEqual([String(res.json().id)]);
  });

  it('rejects invalid indicators naming field, rule and fix in both languages', async () => {
    const bad = { ...custom, code: 'province.bad', metric: { kind: 'rate', numerator: 'storage_excursions', denominator: null, per: 1 }, grouping: 'product' };
    const zh = await post('province', '/api/risk/indicators', bad, { 'accept-language': 'zh-CN' });
    expect(zh.statusCode).toBe(422);
    const zhIssues = zh.json().errors as { code: string; path: string; message: string; hint: string }[];
    expect(zhIssues.map((i) => i.code).sort()).toEqual(['risk.fact_grouping', 'risk.rate_needs_denominator']);
    expect(zhIssues.find((i) => i.code === 'risk.fact_grouping')?.message).toBe('风险指标字段 metric.numerator：storage_excursions 不能按 product 分组');
    const en = await post('province', '/api/risk/indicators', bad, { 'accept-language': 'en' });
    const enIssue = (en.json().errors as { code: string; message: string; hint: string }[]).find((i) => i.code === 'risk.fact_grouping');
    expect(enIssue?.message).toBe('Risk indicator field metric.numerator: storage_excursions cannot be grouped by product');
    expect(enIssue?.hint).toBe('Group storage_excursions by one of: distributor');
  });

  it('lets only national and provincial regulators change indicators', async () => {
    const city = await post('cityHz', '/api/risk/indicators', { ...custom, code: 'city.try' }, { 'accept-language': 'en' });
    expect([city.statusCode, city.json().code]).toEqual([403, 'risk.manage_level']);
    expect(city.json().title).toBe('Only national and provincial regulators may change risk indicators (you are city)');
    expect(city.json().detail).toBe('Ask your provincial administration to change the indicator');
    expect((await post('mfr', '/api/risk/indicators', { ...custom, code: 'mfr.try' })).statusCode).toBe(403);
  });

  it('patches an indicator, checks the merged result and bumps the version', async () => {
    const list = await get('province', '/api/risk/indicators?pageSize=50');
    const id = (list.json().items as { id: number; code: string }[]).find((i) => i.code === custom.code)?.id;
    const ok = await patch('national', `/api/risk/indicators/${id}`, { threshold: 2 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ threshold: 2, version: 2, code: custom.code });
    const bad = await patch('national', `/api/risk/indicators/${id}`, { method: 'poisson_exact' }, { 'accept-language': 'en' });
    expect([bad.statusCode, bad.json().errors.map((i: { code: string }) => i.code)]).toEqual([422, ['risk.method_needs_rate', 'risk.threshold_p_value']]);
    expect((await patch('national', '/api/risk/indicators/999999', { threshold: 3 })).statusCode).toBe(404);
    expect((await patch('cityHz', `/api/risk/indicators/${id}`, { threshold: 3 })).statusCode).toBe(403);
    // Back to a quiet threshold so the run below shows only the built-ins and the planted signals.
    expect((await patch('national', `/api/risk/indicators/${id}`, { enabled: false })).json().enabled).toBe(false);
  });
});

describe('risk runs', () => {
  it('answers 202 with a status resource and ends with signals, alerts and skipped stages', async () => {
    const res = await post('cityHz', '/api/risk/runs');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'running', trigger: 'api' });
    expect(res.headers.location).toBe(`/api/risk/runs/${res.json().id}`);
    w.runId = res.json().id;
    // A second start while it runs answers the same run.
    const second = await post('province', '/api/risk/runs');
    expect([second.statusCode, second.json().id]).toEqual([202, w.runId]);
    let run = res.json();
    for (let i = 0; i < 600 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await get('province', `/api/risk/runs/${w.runId}`)).json();
    }
    expect(run.status).toBe('done');
    expect(run.error).toBeNull();
    expect(run.progress.total).toBe(BUILTIN_INDICATORS.length + 2);
    expect(run.progress.done).toBe(run.progress.total);
    expect(run.durationMs).toBeGreaterThan(0);
    expect(run.signals).toBeGreaterThanOrEqual(8);
    expect(run.alerts.raised).toBe(run.signals);
    expect(run.skipped).toEqual([]);
    expect((await get('mfr', `/api/risk/runs/${w.runId}`)).statusCode).toBe(403);
    expect((await get('province', '/api/risk/runs/999999')).statusCode).toBe(404);
  }, 120_000);

  const alerts = async (source: string) =>
    (await t().deps.db.selectFrom('alerts').selectAll().where('source', '=', source).orderBy('id').execute()) as unknown as {
      subject_key: string; subject_type: string; grade: string; origin_region_code: string; region_code: string; level: string; department: string; attribution: { label: string; score: number; evidence: { factor: string }[] } | null; evidence: Record<string, unknown>;
    }[];

  it('raises each built-in indicator on its planted facts', async () => {
    const raw = await alerts('indicator.builtin.raw_material_failure_rate');
    expect(raw.map((a) => [a.subject_type, a.subject_key, a.origin_region_code, a.department, a.grade])).toEqual([['organization', String(w.mfrHz.id), '330106', 'production_supervision', 'general']]);
    expect(raw[0]?.evidence).toMatchObject({ metric: { numeratorCount: 2, denominatorCount: 8, value: 25 } });
    const release = await alerts('indicator.builtin.release_test_failure_rate');
    expect(release.map((a) => [a.subject_type, a.subject_key, a.grade])).toEqual([['product', w.meter.di, 'major']]);
    const storage = await alerts('indicator.builtin.storage_excursions');
    expect(storage.map((a) => [a.subject_key, a.origin_region_code, a.department])).toEqual([[String(w.distributor.id), '330212', 'distribution_supervision']]);
    expect(storage[0]?.evidence).toMatchObject({ metric: { numeratorCount: 3 } });
    const maintenance = await alerts('indicator.builtin.maintenance_failure_rate');
    expect(maintenance.map((a) => [a.subject_key, a.department])).toEqual([[w.pumpUse.di, 'inspection_enforcement']]);
    expect(maintenance[0]?.evidence).toMatchObject({ metric: { numeratorCount: 2, denominatorCount: 4, value: 50 } });
    const late = await alerts('indicator.builtin.late_report_rate');
    expect(late.map((a) => a.subject_key)).toEqual([String(w.lateHospital.id)]);
    const institution = await alerts('indicator.builtin.ae_rate_institution');
    expect(institution.map((a) => [a.subject_key, a.origin_region_code])).toEqual([[String(w.useHospital.id), '330108']]);
    expect(institution[0]?.evidence).toMatchObject({ metric: { numeratorCount: 8, denominatorCount: 10, value: 8000 } });
    expect(institution[0]?.attribution?.label).toBe('use');
  });

  it('detects the regional glucose-meter surge', async () => {
    const surge = await alerts('signal.surge');
    expect(surge.map((a) => [a.subject_key, a.origin_region_code, a.department, a.grade])).toEqual([[`${w.meter.di}@330200`, '330200', 'ae_monitoring', 'major']]);
    expect((surge[0]?.evidence.topCodes as { code: string }[])[0]?.code).toBe('A0908');
  });

  it('counts weeks in Shanghai days: at 01:00 there, yesterday\'s reports are in this week', async () => {
    const { db } = t().deps;
    const latest = await sql<{ d: string }>`select max(event_date)::text as d from adverse_event_reports where product_id = ${w.meter.id} and kind = 'initial'`.execute(db);
    const d = latest.rows[0]?.d as string;
    const inWeek = await sql<{ n: number }>`
      select count(*)::int as n from adverse_event_reports
      where product_id = ${w.meter.id} and kind = 'initial' and duplicate_of is null and event_date between ${d}::date - 6 and ${d}::date`.execute(db);
    // 17:00 UTC on day d is 01:00 on d + 1 in Shanghai: d is yesterday, and week 0 is d − 6 … d.
    const rows = await riskSignalsRepository.aeWeeklyProductCity(db, new Date(`${d}T17:00:00Z`), 4);
    const weekZero = rows.filter((r) => r.productId === w.meter.id && r.weeksAgo === 0).reduce((sum, r) => sum + r.n, 0);
    expect(weekZero).toBe(inWeek.rows[0]?.n);
    expect(weekZero).toBeGreaterThan(0);
  });

  it('tells the use-related pump stops from the quality problem', async () => {
    const dp = await alerts('signal.disproportionality');
    const use = dp.find((a) => a.subject_key === `${w.pumpUse.di}#A141204`);
    const quality = dp.find((a) => a.subject_key === `${w.pumpQuality.di}#A141204`);
    expect(use).toMatchObject({ department: 'inspection_enforcement', origin_region_code: '330108', grade: 'major' });
    expect(use?.attribution?.label).toBe('use');
    expect(use?.attribution?.evidence.map((e) => e.factor)).toEqual(['institution_concentration', 'region_concentration', 'operators_untrained', 'maintenance_overdue']);
    expect(quality).toMatchObject({ department: 'production_supervision', origin_region_code: '440106', grade: 'major' });
    expect(quality?.evidence).toMatchObject({ imdrfCode: 'A141204', n: 9, institutions: 9 });
    expect(quality?.evidence.eb05).toBeGreaterThanOrEqual(2);
    expect(quality?.attribution?.label).toBe('quality');
    expect(quality?.attribution?.score).toBeGreaterThanOrEqual(2.5);
  });

  it('updates the same alerts on the next run instead of raising new ones', async () => {
    const before = Number((await t().deps.db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const res = await post('national', '/api/risk/runs');
    let run = res.json();
    expect(run.id).not.toBe(w.runId);
    for (let i = 0; i < 600 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await get('national', `/api/risk/runs/${run.id}`)).json();
    }
    expect(run.status).toBe('done');
    expect(run.alerts).toEqual({ raised: 0, updated: run.signals });
    const after = Number((await t().deps.db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(after).toBe(before);
  }, 120_000);

  it('documents the routes in OpenAPI', async () => {
    const paths = Object.keys((await t().app.inject({ method: 'GET', url: '/openapi.json' })).json().paths);
    expect(paths.filter((p) => p.startsWith('/api/risk/')).sort()).toEqual(['/api/risk/indicators', '/api/risk/indicators/{id}', '/api/risk/runs', '/api/risk/runs/{id}']);
  });

  it('reports missing source tables instead of failing', async () => {
    expect(await riskFactsRepository.missingTables(t().deps.db, ['material_receipts', 'no_such_module_table'])).toEqual(['no_such_module_table']);
  });
});
