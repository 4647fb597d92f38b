import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n/i18n.ts';
import { SessionProvider } from '../session/session-context.tsx';
import { navigationFor } from '../shell/navigation.ts';
import { CJK, renderWithProviders } from '../test/render.tsx';
import { interfaceText } from '../test/visible-text.ts';
import ApiTokensPage from './api-tokens-page.tsx';
import CalendarPage from './calendar-page.tsx';
import PrivacyGrantsPage from './privacy-grants-page.tsx';
import RiskIndicatorsPage from './risk-indicators-page.tsx';
import SecurityPolicyPage from './security-policy-page.tsx';
import UsersAdminPage from './users-admin-page.tsx';

const json = (status: number, body: unknown) => new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const EMPTY = { items: [], total: 0 };

/** Logs in with this role (the session mirrors the tab's login answer) and answers GETs by path prefix. */
function session(role: string, level: string | null, answers: Record<string, unknown>) {
  sessionStorage.setItem('lianjian.loginNotice', JSON.stringify({
    previousLogin: null, idleTimeoutMinutes: 30, user: { id: 2, name: 'Admin', role, organizationId: null, jurisdictionCode: level ? '330000' : null, regulatorLevel: level },
  }));
  const fetch = vi.fn().mockImplementation(async (url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') return json(200, { actor: { type: 'user', id: 2, name: 'Admin', role, organizationId: null, jurisdictionCode: level ? '330000' : null, regulatorLevel: level } });
    const key = Object.keys(answers).find((k) => `${init?.method ?? 'GET'} ${url}`.startsWith(k));
    if (!key) throw new Error(`unexpected ${init?.method ?? 'GET'} ${url}`);
    const answer = answers[key];
    // A Response is a refusal the test wants sent as is.
    if (answer instanceof Response) return answer.clone();
    return json(init?.method === 'DELETE' ? 204 : 200, answer);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
/** The server's 422 refusal with these field problems (problem+json `errors`). */
const refusal = (errors: { code: string; path: string; params?: Record<string, string | number> }[]) =>
  new Response(JSON.stringify({ title: 'x', status: 422, code: 'validation.failed', params: { count: errors.length }, errors: errors.map((e) => ({ message: 'x', ...e })) }), {
    status: 422, headers: { 'content-type': 'application/problem+json' },
  });
/** The error antd shows under the field with this label. */
const errorUnder = (label: string) => screen.getByLabelText(label).closest('.ant-form-item')?.querySelector('.ant-form-item-explain-error')?.textContent ?? '';
const POLICY = { idleTimeoutMinutes: 30, absoluteTimeoutHours: 12, lockoutThreshold: 5, lockoutMinutes: 15, passwordMinLength: 8, passwordMinClasses: 3, updatedAt: '2026-11-01T00:00:00Z' };
const ORGANIZATION = { id: 7, name: '浙江省药监局', type: 'regulator', regionCode: '330000' };
const noChinese = () => expect(interfaceText(document.body).match(new RegExp(CJK.source, 'g'))?.join('') ?? '').toBe('');

describe('administration pages', () => {
  afterEach(async () => {
    sessionStorage.clear();
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('each role reaches its own tools from the menu (三员分立 and the privacy officer)', () => {
    expect(navigationFor('sysadmin').map((n) => n.path)).toEqual(['/admin/users', '/admin/tokens', '/admin/calendar']);
    expect(navigationFor('secadmin').map((n) => n.path)).toEqual(['/admin/security']);
    expect(navigationFor('auditadmin').map((n) => n.path)).toEqual(['/admin/audit']);
    expect(navigationFor('privacy_officer').map((n) => n.path)).toEqual(['/admin/privacy']);
    expect(navigationFor('regulator').map((n) => n.path)).toContain('/risk');
  });

  it('empty lists say what to do, in English with no Chinese left', async () => {
    await changeLanguage('en');
    session('sysadmin', null, { 'GET /api/users': EMPTY, 'GET /api/api-tokens': EMPTY });
    const { unmount } = renderWithProviders(<UsersAdminPage />);
    await waitFor(() => expect(document.body.textContent).toContain('No users yet. Click “New user” to open accounts for organisations.'));
    noChinese();
    unmount();
    renderWithProviders(<ApiTokensPage />);
    await waitFor(() => expect(document.body.textContent).toContain('No tokens yet. Click “Issue token”'));
    noChinese();
  });

  it('revokes an API token only after a confirmation that names it', async () => {
    const token = { id: 3, name: 'ERP feed', tokenPrefix: 'lj_ab12', role: 'enterprise', organizationId: 5, organizationName: 'Acme', jurisdictionCode: null, regulatorLevel: null, createdAt: '2026-11-01T00:00:00Z', expiresAt: null, revokedAt: null, lastUsedAt: null };
    const fetch = session('sysadmin', null, { 'GET /api/api-tokens': { items: [token], total: 1 }, 'DELETE /api/api-tokens/3': null });
    renderWithProviders(<ApiTokensPage />);
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: '吊销令牌 ERP feed' })));
    expect(await screen.findByText('吊销令牌“ERP feed”？使用它的系统将立即无法调用接口。')).toBeTruthy();
    expect(fetch.mock.calls.some(([, i]) => (i as RequestInit | undefined)?.method === 'DELETE')).toBe(false);
    const ok = [...document.querySelectorAll('.ant-popconfirm .ant-btn')].find((b) => b.textContent?.replace(/\s/g, '') === '确认') as HTMLElement;
    await act(async () => fireEvent.click(ok));
    await waitFor(() => expect(fetch.mock.calls.some(([u, i]) => u === '/api/api-tokens/3' && (i as RequestInit | undefined)?.method === 'DELETE')).toBe(true));
  });

  it('security admin: the policy form shows the current values and saves a change', async () => {
    const policy = { idleTimeoutMinutes: 30, absoluteTimeoutHours: 12, lockoutThreshold: 5, lockoutMinutes: 15, passwordMinLength: 8, passwordMinClasses: 3, updatedAt: '2026-11-01T00:00:00Z' };
    const fetch = session('secadmin', null, { 'GET /api/security-policy': policy, 'PATCH /api/security-policy': { ...policy, idleTimeoutMinutes: 20 } });
    await changeLanguage('en');
    renderWithProviders(<SecurityPolicyPage />);
    const idle = await screen.findByLabelText('Idle timeout (minutes)');
    expect((idle as HTMLInputElement).value).toBe('30');
    fireEvent.change(idle, { target: { value: '20' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    await waitFor(() => expect(fetch.mock.calls.some(([, i]) => (i as RequestInit | undefined)?.method === 'PATCH')).toBe(true));
    const [, init] = fetch.mock.calls.find(([, i]) => (i as RequestInit | undefined)?.method === 'PATCH') as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toEqual({ idleTimeoutMinutes: 20, absoluteTimeoutHours: 12, lockoutThreshold: 5, lockoutMinutes: 15, passwordMinLength: 8, passwordMinClasses: 3 });
    noChinese();
  });

  it('security admin: the server’s field problem is named by the field’s label, not its API path, in Chinese and in English', async () => {
    session('secadmin', null, { 'GET /api/security-policy': POLICY, 'PATCH /api/security-policy': refusal([{ code: 'generic.too_big', path: 'idleTimeoutMinutes', params: { maximum: 1440 } }]) });
    const zh = renderWithProviders(<SecurityPolicyPage />);
    await screen.findByLabelText('空闲超时（分钟）');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^保\s*存$/ })));
    await waitFor(() => expect(errorUnder('空闲超时（分钟）')).toBe('字段 空闲超时（分钟） 超过允许的最大值 1440 请填写不大于 1440 的值'));
    expect(screen.queryByRole('alert')).toBeNull();
    zh.unmount();

    await changeLanguage('en');
    renderWithProviders(<SecurityPolicyPage />);
    await screen.findByLabelText('Idle timeout (minutes)');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    await waitFor(() => expect(errorUnder('Idle timeout (minutes)')).toBe('Field Idle timeout (minutes) is above the maximum 1440 Enter a value of at most 1440'));
    noChinese();
  });

  it('issuing an API token: the server’s field problems are named by the fields’ labels, not their API paths, in Chinese and in English', async () => {
    const fetch = session('sysadmin', null, {
      'GET /api/api-tokens': EMPTY, 'GET /api/organizations': { items: [ORGANIZATION], total: 1 },
      'POST /api/api-tokens': refusal([{ code: 'user.role_fields', path: 'jurisdictionCode', params: { role: 'regulator', field: 'jurisdictionCode' } }, { code: 'generic.type_date', path: 'expiresAt' }]),
    });
    const issue = async (create: string, name: string) => {
      await act(async () => fireEvent.click(await screen.findByRole('button', { name: create })));
      const dialog = await screen.findByRole('dialog');
      fireEvent.change(within(dialog).getByLabelText(name), { target: { value: 'ERP feed' } });
      // The organisation box is an antd Select: open it and pick the one organisation offered.
      const select = dialog.querySelector('.ant-select') as HTMLElement;
      fireEvent.mouseDown(select.querySelector('.ant-select-selector') as HTMLElement);
      const option = await waitFor(() => {
        const found = document.querySelector('.ant-select-item-option');
        if (!found) throw new Error('no organisation offered');
        return found as HTMLElement;
      });
      fireEvent.click(option);
      await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: create })));
      await waitFor(() => expect(fetch.mock.calls.some(([, i]) => (i as RequestInit | undefined)?.method === 'POST')).toBe(true));
    };
    const zh = renderWithProviders(<ApiTokensPage />);
    await issue('签发令牌', '名称');
    await waitFor(() => expect(errorUnder('辖区代码')).toBe('监管人员需要填写 辖区代码 监管用户需填写辖区代码和层级，企业与医疗机构用户需选择所属单位'));
    expect(errorUnder('到期日')).toBe('到期日 应为日期 请按 2026-03-01 的格式填写日期');
    expect(screen.queryByRole('alert')).toBeNull();
    zh.unmount();
    fetch.mockClear();

    await changeLanguage('en');
    renderWithProviders(<ApiTokensPage />);
    await issue('Issue token', 'Name');
    await waitFor(() => expect(errorUnder('Jurisdiction code')).toBe('Regulator needs the field Jurisdiction code Regulators need a jurisdiction code and level; enterprise and institution users an organisation'));
    expect(errorUnder('Expires')).toBe('Expires must be a date Write the date as 2026-03-01');
  });

  it('a city regulator reads risk indicators but cannot change them; the calendar and grants pages render in English', async () => {
    await changeLanguage('en');
    const indicator = {
      id: 1, code: 'ae.count.product', name: '产品不良事件数', nameEn: 'Adverse events by product', metric: { kind: 'count', numerator: 'ae_reports', denominator: null, per: 1 },
      grouping: 'product', window: { unit: 'days', length: 30 }, method: 'threshold', threshold: 10, minCount: 3, grade: 'general', department: 'ae_monitoring', enabled: true,
      builtin: true, version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    };
    session('regulator', 'city', { 'GET /api/risk/indicators': { items: [indicator], total: 1 }, 'GET /api/calendar/overrides': EMPTY, 'GET /api/deadline-rules': EMPTY, 'GET /api/patient-identity-grants': EMPTY,
      'GET /api/patient-identity-requests/pending-count': { pending: 0 }, 'GET /api/patient-identity-requests': EMPTY });
    const risk = renderWithProviders(<SessionProvider><RiskIndicatorsPage /></SessionProvider>);
    await waitFor(() => expect(screen.getByTestId('risk-indicators').textContent).toContain('Adverse events by product'));
    expect(screen.getByRole('switch', { name: 'Enable indicator ae.count.product' }).hasAttribute('disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Edit indicator ae.count.product' })).toBeNull();
    noChinese();
    risk.unmount();
    const cal = renderWithProviders(<SessionProvider><CalendarPage /></SessionProvider>);
    await waitFor(() => expect(document.body.textContent).toContain('No deadline rules.'));
    noChinese();
    cal.unmount();
    renderWithProviders(<PrivacyGrantsPage />);
    await waitFor(() => expect(document.body.textContent).toContain('No grants. To let a user see a patient’s identity'));
    await waitFor(() => expect(document.body.textContent).toContain('No pending requests.'));
    expect(screen.queryByRole('alert')).toBeNull();
    noChinese();
  });
});
