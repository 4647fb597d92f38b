import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { loginHeaders, useTestApp } from '../../test/test-app.ts';
import type { AlertCandidate } from './alert-candidate.ts';
import { raiseAlerts } from './alerts.service.ts';

/** Server-sent events over a real HTTP listener, read with fetch: scope, live delivery, Last-Event-ID replay. */
const t = useTestApp();
const w = {} as { base: string; cityHz: Record<string, string>; enterprise: Record<string, string>; hz: number; nb: number };

beforeAll(async () => {
  const { deps, app } = t();
  w.hz = (await makeOrganization(deps, { type: 'distributor', regionCode: '330106' })).id;
  w.nb = (await makeOrganization(deps, { type: 'distributor', regionCode: '330212' })).id;
  w.cityHz = await loginHeaders(app, await makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }), PASSWORD);
  w.enterprise = await loginHeaders(app, await makeUser(deps, { role: 'enterprise', organizationId: w.hz }), PASSWORD);
  await app.listen({ port: 0, host: '127.0.0.1' });
  w.base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}, 120_000);

const raise = async (key: string, region: 'hz' | 'nb') => {
  const c: AlertCandidate = {
    source: 'rule.cold_chain_excursion', grade: 'general', regionCode: region === 'hz' ? '330106' : '330212', department: 'distribution_supervision',
    subject: { type: 'lot', key, label: key, organizationId: region === 'hz' ? w.hz : w.nb }, evidence: {},
  };
  return (await raiseAlerts(t().deps, [c])).alertIds[0] as number;
};

interface SseMessage {
  id: string | undefined;
  event: string | undefined;
  data: { seq: number; kind: string; alert: { id: number; subject: { key: string } } };
}

/** Opens the stream and returns a reader of parsed messages (comments kept apart). */
async function open(headers: Record<string, string>) {
  const controller = new AbortController();
  const res = await fetch(`${w.base}/api/alerts/stream`, { headers, signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const comments: string[] = [];
  const next = async (timeoutMs = 4000): Promise<SseMessage> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        comments.push(...lines.filter((l) => l.startsWith(':')));
        const data = field('data');
        if (data !== undefined) return { id: field('id'), event: field('event'), data: JSON.parse(data) };
        continue;
      }
      if (Date.now() > deadline) throw new Error('no SSE message in time');
      const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no SSE message in time')), Math.max(1, deadline - Date.now())))]);
      if (chunk.done) throw new Error('stream ended');
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  return { res, next, comments, close: () => controller.abort() };
}

describe('GET /api/alerts/stream', { timeout: 30_000 }, () => {
  it('streams the alerts in scope as they are raised, with event ids, and no buffering headers', async () => {
    await raise('BEFORE', 'hz');
    const s = await open(w.cityHz);
    try {
      expect(s.res.status).toBe(200);
      expect(s.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(s.res.headers.get('x-accel-buffering')).toBe('no');
      const a = await raise('HZ-LIVE', 'hz');
      await raise('NB-HIDDEN', 'nb');
      const b = await raise('HZ-LIVE-2', 'hz');
      const m1 = await s.next();
      expect(m1).toMatchObject({ event: 'alert', data: { kind: 'created', alert: { id: a, subject: { key: 'HZ-LIVE' } } } });
      expect(m1.id).toBe(String(m1.data.seq));
      // The Ningbo alert is not in Hangzhou's scope: the next message is the second Hangzhou alert.
      const m2 = await s.next();
      expect(m2.data.alert.id).toBe(b);
      expect(Number(m2.id)).toBeGreaterThan(Number(m1.id) + 1);
      expect(s.comments.some((c) => c.startsWith(': connected at seq'))).toBe(true);
    } finally {
      s.close();
    }
  });

  it('replays what was missed after a reconnect with Last-Event-ID', async () => {
    const s = await open(w.cityHz);
    const seen = await raise('SEEN', 'hz');
    const m = await s.next();
    expect(m.data.alert.id).toBe(seen);
    s.close();
    const missed1 = await raise('MISSED-1', 'hz');
    await raise('MISSED-NB', 'nb');
    const missed2 = await raise('MISSED-2', 'hz');
    const again = await open({ ...w.cityHz, 'last-event-id': m.id as string });
    try {
      expect((await again.next()).data.alert.id).toBe(missed1);
      expect((await again.next()).data.alert.id).toBe(missed2);
      const live = await raise('AFTER', 'hz');
      expect((await again.next()).data.alert.id).toBe(live);
    } finally {
      again.close();
    }
  });

  it('ends with session_expired once the session is logged out, delivering nothing more', async () => {
    const { app, deps } = t();
    const own = await loginHeaders(app, await makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }), PASSWORD);
    const s = await open(own);
    try {
      const before = await raise('BEFORE-LOGOUT', 'hz');
      expect((await s.next()).data.alert.id).toBe(before);
      expect((await fetch(`${w.base}/api/auth/logout`, { method: 'POST', headers: own })).status).toBe(204);
      await raise('AFTER-LOGOUT', 'hz');
      const last = await s.next();
      expect(last.event).toBe('session_expired');
      await expect(s.next()).rejects.toThrow('stream ended');
    } finally {
      s.close();
    }
  });

  it('refuses organisations and strangers', async () => {
    expect((await fetch(`${w.base}/api/alerts/stream`, { headers: w.enterprise })).status).toBe(403);
    expect((await fetch(`${w.base}/api/alerts/stream`)).status).toBe(401);
  });
});
