import type { AppDeps } from '../../app-context.ts';
import { RiskRunsService } from './risk-runs.service.ts';

/**
 * Starts a statistical run every `intervalMinutes` (default 15). Started by `serve` only, never in
 * tests. A tick while a run is still going finds it running and does nothing more.
 */
export function startRiskScheduler(deps: AppDeps, intervalMinutes: number, log: (message: string) => void = () => {}): { stop: () => void } {
  const service = new RiskRunsService(deps);
  const tick = () => {
    service.startRun('schedule').then(
      ({ run, started, done }) => {
        if (!started) return;
        void done.then(() => log(`risk run ${run.id} finished`));
      },
      (error: unknown) => log(`risk run could not start: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  const timer = setInterval(tick, intervalMinutes * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
