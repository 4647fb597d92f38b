import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n/i18n.ts';
import ReleaseReportFormPage from '../../pages/release-report-form-page.tsx';
import { renderWithProviders } from '../../test/render.tsx';
import { composedLabels } from './composed-form.tsx';
import { pickOption as pick } from '../../test/antd-select.ts';

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });
const BATCHES = { items: [{ id: 7, productName: '医用口罩', productDi: '06990001001905', lot: 'M2611', releaseDecision: null }], total: 1 };

// The issues' `{field}` is the label next to the field, not the API path (`inspector`, `items.0.name`).
describe('ComposedForm names fields by their labels in its issues', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('collects the labels by API path: fields, tables, columns as `table.*.column`, and what a column also shows', () => {
    const labels = composedLabels([{ name: 'incomingInspection.date', label: '检验日期' }], [
      { name: 'materials', label: '消耗物料', columns: [{ name: 'materialLot', label: '物料批', also: ['materialCode', 'quantity'] }, { name: 'quantity', label: '用量' }] },
    ]);
    expect(labels).toEqual({
      'incomingInspection.date': '检验日期', materials: '消耗物料', 'materials.*.materialLot': '物料批', 'materials.*.materialCode': '物料批', 'materials.*.quantity': '用量',
    });
  });

  it('a required field and a table cell left empty are named by their labels, in Chinese and after the switch in English', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, BATCHES)));
    renderWithProviders(<ReleaseReportFormPage />);
    type('cell-items.0.measuredValue', '98'); // the row is begun, its name is missing
    await act(async () => fireEvent.click(screen.getByTestId('release-form-submit')));
    expect(screen.getByTestId('error-inspector').textContent).toBe('缺少必填字段 检验员 请填写 检验员');
    expect(screen.getByTestId('error-items.0.name').textContent).toBe('缺少必填字段 检验项目（第 1 行） 请填写 检验项目（第 1 行）');

    await act(async () => changeLanguage('en'));
    await waitFor(() => expect(screen.getByTestId('error-inspector').textContent).toBe('Required field Inspector is missing Fill in Inspector'));
    expect(screen.getByTestId('error-items.0.name').textContent).toBe('Required field Test item (row 1) is missing Fill in Test item (row 1)');
  });

  it('words the server’s field problems with the labels too: a field, a cell with its row, a row under its table', async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => ((init?.method ?? 'GET') === 'GET' ? json(200, BATCHES) : json(422, {
      title: '提交的数据有误', status: 422, code: 'validation',
      errors: [
        { code: 'generic.format', path: 'reportNo', message: '字段 reportNo 的格式不正确（应为 RPT-YYYY-NNN）', params: { format: 'RPT-YYYY-NNN' } },
        { code: 'generic.too_big', path: 'items.1.measuredValue', message: '字段 items.1.measuredValue 超过允许的最大值 100', params: { maximum: 100 } },
        { code: 'generic.invalid', path: 'items.0', message: '字段 items.0 不符合规则 generic.invalid' },
      ],
    })));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<ReleaseReportFormPage />);
    await pick('field-batchId', '医用口罩 · 06990001001905 · M2611 · #7');
    type('field-reportNo', 'R1');
    type('field-inspector', '王检');
    await pick('field-decision', '放行');
    type('field-decidedAt', '2026-11-20T09:30');
    type('cell-items.0.name', 'BFE');
    type('cell-items.0.lowerLimit', '95');
    type('cell-items.0.measuredValue', '98');
    fireEvent.click(screen.getByTestId('add-items'));
    type('cell-items.1.name', 'PFE');
    type('cell-items.1.lowerLimit', '95');
    type('cell-items.1.measuredValue', '120');
    await act(async () => fireEvent.click(screen.getByTestId('release-form-submit')));
    await waitFor(() => expect(screen.getByTestId('error-reportNo').textContent).toBe('字段 检验报告编号 的格式不正确（应为 RPT-YYYY-NNN） 请按 RPT-YYYY-NNN 格式填写'));
    expect(screen.getByTestId('error-items.1.measuredValue').textContent).toBe('字段 实测值（第 2 行） 超过允许的最大值 100 请填写不大于 100 的值');
    expect(screen.getByTestId('error-items').textContent).toBe('字段 检验项目（第 1 行） 不符合规则 generic.invalid 请检查该字段后重新提交');
    expect(fetch.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(1);
  });

  it('lists a problem at a row the table does not have in the banner, and one at a field under that field', async () => {
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init?: RequestInit) => ((init?.method ?? 'GET') === 'GET' ? json(200, BATCHES) : json(422, {
      title: 'x', status: 422, code: 'validation.failed', params: { count: 2 },
      errors: [
        { code: 'generic.format', path: 'reportNo', message: 'x', params: { format: 'RPT-YYYY-NNN' } },
        { code: 'generic.too_big', path: 'items.3.measuredValue', message: 'x', params: { maximum: 100 } },
      ],
    }))));
    renderWithProviders(<ReleaseReportFormPage />);
    await pick('field-batchId', '医用口罩 · 06990001001905 · M2611 · #7');
    type('field-reportNo', 'R1');
    type('field-inspector', '王检');
    await pick('field-decision', '放行');
    type('field-decidedAt', '2026-11-20T09:30');
    type('cell-items.0.name', 'BFE');
    type('cell-items.0.lowerLimit', '95');
    type('cell-items.0.measuredValue', '98');
    await act(async () => fireEvent.click(screen.getByTestId('release-form-submit')));
    await waitFor(() => expect(screen.getByTestId('error-reportNo').textContent).toBe('字段 检验报告编号 的格式不正确（应为 RPT-YYYY-NNN） 请按 RPT-YYYY-NNN 格式填写'));
    const banner = screen.getByTestId('problem-list').closest('[role="alert"]') as HTMLElement;
    expect([...banner.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['字段 实测值（第 4 行） 超过允许的最大值 100 请填写不大于 100 的值']);
    expect(banner.textContent).toContain('请按以上说明及各字段的提示修改后重新提交');
    expect(banner.textContent).not.toContain('检验报告编号');
  });
});
