import { Alert, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ErrorState } from '../page-states.tsx';

export interface RiskRun {
  id: number; status: 'running' | 'done' | 'failed'; stage: string; progress: { done: number; total: number }; startedAt: string; finishedAt: string | null;
  durationMs: number | null; signals: number; alerts: { raised: number; updated: number }; error: string | null;
}

export const POLL_MS = 1000;

const STAGES = ['starting', 'surge', 'disproportionality', 'alerts', 'done', 'failed', 'running'];

/** The engine's stage (`indicator:<code>`, `surge`, …) in words; an unknown stage is shown as it comes. */
export function stageText(stage: string, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (stage.startsWith('indicator:')) return t('sys.risk.stages.indicator', { code: stage.slice('indicator:'.length) });
  return STAGES.includes(stage) ? t(`sys.risk.stages.${stage}`) : stage;
}

/** A statistical run's progress, polled from GET /api/risk/runs/:id until it ends. */
export function RunProgress({ runId }: { runId: number }) {
  const { t } = useTranslation();
  const path = `/api/risk/runs/${runId}`;
  // Polls while the run is going; stops once it is done or failed.
  const run = useQuery({ queryKey: [path], queryFn: ({ signal }) => api<RiskRun>(path, { signal }), refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : POLL_MS) });
  const r = run.data;
  if (run.isError) return <ErrorState error={run.error} onRetry={() => void run.refetch()} />;
  if (!r) return <Progress percent={0} status="active" aria-label={t('sys.risk.runProgress')} />;
  const percent = r.progress.total > 0 ? Math.round((100 * r.progress.done) / r.progress.total) : r.status === 'running' ? 0 : 100;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="run-progress" data-status={r.status}>
      <Progress percent={percent} status={r.status === 'failed' ? 'exception' : r.status === 'done' ? 'success' : 'active'} aria-label={t('sys.risk.runProgress')} />
      <Typography.Text type="secondary">{t('sys.risk.runStage', { id: r.id, stage: stageText(r.stage, t), done: r.progress.done, total: r.progress.total })}</Typography.Text>
      {r.status === 'done' && <Alert type="success" showIcon message={t('sys.risk.runDone', { signals: r.signals, raised: r.alerts.raised, updated: r.alerts.updated, seconds: ((r.durationMs ?? 0) / 1000).toFixed(1) })} />}
      {r.status === 'failed' && <Alert type="error" showIcon message={t('sys.risk.runFailed')} description={r.error} />}
    </Space>
  );
}
