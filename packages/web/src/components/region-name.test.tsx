import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n/i18n.ts';
import ProductsPage from '../pages/products-page.tsx';
import { renderWithProviders } from '../test/render.tsx';
import { regionLabel, RegionName } from './region-name.tsx';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });

// As the regions table stores them (GB/T 2260).
const REGIONS: Record<string, string> = { '330000': '浙江省', '330100': '杭州市', '330106': '西湖区', '320102': '玄武区' };
const REGIONS_EN: Record<string, string> = { '330000': 'Zhejiang', '330100': 'Hangzhou', '330106': 'Xihu District', '320102': 'Xuanwu District' };

/** `GET /api/regions?codes=` answering like the server (current regions of the codes asked, others left out); `gate` holds the answer back. */
function stubServer({ gate = Promise.resolve(), products = [] as unknown[], regions = (codes: string[]) => json(200, { items: codes.filter((c) => REGIONS[c]).map((code) => ({ code, name: REGIONS[code], nameEn: REGIONS_EN[code] ?? null })), total: 0 }) } = {}) {
  const fetch = vi.fn(async (url: string) => {
    const u = new URL(url, 'http://x');
    if (u.pathname === '/api/regions') {
      await gate;
      return regions((u.searchParams.get('codes') ?? '').split(','));
    }
    if (u.pathname === '/api/products') return json(200, { items: products, total: products.length });
    return json(404, { title: 'not found', status: 404, code: 'not_found' });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const regionCalls = (fetch: ReturnType<typeof stubServer>) => fetch.mock.calls.map(([url]) => new URL(String(url), 'http://x')).filter((u) => u.pathname === '/api/regions');

const product = (id: number, regionCode: string) => ({
  id, name: `产品${id}`, model: 'M', holderId: 1, holderName: '某公司', regionCode, di: null, implantable: false, registrationStatus: 'valid', registrationNumber: null, managementClass: 'II',
});

describe('region names next to GB/T 2260 codes', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('shows the code while the name loads, then "name code"; the codes on screen go out as one request', async () => {
    let open = () => {};
    const fetch = stubServer({ gate: new Promise<void>((r) => { open = r; }) });
    renderWithProviders(<ul>{['330106', '330000', '330106', '320102', '990000'].map((c, i) => <li key={i} data-testid={`r${i}`}><RegionName code={c} /></li>)}<li data-testid="none"><RegionName code={null} /></li></ul>);
    await waitFor(() => expect(regionCalls(fetch)).toHaveLength(1));
    expect(screen.getByTestId('r0').textContent).toBe('330106');
    open();
    await waitFor(() => expect(screen.getByTestId('r0').textContent).toBe('西湖区 330106'));
    expect(['r1', 'r2', 'r3', 'r4', 'none'].map((id) => screen.getByTestId(id).textContent)).toEqual(['浙江省 330000', '西湖区 330106', '玄武区 320102', '990000', '—']);
    const [call] = regionCalls(fetch);
    expect(call?.searchParams.get('codes')?.split(',')).toEqual(['320102', '330000', '330106', '990000']);
    expect(Number(call?.searchParams.get('pageSize'))).toBeGreaterThanOrEqual(4);
    await new Promise((r) => setTimeout(r, 50));
    expect(regionCalls(fetch)).toHaveLength(1);
  });

  it('names the region column of a list page (products), one regions request for the page', async () => {
    const fetch = stubServer({ products: [product(1, '330106'), product(2, '320102'), product(3, '330106')] });
    renderWithProviders(<ProductsPage />);
    const list = await screen.findByTestId('products-list');
    await waitFor(() => expect(list.querySelectorAll('tbody tr.ant-table-row')).toHaveLength(3));
    await waitFor(() => expect(list.querySelector('tbody tr.ant-table-row')?.textContent).toContain('西湖区 330106'));
    const rows = [...list.querySelectorAll('tbody tr.ant-table-row')].map((r) => r.textContent);
    expect(rows[1]).toContain('玄武区 320102');
    expect(rows[2]).toContain('西湖区 330106');
    expect(regionCalls(fetch).map((u) => u.searchParams.get('codes'))).toEqual(['320102,330106']);
  });

  it('falls back to the code when the regions cannot be read', async () => {
    const fetch = stubServer({ regions: () => json(403, { title: '无权限', status: 403, code: 'forbidden' }) });
    renderWithProviders(<p data-testid="r"><RegionName code="330106" /></p>);
    await waitFor(() => expect(regionCalls(fetch)).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByTestId('r').textContent).toBe('330106');
  });

  it('in English shows the English names the server gives, a province by its conventional name at once', async () => {
    await changeLanguage('en');
    const fetch = stubServer();
    renderWithProviders(<p data-testid="r"><RegionName code="330000" /> / <RegionName code="330106" /> / <RegionName code="990000" /></p>);
    // Before the answer: the province by the table, the rest by code.
    expect(screen.getByTestId('r').textContent).toBe('Zhejiang 330000 / 330106 / 990000');
    await waitFor(() => expect(screen.getByTestId('r').textContent).toBe('Zhejiang 330000 / Xihu District 330106 / 990000'));
    expect(regionCalls(fetch)).toHaveLength(1);
    expect(regionLabel('330100', 'Hangzhou', true)).toBe('Hangzhou 330100');
    expect(regionLabel('330100', null, true)).toBe('330100');
    expect(regionLabel('330100', '杭州市', false)).toBe('杭州市 330100');
    expect(regionLabel('330100', null, false)).toBe('330100');
  });
});
