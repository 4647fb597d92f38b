import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TraceRecall, TraceReport } from '../api/types.ts';
import { changeLanguage } from '../i18n/i18n.ts';
import { CJK, renderWithProviders } from '../test/render.tsx';
import { TraceRecalls } from './trace-recalls.tsx';
import { TraceReports } from './trace-reports.tsx';

// As GET /api/trace answers them (trace.service.ts): a late death report on the unit, an on-time duplicate on the lot.
const REPORTS: TraceReport[] = [
  {
    id: 41, reportNo: 'AE-330106-2026-000041', kind: 'initial', initialReportId: null, outcome: 'death', eventDate: '2026-03-01', dateKnown: '2026-03-02',
    late: true, lateByHours: 26.4, deadline: '2026-03-09T23:59:59.999+08:00', reporterType: 'institution', regionCode: '330108', imdrfCodes: ['A0401', 'E0101'],
    duplicateOf: null, match: 'unit',
  },
  {
    id: 42, reportNo: 'AE-330106-2026-000042', kind: 'initial', initialReportId: null, outcome: 'serious_injury', eventDate: '2026-03-01', dateKnown: '2026-03-03',
    late: false, lateByHours: 0, deadline: '2099-03-23T23:59:59.999+08:00', reporterType: 'distributor', regionCode: '330106', imdrfCodes: [], duplicateOf: 41, match: 'lot',
  },
];
const RECALLS: TraceRecall[] = [
  { id: 5, di: '06901234567892', lot: 'A1', kind: 'recall', recallLevel: 2, reason: '灭菌验证不合格', voluntary: false, regionCode: '330000', startedAt: '2026-10-01T09:00:00.000+08:00',
    notifyBy: '2026-10-04T09:00:00.000+08:00', active: false, liftedAt: '2026-10-20T10:00:00.000+08:00', liftReason: '召回完成' },
  { id: 6, di: '06901234567892', lot: 'A1', kind: 'suspension', recallLevel: null, reason: '暂停销售使用', voluntary: false, regionCode: '330100', startedAt: '2026-10-02T09:00:00.000+08:00',
    notifyBy: null, active: true, liftedAt: null, liftReason: null },
];

const rows = (testId: string) => [...screen.getByTestId(testId).querySelectorAll('tbody tr.ant-table-row')] as HTMLElement[];
const cells = (row: HTMLElement) => [...row.querySelectorAll('td')].map((td) => td.textContent);

describe('trace reports tab', () => {
  afterEach(async () => {
    await changeLanguage('zh-CN');
  });

  it('renders each report as a table row in English, with links, tags and no raw JSON', async () => {
    await changeLanguage('en');
    renderWithProviders(<TraceReports reports={REPORTS} />);
    const [late, dup] = rows('trace-reports');
    expect(rows('trace-reports')).toHaveLength(2);
    expect(cells(late as HTMLElement)).toEqual([
      'AE-330106-2026-000041', 'Death', '2026-03-01', '2026-03-02', '2026-03-09 23:59Overdue by 26 h', 'User institution', '330108', 'A0401E0101', '—', 'This unit',
    ]);
    expect(cells(dup as HTMLElement)).toEqual([
      'AE-330106-2026-000042', 'Serious injury', '2026-03-01', '2026-03-03', '2099-03-23 23:59On time', 'Distributor', '330106', '—', '#41', 'Its lot',
    ]);
    // Submitted reports are never "due in N days", however far their deadline.
    expect(screen.getByTestId('trace-reports').textContent).not.toMatch(/Due in/);
    expect(late?.querySelector('a')?.getAttribute('href')).toBe('/adverse-events/41');
    expect([...(dup?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'))).toEqual(['/adverse-events/42', '/adverse-events/41']);
    const text = document.body.textContent ?? '';
    expect(text).not.toMatch(/[{}"]|reportNo|lateByHours/);
    expect(text).not.toMatch(CJK);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Report no.', 'Outcome', 'Event date', 'Date known', 'Deadline', 'Reporter type', 'Region', 'IMDRF codes', 'Duplicate of', 'Concerns',
    ]);
  });

  it('says what an empty tab means, in both languages', async () => {
    await changeLanguage('en');
    const { unmount } = renderWithProviders(<TraceReports reports={[]} />);
    expect(screen.getByTestId('trace-reports-empty').textContent).toBe('No adverse-event reports for this unit or its lot (among the reports you may see).');
    unmount();
    await changeLanguage('zh-CN');
    renderWithProviders(<TraceReports reports={[]} />);
    expect(screen.getByTestId('trace-reports-empty').textContent).toBe('该单元及其批次没有不良事件报告（在您可查看的报告范围内）。');
  });
});

describe('trace recalls tab', () => {
  afterEach(async () => {
    await changeLanguage('zh-CN');
  });

  it('renders suspensions and recalls with the dossier tags, in force and lifted', async () => {
    await changeLanguage('en');
    renderWithProviders(<TraceRecalls recalls={RECALLS} />);
    const [recall, suspension] = rows('trace-recalls');
    expect(cells(recall as HTMLElement)).toEqual(['Level II recall', '灭菌验证不合格', '2026-10-01 09:00', '2026-10-04 09:00', 'Zhejiang 330000', 'Lifted 2026-10-20 10:00 · 召回完成']);
    expect(cells(suspension as HTMLElement)).toEqual(['Sale and use suspended', '暂停销售使用', '2026-10-02 09:00', '—', '330100', 'In force']);
    // In force: coloured; lifted: grey.
    expect(suspension?.querySelector('.ant-tag')?.className).toMatch(/ant-tag-volcano/);
    expect(recall?.querySelector('.ant-tag')?.className).not.toMatch(/ant-tag-(red|volcano)/);
    expect(document.body.textContent).not.toMatch(/[{}"]/);
  });

  it('says there is no measure on the lot', async () => {
    await changeLanguage('en');
    renderWithProviders(<TraceRecalls recalls={[]} />);
    expect(screen.getByTestId('trace-recalls-empty').textContent).toBe('No suspension or recall has been recorded for this lot.');
  });
});
