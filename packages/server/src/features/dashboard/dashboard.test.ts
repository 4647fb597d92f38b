import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { submissionClock } from '../adverse-events/adverse-events.service.ts';
import { dashboardClock } from './dashboard.service.ts';

const t = useTestApp();

type Who = 'national' | 'province' | 'cityHz' | 'hospHz' | 'mfrNb' | 'hospNj' | 'agency' | 'sysadmin';
const w = {} as { headers: Record<Who, Record<string, string>>; di: string; otherDi: string };

// 00:30 on 1 April 2026 in Shanghai, still 31 March in UTC: the trend runs 2025-05 … 2026-04.
const NOW = '2026-03-31T16:30:00Z';
const MONTHS = ['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];

let patientSeq = 500;
function residentId(): string {
  const first17 = `11010519700101${String(patientSeq++).padStart(3, '0')}`;
  return `${first17}${residentIdCheckChar(first17)}`;
}

/** Files a report (outcome "other": no statutory clock) as `who`, submitted ten minutes after the time known. */
async function file(who: Who, di: string, eventDate: string, knownAt: string) {
  const submitted = new Date(Date.parse(knownAt) + 10 * 60_000);
  vi.spyOn(submissionClock, 'now').mockImplementation(() => submitted);
  const res = await call(t().app, w.headers[who], {
    method: 'POST', url: '/api/adverse-events',
    payload: {
      productDi: di, lot: 'L2026D', patient: { name: '李四', idNumber: residentId(), sex: 'female', age: 50 }, manifestation: '设备运行异常',
      eventDate, dateKnown: knownAt.slice(0, 10), knownAt, outcome: 'other', imdrfCodes: ['A0601'],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  vi.restoreAllMocks();
}

beforeAll(async () => {
  const { deps, app } = t();
  const hospHz = await makeOrganization(deps, { type: 'institution', regionCode: '330106' });
  await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  await makeOrganization(deps, { type: 'distributor', regionCode: '330108' });
  const agency = await makeOrganization(deps, { type: 'agency', regionCode: '330100' });
  const mfrNb = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330212' });
  const hospNj = await makeOrganization(deps, { type: 'institution', regionCode: '320102' });
  const mfrNj = await makeOrganization(deps, { type: 'manufacturer', regionCode: '320102' });
  w.di = (await makeProduct(deps, mfrNb.id, mfrNb.gs1CompanyPrefix ?? '')).di ?? '';
  w.otherDi = (await makeProduct(deps, mfrNj.id, mfrNj.gs1CompanyPrefix ?? '')).di ?? '';
  const users: Record<Who, Promise<string>> = {
    national: makeUser(deps, { role: 'regulator', jurisdictionCode: '000000', regulatorLevel: 'national' }),
    province: makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    hospHz: makeUser(deps, { role: 'institution', organizationId: hospHz.id }),
    mfrNb: makeUser(deps, { role: 'enterprise', organizationId: mfrNb.id }),
    hospNj: makeUser(deps, { role: 'institution', organizationId: hospNj.id }),
    agency: makeUser(deps, { role: 'agency', organizationId: agency.id }),
    sysadmin: makeUser(deps, { role: 'sysadmin' }),
  };
  w.headers = {} as typeof w.headers;
  for (const who of Object.keys(users) as Who[]) w.headers[who] = await loginHeaders(app, await users[who], PASSWORD);

  await file('hospHz', w.di, '2025-04-10', '2025-04-20T10:00:00+08:00'); // before the window (inside it if months were cut in UTC)
  await file('hospHz', w.di, '2025-05-01', '2025-05-02T09:00:00+08:00'); // the oldest month
  await file('hospHz', w.di, '2026-01-30', '2026-01-31T23:30:00+08:00'); // last day of January, 23:30 Shanghai
  await file('hospHz', w.di, '2026-01-31', '2026-02-01T00:30:00+08:00'); // 1 February in Shanghai, 31 January in UTC
  await file('hospNj', w.di, '2026-03-09', '2026-03-10T15:00:00+08:00'); // Nanjing, about 宁波's product
  await file('hospNj', w.otherDi, '2026-03-31', '2026-04-01T00:10:00+08:00'); // the current month (Shanghai)
});

afterEach(() => {
  vi.restoreAllMocks();
});

const get = (who: Who | null, url: string) => call(t().app, who ? w.headers[who] : {}, { method: 'GET', url });

interface Summary {
  organizationsByRegion: { regionCode: string; count: number }[];
  adverseEventsByMonth: { month: string; count: number }[];
  totals: { organizations: number; adverseEvents: number };
}
async function summaryOf(who: Who): Promise<Summary> {
  vi.spyOn(dashboardClock, 'now').mockImplementation(() => new Date(NOW));
  const res = await get(who, '/api/dashboard/summary');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
/** The months with reports, as { month: count }. */
const nonZero = (s: Summary) => Object.fromEntries(s.adverseEventsByMonth.filter((m) => m.count > 0).map((m) => [m.month, m.count]));

describe('GET /api/dashboard/summary: the same figures as the lists, for the same caller', () => {
  it.each<Who>(['national', 'province', 'cityHz', 'hospHz', 'mfrNb', 'hospNj'])('%s: totals, regions and months equal what the lists answer', async (who) => {
    const s = await summaryOf(who);
    const orgs = (await get(who, '/api/organizations?pageSize=500')).json() as { items: { regionCode: string }[]; total: number };
    const reports = (await get(who, '/api/adverse-events?pageSize=500')).json() as { items: { dateKnown: string }[]; total: number };
    expect(orgs.total).toBeLessThan(500);
    expect(s.totals).toEqual({ organizations: orgs.total, adverseEvents: reports.total });
    const byRegion = new Map<string, number>();
    for (const o of orgs.items) byRegion.set(o.regionCode, (byRegion.get(o.regionCode) ?? 0) + 1);
    expect(s.organizationsByRegion).toEqual([...byRegion].sort(([a], [b]) => a.localeCompare(b)).map(([regionCode, count]) => ({ regionCode, count })));
    expect(s.adverseEventsByMonth).toEqual(MONTHS.map((month) => ({ month, count: reports.items.filter((r) => r.dateKnown.startsWith(month)).length })));
  });

  it('a national regulator counts everything: every region, every report', async () => {
    const s = await summaryOf('national');
    expect(s.totals.adverseEvents).toBe(6);
    expect(s.organizationsByRegion.map((r) => r.regionCode)).toEqual(expect.arrayContaining(['320102', '330100', '330106', '330108', '330212']));
    expect(nonZero(s)).toEqual({ '2025-05': 1, '2026-01': 1, '2026-02': 1, '2026-03': 1, '2026-04': 1 });
  });

  it('a city regulator counts only its jurisdiction: 杭州 organisations and reports from 杭州 reporters', async () => {
    const s = await summaryOf('cityHz');
    expect(s.organizationsByRegion).toEqual([{ regionCode: '330100', count: 1 }, { regionCode: '330106', count: 2 }, { regionCode: '330108', count: 1 }]);
    expect(s.totals).toEqual({ organizations: 4, adverseEvents: 4 });
    expect(nonZero(s)).toEqual({ '2025-05': 1, '2026-01': 1, '2026-02': 1 });
  });

  it('an enterprise counts itself and, as the registrant, the reports about its products from anywhere', async () => {
    const s = await summaryOf('mfrNb');
    expect(s.organizationsByRegion).toEqual([{ regionCode: '330212', count: 1 }]);
    expect(s.totals).toEqual({ organizations: 1, adverseEvents: 5 });
    expect(nonZero(s)).toEqual({ '2025-05': 1, '2026-01': 1, '2026-02': 1, '2026-03': 1 });
  });
});

describe('the trend months', () => {
  it('are the last 12 calendar months in Shanghai, oldest first, with empty months as 0', async () => {
    const s = await summaryOf('national');
    expect(s.adverseEventsByMonth.map((m) => m.month)).toEqual(MONTHS);
    expect(s.adverseEventsByMonth.filter((m) => m.count === 0).map((m) => m.month)).toEqual(['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
  });

  it('count a report by its date known: 23:30 on the last day of January is January, 00:30 on 1 February is February', async () => {
    const s = await summaryOf('hospHz');
    expect(s.adverseEventsByMonth.find((m) => m.month === '2026-01')?.count).toBe(1);
    expect(s.adverseEventsByMonth.find((m) => m.month === '2026-02')?.count).toBe(1);
    // The report known in April 2025 is outside the trend but still one of the organisation's reports.
    expect(s.totals.adverseEvents).toBe(4);
    expect(s.adverseEventsByMonth.reduce((sum, m) => sum + m.count, 0)).toBe(3);
  });

  it('move with the clock: a month later the oldest month drops out and a new empty month comes in', async () => {
    vi.spyOn(dashboardClock, 'now').mockImplementation(() => new Date('2026-05-15T04:00:00Z'));
    const s = (await get('national', '/api/dashboard/summary')).json() as Summary;
    expect(s.adverseEventsByMonth.map((m) => m.month)).toEqual([...MONTHS.slice(1), '2026-05']);
    expect(nonZero(s)).toEqual({ '2026-01': 1, '2026-02': 1, '2026-03': 1, '2026-04': 1 });
  });
});

describe('the OpenAPI document', () => {
  it('describes the route under the dashboard tag with its response schema', async () => {
    const doc = (await t().app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const op = doc.paths['/api/dashboard/summary'].get;
    expect(op.tags).toEqual(['dashboard']);
    expect(Object.keys(op.responses['200'].content['application/json'].schema.properties)).toEqual(['organizationsByRegion', 'adverseEventsByMonth', 'totals']);
  });
});

describe('who may ask', () => {
  it('answers 401 without a session', async () => {
    const res = await get(null, '/api/dashboard/summary');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toMatch(/^auth\./);
  });

  it.each<Who>(['agency', 'sysadmin'])('answers 403 to %s (it may not read both lists)', async (who) => {
    const res = await get(who, '/api/dashboard/summary');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
  });
});
