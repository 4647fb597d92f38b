import { BACKGROUND_REQUEST_HEADER } from '@lianjian/core/auth/background-request';
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../api/types.ts';
import { SessionContext, type SessionState } from '../session/session-context.tsx';
import { renderWithProviders } from '../test/render.tsx';
import { AppLayout } from './app-layout.tsx';

function render(role: string) {
  const user = { id: 3, name: '隐私官', role, organizationId: null, jurisdictionCode: null, regulatorLevel: null } as unknown as SessionUser;
  const session = { status: 'authenticated', user, previousLogin: null, idleTimeoutMinutes: 30, endedBecause: null, login: vi.fn(), logout: vi.fn() } as unknown as SessionState;
  renderWithProviders(<SessionContext.Provider value={session}><AppLayout /></SessionContext.Provider>);
}

describe('the menu', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('counts the identity requests waiting for a privacy officer on the privacy page’s entry', async () => {
    const fetch = vi.fn(async (url: string, _init?: RequestInit) => {
      if (url === '/api/patient-identity-requests/pending-count') return new Response(JSON.stringify({ pending: 3 }), { status: 200, headers: { 'content-type': 'application/json' } });
      throw new Error(`unexpected ${url}`);
    });
    vi.stubGlobal('fetch', fetch);
    render('privacy_officer');
    await waitFor(() => expect(screen.getByTestId('nav-pending-requests').textContent).toBe('3'));
    expect(screen.getByRole('menuitem').textContent).toContain('患者身份授权');
    // A poll the browser makes on its own: it must not keep the session alive on the server.
    expect((fetch.mock.calls[0]?.[1]?.headers as Record<string, string>)[BACKGROUND_REQUEST_HEADER]).toBe('1');
  });

  it('asks nobody else for it', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    render('regulator');
    expect(screen.queryByTestId('nav-pending-requests')).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });
});
