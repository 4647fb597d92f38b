import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dayjs } from '../../format/time.ts';
import { changeLanguage } from '../../i18n/i18n.ts';
import { renderWithProviders } from '../../test/render.tsx';
import { GrantForm, grantInput } from './grant-form.tsx';


const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });
const KEY = 'pk_0123456789abcdef0123456789abcdef';
const NOW = () => dayjs('2026-11-26T08:00:00+08:00');
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

const GRANTEES = [
  { id: 12, username: 'hz.inspector', displayName: '杭州市局调查员', role: 'regulator', department: '医疗器械监管处', jurisdictionCode: '330100', organizationName: null },
  { id: 999, username: 'hosp.li', displayName: '李医生', role: 'institution', department: null, jurisdictionCode: null, organizationName: '杭州市第一人民医院' },
];

/**
 * fetch for the form: the grantee picker's list from the server, and `answers` in turn for what the
 * form sends (none given: nothing may be sent). `sent` lists the requests other than the picker's.
 */
function serve(...answers: Response[]) {
  const sent: [string, RequestInit][] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    if (String(url).startsWith('/api/patient-identity-grants/grantees')) {
      const q = new URL(String(url), 'http://x').searchParams.get('q') ?? '';
      return json(200, { items: GRANTEES.filter((g) => [g.username, g.displayName, g.organizationName ?? ''].some((text) => text.includes(q))) });
    }
    sent.push([String(url), init]);
    const answer = answers.shift();
    if (!answer) throw new Error(`nothing should be sent, got ${String(url)}`);
    return answer;
  }));
  return sent;
}

/** Picks a grantee in the picker by part of its option's text, as a user types and clicks. */
async function pickGrantee(text: string) {
  const select = screen.getByTestId('field-userId').closest('.ant-select') as HTMLElement;
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') as HTMLElement);
  const item = await waitFor(() => {
    const found = [...document.querySelectorAll('.ant-select-item-option')].find((o) => o.textContent?.includes(text));
    if (!found) throw new Error(`no grantee option with ${text}`);
    return found as HTMLElement;
  });
  await act(async () => fireEvent.click(item));
}

/** Types a date-time into the antd picker and confirms it with Enter, as a keyboard user would. */
async function typeDate(testId: string, text: string) {
  const root = screen.getByTestId(testId);
  const input = (root.tagName === 'INPUT' ? root : root.querySelector('input')) as HTMLInputElement;
  await act(async () => {
    fireEvent.mouseDown(input);
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: text } });
  });
  await act(async () => fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 }));
}

describe('patient identity grant form (privacy officer)', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('turns the form into the API input: the picked wall-clock time is Shanghai time', () => {
    expect(grantInput({ userId: 12, patientKey: ` ${KEY} `, purpose: ' 不良事件调查 AE-1 ', expiresAt: dayjs('2026-12-01 10:00') }))
      .toEqual({ userId: 12, patientKey: KEY, purpose: '不良事件调查 AE-1', expiresAt: '2026-12-01T10:00:00+08:00' });
  });

  it('names every missing or wrong field before sending (schema shared with the server), and the 90-day limit', async () => {
    const sent = serve();
    renderWithProviders(<GrantForm onGranted={() => {}} now={NOW} />);
    type('field-patientKey', 'pk_123');
    type('field-purpose', '查');
    await act(async () => fireEvent.click(screen.getByTestId('grant-submit')));
    for (const f of ['userId', 'patientKey', 'purpose', 'expiresAt']) expect(screen.getByTestId(`error-${f}`).textContent).not.toBe('');
    expect(sent).toEqual([]);

    await pickGrantee('hz.inspector');
    type('field-patientKey', KEY);
    type('field-purpose', '不良事件调查 AE-330106-2026-000007');
    await typeDate('field-expiresAt', '2027-06-01 10:00');
    await act(async () => fireEvent.click(screen.getByTestId('grant-submit')));
    expect(screen.getByTestId('error-expiresAt').textContent).toBe('授权最长 90 天，请缩短到期时间');
    expect(screen.queryByTestId('error-patientKey')).toBeNull();
    expect(sent).toEqual([]);
  });

  it('names the missing and wrong fields by their labels, in Chinese and in English', async () => {
    serve();
    const { unmount } = renderWithProviders(<GrantForm onGranted={() => {}} now={NOW} />);
    type('field-purpose', '查');
    await act(async () => fireEvent.click(screen.getByTestId('grant-submit')));
    expect(screen.getByTestId('error-userId').textContent).toBe('缺少必填字段 被授权用户 请填写 被授权用户');
    expect(screen.getByTestId('error-purpose').textContent).toBe('用途 至少需要 4 个字符 请补全 用途');
    unmount();

    await changeLanguage('en');
    renderWithProviders(<GrantForm onGranted={() => {}} now={NOW} />);
    type('field-purpose', 'AE');
    await act(async () => fireEvent.click(screen.getByTestId('grant-submit')));
    expect(screen.getByTestId('error-userId').textContent).toBe('Required field Grantee is missing Fill in Grantee');
    expect(screen.getByTestId('error-purpose').textContent).toBe('Purpose needs at least 4 characters Complete Purpose');
    expect(screen.getByTestId('error-expiresAt').textContent).toBe('Required field Expires is missing Fill in Expires');
  });

  it('re-words what it shows when the user switches language: its own checks and the server’s', async () => {
    serve(json(422, { title: 'x', status: 422, code: 'validation', errors: [{ code: 'generic.format', path: 'patientKey', message: 'x', params: { format: 'pk_ + 32 hex' } }] }));
    renderWithProviders(<GrantForm onGranted={() => {}} now={NOW} />);
    type('field-purpose', '查');
    await typeDate('field-expiresAt', '2027-06-01 10:00');
    await act(async () => fireEvent.click(screen.getByTestId('grant-submit')));
    expect(screen.getByTestId('error-purpose').textContent).toBe('用途 至少需要 4 个字符 请补全 用途');
    expect(screen.getByTestId('error-expiresAt').textContent).toBe('授权最长 90 天，请缩短到期时间');
    await act(async () => changeLanguage('en'));
    expect(screen.getByTestId('error-purpose').textContent).toBe('Purpose needs at least 4 characters Complete Purpose');
    expect(screen.getByTestId('error-expiresAt').textContent).not.toMatch(/[\u4e00-\u9fff]/);
    // A field the user edits loses its problem, in any language.
    type('field-purpose', '不良事件调查 AE-330106-2026-000007');
    expect(screen.queryByTestId('error-purpose')).toBeNull();
    expect(screen.getByTestId('error-userId')).toBeTruthy();

    await pickGrantee('hz.inspector');
    type('field-patientKey', KEY);
    await typeDate('field-expiresAt', '2026-12-01 10:00');
    await act(async () => fireEvent.click(screen.getByTestId('grant-submit')));
    await waitFor(() => expect(screen.getByTestId('error-patientKey').textContent).toContain('Patient key'));
    await act(async () => changeLanguage('zh-CN'));
    expect(screen.getByTestId('error-patientKey').textContent).toBe('字段 患者假名键 的格式不正确（应为 pk_ + 32 hex） 请按 pk_ + 32 hex 格式填写');
  });

  it('words the server’s refusal of a field by its label', async () => {
    serve(json(422, { title: 'x', status: 422, code: 'validation', errors: [{ code: 'generic.format', path: 'patientKey', message: 'x', params: { format: 'pk_ + 32 hex' } }] }));
    renderWithProviders(<GrantForm onGranted={() => {}} now={NOW} />);
    await pickGrantee('hz.inspector');
    type('field-patientKey', KEY);
    type('field-purpose', '不良事件调查 AE-330106-2026-000007');
    await typeDate('field-expiresAt', '2026-12-01 10:00');
    await act(async () => fireEvent.click(screen.getByTestId('grant-submit')));
    await waitFor(() => expect(screen.getByTestId('error-patientKey').textContent).toBe('字段 患者假名键 的格式不正确（应为 pk_ + 32 hex） 请按 pk_ + 32 hex 格式填写'));
  });

  it('shows a field problem next to its field and lists one on a path the form has no box for in the banner', async () => {
    serve(json(422, {
      title: 'x', status: 422, code: 'validation.failed', params: { count: 2 },
      errors: [{ code: 'generic.format', path: 'patientKey', message: 'x', params: { format: 'pk_ + 32 hex' } }, { code: 'generic.unknown_key', path: 'reason', message: 'x' }],
    }));
    renderWithProviders(<GrantForm onGranted={() => {}} now={NOW} />);
    await pickGrantee('hz.inspector');
    type('field-patientKey', KEY);
    type('field-purpose', '不良事件调查 AE-330106-2026-000007');
    await typeDate('field-expiresAt', '2026-12-01 10:00');
    await act(async () => fireEvent.click(screen.getByTestId('grant-submit')));
    await waitFor(() => expect(screen.getByTestId('error-patientKey').textContent).toContain('患者假名键'));
    const banner = screen.getByTestId('problem-list').closest('[role="alert"]') as HTMLElement;
    expect([...banner.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['不认识的字段 reason 请删除该字段或检查拼写']);
    expect(banner.textContent).not.toContain('患者假名键');
  });

  it('grants with an idempotency key and shows the server’s refusal next to the user field', async () => {
    // The account was disabled after the picker listed it.
    const sent = serve(
      json(422, { title: 'x', status: 422, code: 'validation', errors: [{ code: 'patient_identity.grant_user_unknown', path: 'userId', message: 'x', params: { userId: 999 } }] }),
      json(201, { id: 5 }),
    );
    const granted = vi.fn();
    renderWithProviders(<GrantForm onGranted={granted} now={NOW} />);
    await pickGrantee('杭州市第一人民医院');
    type('field-patientKey', KEY);
    type('field-purpose', '不良事件调查 AE-330106-2026-000007');
    await typeDate('field-expiresAt', '2026-12-01 10:00');
    await act(async () => fireEvent.click(screen.getByTestId('grant-submit')));
    await waitFor(() => expect(screen.getByTestId('error-userId').textContent).toContain('999'));
    const [url, init] = sent[0] as [string, RequestInit];
    expect(url).toBe('/api/patient-identity-grants');
    expect(JSON.parse(String(init.body))).toEqual({ userId: 999, patientKey: KEY, purpose: '不良事件调查 AE-330106-2026-000007', expiresAt: '2026-12-01T10:00:00+08:00' });
    const key = (init.headers as Record<string, string>)['idempotency-key'];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);

    await pickGrantee('hz.inspector');
    expect(screen.queryByTestId('error-userId')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('grant-submit')));
    await waitFor(() => expect(granted).toHaveBeenCalledWith({ id: 5 }));
    expect(JSON.parse(String((sent[1] as [string, RequestInit])[1].body)).userId).toBe(12);
  });
});
