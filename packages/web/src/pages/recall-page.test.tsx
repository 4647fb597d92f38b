import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n/i18n.ts';
import { renderWithProviders } from '../test/render.tsx';
import type * as RegionMapModule from '../components/region-map.tsx';
import RecallPage from './recall-page.tsx';

// The page reads the user only for the map's area; the map is a canvas.
vi.mock('../session/session-context.tsx', () => ({ useSession: () => ({ user: null }) }));
vi.mock('../components/region-map.tsx', async (original) => ({
  ...(await original<typeof RegionMapModule>()),
  RegionMap: () => <div data-testid="region-map" />,
}));

const SCOPE = () => new Response(JSON.stringify({ holders: [] }), { status: 200, headers: { 'content-type': 'application/json' } });

describe('recall page: the DI is checked, from the form and from a link', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('says a short DI in words, not as a regex', async () => {
    vi.stubGlobal('fetch', vi.fn().mockImplementation(async () => SCOPE()));
    renderWithProviders(<RecallPage />, { route: '/recall' });
    fireEvent.change(screen.getByLabelText('产品标识 DI'), { target: { value: '12345' } });
    fireEvent.change(screen.getByLabelText('批号'), { target: { value: 'L1' } });
    fireEvent.click(screen.getByRole('button', { name: '添加批次' }));
    await waitFor(() => expect(document.body.textContent).toContain('请填写 14 位数字的产品标识 DI'));
    expect(document.body.textContent).not.toMatch(/\\d|模式/);
  });

  it('shows a link’s invalid DI instead of computing its scope', async () => {
    const fetch = vi.fn().mockImplementation(async () => SCOPE());
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<RecallPage />, { route: '/recall?di=123&lot=ZZZ' });
    expect(screen.getByTestId('recall-link-invalid').textContent).toContain('链接中的产品标识 DI“123”不是 14 位数字');
    await new Promise((r) => setTimeout(r, 100));
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.queryByText('ZZZ')).toBeNull();
  });

  it('computes a valid link at once, without a warning', async () => {
    await changeLanguage('en');
    const fetch = vi.fn().mockImplementation(async () => SCOPE());
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<RecallPage />, { route: '/recall?di=10050428383077&lot=L1' });
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(JSON.parse(String((fetch.mock.calls[0]?.[1] as RequestInit).body))).toEqual({ lots: [{ di: '10050428383077', lot: 'L1' }] });
    expect(screen.queryByTestId('recall-link-invalid')).toBeNull();
  });
});
