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

  it('shows the server’s rejection next to the destination field', async () => {
    const problem = { title: '提交的内容有 1 处不符合要求', status: 422, code: 'validation.failed', errors: [{ code: 'submissions.destination_unknown', path: 'toOrganizationId', message: '收货单位 999 不存在' }] };
    const fetch = vi.fn().mockResolvedValue(new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } }));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<SubmissionForm kind="ship" />);
    fireEvent.change(screen.getByLabelText('标签（每行一个，扫码或粘贴）'), { target: { value: UNIT } });
    fireEvent.change(screen.getByLabelText('收货单位编号'), { target: { value: '999' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /提\s*交/ })));
    await waitFor(() => expect(screen.getByTestId('error-toOrganizationId').textContent).toContain('999'));
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/submissions/ship');
    expect(JSON.parse(String(init.body))).toEqual({ items: [UNIT], toOrganizationId: 999 });
  });
});
