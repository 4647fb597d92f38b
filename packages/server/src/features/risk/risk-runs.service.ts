import type { AppDeps } from '../../app-context.ts';
import { notFound } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { requirePermission } from '../auth/permissions.ts';
import type { AuditWho } from '../audit/audit.service.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { raiseAlerts } from '../alerts/alerts.service.ts';
import { RiskEngine } from './risk-engine.ts';
import { riskIndicatorsRepository } from './risk-indicators.repository.ts';
import { ensureBuiltinIndicators } from './risk-indicators.service.ts';
import { riskRunsRepository, type RunRow } from './risk-runs.repository.ts';

export interface RunView {
  id: number;
  status: RunRow['status'];
  trigger: RunRow['trigger'];
  stage: string;
  progress: { done: number; total: number };
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  signals: number;
  alerts: { raised: number; updated: number };
  skipped: unknown;
  summary: unknown;
  error: string | null;
}

export function runView(r: RunRow): RunView {
  return {
    id: Number(r.id), status: r.status, trigger: r.trigger, stage: r.stage, progress: { done: r.done, total: r.total },
    startedAt: r.started_at.toISOString(), finishedAt: r.finished_at?.toISOString() ?? null, durationMs: r.duration_ms,
    signals: r.signals, alerts: { raised: r.alerts_raised, updated: r.alerts_updated }, skipped: r.skipped, summary: r.summary, error: r.error,
  };
}

const SYSTEM_WHO: AuditWho = { actorType: 'system', actorId: null, actorName: 'risk-engine', ip: null, userAgent: null };
/** A run still marked running after this long belongs to a process that ended. */
const STALE_AFTER_MS = 6 * 3600_000;

/** The clock of runs (windows end now); tests and the demo pin it. */
export const riskClock = { now: (): Date => new Date() };

/**
 * Statistical runs: one at a time (a second start answers the running one), tracked in risk_runs
 * with stage and progress, executed in the background; the end records signals, alerts raised or
 * updated, duration and the indicators skipped with their reason.
 */
export class RiskRunsService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /** Starts a run now for a regulator (202 + status resource); `started` is false when one was already running. */
  async start(ctx: RequestContext): Promise<{ run: RunView; started: boolean; done: Promise<void> }> {
    requirePermission(ctx.actor, 'risk.run');
    return this.startRun('api', whoFrom(ctx));
  }

  async get(ctx: RequestContext, id: number): Promise<RunView> {
    requirePermission(ctx.actor, 'risk.read');
    const r = await riskRunsRepository.findById(this.#deps.db, id);
    if (!r) throw notFound('risk_run', id);
    return runView(r);
  }

  /** Starts a run (scheduler, demo, API). The returned promise settles when the run has ended. */
  async startRun(trigger: RunRow['trigger'], who: AuditWho = SYSTEM_WHO): Promise<{ run: RunView; started: boolean; done: Promise<void> }> {
    const { db } = this.#deps;
    await riskRunsRepository.failStale(db, new Date(Date.now() - STALE_AFTER_MS));
    const id = await riskRunsRepository.start(db, { trigger, byType: who.actorType === 'system' ? 'system' : (who.actorType as 'user' | 'token'), by: who.actorId });
    if (id === undefined) {
      const running = await riskRunsRepository.running(db);
      if (running) return { run: runView(running), started: false, done: Promise.resolve() };
      return this.startRun(trigger, who);
    }
    await this.#deps.audit.recordNow(db, who, { action: 'risk_run.start', objectType: 'risk_run', objectId: id, details: { trigger } });
    const run = runView((await riskRunsRepository.findById(db, id)) as RunRow);
    // The work goes on after the answer; errors end the run as failed instead of escaping.
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.#execute(id))
      .catch((error: unknown) => console.error(`risk run ${id}: could not record its end`, error));
    return { run, started: true, done };
  }

  async #execute(id: number): Promise<void> {
    const { db } = this.#deps;
    const started = performance.now();
    try {
      await ensureBuiltinIndicators(db);
      const indicators = await riskIndicatorsRepository.all(db);
      const engine = new RiskEngine(db, riskClock.now());
      const result = await engine.run(indicators, (stage, done, total) => riskRunsRepository.progress(db, id, { stage, done, total }));
      const alerts = await raiseAlerts(this.#deps, result.candidates);
      await riskRunsRepository.finish(db, id, {
        status: 'done', durationMs: performance.now() - started, signals: result.candidates.length, alertsRaised: alerts.created, alertsUpdated: alerts.updated,
        skipped: result.skipped, summary: result.summary,
      });
      await this.#deps.audit.recordNow(db, SYSTEM_WHO, { action: 'risk_run.finish', objectType: 'risk_run', objectId: id, details: { signals: result.candidates.length, raised: alerts.created, updated: alerts.updated, skipped: result.skipped.length } });
    } catch (error) {
      await riskRunsRepository.finish(db, id, {
        status: 'failed', durationMs: performance.now() - started, signals: 0, alertsRaised: 0, alertsUpdated: 0, skipped: [], summary: {},
        error: error instanceof Error ? error.message.slice(0, 2000) : String(error),
      });
    }
  }
}
