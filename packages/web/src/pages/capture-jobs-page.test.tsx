import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaptureJobDetail, CaptureJobSummary } from '../api/capture-job-types.ts';
import { changeLanguage } from '../i18n/i18n.ts';
import { navigationFor } from '../shell/navigation.ts';
import { CJK, renderWithProviders } from '../test/render.tsx';
import { interfaceText } from '../test/visible-text.ts';
import CaptureJobsPage from './capture-jobs-page.tsx';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' } });

const PARTIAL = '0b7a3c1e-1111-4111-8111-000000000001';
const FAILED = '0b7a3c1e-1111-4111-8111-000000000002';
const NEW = '0b7a3c1e-1111-4111-8111-000000000003';

// As GET /epcis/capture answers (epcis.routes.ts): newest first, instants in UTC.
const JOBS: CaptureJobSummary[] = [
  { id: FAILED, status: 'failed', format: 'xml', errorBehaviour: 'proceed', createdAt: '2026-03-02T16:30:00.000Z', finishedAt: '2026-03-02T16:30:01.000Z', eventCount: 3, accepted: 0, duplicates: 0, rejected: 3, violations: 0 },
  { id: PARTIAL, status: 'partial', format: 'json', errorBehaviour: 'proceed', createdAt: '2026-03-02T15:30:00.000Z', finishedAt: '2026-03-02T15:30:02.000Z', eventCount: 4, accepted: 2, duplicates: 1, rejected: 1, violations: 5 },
];

// As GET /epcis/capture/{id} answers a caller who captured in English: the UI words the errors again from code + params.
const DETAIL: CaptureJobDetail = {
  captureId: PARTIAL, status: 'partial', format: 'json', schemaVersion: '2.0', errorBehaviour: 'proceed', eventCount: 4, accepted: 2, duplicates: 1, rejected: 1, violations: 5,
  createdAt: '2026-03-02T15:30:00.000Z', finishedAt: '2026-03-02T15:30:02.000Z', running: false,
  duplicateEvents: [{ eventIndex: 3, eventHash: `ni:///sha-256;${'ab'.repeat(32)}?ver=CBV2.0`, eventId: 4711 }],
  errors: [
    { eventIndex: 1, path: 'eventList.1.eventTimeZoneOffset', code: 'epcis.missing_time_zone_offset', params: { event: 1 }, message: 'Event 1 has no eventTimeZoneOffset', hint: 'Give the offset' },
    { eventIndex: 2, path: 'eventList.2.bizStep', code: 'epcis.some_future_rule', params: {}, message: '服务器的说法', hint: '服务器的建议' },
  ],
};

type Answer = (init: RequestInit | undefined) => Response;

/** Answers the page's requests by method and path; anything else fails the test. */
function serve(answers: Record<string, Answer>) {
  const fetch = vi.fn().mockImplementation(async (url: string, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${url}`;
    const answer = answers[key];
    if (!answer) throw new Error(`unexpected ${key}`);
    return answer(init);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const LIST = 'GET /epcis/capture?page=1&pageSize=20';

describe('EPCIS capture jobs page', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('lists the jobs with their status, counts and times in China Standard Time', async () => {
    serve({ [LIST]: () => json(200, { items: JOBS, total: 2, page: 1, pageSize: 20 }) });
    renderWithProviders(<CaptureJobsPage />);
    const table = await screen.findByTestId('capture-jobs');
    await waitFor(() => expect(table.querySelectorAll('tbody tr.ant-table-row')).toHaveLength(2));
    const [failed, partial] = [...table.querySelectorAll('tbody tr.ant-table-row')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    // 16:30 UTC on 2 March is 00:30 on 3 March in Shanghai.
    expect(failed?.slice(0, 10)).toEqual(['2026-03-03 00:30', '失败', 'XML', '跳过错误事件', '3', '0', '0', '3', '0', '2026-03-03 00:30']);
    expect(partial?.slice(0, 10)).toEqual(['2026-03-02 23:30', '部分成功', 'JSON-LD', '跳过错误事件', '4', '2', '1', '1', '5', '2026-03-02 23:30']);
    expect(within(table).getByText('部分成功').closest('.ant-tag')?.className).toMatch(/ant-tag-warning/);
    expect(within(table).getByText('失败').closest('.ant-tag')?.className).toMatch(/ant-tag-error/);
    expect(screen.getByText('共 2 条')).toBeTruthy();
  });

  it('says what to do when there is no job yet', async () => {
    serve({ [LIST]: () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }) });
    renderWithProviders(<CaptureJobsPage />);
    expect(await screen.findByText(/还没有导入任务。点击“上传 EPCIS 文件”/)).toBeTruthy();
  });

  it('opens a job in a drawer: the rejected events worded in Chinese, with field and fix, and the duplicates', async () => {
    const fetch = serve({ [LIST]: () => json(200, { items: JOBS, total: 2, page: 1, pageSize: 20 }), [`GET /epcis/capture/${PARTIAL}`]: () => json(200, DETAIL) });
    renderWithProviders(<CaptureJobsPage />);
    // A click anywhere on the row opens it (here its creation time).
    await act(async () => fireEvent.click((await screen.findAllByText('2026-03-02 23:30', { selector: 'td' }))[0] as HTMLElement));
    const errors = await screen.findByTestId('capture-errors');
    await waitFor(() => expect(errors.querySelectorAll('tbody tr.ant-table-row')).toHaveLength(2));
    const rows = [...errors.querySelectorAll('tbody tr.ant-table-row')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows[0]).toEqual(['2', 'eventTimeZoneOffset', '第 2 个事件缺少时区偏移 eventTimeZoneOffset', '请填写事件发生地的时区偏移，例如 +08:00']);
    // A code this build does not know keeps the server's words.
    expect(rows[1]).toEqual(['3', 'bizStep', '服务器的说法', '服务器的建议']);
    const duplicates = screen.getByTestId('capture-duplicates');
    expect(duplicates.textContent).toContain('4711');
    expect(duplicates.querySelector('tbody tr.ant-table-row td')?.textContent).toBe('4'); // eventList[3], counted from 1
    expect(duplicates.textContent).toContain('ni:///sha-256;abab');
    expect(screen.getByTestId('capture-job-drawer').textContent).toContain('部分成功');
    expect(fetch.mock.calls.map(([u]) => String(u))).toContain(`/epcis/capture/${PARTIAL}`);
  });

  it('uploads a file as its text, with its content type and the chosen error behaviour, then opens its job', async () => {
    const document = '{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","epcisBody":{"eventList":[]}}';
    const fetch = serve({
      [LIST]: () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
      'POST /epcis/capture': () => json(202, { captureId: NEW, location: `/epcis/capture/${NEW}`, status: 'succeeded', accepted: 0, duplicates: 0, rejected: 0, violations: 0 }),
      [`GET /epcis/capture/${NEW}`]: () => json(200, { ...DETAIL, captureId: NEW, status: 'succeeded', errors: [], duplicateEvents: [] }),
    });
    renderWithProviders(<CaptureJobsPage />);
    await act(async () => fireEvent.click(await screen.findByTestId('capture-upload')));
    const input = (await screen.findByTestId('capture-choose')).closest('.ant-upload')?.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input.accept).toBe('.json,.jsonld,.xml');
    await act(async () => fireEvent.change(input, { target: { files: [new File([document], 'shipments.jsonld', { type: '' })] } }));
    await waitFor(() => expect(screen.getByText('shipments.jsonld')).toBeTruthy());
    // Both behaviours explain themselves; the default is rollback.
    expect(screen.getByText(/任一事件有错，整份文档都不保存/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByText('跳过错误事件')));
    await act(async () => fireEvent.click(screen.getByTestId('capture-send')));
    await waitFor(() => expect(fetch.mock.calls.some(([u, i]) => u === '/epcis/capture' && (i as RequestInit | undefined)?.method === 'POST')).toBe(true));
    const [, init] = fetch.mock.calls.find(([u, i]) => u === '/epcis/capture' && (i as RequestInit | undefined)?.method === 'POST') as [string, RequestInit];
    expect(init.body).toBe(document);
    expect(init.headers).toMatchObject({ 'content-type': 'application/ld+json', 'gs1-capture-error-behaviour': 'proceed', 'accept-language': 'zh-CN' });
    expect(await screen.findByTestId('capture-job-drawer')).toBeTruthy();
    await waitFor(() => expect(fetch.mock.calls.map(([u]) => String(u))).toContain(`/epcis/capture/${NEW}`));
    expect(await screen.findByText('没有被拒收的事件。')).toBeTruthy();
  });

  it('lists the problems of a refused document (rollback) in the upload dialog, and sends XML as XML', async () => {
    const fetch = serve({
      [LIST]: () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
      'POST /epcis/capture': () => json(400, {
        title: 'invalid', status: 400, code: 'epcis.capture.invalid_document', params: { count: 1 },
        errors: [{ code: 'epcis.missing_time_zone_offset', path: 'eventList.0.eventTimeZoneOffset', params: { event: 0 }, message: 'Event 0 has no eventTimeZoneOffset' }],
      }),
    });
    renderWithProviders(<CaptureJobsPage />);
    await act(async () => fireEvent.click(await screen.findByTestId('capture-upload')));
    const input = (await screen.findByTestId('capture-choose')).closest('.ant-upload')?.querySelector('input[type="file"]') as HTMLInputElement;
    await act(async () => fireEvent.change(input, { target: { files: [new File(['<epcis:EPCISDocument/>'], 'doc.xml')] } }));
    await waitFor(() => expect(screen.getByText('doc.xml')).toBeTruthy());
    await act(async () => fireEvent.click(screen.getByTestId('capture-send')));
    const refused = await screen.findByTestId('capture-refused');
    expect(refused.textContent).toContain('第 1 个事件缺少时区偏移 eventTimeZoneOffset'); // eventList[0]: people count from 1
    expect(screen.getByText('文档未被接受，没有保存任何事件：')).toBeTruthy();
    const [, init] = fetch.mock.calls.find(([u, i]) => u === '/epcis/capture' && (i as RequestInit | undefined)?.method === 'POST') as [string, RequestInit];
    expect(init.headers).toMatchObject({ 'content-type': 'application/xml', 'gs1-capture-error-behaviour': 'rollback' });
    expect(screen.queryByTestId('capture-job-drawer')).toBeNull();
  });

  it('is in the menu of those who may capture (epcis.capture): regulators, enterprises and institutions', () => {
    const paths = (role: Parameters<typeof navigationFor>[0], type?: string) => navigationFor(role, type).flatMap((n) => [n.path, ...(n.children ?? []).map((c) => c.path)]);
    for (const [role, type] of [['regulator'], ['enterprise', 'manufacturer'], ['enterprise', 'distributor'], ['institution', 'institution']] as const) expect(paths(role, type)).toContain('/capture-jobs');
    for (const role of ['agency', 'sysadmin', 'secadmin', 'auditadmin', 'privacy_officer'] as const) expect(paths(role)).not.toContain('/capture-jobs');
  });

  it('reads entirely in English after switching, the job drawer included', async () => {
    await changeLanguage('en');
    serve({ [LIST]: () => json(200, { items: JOBS, total: 2, page: 1, pageSize: 20 }), [`GET /epcis/capture/${PARTIAL}`]: () => json(200, { ...DETAIL, errors: DETAIL.errors.slice(0, 1) }) });
    renderWithProviders(<CaptureJobsPage />);
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: `Open job ${PARTIAL}` })));
    await waitFor(() => expect(screen.getByTestId('capture-errors').textContent).toContain('Event 2 has no eventTimeZoneOffset'));
    expect(screen.getByText('Partly accepted', { selector: '[data-testid="capture-job-drawer"] *' })).toBeTruthy();
    expect(interfaceText(document.body).match(new RegExp(CJK.source, 'g'))?.join('') ?? '').toBe('');
  });
});
