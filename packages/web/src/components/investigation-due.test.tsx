import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n/i18n.ts';
import AdverseEventDetailPage from '../pages/adverse-event-detail-page.tsx';
import { renderWithProviders } from '../test/render.tsx';
import { investigationDueState, OpenInvestigationsList } from './investigation-due.tsx';

// 2026-03-16 09:00 in Shanghai.
const NOW = new Date('2026-03-16T01:00:00Z');
const ITEMS = [
  { id: 7, reportNo: 'AE-330106-2026-000007', productName: '一次性使用输液器', outcome: 'death' as const, investigationDueAt: '2026-03-15T23:59:59.999+08:00', investigationStatus: 'in_progress' as const },
  { id: 8, reportNo: 'AE-330106-2026-000008', productName: '医用外科口罩', outcome: 'serious_injury' as const, investigationDueAt: '2026-03-19T23:59:59.999+08:00', investigationStatus: 'none' as const },
  { id: 9, reportNo: 'AE-330106-2026-000009', productName: '输液泵', outcome: 'serious_injury' as const, investigationDueAt: '2026-04-30T23:59:59.999+08:00', investigationStatus: 'none' as const },
  { id: 10, reportNo: 'AE-330106-2026-000010', productName: '输液泵', outcome: 'serious_injury' as const, investigationDueAt: '2026-04-30T23:59:59.999+08:00', investigationStatus: 'final' as const },
];

describe('open investigations', () => {
  afterEach(async () => {
    vi.restoreAllMocks();
    await changeLanguage('zh-CN');
  });

  it('counts whole days left (rounded down) and hours overdue (rounded up)', () => {
    expect(investigationDueState('2026-03-19T23:59:59.999+08:00', NOW)).toEqual({ kind: 'left', days: 3 });
    expect(investigationDueState('2026-03-16T23:59:59.999+08:00', NOW)).toEqual({ kind: 'left', days: 0 });
    expect(investigationDueState('2026-03-15T23:59:59.999+08:00', NOW)).toEqual({ kind: 'overdue', hours: 10 });
    expect(investigationDueState('2026-03-16T08:59:00+08:00', NOW)).toEqual({ kind: 'overdue', hours: 1 });
  });

  it('lists each open case with its due date in Shanghai time, a coloured tag and a link to the report, in both languages', async () => {
    await changeLanguage('zh-CN');
    const { unmount } = renderWithProviders(<OpenInvestigationsList items={ITEMS} now={NOW} />);
    const rows = screen.getByTestId('open-investigations').querySelectorAll('.ant-list-item');
    expect(rows).toHaveLength(3);
    expect(rows[0]?.textContent).toContain('AE-330106-2026-000007 · 一次性使用输液器');
    expect(rows[0]?.textContent).toContain('调查时限: 2026-03-15 23:59');
    expect(rows[0]?.textContent).toContain('已提交中期报告');
    const tags = screen.getAllByTestId('investigation-due-tag');
    expect(tags.map((tag) => tag.textContent)).toEqual(['已逾期 10 小时', '还剩 3 天', '还剩 45 天']);
    expect(tags.map((tag) => [...tag.classList].find((c) => /^ant-tag-(red|orange|blue)$/.test(c)))).toEqual(['ant-tag-red', 'ant-tag-orange', 'ant-tag-blue']);
    expect(rows[1]?.querySelector('a')?.getAttribute('href')).toBe('/adverse-events/8');
    expect(screen.queryByText(/000010/)).toBeNull();
    unmount();

    await changeLanguage('en');
    renderWithProviders(<OpenInvestigationsList items={ITEMS} now={NOW} />);
    expect(screen.getAllByTestId('investigation-due-tag').map((tag) => tag.textContent)).toEqual(['overdue by 10 h', '3 days left', '45 days left']);
    expect(screen.getByTestId('open-investigations').textContent).toContain('Investigation due: 2026-03-19 23:59');
    // Product names are data and stay Chinese; none of the page's own words may.
    expect(screen.getByTestId('open-investigations').textContent).not.toMatch(/调查|还剩|逾期|未提交|伤害程度/);
  });

  it('says what to do when nothing is due', async () => {
    await changeLanguage('en');
    renderWithProviders(<OpenInvestigationsList items={[ITEMS[3]!]} now={NOW} />);
    expect(document.body.textContent).toContain('No investigations due. When a serious injury, death or cluster event involving your products is reported');
    await changeLanguage('zh-CN');
  });
});

describe('the report a deadline links to', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('shows the report with its reporting clock and the investigation due date, asking the server for that report', async () => {
    const detail = {
      ...ITEMS[1], reporterOrganizationName: '杭州市第一人民医院', productDi: '06990001001004', lot: 'MK00101', eventDate: '2026-02-12', dateKnown: '2026-02-13',
      deadline: '2026-03-02T23:59:59.999+08:00', late: false, lateByHours: 0, submittedAt: '2026-02-14T10:00:00.000+08:00', manifestation: '输液泵流速异常',
      patientKey: 'pk_0123456789abcdef0123456789abcdef', patient: { nameMasked: '王*', idNumberMasked: null, sex: 'female', age: 67 },
      investigation: { status: 'in_progress', dueAt: '2099-03-19T23:59:59.999+08:00', overdue: false, late: false, lateByHours: 0, latest: null },
    };
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(detail), { status: 200, headers: { 'content-type': 'application/json' } }));
    await changeLanguage('zh-CN');
    renderWithProviders(<Routes><Route path="/adverse-events/:id" element={<AdverseEventDetailPage />} /></Routes>, { route: '/adverse-events/8' });
    const page = await screen.findByTestId('ae-detail');
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/adverse-events/8');
    expect(page.textContent).toContain('AE-330106-2026-000008');
    expect(page.textContent).toContain('医用外科口罩 (06990001001004 / MK00101)');
    expect(page.textContent).toContain('已提交中期报告');
    expect(page.textContent).toContain('2099-03-19 23:59');
    expect(page.textContent).toMatch(/还剩 \d+ 天/);
    // The patient, masked, with the key an investigator gives the privacy officer.
    expect(screen.getByTestId('patient-key').textContent).toBe('pk_0123456789abcdef0123456789abcdef');
    expect(screen.getByTestId('patient-name').textContent).toBe('王*');
  });
});
