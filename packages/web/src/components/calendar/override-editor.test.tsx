import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n/i18n.ts';
import { OverrideCalendar } from '../../pages/calendar-page.tsx';
import { CJK, renderWithProviders } from '../../test/render.tsx';
import { interfaceText } from '../../test/visible-text.ts';
import { OverrideEditor, type CalendarOverride } from './override-editor.tsx';


const json = (status: number, body: unknown) => new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const NATIONAL_DAY: CalendarOverride = { date: '2026-10-01', kind: 'holiday', name: '国庆节', source: 'chinese-days@1.5.7', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: null };

/** Clicks a button, then the OK of the Popconfirm it opened. */
async function confirmVia(testId: string, ok: string) {
  await act(async () => fireEvent.click(screen.getByTestId(testId)));
  const okButton = await waitFor(() => {
    const b = [...document.querySelectorAll('.ant-popconfirm .ant-btn')].find((x) => x.textContent?.replace(/\s/g, '') === ok);
    if (!b) throw new Error('no confirmation shown');
    return b as HTMLElement;
  });
  await act(async () => fireEvent.click(okButton));
}

describe('calendar overrides (system admin)', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('sets a plain day as an adjusted working day after a confirmation, with PUT and the name', async () => {
    const fetch = vi.fn().mockResolvedValue(json(200, { ...NATIONAL_DAY, date: '2026-10-10', kind: 'workday', name: '国庆调休', source: 'admin' }));
    vi.stubGlobal('fetch', fetch);
    const close = vi.fn();
    renderWithProviders(<OverrideEditor date="2026-10-10" current={null} onClose={close} />);
    expect(screen.getByTestId('override-current').textContent).toContain('普通日');
    expect(screen.queryByTestId('override-clear')).toBeNull(); // nothing to clear on a plain day
    fireEvent.click(screen.getByLabelText('调休上班'));
    fireEvent.change(screen.getByTestId('override-name'), { target: { value: ' 国庆调休 ' } });
    await act(async () => fireEvent.click(screen.getByTestId('override-save')));
    expect(document.body.textContent).toContain('把 2026-10-10 设为“调休上班”？');
    expect(fetch).not.toHaveBeenCalled(); // only after the confirmation
    const ok = [...document.querySelectorAll('.ant-popconfirm .ant-btn')].find((x) => x.textContent?.replace(/\s/g, '') === '确认') as HTMLElement;
    await act(async () => fireEvent.click(ok));
    await waitFor(() => expect(close).toHaveBeenCalled());
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/calendar/overrides/2026-10-10');
    expect(init.method).toBe('PUT');
    expect(JSON.parse(String(init.body))).toEqual({ kind: 'workday', name: '国庆调休' });
  });

  it('clears a day after a confirmation, with DELETE; a refusal stays on screen in the current language', async () => {
    // What the server answers for a refused date in the path (calendar.service dayIssues → invalid): a field problem at `date`.
    const refused = { title: 'x', status: 422, code: 'validation.failed', params: { count: 1 }, errors: [{ code: 'calendar.invalid_date', path: 'date', message: 'x', params: { value: '2026-10-01' } }] };
    const fetch = vi.fn().mockResolvedValueOnce(json(422, refused)).mockResolvedValueOnce(json(204, null));
    vi.stubGlobal('fetch', fetch);
    await changeLanguage('en');
    const close = vi.fn();
    renderWithProviders(<OverrideEditor date="2026-10-01" current={NATIONAL_DAY} onClose={close} />);
    expect(screen.getByTestId('override-current').textContent).toContain('Holiday');
    expect(screen.getByTestId('override-current').textContent).toContain('Packaged data chinese-days@1.5.7');
    await confirmVia('override-clear', 'Confirm');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Date "2026-10-01" is not a real date in YYYY-MM-DD form'));
    expect(screen.getByRole('alert').textContent).not.toContain('Fix each field'); // no field shows a hint here
    expect(close).not.toHaveBeenCalled();
    await confirmVia('override-clear', 'Confirm');
    await waitFor(() => expect(close).toHaveBeenCalled());
    expect(fetch.mock.calls.map(([u, i]) => [u, (i as RequestInit).method])).toEqual([['/api/calendar/overrides/2026-10-01', 'DELETE'], ['/api/calendar/overrides/2026-10-01', 'DELETE']]);
    expect(CJK.test(interfaceText(screen.getByRole('dialog')).replace('国庆节', ''))).toBe(false);
  });

  it('names the field in the server’s field problem by its label, not its API path, in Chinese and in English', async () => {
    const refusal = json(422, { title: 'x', status: 422, code: 'validation.failed', params: { count: 1 }, errors: [{ code: 'generic.too_long', path: 'name', message: 'x', params: { maximum: 50 } }] });
    vi.stubGlobal('fetch', vi.fn(async () => refusal.clone()));
    /** The error antd shows under the name box. */
    const nameError = () => screen.getByTestId('override-name').closest('.ant-form-item')?.querySelector('.ant-form-item-explain-error')?.textContent ?? '';
    const close = vi.fn();
    const { unmount } = renderWithProviders(<OverrideEditor date="2026-10-10" current={null} onClose={close} />);
    fireEvent.change(screen.getByTestId('override-name'), { target: { value: '国庆调休' } });
    await confirmVia('override-save', '确认');
    await waitFor(() => expect(nameError()).toBe('名称 最多 50 个字符 请缩短到 50 个字符以内'));
    expect(screen.queryByRole('alert')).toBeNull(); // the problem is by the field, not also in a banner
    unmount();

    await changeLanguage('en');
    renderWithProviders(<OverrideEditor date="2026-10-10" current={null} onClose={close} />);
    fireEvent.change(screen.getByTestId('override-name'), { target: { value: 'Make-up day' } });
    await confirmVia('override-save', 'Confirm');
    await waitFor(() => expect(nameError()).toBe('Name takes at most 50 characters Shorten it to 50 characters or fewer'));
    expect(close).not.toHaveBeenCalled();
  });

  it('shows a field problem under its field and one that fits no field in the banner, not dropping either', async () => {
    const refusal = json(422, {
      title: 'x', status: 422, code: 'validation.failed', params: { count: 2 },
      errors: [{ code: 'generic.too_long', path: 'name', message: 'x', params: { maximum: 50 } }, { code: 'calendar.invalid_date', path: 'date', message: 'x', params: { value: '2026-02-30' } }],
    });
    vi.stubGlobal('fetch', vi.fn(async () => refusal.clone()));
    const nameError = () => screen.getByTestId('override-name').closest('.ant-form-item')?.querySelector('.ant-form-item-explain-error')?.textContent ?? '';
    renderWithProviders(<OverrideEditor date="2026-02-30" current={null} onClose={vi.fn()} />);
    fireEvent.change(screen.getByTestId('override-name'), { target: { value: '调休' } });
    await confirmVia('override-save', '确认');
    await waitFor(() => expect(nameError()).toBe('名称 最多 50 个字符 请缩短到 50 个字符以内'));
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain('提交的内容有 2 处不符合要求');
    expect([...banner.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['日期“2026-02-30”无效，应为 YYYY-MM-DD 格式的真实日期 例如 2026-10-01']);
    expect(banner.textContent).toContain('请按以上说明及各字段的提示修改后重新提交');
  });

  it('lists problems that fit no field in the banner, named by their path, without sending the user to field hints', async () => {
    const refusal = json(422, { title: 'x', status: 422, code: 'validation.failed', params: { count: 1 }, errors: [{ code: 'generic.unknown_key', path: 'colour', message: 'x' }] });
    vi.stubGlobal('fetch', vi.fn(async () => refusal.clone()));
    const { unmount } = renderWithProviders(<OverrideEditor date="2026-10-10" current={null} onClose={vi.fn()} />);
    await confirmVia('override-save', '确认');
    await waitFor(() => expect(screen.getByRole('alert').querySelector('li')?.textContent).toBe('不认识的字段 colour 请删除该字段或检查拼写'));
    expect(screen.getByRole('alert').textContent).toContain('请按以上说明修改后重新提交');
    expect(screen.getByRole('alert').textContent).not.toContain('各字段的提示');
    expect(document.querySelector('.ant-form-item-explain-error')).toBeNull();
    unmount();

    await changeLanguage('en');
    renderWithProviders(<OverrideEditor date="2026-10-10" current={null} onClose={vi.fn()} />);
    await confirmVia('override-save', 'Confirm');
    await waitFor(() => expect(screen.getByRole('alert').querySelector('li')?.textContent).toBe('Unknown field colour Remove the field or check its spelling'));
    expect(screen.getByRole('alert').textContent).toContain('Fix what is listed above and submit again');
    expect(screen.getByRole('alert').textContent).not.toContain('Fix each field');
  });

  it('shows holidays, adjusted working days and the provisional mark on the month, and opens a day on click', async () => {
    const items: CalendarOverride[] = [
      { date: '2027-02-06', kind: 'holiday', name: '春节', source: 'admin', updatedAt: '2026-11-01T00:00:00Z', updatedBy: 1, provisional: true },
      { date: '2027-02-14', kind: 'workday', name: null, source: 'admin', updatedAt: '2026-11-01T00:00:00Z', updatedBy: 1 },
    ];
    const fetch = vi.fn().mockImplementation(async () => json(200, { items, total: 2 }));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<OverrideCalendar canEdit initial="2027-02-01" />);
    await waitFor(() => expect(screen.getByTestId('day-2027-02-06').textContent).toContain('节假日暂定'));
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/calendar/overrides?year=2027');
    expect(screen.getByTestId('day-2027-02-14').textContent).toBe('调休上班');
    expect(document.body.textContent).toContain('2027 年的部分安排为暂定');
    const cell = document.querySelector('td[title="2027-02-06"]') as HTMLElement;
    await act(async () => fireEvent.click(cell));
    expect(await screen.findByText('2027-02-06 的日历设置')).toBeTruthy();
    expect(screen.getByTestId('override-clear')).toBeTruthy();
  });
});
