import type { AppDeps } from '../../app-context.ts';
import type { AlertChannel } from './alert-channel.ts';
import { AlertDelivery, failureText } from './alert-delivery.ts';
import { AlertEngine } from './alert-engine.ts';
import { EmailChannel } from './email-channel.ts';
import { WebhookChannel } from './webhook-channel.ts';

/**
 * The alert worker `serve` runs beside the API: the rule engine loop (default every second),
 * escalation, and outbound delivery (e-mail when LIANJIAN_SMTP_URL is set; webhooks always). Any
 * number of processes may run it: inputs advance by cursor in one transaction each, deliveries are
 * claimed with SKIP LOCKED. Errors are reported by message only (no URLs with credentials).
 */
export function startAlertWorker(deps: AppDeps, log: (message: string) => void = (m) => console.error(m)): { stop(): Promise<void> } {
  const channels: AlertChannel[] = [new WebhookChannel()];
  const email = deps.config.smtpUrl ? new EmailChannel(deps.config.smtpUrl, deps.config.alertMailFrom ?? 'alerts@lianjian.local') : undefined;
  if (email) channels.push(email);
  const engine = new AlertEngine(deps, {
    intervalMs: deps.config.alertTickMs ?? 1000,
    delivery: new AlertDelivery(deps, channels),
    // Through failureText: a tick's error may quote a URL with credentials (SMTP, webhook).
    onError: (e) => log(`alert engine: ${failureText(e)}`),
  });
  engine.start();
  return {
    stop: async () => {
      await engine.stop();
      email?.close();
    },
  };
}
