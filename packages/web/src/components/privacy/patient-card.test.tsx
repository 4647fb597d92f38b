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

function render(role: string, reportNo?: string) {
  const session = { status: 'authenticated', user: { id: 1, name: 'x', role } as unknown as SessionUser, previousLogin: null, idleTimeoutMinutes: 30, endedBecause: null, login: vi.fn(), logout: vi.fn() } as unknown as SessionState;
  renderWithProviders(<SessionContext.Provider value={session}><PatientCard patientKey={KEY} patient={PATIENT} {...(reportNo ? { reportNo } : {})} /></SessionContext.Provider>);
}

describe('the patient a report names', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the masked identity and the key to ask a grant for, and asks the server (an audited read) only on a click', async () => {
    const fetch = vi.fn(async (_url: string) => json({ patientKey: KEY, masked: true, name: '王*', idNumber: '3301**********1234', birthDate: null, grant: null, request: null }));
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
      grant: { id: 4, purpose: '不良事件调查 AE-330106-2026-000007', expiresAt: '2026-12-01T10:00:00+08:00' }, request: null,
    })));
    render('regulator');
    await act(async () => fireEvent.click(screen.getByTestId('show-identity')));
    await waitFor(() => expect(screen.getByTestId('patient-name').textContent).toBe('王秀兰'));
    expect(screen.getByTestId('patient-card').textContent).toContain('330106195905121234');
    expect(screen.getByTestId('identity-unmasked').textContent).toContain('不良事件调查 AE-330106-2026-000007');
    expect(screen.getByTestId('identity-unmasked').textContent).toContain('audit log');
    expect(screen.queryByTestId('show-identity')).toBeNull();
    // Nothing to ask for while the identity shows.
    expect(screen.queryByTestId('identity-request')).toBeNull();
  });

  it('offers no identity button to a role that may not read identities', () => {
    vi.stubGlobal('fetch', vi.fn());
    render('agency');
    expect(screen.getByTestId('patient-key').textContent).toBe(KEY);
    expect(screen.queryByTestId('show-identity')).toBeNull();
  });
});

const problem = (status: number, body: Record<string, unknown>) => new Response(JSON.stringify({ title: 'x', status, ...body }), { status, headers: { 'content-type': 'application/problem+json' } });
const REPORT_NO = 'AE-330106-2026-000007';
const MASKED = { patientKey: KEY, masked: true, name: '王*', idNumber: '3301**********1234', birthDate: null, grant: null };
const PENDING = { id: 7, status: 'pending', purpose: '不良事件调查 AE-330106-2026-000007', createdAt: '2026-11-26T08:00:00+08:00', decidedAt: null, decisionReason: null };
/** A request as the server answers POST /api/patient-identity-requests and its withdrawal. */
const view = (over: Record<string, unknown> = {}) => ({
  ...PENDING, patientKey: KEY, requesterUserId: 1, requesterUsername: 'demo-province', requesterDisplayName: '浙江省局', requesterRole: 'regulator',
  requesterOrganizationName: null, requesterJurisdictionCode: '330000', decidedBy: null, decidedByUsername: null, grantId: null, grantExpiresAt: null, ...over,
});

/** fetch answering the identity read with `request` in it, then `answers` in turn for what the card sends; `sent` lists those. */
function serve(request: unknown, ...answers: Response[]) {
  const sent: [string, RequestInit][] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    if (String(url) === `/api/patients/${KEY}/identity`) return json({ ...MASKED, request });
    sent.push([String(url), init]);
    const answer = answers.shift();
    if (!answer) throw new Error(`nothing more should be sent, got ${String(url)}`);
    return answer;
  }));
  return sent;
}

async function showMasked() {
  await act(async () => fireEvent.click(screen.getByTestId('show-identity')));
  await waitFor(() => expect(screen.getByTestId('identity-masked')).toBeTruthy());
}

/** The modal's banner (the card has alerts of its own). */
const modalBanner = () => waitFor(() => {
  const found = document.querySelector('.ant-modal [role="alert"]');
  if (!found) throw new Error('no banner in the modal');
  return found as HTMLElement;
});

async function openRequest() {
  await act(async () => fireEvent.click(screen.getByTestId('request-identity')));
  return screen.getByTestId('request-purpose') as HTMLTextAreaElement;
}

describe('asking a privacy officer to see the patient', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('offers to ask when nothing was asked yet, and sends the purpose (prefilled from the report) with an idempotency key; then says it waits', async () => {
    const sent = serve(null, json(view()));
    render('regulator', REPORT_NO);
    await showMasked();
    expect(screen.getByTestId('identity-request').getAttribute('data-status')).toBe('none');
    expect(screen.getByTestId('identity-masked').textContent).toContain('向隐私官申请');
    const purpose = await openRequest();
    expect(purpose.value).toBe('不良事件调查 AE-330106-2026-000007');
    fireEvent.change(purpose, { target: { value: '不良事件调查 AE-330106-2026-000007 随访' } });
    await act(async () => fireEvent.click(screen.getByTestId('request-submit')));
    await waitFor(() => expect(screen.getByTestId('identity-request').getAttribute('data-status')).toBe('pending'));
    const [url, init] = sent[0] as [string, RequestInit];
    expect(url).toBe('/api/patient-identity-requests');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ patientKey: KEY, purpose: '不良事件调查 AE-330106-2026-000007 随访' });
    expect((init.headers as Record<string, string>)['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    // The card shows what the server answered; the modal is gone, and so is the way to ask twice.
    expect(screen.getByTestId('identity-request').textContent).toContain('已申请，等待隐私官审批（提交于 2026-11-26 08:00）');
    expect(screen.queryByTestId('request-purpose')).toBeNull();
    expect(screen.queryByTestId('request-identity')).toBeNull();
    expect(screen.getByTestId('withdraw-request')).toBeTruthy();
  });

  it('checks the purpose before sending, and words the server’s refusal in the banner, in Chinese and in English', async () => {
    const refusal = () => problem(409, { code: 'patient_identity.request_pending', params: { id: 7, patientKey: KEY, createdAt: '2026-11-26 08:00' } });
    const sent = serve(null, refusal(), refusal());
    render('institution');
    await showMasked();
    const purpose = await openRequest();
    // Without a report the prefill is the bare purpose; too short a purpose never leaves the browser.
    expect(purpose.value).toBe('不良事件调查');
    fireEvent.change(purpose, { target: { value: '查' } });
    await act(async () => fireEvent.click(screen.getByTestId('request-submit')));
    expect(screen.getByTestId('error-purpose').textContent).toBe('用途 至少需要 4 个字符 请补全 用途');
    expect(sent).toEqual([]);
    fireEvent.change(purpose, { target: { value: '不良事件调查 随访' } });
    expect(screen.queryByTestId('error-purpose')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('request-submit')));
    const banner = await modalBanner();
    expect(banner.textContent).toContain(`您已于 2026-11-26 08:00 申请查看患者 ${KEY} 的身份，正等待隐私官审批（申请 7）`);
    expect(banner.textContent).toContain('无需重复申请');
    // The retry goes with the same key: the server decides the same attempt once.
    await act(async () => changeLanguage('en'));
    expect((await modalBanner()).textContent).toContain(`You asked to see the identity of patient ${KEY} at 2026-11-26 08:00`);
    await act(async () => fireEvent.click(screen.getByTestId('request-submit')));
    await waitFor(() => expect(sent).toHaveLength(2));
    const keyOf = (i: number) => ((sent[i] as [string, RequestInit])[1].headers as Record<string, string>)['idempotency-key'];
    expect(keyOf(1)).toBe(keyOf(0));
    expect(screen.getByTestId('identity-request').getAttribute('data-status')).toBe('none');
  });

  it('reads the identity again after a 409, so a request made meanwhile (another tab) shows as waiting', async () => {
    let request: unknown = null;
    let reads = 0;
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (String(url) === `/api/patients/${KEY}/identity`) {
        reads++;
        return json({ ...MASKED, request });
      }
      request = PENDING;
      return problem(409, { code: 'patient_identity.request_pending', params: { id: 7, patientKey: KEY, createdAt: '2026-11-26 08:00' } });
    }));
    render('institution');
    await showMasked();
    await openRequest();
    await act(async () => fireEvent.click(screen.getByTestId('request-submit')));
    await waitFor(() => expect(screen.getByTestId('identity-request').getAttribute('data-status')).toBe('pending'));
    expect(reads).toBe(2);
  });

  it('puts the server’s refusal of the purpose next to it', async () => {
    serve(null, problem(422, { code: 'validation.failed', errors: [{ code: 'generic.too_short', path: 'purpose', message: 'x', params: { minimum: 4 } }] }));
    render('enterprise', REPORT_NO);
    await showMasked();
    await openRequest();
    await act(async () => fireEvent.click(screen.getByTestId('request-submit')));
    await waitFor(() => expect(screen.getByTestId('error-purpose').textContent).toContain('用途'));
  });

  it('says a request waits, with its purpose, and withdraws it after a confirmation', async () => {
    const sent = serve(PENDING, json(view({ status: 'withdrawn', decidedAt: '2026-11-26T09:00:00+08:00', decidedBy: 1, decidedByUsername: 'demo-province' })));
    render('regulator', REPORT_NO);
    await showMasked();
    const state = screen.getByTestId('identity-request');
    expect(state.getAttribute('data-status')).toBe('pending');
    expect(state.textContent).toContain('已申请，等待隐私官审批（提交于 2026-11-26 08:00）');
    expect(state.textContent).toContain('用途：不良事件调查 AE-330106-2026-000007');
    expect(screen.queryByTestId('request-identity')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('withdraw-request')));
    expect(sent).toEqual([]);
    const confirm = await waitFor(() => {
      const ok = document.querySelector('.ant-popconfirm .ant-btn-primary');
      if (!ok) throw new Error('no confirmation');
      return ok as HTMLElement;
    });
    await act(async () => fireEvent.click(confirm));
    await waitFor(() => expect(screen.getByTestId('identity-request').getAttribute('data-status')).toBe('withdrawn'));
    expect((sent[0] as [string, RequestInit])[0]).toBe('/api/patient-identity-requests/7/withdraw');
    expect((sent[0] as [string, RequestInit])[1].method).toBe('POST');
    expect(screen.getByTestId('request-identity').textContent).toBe('申请查看身份');
  });

  it('tells a declined request’s reason and time, and lets the requester ask again', async () => {
    serve({ ...PENDING, status: 'declined', decidedAt: '2026-11-27T10:30:00+08:00', decisionReason: '请补充报告编号' });
    render('regulator', REPORT_NO);
    await showMasked();
    const state = screen.getByTestId('identity-request');
    expect(state.getAttribute('data-status')).toBe('declined');
    expect(state.textContent).toContain('您的申请已于 2026-11-27 10:30 被驳回');
    expect(state.textContent).toContain('理由：请补充报告编号');
    expect(screen.getByTestId('request-identity').textContent).toBe('重新申请');
    expect((await openRequest()).value).toBe('不良事件调查 AE-330106-2026-000007');
  });

  it('tells an approved request whose grant has ended, in English too, and lets the requester ask again', async () => {
    await changeLanguage('en');
    serve({ ...PENDING, status: 'approved', decidedAt: '2026-11-27T10:30:00+08:00' });
    render('regulator', REPORT_NO);
    await showMasked();
    const state = screen.getByTestId('identity-request');
    expect(state.textContent).toContain('Your request was approved on 2026-11-27 10:30, but the grant has expired or been revoked since');
    expect(screen.getByTestId('request-identity').textContent).toBe('Ask again');
    expect((await openRequest()).value).toBe('Adverse-event investigation AE-330106-2026-000007');
  });

  it('offers a privacy officer nothing to ask for (they grant, they do not hold grants)', async () => {
    serve(null);
    render('privacy_officer');
    await showMasked();
    expect(screen.queryByTestId('identity-request')).toBeNull();
    expect(screen.getByTestId('identity-masked').textContent).toContain('请将患者假名键提供给隐私官');
  });
});
