import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../api/types.ts';
import { changeLanguage } from '../../i18n/i18n.ts';
import { SessionContext, type SessionState } from '../../session/session-context.tsx';
import { renderWithProviders } from '../../test/render.tsx';
import { PatientCard, type ReportPatient } from './patient-card.tsx';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const KEY = 'pk_0123456789abcdef0123456789abcdef';
const PATIENT: ReportPatient = { nameMasked: '王*', idNumberMasked: '3301**********1234', sex: 'female', age: 67 };

function render(role: string) {
  const session = { status: 'authenticated', user: { id: 1, name: 'x', role } as unknown as SessionUser, previousLogin: null, idleTimeoutMinutes: 30, endedBecause: null, login: vi.fn(), logout: vi.fn() } as unknown as SessionState;
  renderWithProviders(<SessionContext.Provider value={session}><PatientCard patientKey={KEY} patient={PATIENT} /></SessionContext.Provider>);
}

describe('the patient a report names', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the masked identity and the key to ask a grant for, and asks the server (an audited read) only on a click', async () => {
    const fetch = vi.fn(async (_url: string) => json({ patientKey: KEY, masked: true, name: '王*', idNumber: '3301**********1234', birthDate: null, grant: null }));
    vi.stubGlobal('fetch', fetch);
    render('regulator');
    expect(screen.getByTestId('patient-key').textContent).toBe(KEY);
    expect(screen.getByTestId('patient-name').textContent).toBe('王*');
    expect(screen.getByTestId('patient-card').textContent).toContain('67 岁');
    expect(screen.getByTestId('patient-card').textContent).toContain('女');
    expect(fetch).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByTestId('show-identity')));
    await waitFor(() => expect(screen.getByTestId('identity-masked').textContent).toContain('隐私官'));
    expect(fetch.mock.calls[0]?.[0]).toBe(`/api/patients/${KEY}/identity`);
    expect(screen.getByTestId('patient-name').textContent).toBe('王*');
  });

  it('shows the identity under a live grant, with its purpose and expiry, in English too', async () => {
    await changeLanguage('en');
    vi.stubGlobal('fetch', vi.fn(async () => json({
      patientKey: KEY, masked: false, name: '王秀兰', idNumber: '330106195905121234', birthDate: '1959-05-12',
      grant: { id: 4, purpose: '不良事件调查 AE-330106-2026-000007', expiresAt: '2026-12-01T10:00:00+08:00' },
    })));
    render('regulator');
    await act(async () => fireEvent.click(screen.getByTestId('show-identity')));
    await waitFor(() => expect(screen.getByTestId('patient-name').textContent).toBe('王秀兰'));
    expect(screen.getByTestId('patient-card').textContent).toContain('330106195905121234');
    expect(screen.getByTestId('identity-unmasked').textContent).toContain('不良事件调查 AE-330106-2026-000007');
    expect(screen.getByTestId('identity-unmasked').textContent).toContain('audit log');
    expect(screen.queryByTestId('show-identity')).toBeNull();
  });

  it('offers no identity button to a role that may not read identities', () => {
    vi.stubGlobal('fetch', vi.fn());
    render('agency');
    expect(screen.getByTestId('patient-key').textContent).toBe(KEY);
    expect(screen.queryByTestId('show-identity')).toBeNull();
  });
});
