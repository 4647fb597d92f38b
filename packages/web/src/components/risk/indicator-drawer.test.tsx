import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n/i18n.ts';
import { renderWithProviders } from '../../test/render.tsx';
import { IndicatorDrawer, indicatorPatch, type RiskIndicator } from './indicator-drawer.tsx';
import { RunProgress } from './run-progress.tsx';


const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });
// The shape GET /api/risk/indicators answers (risk.routes.ts), a built-in rate indicator.
const INDICATOR: RiskIndicator = {
  id: 4, code: 'ae.rate.product', name: '产品不良事件报告率', nameEn: 'Adverse-event report rate by product',
  metric: { kind: 'rate', numerator: 'ae_reports', denominator: 'units_used', per: 10_000 }, grouping: 'product', window: { unit: 'days', length: 90 },
  method: 'poisson_exact', threshold: 0.001, minCount: 3, grade: 'major', department: 'ae_monitoring', enabled: true, builtin: true, version: 1,
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('risk indicator edit (national / provincial regulator)', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('sends only what changed', () => {
    expect(indicatorPatch(INDICATOR, { threshold: 0.001, windowLength: 8, windowUnit: 'weeks', minCount: 3, grade: 'critical', department: 'ae_monitoring' }))
      .toEqual({ window: { unit: 'weeks', length: 8 }, grade: 'critical' });
  });

  it('checks the edited indicator with the core rules before sending (a p-value threshold must be below 1), then PATCHes the change', async () => {
    const fetch = vi.fn().mockResolvedValue(json(200, { ...INDICATOR, threshold: 0.01, window: { unit: 'weeks', length: 12 }, version: 2 }));
    vi.stubGlobal('fetch', fetch);
    const close = vi.fn();
    renderWithProviders(<IndicatorDrawer indicator={INDICATOR} onClose={close} />);
    expect(document.body.textContent).toContain('产品不良事件报告率');
    type('field-threshold', '5');
    await act(async () => fireEvent.click(screen.getByTestId('indicator-save')));
    await waitFor(() => expect(screen.getByTestId('error-threshold').textContent).toContain('风险指标字段 阈值：poisson_exact 的阈值是小于 1 的 P 值，而不是 5'));
    expect(fetch).not.toHaveBeenCalled();

    type('field-threshold', '0.01');
    type('field-windowLength', '12');
    fireEvent.mouseDown(screen.getByTestId('field-windowUnit').closest('.ant-select')?.querySelector('.ant-select-selector') as HTMLElement);
    const weeks = await waitFor(() => [...document.querySelectorAll('.ant-select-item-option')].find((o) => o.textContent === '周') as HTMLElement);
    fireEvent.click(weeks);
    await act(async () => fireEvent.click(screen.getByTestId('indicator-save')));
    await waitFor(() => expect(close).toHaveBeenCalled());
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/risk/indicators/4');
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(String(init.body))).toEqual({ threshold: 0.01, window: { unit: 'weeks', length: 12 } });
  });

  it('titles the drawer with the indicator’s name in the UI language, the code after it', async () => {
    const { unmount } = renderWithProviders(<IndicatorDrawer indicator={INDICATOR} onClose={vi.fn()} />);
    expect(screen.getByTestId('indicator-title').textContent).toBe('编辑指标 产品不良事件报告率 ae.rate.product');
    unmount();
    await changeLanguage('en');
    renderWithProviders(<IndicatorDrawer indicator={INDICATOR} onClose={vi.fn()} />);
    expect(screen.getByTestId('indicator-title').textContent).toBe('Edit indicator Adverse-event report rate by product ae.rate.product');
  });

  it('keeps a negative threshold as typed and says why it is refused, sending nothing', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<IndicatorDrawer indicator={INDICATOR} onClose={vi.fn()} />);
    const box = screen.getByTestId('field-threshold') as HTMLInputElement;
    type('field-threshold', '-5');
    fireEvent.blur(box);
    await act(async () => fireEvent.click(screen.getByTestId('indicator-save')));
    await waitFor(() => expect(screen.getByTestId('error-threshold').textContent).toContain('阈值 小于允许的最小值 0'));
    expect(Number(box.value)).toBe(-5); // -5.000: the box's step (0.001) sets its decimals
    expect(fetch).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal next to the field it names, in English', async () => {
    await changeLanguage('en');
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json(422, {
      title: 'Invalid', status: 422, code: 'validation', errors: [{ code: 'risk.cusum_window', path: 'window', message: 'x', params: { length: 12, unit: 'weeks' } }],
    })));
    const close = vi.fn();
    renderWithProviders(<IndicatorDrawer indicator={{ ...INDICATOR, method: 'threshold', threshold: 10 }} onClose={close} />);
    type('field-threshold', '12');
    await act(async () => fireEvent.click(screen.getByTestId('indicator-save')));
    await waitFor(() => expect(screen.getByTestId('error-window').textContent).toContain('Risk indicator field Window: cusum needs a window of at least 30 weeks'));
    expect(close).not.toHaveBeenCalled();
  });

  it('re-words its own check and the server’s refusal when the user switches language', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json(422, {
      title: 'Invalid', status: 422, code: 'validation', errors: [{ code: 'risk.cusum_window', path: 'window', message: 'x', params: { length: 12, unit: 'weeks' } }],
    })));
    renderWithProviders(<IndicatorDrawer indicator={INDICATOR} onClose={vi.fn()} />);
    type('field-threshold', '-5');
    await act(async () => fireEvent.click(screen.getByTestId('indicator-save')));
    await waitFor(() => expect(screen.getByTestId('error-threshold').textContent).toContain('阈值 小于允许的最小值 0'));
    await act(async () => changeLanguage('en'));
    expect(screen.getByTestId('error-threshold').textContent).not.toMatch(/[\u4e00-\u9fff]/);
    expect(screen.getByTestId('error-threshold').textContent).toContain('Threshold');

    type('field-threshold', '0.01');
    expect(screen.queryByTestId('error-threshold')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('indicator-save')));
    await waitFor(() => expect(screen.getByTestId('error-window').textContent).toContain('cusum needs a window of at least 30 weeks'));
    await act(async () => changeLanguage('zh-CN'));
    expect(screen.getByTestId('error-window').textContent).toMatch(/[\u4e00-\u9fff]/);
    expect(screen.getByTestId('error-window').textContent).not.toContain('needs a window');
  });

  it('shows a field problem next to its field and lists one on a path it has no box for in the banner', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json(422, {
      title: 'x', status: 422, code: 'validation.failed', params: { count: 2 },
      errors: [{ code: 'risk.cusum_window', path: 'window', message: 'x', params: { length: 12, unit: 'weeks' } }, { code: 'generic.invalid', path: 'metric.denominator', message: 'x' }],
    })));
    renderWithProviders(<IndicatorDrawer indicator={{ ...INDICATOR, method: 'threshold', threshold: 10 }} onClose={vi.fn()} />);
    type('field-threshold', '12');
    await act(async () => fireEvent.click(screen.getByTestId('indicator-save')));
    await waitFor(() => expect(screen.getByTestId('error-window').textContent).toContain('30'));
    const banner = screen.getByTestId('problem-list').closest('[role="alert"]') as HTMLElement;
    const items = [...banner.querySelectorAll('li')].map((li) => li.textContent ?? '');
    expect(items).toHaveLength(1);
    expect(items[0]).toContain('metric.denominator');
    expect(banner.textContent).toContain('请按以上说明及各字段的提示修改后重新提交');
  });
});

describe('risk run progress', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('polls the run until it is done and shows its progress and result', async () => {
    const base = { id: 31, trigger: 'api', startedAt: '2026-11-26T01:00:00.000Z', signals: 0, alerts: { raised: 0, updated: 0 }, skipped: [], summary: {}, error: null };
    const fetch = vi.fn()
      .mockResolvedValueOnce(json(200, { ...base, status: 'running', stage: 'indicator:ae.rate.product', progress: { done: 3, total: 9 }, finishedAt: null, durationMs: null }))
      .mockResolvedValue(json(200, { ...base, status: 'done', stage: 'done', progress: { done: 9, total: 9 }, finishedAt: '2026-11-26T01:00:02.400Z', durationMs: 2400, signals: 4, alerts: { raised: 2, updated: 1 } }));
    vi.stubGlobal('fetch', fetch);
    await changeLanguage('zh-CN');
    renderWithProviders(<RunProgress runId={31} />);
    await waitFor(() => expect(screen.getByTestId('run-progress').textContent).toContain('运行 #31：指标 ae.rate.product（3/9）'));
    expect(screen.getByTestId('run-progress').textContent).toContain('33%');
    await waitFor(() => expect(screen.getByTestId('run-progress').getAttribute('data-status')).toBe('done'), { timeout: 8000 });
    expect(screen.getByTestId('run-progress').textContent).toContain('完成：4 个信号，新预警 2 条，更新 1 条，用时 2.4 秒');
    const calls = fetch.mock.calls.length;
    expect(fetch.mock.calls.every(([u]) => u === '/api/risk/runs/31')).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    expect(fetch.mock.calls.length).toBe(calls); // stopped polling once done
  });
});
