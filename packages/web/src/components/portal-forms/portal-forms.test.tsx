import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n/i18n.ts';
import InvestigationFormPage, { investigationInput } from '../../pages/investigation-form-page.tsx';
import ReceivingAcceptanceFormPage, { receivingAcceptanceInput } from '../../pages/receiving-acceptance-form-page.tsx';
import ReleaseReportFormPage, { releaseReportInput } from '../../pages/release-report-form-page.tsx';
import BatchFormPage from '../../pages/batch-form-page.tsx';
import DistributionDocumentFormPage from '../../pages/distribution-document-form-page.tsx';
import MaterialReceiptFormPage from '../../pages/material-receipt-form-page.tsx';
import TrainingFormPage from '../../pages/training-form-page.tsx';
import { CJK, renderWithProviders } from '../../test/render.tsx';
import { pickOption as pick } from '../../test/antd-select.ts';

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });

/** Picks an organisation in a directory picker: opens it, types, clicks the option of this id in the open dropdown (the others stay in the page, hidden). */
async function pickOrganization(testId: string, text: string, id: number) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') as HTMLElement);
  fireEvent.change(select.querySelector('input') as HTMLInputElement, { target: { value: text } });
  const item = await waitFor(() => {
    const found = document.querySelector(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid="org-option-${id}"]`)?.closest('.ant-select-item-option');
    if (!found) throw new Error(`no organisation ${id}`);
    return found as HTMLElement;
  });
  fireEvent.click(item);
}

/** A fetch stub: GETs answer from `gets` by path prefix, the POST answers `post`. */
function stubFetch(gets: Record<string, unknown>, post: () => Response) {
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if ((init?.method ?? 'GET') !== 'GET') return post();
    const key = Object.keys(gets).find((k) => url.startsWith(k));
    return key ? json(200, gets[key]) : json(404, { title: 'not found', status: 404, code: 'not_found' });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const posts = (fetch: ReturnType<typeof stubFetch>) => fetch.mock.calls.filter(([, init]) => (init?.method ?? 'GET') !== 'GET') as [string, RequestInit][];

// Many antd interactions per test: on a loaded shared machine they take several times their usual 3–6 s.
describe('portal forms (issue 6)', { timeout: 90_000 }, () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('turns form text into API inputs: code lists, numbers, Shanghai times, blank trailing rows left out', () => {
    expect(investigationInput({ values: { status: 'final', findings: ' 密封圈老化 ', findingCodes: 'C23，c2301', conclusionCodes: '', rootCause: 'component', correctiveActions: '' }, rows: {} }))
      .toEqual({ status: 'final', findings: '密封圈老化', findingCodes: ['C23', 'c2301'], rootCause: 'component' });
    expect(releaseReportInput({
      values: { batchId: '7', reportNo: '', inspector: '王检', decision: 'released', decidedAt: '2026-11-20T09:30' },
      rows: { items: [{ name: 'BFE', standard: '', method: '', lowerLimit: '95', upperLimit: '', unit: '%', measuredValue: '93.1' }, { name: '', standard: '', method: '', lowerLimit: '', upperLimit: '', unit: '', measuredValue: '' }] },
    })).toEqual({ batchId: 7, inspector: '王检', decision: 'released', decidedAt: '2026-11-20T09:30:00+08:00', items: [{ name: 'BFE', lowerLimit: 95, unit: '%', measuredValue: 93.1 }] });
    expect(receivingAcceptanceInput({ values: { accepted: 'false', condition: 'damaged', reason: '外箱破损', temperatureC: '' }, rows: { lines: [{ productDi: '06990001001905', lot: 'L1', serial: '', checkedQuantity: '0' }] } }))
      .toEqual({ accepted: false, condition: 'damaged', reason: '外箱破损', lines: [{ productDi: '06990001001905', lot: 'L1', checkedQuantity: 0 }] });
  });

  it('investigation: format and cross-field rules speak as typed; a code the IMDRF tables lack comes back from the server next to its field', async () => {
    const fetch = stubFetch({ '/api/adverse-events/41/investigations': { items: [], total: 0 } }, () => json(422, {
      title: '提交的数据有误', status: 422, code: 'validation',
      errors: [{ code: 'ae_investigation.imdrf_unknown', path: 'findingCodes.1', message: '调查 findingCodes：C9999 不是 IMDRF 附录 C / D 编码', params: { imdrfCode: 'C9999', field: 'findingCodes' } }],
    }));
    renderWithProviders(<Routes><Route path="/adverse-events/:id/investigation" element={<InvestigationFormPage />} /></Routes>, { route: '/adverse-events/41/investigation' });
    expect(screen.getByText('提交调查评价报告（不良事件报告 #41）')).toBeTruthy();

    type('field-findingCodes', 'C23, X1');
    await waitFor(() => expect(screen.getByTestId('error-findingCodes')).toBeTruthy()); // X1 is no Annex C code at all
    type('field-findingCodes', 'C23, C9999');
    expect(screen.queryByTestId('error-findingCodes')).toBeNull(); // well-formed: only the server knows whether it exists

    await pick('field-rootCause', '设计');
    type('field-conclusionCodes', 'D1102');
    expect(screen.getByTestId('error-rootCause').textContent).toContain('与所给附录 D 结论均不相符');
    await pick('field-rootCause', '使用错误');
    expect(screen.queryByTestId('error-rootCause')).toBeNull();

    await pick('field-status', '中期报告');
    type('field-findings', '操作者未按说明书预充管路');
    await act(async () => fireEvent.click(screen.getByTestId('investigation-form-submit')));
    await waitFor(() => expect(screen.getByTestId('error-findingCodes').textContent).toContain('C9999 不是 IMDRF 附录 C / D 编码'));
    const [url, init] = posts(fetch)[0] as [string, RequestInit];
    expect(url).toBe('/api/adverse-events/41/investigations');
    expect(JSON.parse(String(init.body))).toEqual({ status: 'in_progress', findings: '操作者未按说明书预充管路', findingCodes: ['C23', 'C9999'], conclusionCodes: ['D1102'], rootCause: 'use_error' });
    type('field-findingCodes', 'C23');
    expect(screen.queryByTestId('error-findingCodes')).toBeNull(); // edited: the server's words about the old value go
  });

  it('release report: each item is marked pass / fail as typed, by the core function; the body carries no verdict', async () => {
    const fetch = stubFetch({ '/api/batches': { items: [{ id: 7, productName: '医用口罩', productDi: '06990001001905', lot: 'M2611', releaseDecision: null }], total: 1 } },
      () => json(201, { id: 3, batchId: 7, lot: 'M2611', decision: 'rejected', failedCount: 1 }));
    renderWithProviders(<ReleaseReportFormPage />);
    await pick('field-batchId', '医用口罩 · 06990001001905 · M2611 · #7');
    type('cell-items.0.name', 'BFE');
    type('cell-items.0.lowerLimit', '95');
    type('cell-items.0.unit', '%');
    type('cell-items.0.measuredValue', '93.1');
    expect(screen.getByTestId('verdict-items-0').textContent).toBe('不合格');
    type('cell-items.0.measuredValue', '98.5');
    expect(screen.getByTestId('verdict-items-0').textContent).toBe('合格');
    type('cell-items.0.measuredValue', '93.1');

    fireEvent.click(screen.getByTestId('add-items'));
    type('cell-items.1.name', '通气阻力');
    type('cell-items.1.lowerLimit', '60');
    type('cell-items.1.upperLimit', '49');
    type('cell-items.1.measuredValue', '40');
    expect(screen.getByTestId('error-items.1.lowerLimit').textContent).toContain('下限 60 大于上限 49');
    type('cell-items.1.lowerLimit', '');

    type('field-inspector', '王检');
    await pick('field-decision', '不放行');
    type('field-decidedAt', '2026-11-20T09:30');
    await act(async () => fireEvent.click(screen.getByTestId('release-form-submit')));
    await waitFor(() => expect(screen.getByTestId('release-form-done').textContent).toContain('其中 1 项不合格'));
    const [url, init] = posts(fetch)[0] as [string, RequestInit];
    expect(url).toBe('/api/release-reports');
    expect(JSON.parse(String(init.body))).toEqual({
      batchId: 7, inspector: '王检', decision: 'rejected', decidedAt: '2026-11-20T09:30:00+08:00',
      items: [{ name: 'BFE', lowerLimit: 95, unit: '%', measuredValue: 93.1 }, { name: '通气阻力', upperLimit: 49, measuredValue: 40 }],
    });
  });

  it('receiving acceptance: a reading no thermometer shows is refused as typed; the counted lines go to the server and its discrepancies are shown', async () => {
    const fetch = stubFetch({ '/api/distribution-documents': { items: [{ id: 12, number: 'SH-2611-08', supplierName: '杭州医械商贸', documentDate: '2026-11-19' }], total: 1 } }, () => json(201, {
      id: 5, accepted: true, discrepancy: true, deliveryNoteNumber: 'SH-2611-08',
      discrepancies: [{ productDi: '06990001001905', lot: 'L1', serial: null, expected: 100, checked: 98, difference: -2 }],
    }));
    renderWithProviders(<ReceivingAcceptanceFormPage />);
    await pick('field-deliveryNoteId', 'SH-2611-08 · 杭州医械商贸 · 2026-11-19');
    type('field-temperatureC', '99');
    expect(screen.getByTestId('error-temperatureC').textContent).toContain('到货温度 99 °C 超出可测范围');
    type('field-temperatureC', '6');
    expect(screen.queryByTestId('error-temperatureC')).toBeNull();
    type('field-receivedAt', '2026-11-20T10:00');
    type('field-inspector', '李验收');
    type('cell-lines.0.productDi', '06990001001905');
    type('cell-lines.0.lot', 'L1');
    type('cell-lines.0.checkedQuantity', '98');
    await act(async () => fireEvent.click(screen.getByTestId('acceptance-form-submit')));
    await waitFor(() => expect(screen.getByTestId('acceptance-result').textContent).toContain('送货单 100，清点 98（差 -2）'));
    const [url, init] = posts(fetch)[0] as [string, RequestInit];
    expect(url).toBe('/api/receiving-acceptances');
    expect(JSON.parse(String(init.body))).toEqual({
      deliveryNoteId: 12, receivedAt: '2026-11-20T10:00:00+08:00', inspector: '李验收', condition: 'good', temperatureC: 6, accepted: true,
      lines: [{ productDi: '06990001001905', lot: 'L1', checkedQuantity: 98 }],
    });
    expect((init.headers as Record<string, string>)['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('distribution document: a repeated line is refused under the lines table as typed, and nothing is sent', async () => {
    const fetch = stubFetch({
      '/api/organizations/directory': {
        items: [3, 4].map((id) => ({ id, type: 'distributor', name: `杭州流通${id}号公司`, nameEn: null, creditCode: null, regionCode: '330106', regionName: '西湖区', gln: null })),
      },
    }, () => json(201, {}));
    renderWithProviders(<DistributionDocumentFormPage />);
    type('field-number', 'SH-2611-08');
    type('field-documentDate', '2026-11-19');
    await pickOrganization('field-supplierOrganizationId', '杭州流通', 3);
    await pickOrganization('field-buyerOrganizationId', '杭州流通', 3);
    expect(screen.getByTestId('error-buyerOrganizationId')).toBeTruthy(); // supplier and buyer are one party
    await pickOrganization('field-buyerOrganizationId', '杭州流通', 4);
    expect(screen.queryByTestId('error-buyerOrganizationId')).toBeNull();
    type('cell-lines.0.productDi', '06990001001905');
    type('cell-lines.0.lot', 'L1');
    type('cell-lines.0.quantity', '100');
    fireEvent.click(screen.getByTestId('add-lines'));
    type('cell-lines.1.productDi', '06990001001905');
    type('cell-lines.1.lot', 'L1');
    type('cell-lines.1.quantity', '20');
    expect(screen.getByTestId('error-lines').textContent).toContain('明细（第 2 行）：产品标识 06990001001905、批号 L1 的明细重复'); // the table and row, not `lines.1`
    await act(async () => fireEvent.click(screen.getByTestId('document-form-submit')));
    expect(posts(fetch)).toHaveLength(0);
    type('cell-lines.1.lot', 'L2');
    expect(screen.queryByTestId('error-lines')).toBeNull();
  });

  it('in English, the forms and the core rules’ words leave no Chinese on the page', async () => {
    await changeLanguage('en');
    stubFetch({}, () => json(201, {}));
    const { unmount } = renderWithProviders(<MaterialReceiptFormPage />);
    type('field-purchaseDate', '2026-11-20');
    type('field-incomingInspection.date', '2026-11-19');
    type('cell-incomingInspection.items.0.name', 'BFE');
    type('cell-incomingInspection.items.0.lowerLimit', '95');
    type('cell-incomingInspection.items.0.measuredValue', '93');
    expect(screen.getByTestId('error-incomingInspection.date').textContent).toMatch(/\w/);
    expect(screen.getByTestId('verdict-incomingInspection.items-0').textContent).toBe('Fail');
    await act(async () => fireEvent.click(screen.getByTestId('receipt-form-submit')));
    expect(document.body.textContent).not.toMatch(CJK);
    unmount();
    renderWithProviders(<TrainingFormPage />);
    await act(async () => fireEvent.click(screen.getByTestId('training-form-submit')));
    expect(screen.getByTestId('error-operator')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(CJK);
  });

  it('batch: a consumed material is picked from the receipts, and a clean-room reading beyond the limit typed above is marked', async () => {
    const fetch = stubFetch({ '/api/material-receipts': { items: [{ id: 21, material: { name: '熔喷布', code: 'MB-25' }, materialLot: 'MB2611-03', quantity: 500, unit: 'kg' }], total: 1 } },
      () => json(201, { id: 9, productName: '医用口罩', lot: 'M2611', flags: [] }));
    renderWithProviders(<BatchFormPage />);
    type('field-productDi', '06990001001905');
    type('field-lot', 'M2611');
    type('field-quantity', '20000');
    type('field-productionDate', '2026-11-20');
    type('field-processRoute', '制片-焊接-灭菌');
    type('field-processVersion', 'V3');
    type('field-environmentLimits.humidityMax', '65');
    await pick('cell-materials.0.materialLot', '熔喷布 · MB-25 · MB2611-03 (500 kg)');
    type('cell-materials.0.quantity', '120.5');
    fireEvent.click(screen.getByTestId('add-environmentReadings'));
    type('cell-environmentReadings.0.measuredAt', '2026-11-20T08:00');
    type('cell-environmentReadings.0.room', 'C-101');
    type('cell-environmentReadings.0.humidityPct', '70');
    expect(screen.getByTestId('table-environmentReadings').textContent).toContain('湿度 % 70 超出限值 65');
    await act(async () => fireEvent.click(screen.getByTestId('batch-form-submit')));
    await waitFor(() => expect(screen.getByTestId('batch-form-done').textContent).toContain('已登记生产批 #9'));
    const [url, init] = posts(fetch)[0] as [string, RequestInit];
    expect(url).toBe('/api/batches');
    expect(JSON.parse(String(init.body))).toEqual({
      productDi: '06990001001905', lot: 'M2611', quantity: 20000, productionDate: '2026-11-20', processRoute: '制片-焊接-灭菌', processVersion: 'V3',
      materials: [{ materialCode: 'MB-25', materialLot: 'MB2611-03', quantity: 120.5, unit: 'kg' }],
      environmentLimits: { humidityMax: 65 },
      environmentReadings: [{ measuredAt: '2026-11-20T08:00:00+08:00', room: 'C-101', humidityPct: 70 }],
    });
  });
});
