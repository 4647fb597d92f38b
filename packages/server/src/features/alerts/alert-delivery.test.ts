import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import type { AlertCandidate } from './alert-candidate.ts';
import { AlertDelivery, failureText } from './alert-delivery.ts';
import { EmailChannel } from './email-channel.ts';
import { raiseAlerts } from './alerts.service.ts';
import { decodeMimeWords, startSmtpServer, startWebhookReceiver } from './alerts.test-helpers.ts';
import { WebhookChannel } from './webhook-channel.ts';

/** Outbound delivery over loopback: a tiny SMTP server and a webhook receiver that fails once. */
const t = useTestApp();
const SECRET = 'webhook-secret-0123456789';
const w = {} as { province: Record<string, string>; cityNb: Record<string, string>; hz: number; nb: number };
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let email: EmailChannel;

beforeAll(async () => {
  const { deps, app } = t();
  w.hz = (await makeOrganization(deps, { type: 'distributor', regionCode: '330106', name: '杭州投递测试' })).id;
  w.nb = (await makeOrganization(deps, { type: 'distributor', regionCode: '330212' })).id;
  w.province = await loginHeaders(app, await makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }), PASSWORD);
  w.cityNb = await loginHeaders(app, await makeUser(deps, { role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' }), PASSWORD);
  smtp = await startSmtpServer();
  hook = await startWebhookReceiver([500]);
  email = new EmailChannel(`smtp://127.0.0.1:${smtp.port}`, '链监预警 <alerts@lianjian.test>');
}, 120_000);
afterAll(async () => {
  // When setup failed half-way some of these never started.
  for (const stop of [async () => email.close(), () => smtp.close(), () => hook.close()]) {
    try {
      await stop();
    } catch {
      // not started
    }
  }
});

const candidate = (key: string, regionCode: string, organizationId: number): AlertCandidate => ({
  source: 'rule.cold_chain_excursion', grade: 'major', regionCode, department: 'distribution_supervision',
  subject: { type: 'lot', key, label: `杭州投递测试 · 体外诊断试剂 ${key}`, lot: key, organizationId }, evidence: { worstC: 11.6 },
});

describe('subscriptions and outbound delivery', { timeout: 30_000 }, () => {
  it('validates subscriptions, keeps the secret write-only and scopes them to the office', async () => {
    const bad = await call(t().app, w.province, { method: 'POST', url: '/api/alerts/subscriptions', payload: { channel: 'webhook', target: 'ftp://x', secret: 'short' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { code: string }) => e.code).sort()).toEqual(['alert.subscription_secret_required', 'alert.subscription_target_invalid']);
    const outside = await call(t().app, w.cityNb, { method: 'POST', url: '/api/alerts/subscriptions', payload: { jurisdictionCode: '330100', channel: 'email', target: 'a@b.cn' } });
    expect(outside.json().errors[0].code).toBe('alert.subscription_out_of_scope');

    const mail = await call(t().app, w.province, { method: 'POST', url: '/api/alerts/subscriptions', payload: { channel: 'email', target: 'duty@zjmpa.test', minGrade: 'major' } });
    expect(mail.statusCode, mail.body).toBe(201);
    expect(mail.json()).toMatchObject({ jurisdictionCode: '330000', channel: 'email', minGrade: 'major', hasSecret: false, active: true });
    const subscribeHook = { method: 'POST' as const, url: '/api/alerts/subscriptions', headers: { 'idempotency-key': 'hook-330100-1' }, payload: { jurisdictionCode: '330100', channel: 'webhook', target: hook.url, secret: SECRET } };
    const webhook = await call(t().app, w.province, subscribeHook);
    expect(webhook.statusCode, webhook.body).toBe(201);
    expect(webhook.json()).toMatchObject({ hasSecret: true });
    expect(webhook.body).not.toContain(SECRET);
    // A retry with the same key answers the stored subscription (no second one, no secret in the answer).
    const retried = await call(t().app, w.province, subscribeHook);
    expect([retried.statusCode, retried.headers['idempotent-replayed'], retried.json().id]).toEqual([201, 'true', webhook.json().id]);
    expect(retried.body).not.toContain(SECRET);
    const list = await call(t().app, w.province, { method: 'GET', url: '/api/alerts/subscriptions' });
    expect(list.json().total).toBe(2);
    expect(list.body).not.toContain(SECRET);
    expect((await call(t().app, w.cityNb, { method: 'GET', url: '/api/alerts/subscriptions' })).json().total).toBe(0);
    const audit = await t().deps.db.selectFrom('audit_log').select('details').where('action', '=', 'alert.subscription.create').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it('e-mails over SMTP and POSTs a signed webhook, retrying with the same delivery id after a failure', async () => {
    const { alertIds: [hzAlert] } = await raiseAlerts(t().deps, [candidate('IV01', '330106', w.hz), candidate('NB01', '330212', w.nb)]);
    const delivery = new AlertDelivery(t().deps, [email, new WebhookChannel()], { backoffMs: 0 });
    // First run: the e-mail goes out for both (province-wide subscription), the Hangzhou webhook fails once.
    expect(await delivery.run()).toBe(2);
    expect(smtp.messages).toHaveLength(2);
    const m = smtp.messages.find((x) => x.data.includes(`X-Lianjian-Alert: ${hzAlert}`));
    expect(m?.to).toEqual(['<duty@zjmpa.test>']);
    expect(m?.from).toBe('<alerts@lianjian.test>');
    const subject = decodeMimeWords(/^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(m?.data ?? '')?.[1]?.replace(/\r\n[ \t]/g, ' ') ?? '');
    expect(subject).toBe('【链监预警·较大】冷链温度超标：杭州投递测试 · 体外诊断试剂 IV01');
    expect(hook.requests).toHaveLength(1);
    expect(hook.requests[0]?.status).toBe(500);

    expect(await delivery.run()).toBe(1);
    expect(hook.requests).toHaveLength(2);
    const [first, second] = hook.requests;
    expect(second?.status).toBe(200);
    expect(second?.headers['x-lianjian-delivery']).toBe(first?.headers['x-lianjian-delivery']);
    const ts = second?.headers['x-lianjian-timestamp'] as string;
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    expect(second?.headers['x-lianjian-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(`${ts}.${second?.body}`).digest('hex')}`);
    const body = JSON.parse(second?.body ?? '{}');
    expect(body).toMatchObject({ deliveryId: second?.headers['x-lianjian-delivery'], kind: 'created', alert: { id: hzAlert, grade: 'major', source: 'rule.cold_chain_excursion', originRegionCode: '330106' } });

    const rows = await t().deps.db.selectFrom('alert_deliveries').select(['alert_id', 'status', 'attempts', 'last_error']).orderBy('id').execute();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 2], ['sent', 1]]);
    // Nothing more to send; the Ningbo alert never went to the Hangzhou webhook.
    expect(await delivery.run()).toBe(0);
    expect(hook.requests.every((r) => JSON.parse(r.body).alert.id === hzAlert)).toBe(true);
  });

  it('gives a delivery up after the last attempt and records why', async () => {
    const down = await startWebhookReceiver([503, 503, 503]);
    await call(t().app, w.cityNb, { method: 'POST', url: '/api/alerts/subscriptions', payload: { channel: 'webhook', target: down.url, secret: SECRET, minGrade: 'critical' } });
    const { alertIds: [id] } = await raiseAlerts(t().deps, [{ ...candidate('NB02', '330212', w.nb), grade: 'critical' }]);
    const delivery = new AlertDelivery(t().deps, [email, new WebhookChannel()], { backoffMs: 0, maxAttempts: 2 });
    await delivery.run();
    await delivery.run();
    await delivery.run();
    const row = await t().deps.db.selectFrom('alert_deliveries as d').innerJoin('alert_subscriptions as s', 's.id', 'd.subscription_id').select(['d.status', 'd.attempts', 'd.last_error'])
      .where('d.alert_id', '=', id as number).where('s.channel', '=', 'webhook').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', attempts: 2, last_error: 'webhook answered HTTP 503' });
    expect(down.requests).toHaveLength(2);
    await down.close();
  });
});

describe('failureText', () => {
  it('keeps no credentials of a URL in a stored delivery error', async () => {
    const refused = await fetch('https://hook-user:pw-0123456789@127.0.0.1:9/hook').then(() => '', (e: unknown) => failureText(e));
    expect(refused).toContain('//***@127.0.0.1:9/hook');
    expect(refused).not.toContain('pw-0123456789');
    expect(failureText(new Error('smtp://alerts:s3cret@mail.zj.gov.cn:25 refused'))).toBe('smtp://***@mail.zj.gov.cn:25 refused');
    expect(failureText('x'.repeat(400))).toHaveLength(300);
  });
});

