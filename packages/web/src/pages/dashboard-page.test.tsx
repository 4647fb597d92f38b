import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DashboardSummary } from '../api/types.ts';
import { changeLanguage } from '../i18n/i18n.ts';
import { SessionProvider } from '../session/session-context.tsx';
import { renderWithProviders } from '../test/render.tsx';
import type * as RegionMapModule from '../components/region-map.tsx';
import DashboardPage, { areaCounts } from './dashboard-page.tsx';

// Charts are canvases: stand-ins show what the page hands them.
vi.mock('../components/echart.tsx', () => ({
  EChart: ({ option, testId }: { option: { xAxis: { data: string[] }; series: { data: number[] }[] } | null; testId?: string }) => (
    <div data-testid={testId} data-months={option?.xAxis.data.join(',')} data-counts={option?.series[0]?.data.join(',')} />
  ),
}));
vi.mock('../components/region-map.tsx', async (original) => ({
  ...(await original<typeof RegionMapModule>()),
  RegionMap: ({ counts }: { counts: Map<string, number> | null }) => <div data-testid="region-map" data-counts={counts ? JSON.stringify([...counts].sort()) : ''} />,
}));

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

// As GET /api/dashboard/summary answers a provincial regulator of 浙江 (dashboard.routes.ts).
const SUMMARY: DashboardSummary = {
  organizationsByRegion: [{ regionCode: '330100', count: 2 }, { regionCode: '330106', count: 1200 }, { regionCode: '330108', count: 30 }, { regionCode: '330212', count: 2 }],
  adverseEventsByMonth: ['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04']
    .map((month, i) => ({ month, count: i === 11 ? 700 : i })),
  totals: { organizations: 1234, adverseEvents: 5678 },
};

function asProvince() {
  const user = { id: 9, name: '浙江省局', role: 'regulator', organizationId: null, jurisdictionCode: '330000', regulatorLevel: 'province' };
  sessionStorage.setItem('lianjian.loginNotice', JSON.stringify({ previousLogin: null, idleTimeoutMinutes: 30, user: { ...user, organizationName: null, organizationType: null } }));
  const fetch = vi.fn().mockImplementation(async (url: string) => {
    if (url === '/api/auth/me') return json({ actor: { type: 'user', ...user } });
    if (url === '/api/dashboard/summary') return json(SUMMARY);
    if (/^\/api\/(products|licenses|adverse-events|alerts)\?pageSize=(1|8)(&|$)/.test(url)) return json({ items: [], total: 3 });
    throw new Error(`unexpected ${url}`);
  });
  vi.stubGlobal('fetch', fetch);
  renderWithProviders(<SessionProvider><DashboardPage /></SessionProvider>);
  return fetch;
}

describe('dashboard page', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(() => {
    sessionStorage.clear();
    vi.unstubAllGlobals();
  });

  it('draws the map, the trend and their KPIs from the one summary, loading no page of list rows', async () => {
    const fetch = asProvince();
    await waitFor(() => expect(screen.getByTestId('ae-trend').dataset.months).toBeDefined());
    expect(screen.getByTestId('ae-trend').dataset.months).toBe(SUMMARY.adverseEventsByMonth.map((m) => m.month).join(','));
    expect(screen.getByTestId('ae-trend').dataset.counts).toBe('0,1,2,3,4,5,6,7,8,9,10,700');
    // A province sees its cities: 杭州 330100 (2 + 1200 + 30), 宁波 330200 (2).
    expect(JSON.parse(screen.getByTestId('region-map').dataset.counts ?? '[]')).toEqual([['330100', 1232], ['330200', 2]]);
    await waitFor(() => expect(screen.getByTestId('kpi-organizations').textContent).toContain('1,234'));
    expect(screen.getByTestId('kpi-ae').textContent).toContain('5,678');
    const urls = fetch.mock.calls.map(([url]) => String(url));
    expect(urls).toContain('/api/dashboard/summary');
    expect(urls.filter((u) => /pageSize=500|^\/api\/organizations/.test(u))).toEqual([]);
  });
});

describe('areaCounts', () => {
  it('sums region counts into provinces for the national map and into cities for a province map', () => {
    const byRegion = [{ regionCode: '330106', count: 3 }, { regionCode: '330212', count: 4 }, { regionCode: '320102', count: 5 }, { regionCode: '330100', count: 1 }];
    expect([...areaCounts(byRegion, null)].sort()).toEqual([['320000', 5], ['330000', 8]]);
    expect([...areaCounts(byRegion, '33')].sort()).toEqual([['320100', 5], ['330100', 4], ['330200', 4]]);
  });
});
