import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n/i18n.ts';
import { renderWithProviders } from '../test/render.tsx';
import { AdverseEventForm } from './adverse-event-form.tsx';

const VALID_ID = `33010219900101123${residentIdCheckChar('33010219900101123')}`;
const BAD_ID = `33010219900101123${residentIdCheckChar('33010219900101123') === '0' ? '1' : '0'}`;

function field(name: string): HTMLElement {
  return screen.getByTestId(`field-${name}`);
}
function type(name: string, value: string) {
  fireEvent.change(field(name), { target: { value } });
}
function fillValid() {
  type('udi', '(01)06990001001905(10)HJ03101(21)HJ031010001');
  type('patientName', '张三');
  type('idNumber', VALID_ID);
  type('manifestation', '术后关节疼痛');
  type('eventDate', '2026-11-20');
  type('dateKnown', '2026-11-21');
  fireEvent.click(screen.getByRole('radio', { name: '严重伤害' }));
  type('imdrfCodes', 'A9999');
}

const problem = {
  type: 'urn:lianjian:problem:validation', title: '提交的数据有误', status: 422, code: 'validation',
  errors: [{ code: 'adverse_event.imdrf_unknown', path: 'imdrfCodes.0', message: 'IMDRF 代码 A9999 不在术语表中', params: { imdrfCode: 'A9999' } }],
};

describe('AdverseEventForm', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('checks each field as it is typed with the core schema, in the shared wording', () => {
    renderWithProviders(<AdverseEventForm />);
    expect(screen.queryByTestId('error-idNumber')).toBeNull(); // untouched fields stay quiet
    type('idNumber', BAD_ID);
    expect(screen.getByTestId('error-idNumber').textContent).toContain('患者身份证号码无效');
    type('idNumber', VALID_ID);
    expect(screen.queryByTestId('error-idNumber')).toBeNull();
    type('udi', '(01)06990001001905(10)HJ03101(21)HJ031010001');
    expect(screen.getByTestId('udi-parsed').textContent).toContain('HJ031010001');
    type('eventDate', '2026-11-22');
    type('dateKnown', '2026-11-21');
    expect(screen.getByTestId('error-eventDate').textContent).toContain('2026-11-22');
  });

  it('does not send a form the schema rejects and marks every wrong field', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<AdverseEventForm />);
    await act(async () => fireEvent.click(screen.getByTestId('ae-submit')));
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.getByTestId('error-manifestation').textContent).toBe('伤害表现 不能为空 请填写 伤害表现'); // its label, not the path `manifestation`; an empty text, not a minimum of 1
    expect(screen.getByTestId('error-udi')).toBeTruthy();
    expect(screen.getByTestId('error-patientName').textContent).toBe('姓名 不能为空 请填写 姓名'); // `patient.name` as the form shows it
  });

  it('shows the server’s rejection next to its field, clears it on edit, then submits', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } }))
      .mockResolvedValueOnce(new Response(JSON.stringify({ id: 7, reportNo: 'AE-2026-000007', deadline: '2026-12-17T23:59:59+08:00', late: false, lateByHours: 0 }), { status: 201, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<AdverseEventForm />);
    fillValid();
    await act(async () => fireEvent.click(screen.getByTestId('ae-submit')));
    await waitFor(() => expect(screen.getByTestId('error-imdrfCodes').textContent).toContain('IMDRF 代码 A9999 不在术语表中'));
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/adverse-events');
    const sent = JSON.parse(String(init.body)) as Record<string, unknown>;
    expect(sent).toMatchObject({ udi: '(01)06990001001905(10)HJ03101(21)HJ031010001', outcome: 'serious_injury', imdrfCodes: ['A9999'], patient: { name: '张三', idNumber: VALID_ID } });
    expect((init.headers as Record<string, string>)['idempotency-key']).toMatch(/^[\x21-\x7e]{8,}$/);

    type('imdrfCodes', 'A0601');
    expect(screen.queryByTestId('error-imdrfCodes')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('ae-submit')));
    await waitFor(() => expect(screen.getByTestId('ae-submitted').textContent).toContain('AE-2026-000007'));
    expect(JSON.parse(String((fetch.mock.calls[1] as [string, RequestInit])[1].body)).imdrfCodes).toEqual(['A0601']);
  });

  it('shows a field problem under its field and lists one at a path the form has no box for in the banner', async () => {
    const two = { ...problem, code: 'validation.failed', params: { count: 2 }, errors: [...problem.errors, { code: 'generic.unknown_key', path: 'reporter', message: 'x' }] };
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(JSON.stringify(two), { status: 422, headers: { 'content-type': 'application/problem+json' } })));
    renderWithProviders(<AdverseEventForm />);
    fillValid();
    await act(async () => fireEvent.click(screen.getByTestId('ae-submit')));
    await waitFor(() => expect(screen.getByTestId('error-imdrfCodes').textContent).toContain('A9999'));
    const banner = screen.getByTestId('problem-list').closest('[role="alert"]') as HTMLElement;
    expect(banner.textContent).toContain('提交的内容有 2 处不符合要求');
    expect([...banner.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['不认识的字段 reporter 请删除该字段或检查拼写']);
    expect(banner.textContent).toContain('请按以上说明及各字段的提示修改后重新提交');
  });

  it('words the server’s field problem in English after the switch', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } })));
    await changeLanguage('en');
    renderWithProviders(<AdverseEventForm />);
    type('udi', '(01)06990001001905(10)HJ03101(21)HJ031010001');
    type('patientName', 'Zhang');
    type('idNumber', VALID_ID);
    type('manifestation', 'pain');
    type('eventDate', '2026-11-20');
    type('dateKnown', '2026-11-21');
    fireEvent.click(screen.getByRole('radio', { name: 'Serious injury' }));
    type('imdrfCodes', 'A9999');
    await act(async () => fireEvent.click(screen.getByTestId('ae-submit')));
    await waitFor(() => expect(screen.getByTestId('error-imdrfCodes').textContent).toMatch(/A9999/));
    expect(screen.getByTestId('error-imdrfCodes').textContent).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
