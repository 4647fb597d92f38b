import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdverseEventReport } from '../api/types.ts';
import { changeLanguage } from '../i18n/i18n.ts';
import { SessionProvider } from '../session/session-context.tsx';
import { CJK, renderWithProviders } from '../test/render.tsx';
import { interfaceText } from '../test/visible-text.ts';
import DeadlinesPage from './deadlines-page.tsx';


const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

// Reports as GET /api/adverse-events answers them (adverse-events.routes.ts list item).
const report = (over: Partial<AdverseEventReport>): AdverseEventReport => ({
  id: 1, reportNo: 'AE-330106-2026-000001', kind: 'individual', reporterOrganizationName: '杭州市第一人民医院', regionCode: '330106', productDi: '06990001001004',
  productName: '输液泵', lot: 'MK00101', serial: null, outcome: 'serious_injury', eventDate: '2026-02-12', dateKnown: '2026-02-13', deadline: '2026-03-05T23:59:59.999+08:00',
  deadlineRule: 'ae.serious_injury', submittedAt: '2026-02-20T10:00:00.000+08:00', late: false, lateByHours: 0, duplicateOf: null, registrantOrganizationId: 3,
  investigationDueAt: null, investigationStatus: 'none', ...over,
});
const FILED = [
  report({ id: 11, reportNo: 'AE-330106-2026-000011', productName: '医用外科口罩', late: true, lateByHours: 30, outcome: 'death', deadline: '2026-02-20T23:59:59.999+08:00' }),
  report({ id: 12, reportNo: 'AE-330106-2026-000012', productName: '输液泵' }),
  report({ id: 13, reportNo: 'AE-330106-2026-000013', deadline: null, deadlineRule: null }),
];
const OPEN = [
  report({ id: 21, reportNo: 'AE-330106-2026-000021', productName: '髋关节假体', investigationDueAt: '2099-03-19T23:59:59.999+08:00', investigationStatus: 'in_progress' }),
  // Filed by this organisation about another registrant's device: not its case to investigate.
  report({ id: 22, reportNo: 'AE-330106-2026-000022', productName: '他厂导管', registrantOrganizationId: 99, investigationDueAt: '2099-04-01T23:59:59.999+08:00' }),
];

/** Logs in as an organisation of this type (the session mirrors the login answer kept for the tab) and answers the page's GETs. */
function as(organizationType: string, role: 'enterprise' | 'institution' = 'enterprise') {
  sessionStorage.setItem('lianjian.loginNotice', JSON.stringify({
    previousLogin: null, idleTimeoutMinutes: 30,
    user: { id: 7, name: '王填报', role, organizationId: 3, organizationName: '浙江示例医疗器械有限公司', organizationType, jurisdictionCode: null, regulatorLevel: null },
  }));
  const fetch = vi.fn().mockImplementation(async (url: string) => {
    if (url === '/api/auth/me') return json({ actor: { type: 'user', id: 7, name: '王填报', role, organizationId: 3, jurisdictionCode: null, regulatorLevel: null } });
    if (url.startsWith('/api/adverse-events?investigationDue=open')) return json({ items: OPEN, total: OPEN.length });
    if (url.startsWith('/api/adverse-events?')) return json({ items: FILED, total: FILED.length });
    throw new Error(`unexpected ${url}`);
  });
  vi.stubGlobal('fetch', fetch);
  renderWithProviders(<SessionProvider><DeadlinesPage /></SessionProvider>);
  return fetch;
}

describe('deadlines page: registrant and reporter views', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    sessionStorage.clear();
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('a registrant (manufacturer) sees its own open investigations, then its filed reports against their clocks', async () => {
    const fetch = as('manufacturer');
    const open = await screen.findByTestId('open-investigations');
    expect(document.body.textContent).toContain('待完成的不良事件调查');
    expect(open.textContent).toContain('AE-330106-2026-000021 · 髋关节假体');
    expect(open.textContent).not.toContain('000022'); // another registrant's device
    const filed = await screen.findByTestId('deadlines');
    expect(document.body.textContent).toContain('已提交报告的时限');
    const rows = filed.querySelectorAll('.ant-list-item');
    expect(rows).toHaveLength(2); // the report without a statutory clock is left out
    expect(rows[0]?.textContent).toContain('AE-330106-2026-000011 · 医用外科口罩');
    expect(rows[0]?.textContent).toContain('已逾期 30 小时');
    expect(rows[1]?.textContent).toContain('报告时限: 2026-03-05 23:59');
    expect(rows[1]?.textContent).toContain('按时');
    const urls = fetch.mock.calls.map(([u]) => String(u));
    expect(urls).toContain('/api/adverse-events?investigationDue=open&sort=investigationDueAt&pageSize=100');
    expect(urls).toContain('/api/adverse-events?pageSize=100&sort=-deadline');
  });

  it('a reporter (distributor, or a medical institution) sees only its filed reports, in English without Chinese interface text', async () => {
    await changeLanguage('en');
    const fetch = as('distributor');
    const filed = await screen.findByTestId('deadlines');
    expect(filed.querySelectorAll('.ant-list-item')).toHaveLength(2);
    expect(screen.queryByTestId('open-investigations')).toBeNull();
    expect(document.body.textContent).not.toContain('Adverse-event investigations due');
    expect(document.body.textContent).toContain('Reporting deadlines');
    expect(fetch.mock.calls.map(([u]) => String(u)).some((u) => u.includes('investigationDue'))).toBe(false);
    // Product names are data; everything else must be English.
    const text = interfaceText(document.body).replace(/医用外科口罩|输液泵/g, '');
    expect(CJK.test(text)).toBe(false);
  });

  it('a medical institution is a reporter too', async () => {
    as('hospital', 'institution');
    await screen.findByTestId('deadlines');
    await waitFor(() => expect(screen.queryByTestId('open-investigations')).toBeNull());
    expect(document.body.textContent).not.toContain('待完成的不良事件调查');
  });
});
