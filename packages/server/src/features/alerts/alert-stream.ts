import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-context.ts';
import type { RequestContext } from '../auth/actor.ts';
import { requirePermission } from '../auth/permissions.ts';
import type { AlertFeedHub } from './alert-feed.ts';
import { alertsRepository } from './alerts.repository.ts';
import { alertScope, alertView } from './alerts.service.ts';

const BATCH = 200;

/**
 * Serves `GET /api/alerts/stream` as server-sent events. Each message carries the feed's sequence
 * number as its `id`, so a browser's EventSource reconnects with `Last-Event-ID` and is replayed what
 * it missed (scoped like the list). Without one, the stream starts at the feed's end. Heartbeat
 * comments keep proxies from closing an idle stream; `X-Accel-Buffering: no` stops nginx buffering.
 */
export async function streamAlerts(
  deps: AppDeps, hub: AlertFeedHub, ctx: RequestContext, request: FastifyRequest, reply: FastifyReply,
  options: { lastEventId: number | undefined; heartbeatMs: number; open: Set<() => void> },
): Promise<void> {
  requirePermission(ctx.actor, 'alerts.read');
  const scope = alertScope(ctx);
  let cursor = options.lastEventId ?? (await alertsRepository.lastSeq(deps.db));
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
      do {
        again = false;
        for (;;) {
          const events = await alertsRepository.eventsAfter(deps.db, scope, cursor, BATCH);
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

  const stop = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    options.open.delete(stop);
    res.end();
  };
  const unsubscribe = hub.subscribe(() => void pump());
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), options.heartbeatMs);
  options.open.add(stop);
  request.raw.once('close', stop);
  await pump();
}
