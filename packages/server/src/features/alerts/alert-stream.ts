import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-context.ts';
import type { RequestContext } from '../auth/actor.ts';
import { requirePermission } from '../auth/permissions.ts';
import type { AlertFeedHub } from './alert-feed.ts';
import { alertsRepository } from './alerts.repository.ts';
import { alertScope, alertView } from './alerts.service.ts';
import { CommitHorizon } from './commit-horizon.ts';

const BATCH = 200;

/**
 * Serves `GET /api/alerts/stream` as server-sent events. Each message carries the feed's sequence
 * number as its `id`, so a browser's EventSource reconnects with `Last-Event-ID` and is replayed what
 * it missed (scoped like the list). Without one, the stream starts at the feed's end. Heartbeat
 * comments keep proxies from closing an idle stream; `X-Accel-Buffering: no` stops nginx buffering.
 * Before each delivery and at each heartbeat the login is checked again (`stillValid`): a logout, a
 * forced logout, an idle or absolute timeout or a disabled user ends the stream with a
 * `session_expired` event, so nothing more reaches a browser whose session is gone.
 */
export async function streamAlerts(
  deps: AppDeps, hub: AlertFeedHub, ctx: RequestContext, request: FastifyRequest, reply: FastifyReply,
  options: { lastEventId: number | undefined; heartbeatMs: number; open: Set<() => void>; stillValid: () => Promise<boolean> },
): Promise<void> {
  requirePermission(ctx.actor, 'alerts.read');
  const scope = alertScope(ctx);
  // Feed entries commit out of seq order on PostgreSQL: read only up to the commit horizon, so a
  // reconnect's Last-Event-ID never jumps over an entry that was still being committed.
  const horizon = new CommitHorizon('alert_events');
  let cursor = options.lastEventId ?? (await horizon.ceiling(deps.db));
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: 3000\n: connected at seq ${cursor}\n\n`);

  let closed = false;
  let running = false;
  let again = false;
  const pump = async (): Promise<void> => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      if (!(await expireUnlessValid())) return;
      do {
        again = false;
        for (;;) {
          const events = await alertsRepository.eventsAfter(deps.db, scope, cursor, await horizon.ceiling(deps.db), BATCH);
          for (const e of events) {
            if (closed) return;
            const alert = await alertsRepository.findById(deps.db, e.alertId, scope);
            cursor = e.seq;
            if (!alert) continue;
            res.write(`id: ${e.seq}\nevent: alert\ndata: ${JSON.stringify({ seq: e.seq, kind: e.kind, alert: alertView(alert) })}\n\n`);
          }
          if (events.length < BATCH) break;
        }
      } while (again && !closed);
    } catch {
      // The next wake retries from the same cursor.
    } finally {
      running = false;
    }
  };

  /** Ends the stream when the login is gone; true while it stands. */
  const expireUnlessValid = async (): Promise<boolean> => {
    if (await options.stillValid()) return true;
    if (!closed) res.write('event: session_expired\ndata: {}\n\n');
    stop();
    return false;
  };
  const beat = async () => {
    try {
      if (!(await expireUnlessValid())) return;
      res.write(': heartbeat\n\n');
      // Entries held back by the commit horizon are picked up even when nothing new wakes the hub.
      await pump();
    } catch {
      // A failed check (database busy) is retried at the next heartbeat.
    }
  };

  const stop = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    options.open.delete(stop);
    res.end();
  };
  const unsubscribe = hub.subscribe(() => void pump());
  const heartbeat = setInterval(() => void beat(), options.heartbeatMs);
  options.open.add(stop);
  request.raw.once('close', stop);
  await pump();
}
