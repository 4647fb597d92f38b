import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n/i18n.ts';
import { SessionProvider } from '../session/session-context.tsx';
import { CJK, renderWithProviders } from '../test/render.tsx';
import { interfaceText } from '../test/visible-text.ts';
import { LotRestrictionsSection, type LotRestriction } from './lot-restrictions-section.tsx';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

// As GET /api/lot-restrictions answers (lot-restrictions.routes.ts).
const ITEMS: LotRestriction[] = [
  { id: 2, di: '06990001001004', lot: 'MK00101', kind: 'recall', recallLevel: 1, reason: '细菌过滤效率不合格', voluntary: false, regionCode: '330000', startedAt: '2026-07-10T17:11:08.000+08:00', notifyBy: '2026-07-11T17:11:08.000+08:00', active: true, liftedAt: null, liftReason: null },
  { id: 1, di: '06990001001004', lot: 'MK00101', kind: 'suspension', recallLevel: null, reason: '抽检不合格', voluntary: false, regionCode: '330100', startedAt: '2026-07-01T09:00:00.000+08:00', notifyBy: null, active: false, liftedAt: '2026-07-05T09:00:00.000+08:00', liftReason: '复检合格' },
];

function as(role: 'regulator' | 'institution') {
  sessionStorage.setItem('lianjian.loginNotice', JSON.stringify({
    previousLogin: null, idleTimeoutMinutes: 30,
    user: { id: 7, name: '李监管', role, organizationId: role === 'regulator' ? null : 3, organizationName: null, organizationType: null, jurisdictionCode: role === 'regulator' ? '330000' : null, regulatorLevel: role === 'regulator' ? 'province' : null },
  }));
  const fetch = vi.fn().mockImplementation(async (url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') return json({ actor: { type: 'user', id: 7, name: '李监管', role, organizationId: null, jurisdictionCode: '330000', regulatorLevel: 'province' } });
    if (url.startsWith('/api/lot-restrictions?') && !init?.body) return json({ items: ITEMS, total: ITEMS.length });
    if (url === '/api/lot-restrictions' && init?.method === 'POST') return json({ ...ITEMS[1], id: 3, active: true }, 201);
    throw new Error(`unexpected ${url}`);
  });
  vi.stubGlobal('fetch', fetch);
  renderWithProviders(<SessionProvider><LotRestrictionsSection di="06990001001004" lot="MK00101" /></SessionProvider>);
  return fetch;
}

describe('lot restrictions on the lot dossier', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    sessionStorage.clear();
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('lists the measures with their tags, and a regulator orders a suspension after confirming', async () => {
    const fetch = as('regulator');
    const section = await screen.findByTestId('section-restrictions');
    await waitFor(() => expect(section.querySelectorAll('tbody tr')).toHaveLength(2));
    const rows = section.querySelectorAll('tbody tr');
    expect(rows[0]?.textContent).toContain('一级召回');
    expect(rows[0]?.textContent).toContain('生效中');
    expect(rows[1]?.textContent).toContain('暂停销售使用');
    expect(rows[1]?.textContent).toContain('已解除');
    expect(rows[1]?.textContent).toContain('复检合格');
    fireEvent.click(screen.getByTestId('restriction-order'));
    fireEvent.change(await screen.findByRole('textbox'), { target: { value: '抽检不合格' } });
    fireEvent.click(screen.getByRole('button', { name: '提 交' }));
    fireEvent.click(await screen.findByRole('button', { name: '确 认' }));
    await waitFor(() => expect(fetch.mock.calls.some(([u, i]) => u === '/api/lot-restrictions' && (i as RequestInit).method === 'POST')).toBe(true));
    const [, init] = fetch.mock.calls.find(([u]) => u === '/api/lot-restrictions') as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toEqual({ di: '06990001001004', lot: 'MK00101', kind: 'suspension', reason: '抽检不合格' });
    expect((init.headers as Record<string, string>)['idempotency-key']).toMatch(/^[\x21-\x7e]{8,}$/);
  });

  it('shows an institution the measures without the regulator buttons, in English without Chinese interface text', async () => {
    await changeLanguage('en');
    as('institution');
    const section = await screen.findByTestId('section-restrictions');
    await waitFor(() => expect(section.querySelectorAll('tbody tr')).toHaveLength(2));
    expect(section.textContent).toContain('Level I recall');
    expect(section.textContent).toContain('Sale and use suspended');
    expect(screen.queryByTestId('restriction-order')).toBeNull();
    expect(section.querySelectorAll('button')).toHaveLength(0);
    expect(CJK.test(interfaceText(section))).toBe(false);
  });
});
