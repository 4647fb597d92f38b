import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../api/types.ts';
import { changeLanguage } from '../i18n/i18n.ts';
import { SessionContext, type SessionState } from '../session/session-context.tsx';
import { renderWithProviders } from '../test/render.tsx';
import ProductsPage from './products-page.tsx';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const PRODUCT = { id: 7, name: '一次性使用输液器', model: 'M', holderId: 1, holderName: '某公司', regionCode: '330106', di: '06990001001905', implantable: false, registrationStatus: 'valid', registrationNumber: null, managementClass: 'III' };

function asRole(role: string) {
  const session = { status: 'authenticated', user: { id: 1, name: 'x', role } as unknown as SessionUser, previousLogin: null, idleTimeoutMinutes: 30, endedBecause: null, login: vi.fn(), logout: vi.fn() } as unknown as SessionState;
  vi.stubGlobal('fetch', vi.fn(async (url: string) => json(String(url).startsWith('/api/products') ? { items: [PRODUCT], total: 1 } : { items: [], total: 0 })));
  renderWithProviders(<SessionContext.Provider value={session}><ProductsPage /></SessionContext.Provider>);
}

describe('products list links by role', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('links the product to its dossier and the DI to its trace for a regulator', async () => {
    asRole('regulator');
    await waitFor(() => expect(screen.getByText('一次性使用输液器').closest('a')?.getAttribute('href')).toBe('/products/7'));
    expect(screen.getByText('06990001001905').closest('a')?.getAttribute('href')).toContain('/trace?code=');
  });

  it('offers a partner agency no link it could only get 403 from', async () => {
    asRole('agency');
    await waitFor(() => expect(screen.getByText('一次性使用输液器')).toBeTruthy());
    expect(screen.getByText('一次性使用输液器').closest('a')).toBeNull();
    expect(screen.getByText('06990001001905').closest('a')).toBeNull();
  });
});
