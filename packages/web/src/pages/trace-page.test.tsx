import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n/i18n.ts';
import { renderWithProviders } from '../test/render.tsx';
import TracePage from './trace-page.tsx';

const NOT_FOUND = () => new Response(JSON.stringify({ title: 'Not found', status: 404, code: 'not_found', params: { objectType: 'udi' } }), { status: 404, headers: { 'content-type': 'application/problem+json' } });

describe('trace page: a code that does not parse', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows only the parse error, not the server’s “not found” under it', async () => {
    const fetch = vi.fn().mockImplementation(async () => NOT_FOUND());
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<TracePage />, { route: `/trace?code=${encodeURIComponent('(01)12345678901234(21)X')}` });
    expect(screen.getByTestId('parse-error').textContent).toContain('应用标识符 (01) 的校验码错误（第 18 个字符）');
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    // Let the 404 come back and render whatever it would.
    await new Promise((r) => setTimeout(r, 200));
    expect(document.body.textContent).not.toContain('没有找到此编码');
  });

  it('still says “not found” for a code that parses but the server does not know', async () => {
    vi.stubGlobal('fetch', vi.fn().mockImplementation(async () => NOT_FOUND()));
    renderWithProviders(<TracePage />, { route: `/trace?code=${encodeURIComponent('(01)10050428383077(21)X')}` });
    await waitFor(() => expect(document.body.textContent).toContain('没有找到此编码'));
    expect(screen.queryByTestId('parse-error')).toBeNull();
  });
});
