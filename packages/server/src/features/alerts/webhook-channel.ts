import { createHmac } from 'node:crypto';
import type { AlertChannel, AlertMessage, ChannelTarget } from './alert-channel.ts';

/**
 * The signature a receiver checks: HMAC-SHA256 with the shared secret over `${timestamp}.${body}`,
 * hex, sent as `X-Lianjian-Signature: sha256=<hex>` with `X-Lianjian-Timestamp` (Unix seconds), so a
 * captured request cannot be replayed later with another timestamp.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Signed JSON webhook (another agency's system, an SMS gateway). A non-2xx answer is retried. */
export class WebhookChannel implements AlertChannel {
  readonly channel = 'webhook' as const;
  readonly #timeoutMs: number;
  readonly #now: () => Date;

  constructor(options: { timeoutMs?: number; now?: () => Date } = {}) {
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#now = options.now ?? (() => new Date());
  }

  async send(target: ChannelTarget, message: AlertMessage): Promise<void> {
    if (!target.secret) throw new Error('webhook subscription without a secret');
    const body = JSON.stringify({ deliveryId: message.deliveryId, seq: message.seq, kind: message.kind, alert: message.alert });
    const timestamp = Math.floor(this.#now().getTime() / 1000);
    const res = await fetch(target.target, {
      method: 'POST',
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.#timeoutMs),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Lianjian-Alerts/1',
        'x-lianjian-delivery': message.deliveryId,
        'x-lianjian-timestamp': String(timestamp),
        'x-lianjian-signature': webhookSignature(target.secret, timestamp, body),
      },
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
  }
}
