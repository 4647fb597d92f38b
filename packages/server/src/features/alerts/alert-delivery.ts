import type { AppDeps } from '../../app-context.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { AlertChannel } from './alert-channel.ts';
import { alertEngineRepository } from './alert-engine.repository.ts';
import { alertDeliveryRepository as repo } from './alert-delivery.repository.ts';
import { alertClock } from './alert-routing.ts';
import { alertsRepository } from './alerts.repository.ts';
import { alertView } from './alerts.service.ts';
import { CommitHorizon } from './commit-horizon.ts';

export interface AlertDeliveryOptions {
  /** Attempts before a delivery is given up (status failed). */
  maxAttempts?: number;
  /** First retry after this long; each further retry waits twice as long. */
  backoffMs?: number;
  /** How long a claimed delivery is held before another worker may take it again. */
  leaseMs?: number;
  batch?: number;
}

const CURSOR = 'delivery';

/**
 * The error text kept on a failed delivery: its message only, at most 300 characters, with any
 * credentials of a URL (`//user:password@`) blanked — fetch, for one, quotes a webhook URL that
 * carries them, and an SMTP URL may too.
 */
export function failureText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\/\/[^/\s@]*@/g, '//***@').slice(0, 300);
}

/**
 * Outbound delivery of alerts to the offices' subscriptions (e-mail, webhook). New alerts and
 * escalations are queued per matching subscription (one row per subscription and feed entry: its
 * delivery id is what receivers deduplicate on); due deliveries are claimed in a short transaction and
 * sent outside it (a slow receiver never holds the database), then marked sent or rescheduled with
 * exponential backoff.
 */
export class AlertDelivery {
  readonly #deps: AppDeps;
  readonly #channels: Map<string, AlertChannel>;
  readonly #o: Required<AlertDeliveryOptions>;
  // Feed entries commit out of seq order on PostgreSQL (engine and officers write at once).
  readonly #horizon = new CommitHorizon('alert_events');

  constructor(deps: AppDeps, channels: AlertChannel[], options: AlertDeliveryOptions = {}) {
    this.#deps = deps;
    this.#channels = new Map(channels.map((c) => [c.channel, c]));
    this.#o = { maxAttempts: 6, backoffMs: 30_000, leaseMs: 300_000, batch: 100, ...options };
  }

  /** Queues what is new in the feed and sends what is due; returns how many were sent. */
  async run(): Promise<number> {
    await this.enqueue();
    return this.sendDue();
  }

  async enqueue(): Promise<void> {
    const { db } = this.#deps;
    for (;;) {
      const after = await alertEngineRepository.cursor(db, CURSOR);
      const upTo = Math.max(after, await this.#horizon.ceiling(db));
      const events = await repo.notifiableEventsAfter(db, after, upTo, this.#o.batch);
      const rows: { subscriptionId: number; eventSeq: number; alertId: number }[] = [];
      for (const e of events) {
        for (const s of await repo.matchingSubscriptions(db, e)) rows.push({ subscriptionId: s.id, eventSeq: e.seq, alertId: e.alertId });
      }
      const position = events.length === this.#o.batch ? (events.at(-1)?.seq ?? after) : upTo;
      if (position === after) return;
      await withTransaction(db, async (trx) => {
        await repo.enqueue(trx, rows);
        await alertEngineRepository.setCursor(trx, CURSOR, position);
      });
      if (events.length < this.#o.batch) return;
    }
  }

  async sendDue(): Promise<number> {
    const { db } = this.#deps;
    const now = alertClock.now();
    const claimed = await withTransaction(db, (trx) => repo.claimDue(trx, now, this.#o.leaseMs, this.#o.batch));
    let sent = 0;
    for (const d of claimed) {
      const channel = this.#channels.get(d.channel);
      const alert = await alertsRepository.findById(db, d.alertId, { kind: 'all' });
      try {
        if (!channel) throw new Error(`no ${d.channel} channel is configured`);
        if (!alert) throw new Error('alert not found');
        await channel.send({ target: d.target, secret: d.secret }, { deliveryId: d.deliveryId, seq: d.seq, kind: await repo.eventKind(db, d.seq), alert: alertView(alert, now) });
        await repo.markSent(db, d.id, alertClock.now());
        sent++;
      } catch (error) {
        const final = d.attempts >= this.#o.maxAttempts;
        const wait = this.#o.backoffMs * 2 ** (d.attempts - 1);
        await repo.markFailed(db, d.id, { final, nextAttemptAt: new Date(alertClock.now().getTime() + wait), error: failureText(error) });
      }
    }
    return sent;
  }
}
