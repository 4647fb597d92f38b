import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, RiskRunsTable } from '../../db/schema.ts';

export type RunRow = Selectable<RiskRunsTable>;

export interface RunEnd {
  status: 'done' | 'failed';
  durationMs: number;
  signals: number;
  alertsRaised: number;
  alertsUpdated: number;
  skipped: unknown[];
  summary: Record<string, unknown>;
  error?: string;
}

export const riskRunsRepository = {
  async findById(db: Kysely<DB>, id: number): Promise<RunRow | undefined> {
    return db.selectFrom('risk_runs').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async running(db: Kysely<DB>): Promise<RunRow | undefined> {
    return db.selectFrom('risk_runs').selectAll().where('status', '=', 'running').executeTakeFirst();
  },
  /** Starts a run unless one is running (the partial unique index decides, across processes): undefined then. */
  async start(db: Kysely<DB>, r: { trigger: RunRow['trigger']; byType: RunRow['requested_by_type']; by: number | null }): Promise<number | undefined> {
    const row = await sql<{ id: number }>`
      insert into risk_runs (status, trigger, requested_by_type, requested_by) values ('running', ${r.trigger}, ${r.byType}, ${r.by})
      on conflict do nothing returning id`.execute(db);
    const id = row.rows[0]?.id;
    return id === undefined ? undefined : Number(id);
  },
  async progress(db: Kysely<DB>, id: number, p: { stage: string; done: number; total: number }): Promise<void> {
    await db.updateTable('risk_runs').set({ stage: p.stage, done: p.done, total: p.total }).where('id', '=', id).execute();
  },
  async finish(db: Kysely<DB>, id: number, e: RunEnd): Promise<void> {
    await db.updateTable('risk_runs').set({
      status: e.status, stage: e.status, finished_at: new Date(), duration_ms: Math.round(e.durationMs), signals: e.signals, alerts_raised: e.alertsRaised,
      alerts_updated: e.alertsUpdated, skipped: JSON.stringify(e.skipped), summary: JSON.stringify(e.summary), ...(e.error !== undefined && { error: e.error }),
    }).where('id', '=', id).execute();
  },
  /** A run left 'running' by a process that died would block every later run: close it as failed. */
  async failStale(db: Kysely<DB>, olderThan: Date): Promise<void> {
    await db.updateTable('risk_runs').set({ status: 'failed', stage: 'failed', finished_at: new Date(), error: 'abandoned (process ended)' })
      .where('status', '=', 'running').where('started_at', '<', olderThan).execute();
  },
};
