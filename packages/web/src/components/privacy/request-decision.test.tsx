import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dayjs } from '../../format/time.ts';
import { changeLanguage } from '../../i18n/i18n.ts';
import PrivacyGrantsPage from '../../pages/privacy-grants-page.tsx';
import { renderWithProviders } from '../../test/render.tsx';
import type { IdentityRequestView } from './identity-requests-api.ts';
import { ApproveRequestModal, approvalInput, DeclineRequestModal, endOfShanghaiDay, shanghaiDayAfter } from './request-decision.tsx';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });
const problem = (status: number, body: Record<string, unknown>) => json(status, { title: 'x', status, ...body });
const KEY = 'pk_0123456789abcdef0123456789abcdef';
const NOW = () => dayjs('2026-11-26T08:00:00+08:00');
const REQUEST: IdentityRequestView = {
  id: 7, patientKey: KEY, requesterUserId: 12, requesterUsername: 'hz.inspector', requesterDisplayName: '杭州市局调查员', requesterRole: 'regulator',
  requesterOrganizationName: null, requesterJurisdictionCode: '330100', purpose: '不良事件调查 AE-330106-2026-000007', status: 'pending',
  createdAt: '2026-11-26T07:30:00+08:00', decidedBy: null, decidedByUsername: null, decidedAt: null, decisionReason: null, grantId: null, grantExpiresAt: null,
};
const GRANT = { id: 31, patientKey: KEY, granteeUserId: 12, granteeUsername: 'hz.inspector', purpose: REQUEST.purpose, expiresAt: '2026-12-26T23:59:59+08:00', grantedBy: 3, grantedByUsername: 'demo-privacy', createdAt: '2026-11-26T08:00:00+08:00', revokedAt: null, active: true };

/** fetch answering `answers` in turn for what the modal sends (none left: nothing more may be sent); `sent` lists them. */
function serve(...answers: Response[]) {
  const sent: [string, RequestInit][] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    sent.push([String(url), init]);
    const answer = answers.shift();
    if (!answer) throw new Error(`nothing more should be sent, got ${String(url)}`);
    return answer;
  }));
  return sent;
}
const bodyOf = (sent: [string, RequestInit][], i: number) => JSON.parse(String((sent[i] as [string, RequestInit])[1].body)) as unknown;
const headerOf = (sent: [string, RequestInit][], i: number, name: string) => ((sent[i] as [string, RequestInit])[1].headers as Record<string, string>)[name];
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const click = (testId: string) => act(async () => fireEvent.click(screen.getByTestId(testId)));
const inputOf = (testId: string) => {
  const root = screen.getByTestId(testId);
  return (root.tagName === 'INPUT' ? root : root.querySelector('input')) as HTMLInputElement;
};
/** The banner in the open modal. */
const banner = () => waitFor(() => {
  const found = document.querySelector('.ant-modal [role="alert"]');
  if (!found) throw new Error('no banner in the modal');
  return found as HTMLElement;
});

describe('the approval’s expiry', () => {
  it('is the end of the picked day in Shanghai, 30 days ahead by default', () => {
    expect(endOfShanghaiDay('2026-12-26')).toBe('2026-12-26T23:59:59+08:00');
    // 23:30 on 26 November in Shanghai is already the 27th there (15:30 UTC is still the 26th).
    expect(shanghaiDayAfter(dayjs('2026-11-26T23:30:00+08:00'), 30)).toBe('2026-12-26');
    expect(shanghaiDayAfter(dayjs('2026-11-26T16:30:00Z'), 30)).toBe('2026-12-27');
    expect(approvalInput('2026-12-26', ' 不良事件调查 ')).toEqual({ expiresAt: '2026-12-26T23:59:59+08:00', purpose: '不良事件调查' });
    expect(approvalInput(null, '不良事件调查')).toEqual({ purpose: '不良事件调查' });
  });
});

describe('a privacy officer decides on a request', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('approves with the default expiry (end of the day 30 days ahead) and the purpose as reworded, with an idempotency key', async () => {
    const sent = serve(json(200, { request: { ...REQUEST, status: 'approved', grantId: 31 }, grant: GRANT }));
    const approved = vi.fn();
    renderWithProviders(<ApproveRequestModal request={REQUEST} onClose={() => {}} onApproved={approved} now={NOW} />);
    expect(inputOf('approve-expiresAt').value).toBe('2026-12-26');
    expect((screen.getByTestId('approve-purpose') as HTMLTextAreaElement).value).toBe('不良事件调查 AE-330106-2026-000007');
    type('approve-purpose', '不良事件调查 AE-330106-2026-000007 患者随访');
    await click('approve-submit');
    await waitFor(() => expect(approved).toHaveBeenCalledWith(GRANT));
    expect((sent[0] as [string, RequestInit])[0]).toBe('/api/patient-identity-requests/7/approve');
    expect(bodyOf(sent, 0)).toEqual({ expiresAt: '2026-12-26T23:59:59+08:00', purpose: '不良事件调查 AE-330106-2026-000007 患者随访' });
    expect(headerOf(sent, 0, 'idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('says in the banner why the server refused: already decided (409), a requester who cannot hold a grant (422 at userId); an expiry problem at its field', async () => {
    const sent = serve(
      problem(409, { code: 'patient_identity.request_not_pending', params: { id: 7, requestStatus: 'approved' } }),
      problem(422, { code: 'validation.failed', params: { count: 1 }, errors: [{ code: 'patient_identity.grant_user_cannot_read', path: 'userId', message: 'x', params: { userId: 12, username: 'hz.inspector' } }] }),
      problem(422, { code: 'validation.failed', params: { count: 1 }, errors: [{ code: 'patient_identity.grant_expiry_too_far', path: 'expiresAt', message: 'x', params: { expiresAt: '2026-12-26T23:59:59+08:00', maxDays: 90 } }] }),
    );
    const approved = vi.fn();
    renderWithProviders(<ApproveRequestModal request={REQUEST} onClose={() => {}} onApproved={approved} now={NOW} />);
    await click('approve-submit');
    expect((await banner()).textContent).toContain('申请 7 已批准，不能再处理');
    expect((await banner()).textContent).toContain('只有待审批的申请可以批准、驳回或撤回');
    await act(async () => changeLanguage('en'));
    expect((await banner()).textContent).toContain('Request 7 is already approved and cannot be acted on');

    await click('approve-submit');
    await waitFor(() => expect(document.querySelector('.ant-modal [data-testid="problem-list"]')?.textContent).toContain('hz.inspector'));
    expect(screen.queryByTestId('error-expiresAt')).toBeNull();

    await click('approve-submit');
    await waitFor(() => expect(screen.getByTestId('error-expiresAt').textContent).toContain('90'));
    expect(document.querySelector('.ant-modal [role="alert"]')).toBeNull();
    expect(sent).toHaveLength(3);
    // The same attempt each time: the key stays until the server approves.
    expect(new Set([0, 1, 2].map((i) => headerOf(sent, i, 'idempotency-key'))).size).toBe(1);
    expect(approved).not.toHaveBeenCalled();
  });

  it('asks for an expiry and a purpose before sending', async () => {
    const sent = serve();
    renderWithProviders(<ApproveRequestModal request={REQUEST} onClose={() => {}} onApproved={() => {}} now={NOW} />);
    const clear = screen.getByTestId('approve-expiresAt').closest('.ant-picker')?.querySelector('.ant-picker-clear') as HTMLElement;
    await act(async () => {
      fireEvent.mouseDown(clear);
      fireEvent.mouseUp(clear);
      fireEvent.click(clear);
    });
    expect(inputOf('approve-expiresAt').value).toBe('');
    type('approve-purpose', '查');
    await click('approve-submit');
    expect(screen.getByTestId('error-expiresAt').textContent).toBe('缺少必填字段 授权到期日 请填写 授权到期日');
    expect(screen.getByTestId('error-purpose').textContent).toBe('用途 至少需要 4 个字符 请补全 用途');
    expect(sent).toEqual([]);
  });

  it('declines with a reason (required), and shows a 409 in words', async () => {
    const sent = serve(
      problem(409, { code: 'patient_identity.request_not_pending', params: { id: 7, requestStatus: 'withdrawn' } }),
      json(200, { ...REQUEST, status: 'declined', decisionReason: '请补充报告编号', decidedAt: '2026-11-26T08:05:00+08:00', decidedBy: 3, decidedByUsername: 'demo-privacy' }),
    );
    const declined = vi.fn();
    renderWithProviders(<DeclineRequestModal request={REQUEST} onClose={() => {}} onDeclined={declined} />);
    await click('decline-submit');
    expect(screen.getByTestId('error-reason').textContent).toBe('驳回理由 至少需要 2 个字符 请补全 驳回理由');
    expect(sent).toEqual([]);
    type('decline-reason', ' 请补充报告编号 ');
    expect(screen.queryByTestId('error-reason')).toBeNull();
    await click('decline-submit');
    expect((await banner()).textContent).toContain('申请 7 已撤回，不能再处理');
    await click('decline-submit');
    await waitFor(() => expect(declined).toHaveBeenCalled());
    expect((sent[1] as [string, RequestInit])[0]).toBe('/api/patient-identity-requests/7/decline');
    expect(bodyOf(sent, 1)).toEqual({ reason: '请补充报告编号' });
  });
});

describe('the privacy page’s requests', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('come first while some wait, with their count and the requester in words; approving refreshes the requests and the grants and names the grant', async () => {
    const sent: [string, RequestInit][] = [];
    let decided = false;
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
      const u = String(url);
      if (init.method === 'POST') {
        sent.push([u, init]);
        decided = true;
        return json(200, { request: { ...REQUEST, status: 'approved', grantId: 31 }, grant: GRANT });
      }
      if (u === '/api/patient-identity-requests/pending-count') return json(200, { pending: decided ? 0 : 1 });
      if (u.startsWith('/api/patient-identity-requests?')) return json(200, decided ? { items: [], total: 0 } : { items: [REQUEST], total: 1 });
      if (u.startsWith('/api/patient-identity-grants?')) return json(200, decided ? { items: [GRANT], total: 1 } : { items: [], total: 0 });
      if (u.startsWith('/api/regions?')) return json(200, { items: [{ code: '330100', name: '杭州市' }], total: 1 });
      throw new Error(`unexpected ${u}`);
    }));
    renderWithProviders(<PrivacyGrantsPage />);
    const list = await screen.findByTestId('identity-requests');
    await waitFor(() => expect(list.textContent).toContain('杭州市 330100'));
    expect(list.textContent).toContain('杭州市局调查员 (hz.inspector)');
    expect(list.textContent).toContain('监管人员');
    expect(list.textContent).toContain('不良事件调查 AE-330106-2026-000007');
    expect(list.textContent).toContain('待审批');
    expect(screen.getByTestId('pending-count').textContent).toBe('1');
    // Waiting requests come before the grant form.
    const card = screen.getByTestId('identity-requests-card');
    expect(card.compareDocumentPosition(screen.getByTestId('grant-form')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const urls = (vi.mocked(fetch).mock.calls as [string][]).map(([u]) => u);
    expect(urls.some((u) => u.startsWith('/api/patient-identity-requests?') && u.includes('status=pending'))).toBe(true);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: '批准申请 7' })));
    const day = inputOf('approve-expiresAt').value;
    expect(day).toBe(shanghaiDayAfter(dayjs(), 30));
    await click('approve-submit');
    await waitFor(() => expect(document.body.textContent).toContain('已批准，授权 #31（至 2026-12-26 23:59）'));
    expect(bodyOf(sent, 0)).toEqual({ expiresAt: endOfShanghaiDay(day), purpose: REQUEST.purpose });
    await waitFor(() => expect(screen.getByTestId('grants').textContent).toContain('hz.inspector'));
    await waitFor(() => expect(screen.getByTestId('identity-requests').textContent).toContain('没有待审批的申请'));
    expect(screen.queryByTestId('pending-count')).toBeNull();
    expect(screen.queryByTestId('approve-modal')).toBeNull();
    // Settled as the page opened: deciding the last request does not move the list.
    expect(screen.getByTestId('identity-requests-card').compareDocumentPosition(screen.getByTestId('grant-form')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
