import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProductDossier } from '../api/product-dossier-types.ts';
import { regionsOption, trendOption } from '../dossier/product-charts.tsx';
import { changeLanguage } from '../i18n/i18n.ts';
import { CJK, renderWithProviders } from '../test/render.tsx';
import { interfaceText } from '../test/visible-text.ts';
import ProductDossierPage from './product-dossier-page.tsx';

// Canvases are not what this test is about: the charts' options are checked as data below.
vi.mock('../components/echart.tsx', () => ({
  EChart: ({ label, testId }: { label: string; testId?: string }) => <div role="img" aria-label={label} data-testid={testId} />,
}));

const months = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

// As GET /api/products/{id}/dossier answers (features/dossiers/product-dossier.service.ts) for a province regulator.
const FULL: ProductDossier = {
  product: { id: 7, name: '一次性使用无菌注射器', nameEn: null, model: '5ml', specification: '带针', deviceKind: 'syringe', singleUse: true, implantable: false, sterile: true },
  registration: {
    id: 3, number: '国械注准20243140001', kind: 'registration', managementClass: 3, categoryCode: '14-01', validFrom: '2024-01-01', validTo: '2028-12-31', status: 'active',
    registrant: { organizationId: 15, name: '杭州注射器制造有限公司', regionCode: '330106', restricted: false },
  },
  dis: [
    { di: '06980001000019', agency: 'GS1', packageLevel: 0, packageLevelName: null, quantityPerPackage: 1, containsDi: null },
    { di: '16980001000016', agency: 'GS1', packageLevel: 1, packageLevelName: '中盒', quantityPerPackage: 10, containsDi: '06980001000019' },
  ],
  lots: {
    total: 2, limit: 50, offset: 0, lotDossierLinks: true, items: [
      { di: '06980001000019', lot: 'MK0001', batchId: 4, produced: 2000, productionDate: '2026-03-05', expiryDate: '2028-03-04', received: 1300, inStock: 2000, inTransit: 0, used: 0, holders: 3, restrictions: [{ id: 1, kind: 'recall', recallLevel: 2, voluntary: false, startedAt: '2026-04-01T00:00:00.000+08:00' }] },
      { di: '06980001000019', lot: 'EV-0001', batchId: null, produced: null, productionDate: null, expiryDate: null, received: 200, inStock: 500, inTransit: 0, used: 0, holders: 2, restrictions: [] },
    ],
  },
  holdersByRegion: [
    { regionCode: '330100', regionName: '浙江省杭州市', holders: 3, inStock: 2300, inTransit: 0, used: 0 },
    { regionCode: '320100', regionName: '江苏省南京市', holders: 1, inStock: 200, inTransit: 0, used: 0 },
  ],
  adverseEvents: {
    cases: 2, reports: 2, serious: 1, deaths: 1, byMonth: months.map((month) => ({ month, cases: month === '2026-06' ? 2 : 0 })),
    latest: [{ id: 11, reportNo: 'AE-2026-000011', kind: 'initial', productDi: '06980001000019', lot: 'MK0001', eventDate: '2026-06-18', outcome: 'death', reporterType: 'institution', reporterOrganizationName: '杭州市第一医院', regionCode: '330106', manifestation: '注射部位感染', late: false, lateByHours: 0, submittedAt: '2026-06-20T10:00:00.000+08:00' }],
  },
  alerts: [{ id: 5, grade: 'major', status: 'new', source: 'rule.test', subjectType: 'lot', subjectLabel: '一次性使用无菌注射器 MK0001', subjectDi: '06980001000019', subjectLot: 'MK0001', level: 'city', regionCode: '330100', deadline: '2026-12-01T17:00:00.000+08:00', createdAt: '2026-11-20T09:00:00.000+08:00' }],
};

// What a hospital that holds nothing yet in circulation, with no reports, sees: registrant outside, no alerts for its role.
const EMPTY: ProductDossier = {
  ...FULL,
  registration: { ...FULL.registration, registrant: { organizationId: null, name: '杭州注射器制造有限公司', regionCode: '330106', restricted: true } },
  lots: { total: 0, limit: 50, offset: 0, lotDossierLinks: false, items: [] },
  holdersByRegion: [],
  adverseEvents: { cases: 0, reports: 0, serious: 0, deaths: 0, byMonth: months.map((month) => ({ month, cases: 0 })), latest: [] },
  alerts: null,
};

function show(answer: ProductDossier) {
  const fetch = vi.fn().mockImplementation(async (url: string) => {
    if (url.startsWith('/api/products/7/dossier?')) return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    throw new Error(`unexpected ${url}`);
  });
  vi.stubGlobal('fetch', fetch);
  renderWithProviders(<Routes><Route path="/products/:id" element={<ProductDossierPage />} /></Routes>, { route: '/products/7' });
  return fetch;
}

describe('product dossier page', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('shows the header, DIs, lots with links and recall tags, holders by region, the AE trend and open alerts', async () => {
    const fetch = show(FULL);
    const lots = await screen.findByTestId('section-lots');
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/products/7/dossier?lotLimit=50&lotOffset=0');
    const header = screen.getByTestId('product-header').textContent ?? '';
    expect(header).toContain('一次性使用无菌注射器 · 5ml');
    expect(header).toContain('注射器'); // the device kind in words, not its code
    expect(header).not.toContain('syringe');
    expect(header).toContain('第3类');
    expect(header).toContain('2024-01-01 – 2028-12-31');
    expect(screen.getByTestId('registrant').querySelector('a')?.getAttribute('href')).toBe('/organizations/15/dossier');
    expect(screen.getByTestId('section-dis').querySelectorAll('tbody tr')).toHaveLength(2);
    const rows = lots.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.querySelector('a')?.getAttribute('href')).toBe('/lots/06980001000019/MK0001');
    expect(rows[0]?.textContent).toContain('二级召回');
    expect(rows[1]?.textContent).toContain('无批记录');
    expect(lots.textContent).toContain('共 2 个批次');
    expect(screen.getByTestId('chart-regions').getAttribute('aria-label')).toBe('各地市当前持有数量柱状图');
    expect(screen.getByTestId('section-regions').textContent).toContain('浙江省杭州市');
    expect(screen.getByTestId('chart-ae-trend')).toBeTruthy();
    expect(screen.getByTestId('ae-deaths').textContent).toContain('1');
    expect(screen.getByTestId('ae-latest').textContent).toContain('死亡');
    const alerts = screen.getByTestId('section-alerts');
    expect(alerts.textContent).toContain('一次性使用无菌注射器 MK0001');
    expect(alerts.querySelector('a')?.getAttribute('href')).toBe('/alerts/5');
  });

  it('shows empty states, the registrant outside the scope, no lot links and no alerts for the role', async () => {
    show(EMPTY);
    const lots = await screen.findByTestId('section-lots');
    expect(lots.querySelector('.ant-empty')).toBeTruthy();
    expect(screen.getByTestId('section-regions').textContent).toContain('尚无流通中的数量');
    expect(screen.queryByTestId('chart-regions')).toBeNull();
    expect(screen.queryByTestId('chart-ae-trend')).toBeNull();
    expect(screen.getByTestId('registrant').querySelector('a')).toBeNull();
    expect(screen.getByTestId('registrant').textContent).toContain('辖区外');
    expect(screen.getByTestId('section-alerts').textContent).toContain('预警仅对监管部门可见');
  });

  it('links no lot to a lot dossier the caller may not open (a holder that is not the registrant)', async () => {
    show({ ...FULL, lots: { ...FULL.lots, lotDossierLinks: false } });
    const lots = await screen.findByTestId('section-lots');
    expect(lots.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(lots.querySelector('tbody a')).toBeNull();
    expect(lots.textContent).toContain('MK0001');
  });

  it('leaves no Chinese in English except the data', async () => {
    await changeLanguage('en');
    show(FULL);
    await screen.findByTestId('section-lots');
    await waitFor(() => expect(screen.getByTestId('section-lots').querySelectorAll('tbody tr')).toHaveLength(2));
    const text = interfaceText(screen.getByTestId('product-dossier'));
    expect(text).toContain('Level II recall');
    expect(text).toContain('No batch record');
    expect(text).toContain('Syringe');
    expect(text).toContain('Where it is now (by city)');
    expect(text.match(CJK)).toBeNull();
  });

  it('builds the charts from the dossier: stacked holdings per city (largest on top), cases per month', () => {
    const o = regionsOption(FULL.holdersByRegion, { inStock: 'In stock', inTransit: 'In transit', used: 'Used' }) as { yAxis: { data: string[] }; series: { name: string; data: number[] }[] };
    expect(o.yAxis.data).toEqual(['江苏省南京市', '浙江省杭州市']);
    expect(o.series.map((s) => [s.name, s.data])).toEqual([['In stock', [200, 2300]], ['In transit', [0, 0]], ['Used', [0, 0]]]);
    const trend = trendOption(FULL.adverseEvents.byMonth, 'Cases') as { xAxis: { data: string[] }; series: { data: number[] }[] };
    expect(trend.xAxis.data).toEqual(months);
    expect(trend.series[0]?.data[6]).toBe(2);
  });
});
