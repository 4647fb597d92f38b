import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n/i18n.ts';
import { renderWithProviders } from '../test/render.tsx';
import { submissionInput, SubmissionForm } from './submission-form.tsx';

const UNIT = '(01)06990001001905(10)HJ03101(21)HJ031010001';

describe('SubmissionForm (ship)', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('turns the form into the API input: labels by line, numbers, Shanghai time', () => {
    expect(submissionInput('ship', { items: ` ${UNIT}\n\n(00)069900010000000017 `, toOrganizationId: '45', time: '2026-11-20T09:30' })).toEqual({
      items: [UNIT, '(00)069900010000000017'], toOrganizationId: 45, time: '2026-11-20T09:30:00+08:00',
    });
  });

  it('reads each scanned label as typed and marks the unreadable one', () => {
    renderWithProviders(<SubmissionForm kind="ship" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: `${UNIT}\n(01)06990001001906(21)X` } });
    expect(screen.getByTestId('read-items').textContent).toContain('06990001001905 / HJ03101 / HJ031010001');
    expect(screen.getByTestId('read-items').textContent).toContain('2. ✗');
    expect(screen.getByTestId('error-items')).toBeTruthy();
  });

  it('turns commissioning and a delivery note into the API input: dates as typed, the note as the despatch advice cited', () => {
    expect(submissionInput('commission', { items: UNIT, productionDate: '2026-11-01', expiryDate: '2031-10-31', lot: '', quantity: '' })).toEqual({
      items: [UNIT], productionDate: '2026-11-01', expiryDate: '2031-10-31',
    });
    expect(submissionInput('ship', { items: UNIT, toOrganizationId: '45', documents: ' SH-2611-08 ' })).toEqual({
      items: [UNIT], toOrganizationId: 45, documents: [{ type: 'desadv', id: 'SH-2611-08' }],
    });
    expect(submissionInput('receive', { items: UNIT, fromOrganizationId: '12', documents: '  ', accepted: true, condition: 'good' })).toEqual({
      items: [UNIT], fromOrganizationId: 12, accepted: true, condition: 'good',
    });
  });

  it('names its fields by their labels in the issues, in Chinese and after the switch in English', async () => {
    vi.stubGlobal('fetch', vi.fn());
    renderWithProviders(<SubmissionForm kind="use" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: UNIT } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    expect(screen.getByTestId('error-department').textContent).toBe('缺少必填字段 使用科室 请填写 使用科室');
    await act(async () => changeLanguage('en'));
    await waitFor(() => expect(screen.getByTestId('error-department').textContent).toBe('Required field Department is missing Fill in Department'));
  });

  it('words the server’s problem with the delivery note (`documents.0.id`) by the box’s label', async () => {
    const problem = { title: '提交的内容有 1 处不符合要求', status: 422, code: 'validation.failed', errors: [{ code: 'generic.format', path: 'documents.0.id', message: 'x', params: { format: 'SH-NNNN-NN' } }] };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } })));
    renderWithProviders(<SubmissionForm kind="ship" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: UNIT } });
    fireEvent.change(screen.getByLabelText('收货单位 GLN'), { target: { value: '6993001000008' } });
    fireEvent.change(screen.getByLabelText('送货单号'), { target: { value: 'SH-2611' } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    await waitFor(() => expect(screen.getByTestId('error-documents').textContent).toBe('字段 送货单号 的格式不正确（应为 SH-NNNN-NN） 请按 SH-NNNN-NN 格式填写'));
  });

  it('picks the receiving organisation by name and shows the server’s rejection of it next to the field', { timeout: 60_000 }, async () => {
    const problem = { title: '提交的内容有 1 处不符合要求', status: 422, code: 'validation.failed', errors: [{ code: 'submissions.party_no_gln', path: 'toOrganizationId', params: { value: '45' } }] };
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if ((init?.method ?? 'GET') !== 'GET') return new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } });
      const directory = { items: [{ id: 45, type: 'distributor', name: '杭州康达医药有限公司', nameEn: null, creditCode: null, regionCode: '330106', regionName: '西湖区', gln: null }] };
      return new Response(JSON.stringify(url.startsWith('/api/organizations/directory') ? directory : {}), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<SubmissionForm kind="ship" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: UNIT } });
    fireEvent.change(screen.getByLabelText('送货单号'), { target: { value: 'SH-2611-08' } });
    const picker = screen.getByTestId('field-toOrganizationId');
    fireEvent.mouseDown(picker.querySelector('.ant-select-selector') as HTMLElement);
    fireEvent.change(picker.querySelector('input') as HTMLInputElement, { target: { value: '康达' } });
    const option = await waitFor(() => {
      const found = document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid="org-option-45"]')?.closest('.ant-select-item-option');
      if (!found) throw new Error('no option yet');
      return found as HTMLElement;
    });
    fireEvent.click(option);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /提\s*交/ })));
    await waitFor(() => expect(screen.getByTestId('error-toOrganizationId').textContent).toContain('单位 45 没有 GLN'));
    const [url, init] = fetch.mock.calls.find(([, i]) => i?.method === 'POST') as [string, RequestInit];
    expect(url).toBe('/api/submissions/ship');
    expect(JSON.parse(String(init.body))).toEqual({ items: [UNIT], toOrganizationId: 45, documents: [{ type: 'desadv', id: 'SH-2611-08' }] });
  });
});
