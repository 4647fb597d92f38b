import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n/i18n.ts';
import ClinicalUseFormPage, { clinicalUseInput } from './clinical-use-form-page.tsx';
import MaintenanceFormPage, { maintenanceInput } from './maintenance-form-page.tsx';
import { renderWithProviders } from '../test/render.tsx';

const UDI = '(01)06990001001905(10)HJ03101(21)HJ031010001';
const type = (name: string, value: string) => fireEvent.change(screen.getByTestId(`field-${name}`), { target: { value } });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });

// antd selects and several fields per test: slow on a loaded shared machine.
describe('use-record forms (ComposedForm)', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('turns form text into the API input: numbers, a parts list, empty fields left out', () => {
    expect(maintenanceInput({ values: { udi: ` ${UDI} `, startedOn: '2026-11-20', completedOn: '', downtimeHours: '6', parts: '电源板，保险丝; ', result: 'repaired', fault: 'E03', technician: '王工' }, rows: {} }))
      .toEqual({ udi: UDI, startedOn: '2026-11-20', downtimeHours: 6, parts: ['电源板', '保险丝'], result: 'repaired', fault: 'E03', technician: '王工' });
    expect(clinicalUseInput({ values: { udi: UDI, usedOn: '2026-11-20', department: '骨科', procedure: '', operator: '张医生', patientKey: '' }, rows: {} }))
      .toEqual({ udi: UDI, usedOn: '2026-11-20', department: '骨科', operator: '张医生' });
  });

  it('maintenance: the core schema speaks next to each field as it is typed, and nothing is sent while a rule is broken', async () => {
    const fetch = vi.fn().mockResolvedValue(json(201, {}));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<MaintenanceFormPage />);
    type('udi', UDI);
    type('startedOn', '2026-11-20');
    type('technician', '王工');
    type('completedOn', '2026-11-19');
    expect(screen.getByTestId('error-completedOn').textContent).toContain('完成日期 2026-11-19 早于开始日期 2026-11-20');
    type('completedOn', '2026-11-21');
    expect(screen.queryByTestId('error-completedOn')).toBeNull();
    type('fault', '开机自检报警 E03');
    expect(screen.queryByTestId('error-result')).toBeNull(); // not touched yet: no error before the first attempt
    await act(async () => fireEvent.click(screen.getByTestId('maintenance-form-submit')));
    expect(screen.getByTestId('error-result')).toBeTruthy(); // the result is still missing
    expect(fetch).not.toHaveBeenCalled();
  });

  it('maintenance: a repair without its fault is asked for next to the fault on submit, then sent with the typed numbers', async () => {
    const fetch = vi.fn().mockResolvedValue(json(201, { id: 8, productName: '呼吸机', serial: 'S1', failure: true, result: 'repaired', downtimeHours: 6 }));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<MaintenanceFormPage />);
    type('udi', UDI);
    type('startedOn', '2026-11-20');
    type('technician', '王工');
    const select = screen.getByTestId('field-result');
    fireEvent.mouseDown(select.querySelector('.ant-select-selector') as HTMLElement);
    fireEvent.click(await waitFor(() => document.querySelector('.ant-select-item-option[title="维修完成"]') as HTMLElement));
    await act(async () => fireEvent.click(screen.getByTestId('maintenance-form-submit')));
    expect(screen.getByTestId('error-fault').textContent).toContain('须填写故障现象');
    expect(fetch).not.toHaveBeenCalled();
    type('fault', '开机自检报警 E03');
    type('downtimeHours', '6');
    await act(async () => fireEvent.click(screen.getByTestId('maintenance-form-submit')));
    await waitFor(() => expect(screen.getByTestId('maintenance-form-done').textContent).toContain('停机 6 小时'));
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/use-records/maintenance');
    expect(JSON.parse(String(init.body))).toEqual({ udi: UDI, startedOn: '2026-11-20', technician: '王工', result: 'repaired', fault: '开机自检报警 E03', downtimeHours: 6, parts: [] });
  });

  it('clinical use: shows the server’s verdict on the operator (never typed in)', async () => {
    const fetch = vi.fn().mockResolvedValue(json(201, { id: 117, productName: '髋关节假体', operator: '张医生', operatorTrained: false, usedOn: '2026-11-20' }));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<ClinicalUseFormPage />);
    type('udi', UDI);
    type('usedOn', '2026-11-20');
    type('department', '骨科');
    type('operator', '张医生');
    await act(async () => fireEvent.click(screen.getByTestId('use-form-submit')));
    await waitFor(() => expect(screen.getByTestId('operator-trained').textContent).toBe('张医生：无有效培训记录'));
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/use-records/uses');
    expect(JSON.parse(String(init.body))).toEqual({ udi: UDI, usedOn: '2026-11-20', department: '骨科', operator: '张医生' });
    expect((init.headers as Record<string, string>)['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('clinical use: what only the server knows (the DI is registered) comes back next to its field, until the field is edited', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json(422, {
      title: '提交的数据有误', status: 422, code: 'validation',
      errors: [{ code: 'use_record.unknown_di', path: 'udi', message: '使用记录：产品标识 06990009999990 未在平台注册', params: { di: '06990009999990' } }],
    })));
    renderWithProviders(<ClinicalUseFormPage />);
    type('udi', '(01)06990009999990(10)X1');
    type('usedOn', '2026-11-20');
    type('department', '骨科');
    type('operator', '张医生');
    await act(async () => fireEvent.click(screen.getByTestId('use-form-submit')));
    await waitFor(() => expect(screen.getByTestId('error-udi').textContent).toContain('产品标识 06990009999990 未在平台注册'));
    type('udi', UDI);
    expect(screen.queryByTestId('error-udi')).toBeNull();
  });
});
