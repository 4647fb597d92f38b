import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n/i18n.ts';
import { renderWithProviders } from '../test/render.tsx';
import { submissionSchemas } from '@lianjian/core/records/submissions';
import { submissionInput, SubmissionForm, type PortalSubmissionKind } from './submission-form.tsx';

const UNIT = '(01)06990001001905(10)HJ03101(21)HJ031010001';
const UNIT2 = '(01)06990001001905(10)HJ03101(21)HJ031010002';
const SSCC = '(00)069900010000000014';

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

  it('says a missing department and an unreadable label at the same attempt, before anything is sent', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<SubmissionForm kind="use" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: `${UNIT}\nnot-a-label` } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    expect(screen.getByTestId('error-department').textContent).toContain('使用科室');
    expect(screen.getByTestId('error-items').textContent).toContain('not-a-label');
    expect(fetch).not.toHaveBeenCalled();
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

  it('shows a field problem under its field and lists one that fits no field in the banner, without repeating the first', async () => {
    const problem = {
      title: 'x', status: 422, code: 'validation.failed', params: { count: 2 },
      errors: [{ code: 'generic.format', path: 'documents.0.id', message: 'x', params: { format: 'SH-NNNN-NN' } }, { code: 'generic.unknown_key', path: 'carrier', message: 'x' }],
    };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } })));
    renderWithProviders(<SubmissionForm kind="ship" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: UNIT } });
    fireEvent.change(screen.getByLabelText('收货单位 GLN'), { target: { value: '6993001000008' } });
    fireEvent.change(screen.getByLabelText('送货单号'), { target: { value: 'SH-2611' } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    await waitFor(() => expect(screen.getByTestId('error-documents').textContent).toBe('字段 送货单号 的格式不正确（应为 SH-NNNN-NN） 请按 SH-NNNN-NN 格式填写'));
    const banner = screen.getByTestId('problem-list').closest('[role="alert"]') as HTMLElement;
    expect(banner.textContent).toContain('提交的内容有 2 处不符合要求');
    expect([...banner.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['不认识的字段 carrier 请删除该字段或检查拼写']);
    expect(banner.textContent).toContain('请按以上说明及各字段的提示修改后重新提交');
  });

  it('shows every wrong label under the labels box at once, one per line, not only the first', async () => {
    const problem = {
      title: 'x', status: 422, code: 'validation.failed', params: { count: 3 },
      errors: [
        { code: 'generic.invalid', path: 'items.0', message: 'x' },
        { code: 'generic.too_long', path: 'items.2', message: 'x', params: { maximum: 90, origin: 'string' } },
        { code: 'generic.invalid', path: 'items.2', message: 'x' },
      ],
    };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } })));
    renderWithProviders(<SubmissionForm kind="ship" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: `${UNIT}\n${UNIT2}\n${SSCC}` } });
    fireEvent.change(screen.getByLabelText('收货单位 GLN'), { target: { value: '6993001000008' } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    await waitFor(() => expect(screen.getByTestId('error-items').textContent).toContain('第 1 '));
    const lines = (screen.getByTestId('error-items').textContent ?? '').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('第 1 ');
    expect(lines[1]).toContain('第 3 ');
    expect(lines[2]).toContain('第 3 ');
    expect(lines[1]).not.toBe(lines[2]);
    // Nothing of it lands in the banner: every problem is shown at its field.
    expect(screen.queryByTestId('problem-list')).toBeNull();
  });

  it('lists a problem at a readings row the table does not have in the banner, and one at a row it has in that cell', async () => {
    const problem = {
      title: 'x', status: 422, code: 'validation.failed', params: { count: 2 },
      errors: [{ code: 'generic.too_big', path: 'readings.0.celsius', message: 'x', params: { maximum: 60 } }, { code: 'generic.invalid', path: 'readings.3.time', message: 'x' }],
    };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } })));
    renderWithProviders(<SubmissionForm kind="store" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: UNIT } });
    fireEvent.change(screen.getByLabelText('发生时间'), { target: { value: '2026-11-20T10:00' } });
    fireEvent.click(screen.getByTestId('reading-add'));
    fireEvent.change(screen.getByLabelText('测量时间（第 1 行）'), { target: { value: '2026-11-20T09:00' } });
    fireEvent.change(screen.getByLabelText('温度（°C）（第 1 行）'), { target: { value: '4' } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    await waitFor(() => expect(screen.getByTestId('error-readings.0.celsius').textContent).toContain('温度（°C）（第 1 行）'));
    const items = [...screen.getByTestId('problem-list').querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toHaveLength(1);
    expect(items[0]).toContain('第 4 行');
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

/** What the core schema makes of the input the form builds: the server parses the same. */
const parsed = (kind: PortalSubmissionKind, input: Record<string, unknown>) => {
  const r = submissionSchemas[kind].safeParse(input);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
};

/** Stubs fetch to accept any submission; the POSTs' bodies are read back from the mock. */
function acceptSubmissions() {
  const fetch = vi.fn(async () => new Response(JSON.stringify({ eventId: 7, duplicate: false, violations: [] }), { status: 200, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return () => (fetch.mock.calls as unknown as [string, RequestInit][]).filter(([, i]) => i.method === 'POST').map(([url, i]) => [url, JSON.parse(String(i.body)) as unknown]);
}

describe('SubmissionForm (pack, unpack, store, return, destroy)', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('builds for each new kind an input the core schema accepts as it is', () => {
    const cases: [PortalSubmissionKind, Record<string, string | boolean | { time: string; celsius: string }[]>, Record<string, unknown>][] = [
      ['pack', { parent: ` ${SSCC} `, items: `${UNIT}\n${UNIT2}\n`, location: '6993001000008', time: '2026-11-20T09:30' },
        { parent: SSCC, items: [UNIT, UNIT2], location: '6993001000008', time: '2026-11-20T09:30:00+08:00' }],
      ['unpack', { parent: SSCC, items: '', location: '12' }, { parent: SSCC, location: 12 }],
      ['unpack', { parent: SSCC, items: UNIT }, { parent: SSCC, items: [UNIT] }],
      ['store', { lot: '(01)06990001001905(10)HJ03101', quantity: '20', location: 'urn:epc:id:sgln:6993001.00000.1', time: '2026-11-20T09:30',
        readings: [{ time: '2026-11-20T08:00', celsius: '4.5' }, { time: '2026-11-20T09:00', celsius: '−2' }] },
        { lot: '(01)06990001001905(10)HJ03101', quantity: 20, location: 'urn:epc:id:sgln:6993001.00000.1', time: '2026-11-20T09:30:00+08:00',
          readings: [{ time: '2026-11-20T08:00:00+08:00', celsius: 4.5 }, { time: '2026-11-20T09:00:00+08:00', celsius: -2 }] }],
      ['store', { items: UNIT, readings: [] }, { items: [UNIT], readings: [] }],
      ['return', { items: UNIT, toOrganizationId: '45', reason: ' 近效期 ', documents: ' RMA-2611-3 ', time: '2026-11-20T09:30' },
        { items: [UNIT], toOrganizationId: 45, reason: '近效期', documents: [{ type: 'rma', id: 'RMA-2611-3' }], time: '2026-11-20T09:30:00+08:00' }],
      ['return', { items: UNIT, toGln: '6993001000008', documents: '' }, { items: [UNIT], toGln: '6993001000008', documents: [] }],
      ['destroy', { lot: '(01)06990001001905(10)HJ03101', quantity: '3', reason: '过期' }, { lot: '(01)06990001001905(10)HJ03101', quantity: 3, reason: '过期' }],
    ];
    for (const [kind, values, expected] of cases) expect(parsed(kind, submissionInput(kind, values)), kind).toEqual(expected);
  });

  it('sends the readings rows as `readings: [{ time, celsius }]`, after rows are added and one removed', async () => {
    const posts = acceptSubmissions();
    renderWithProviders(<SubmissionForm kind="store" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: UNIT } });
    fireEvent.change(screen.getByLabelText('发生时间'), { target: { value: '2026-11-20T10:00' } });
    for (let i = 0; i < 3; i++) fireEvent.click(screen.getByTestId('reading-add'));
    for (const [i, time, celsius] of [[0, '2026-11-20T08:00', '9'], [1, '2026-11-20T09:00', '5.5'], [2, '2026-11-20T09:30', '-1']] as const) {
      fireEvent.change(screen.getByLabelText(`测量时间（第 ${i + 1} 行）`), { target: { value: time } });
      fireEvent.change(screen.getByLabelText(`温度（°C）（第 ${i + 1} 行）`), { target: { value: celsius } });
    }
    fireEvent.click(screen.getByTestId('reading-remove-0'));
    expect((screen.getByTestId('reading-celsius-0') as HTMLInputElement).value).toBe('5.5');
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    await waitFor(() => expect(screen.getByTestId('submission-result').textContent).toContain('已登记（事件 7）'));
    const [[url, body]] = posts() as [[string, Record<string, unknown>]];
    expect(url).toBe('/api/submissions/store');
    expect(body).toEqual({ items: [UNIT], time: '2026-11-20T10:00:00+08:00', readings: [{ time: '2026-11-20T09:00:00+08:00', celsius: 5.5 }, { time: '2026-11-20T09:30:00+08:00', celsius: -1 }] });
    expect(parsed('store', body)).toEqual(body);
  });

  it('shows a reading taken after the event next to that row’s time, and a bad temperature by its column and row', async () => {
    const posts = acceptSubmissions();
    renderWithProviders(<SubmissionForm kind="store" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: UNIT } });
    fireEvent.change(screen.getByLabelText('发生时间'), { target: { value: '2026-11-20T10:00' } });
    fireEvent.click(screen.getByTestId('reading-add'));
    fireEvent.click(screen.getByTestId('reading-add'));
    fireEvent.change(screen.getByLabelText('测量时间（第 1 行）'), { target: { value: '2026-11-20T09:00' } });
    fireEvent.change(screen.getByLabelText('温度（°C）（第 1 行）'), { target: { value: '4' } });
    fireEvent.change(screen.getByLabelText('测量时间（第 2 行）'), { target: { value: '2026-11-20T11:00' } });
    fireEvent.change(screen.getByLabelText('温度（°C）（第 2 行）'), { target: { value: '3' } });
    expect(screen.getByTestId('error-readings.1.time').textContent).toBe('读数时间 2026-11-20T11:00:00+08:00 晚于事件时间 2026-11-20T10:00:00+08:00 读数应在事件发生之前或同时采集，请核对两个时间');
    expect(screen.getByTestId('reading-1').contains(screen.getByTestId('error-readings.1.time'))).toBe(true);
    expect(screen.queryByTestId('error-readings.0.time')).toBeNull();
    expect(screen.queryByTestId('error-readings.1.celsius')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    expect(posts()).toEqual([]);
    // A temperature that is no number is named by its column and row.
    fireEvent.change(screen.getByLabelText('温度（°C）（第 2 行）'), { target: { value: '四度' } });
    expect(screen.getByTestId('error-readings.1.celsius').textContent).toBe('温度（°C）（第 2 行） 应为数字 请以数字填写 温度（°C）（第 2 行）');
    expect(screen.queryByTestId('error-readings.0.celsius')).toBeNull();
    // A row left blank is not dropped: its issues name that row.
    fireEvent.click(screen.getByTestId('reading-add'));
    await act(async () => changeLanguage('en'));
    await waitFor(() => expect(screen.getByTestId('error-readings.2.celsius').textContent).toBe('Required field Temperature (°C) (row 3) is missing Fill in Temperature (°C) (row 3)'));
  });

  it('refuses a pack whose container is also among its contents next to the container’s label, and sends nothing', async () => {
    const posts = acceptSubmissions();
    renderWithProviders(<SubmissionForm kind="pack" />);
    fireEvent.change(screen.getByLabelText('外包装标签（扫描箱/托盘 SSCC 或套包标签）'), { target: { value: SSCC } });
    fireEvent.change(screen.getByLabelText('装入的标签（每行一个，扫码或粘贴）'), { target: { value: `${UNIT}\n${SSCC}` } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    const error = screen.getByTestId('error-parent');
    expect(error.textContent).toBe('包装本身也列在其内容中 请从 items 中删除该包装');
    expect(error.closest('.ant-form-item')?.querySelector('label')?.textContent).toBe('外包装标签（扫描箱/托盘 SSCC 或套包标签）');
    expect(screen.queryByTestId('error-items')).toBeNull();
    expect(posts()).toEqual([]);
    // Taken out of the contents, the same pack goes out as the schema takes it.
    fireEvent.change(screen.getByLabelText('装入的标签（每行一个，扫码或粘贴）'), { target: { value: `${UNIT}\n${UNIT2}` } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    await waitFor(() => expect(posts()).toEqual([['/api/submissions/pack', { parent: SSCC, items: [UNIT, UNIT2] }]]));
  });

  it('asks a pack for its contents by their label, but lets an unpack leave them out (the container is emptied)', async () => {
    const posts = acceptSubmissions();
    const { unmount } = renderWithProviders(<SubmissionForm kind="pack" />);
    fireEvent.change(screen.getByLabelText('外包装标签（扫描箱/托盘 SSCC 或套包标签）'), { target: { value: SSCC } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    expect(screen.getByTestId('error-items').textContent).toBe('缺少必填字段 装入的标签（每行一个，扫码或粘贴） 请填写 装入的标签（每行一个，扫码或粘贴）');
    unmount();
    renderWithProviders(<SubmissionForm kind="unpack" />);
    fireEvent.change(screen.getByLabelText('拆开的外包装标签（SSCC 或套包标签）'), { target: { value: SSCC } });
    fireEvent.change(screen.getByLabelText('地点（GLN、SGLN 或地点编号；不填为本单位）'), { target: { value: '6993001000008' } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    await waitFor(() => expect(posts()).toEqual([['/api/submissions/unpack', { parent: SSCC, location: '6993001000008' }]]));
  });

  it('sends a return with its return authorisation as the `rma` document it cites', async () => {
    const posts = acceptSubmissions();
    renderWithProviders(<SubmissionForm kind="return" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: UNIT } });
    fireEvent.change(screen.getByLabelText('退回单位 GLN'), { target: { value: '6993001000008' } });
    fireEvent.change(screen.getByLabelText('退货原因'), { target: { value: '包装破损' } });
    fireEvent.change(screen.getByLabelText('退货授权号（RMA，可不填）'), { target: { value: 'RMA-2611-3' } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    await waitFor(() => expect(posts()).toEqual([['/api/submissions/return', { items: [UNIT], toGln: '6993001000008', reason: '包装破损', documents: [{ type: 'rma', id: 'RMA-2611-3' }] }]]));
    expect(screen.getByRole('heading').textContent).toBe('退货登记');
  });

  it('words the server’s problem with the return authorisation (`documents.0.id`) by the box’s label', async () => {
    const problem = { title: 'x', status: 422, code: 'validation.failed', errors: [{ code: 'generic.format', path: 'documents.0.id', message: 'x', params: { format: 'RMA-NNNN' } }] };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } })));
    renderWithProviders(<SubmissionForm kind="return" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: UNIT } });
    fireEvent.change(screen.getByLabelText('退回单位 GLN'), { target: { value: '6993001000008' } });
    fireEvent.change(screen.getByLabelText('退货授权号（RMA，可不填）'), { target: { value: 'R1' } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    await waitFor(() => expect(screen.getByTestId('error-documents').textContent).toBe('字段 退货授权号（RMA，可不填） 的格式不正确（应为 RMA-NNNN） 请按 RMA-NNNN 格式填写'));
  });

  it('asks a destruction for its reason by the field’s label, in Chinese and in English', async () => {
    const posts = acceptSubmissions();
    renderWithProviders(<SubmissionForm kind="destroy" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: UNIT } });
    await act(async () => fireEvent.click(screen.getByTestId('submission-submit')));
    expect(screen.getByTestId('error-reason').textContent).toBe('缺少必填字段 销毁原因 请填写 销毁原因');
    expect(posts()).toEqual([]);
    await act(async () => changeLanguage('en'));
    await waitFor(() => expect(screen.getByTestId('error-reason').textContent).toBe('Required field Reason for destruction is missing Fill in Reason for destruction'));
  });
});
