import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import type { AlertCandidate } from './alert-candidate.ts';
import { alertClock } from './alert-routing.ts';
import { raiseAlerts } from './alerts.service.ts';

/** The alerts API: scope, filters, lifecycle (and its 409s), detail with history, inbox, CSV. */
const t = useTestApp();
const realNow = alertClock.now;
afterEach(() => {
  alertClock.now = realNow;
});

type Who = 'national' | 'province' | 'cityHz' | 'cityNb' | 'enterprise' | 'sysadmin';
const w = {} as { h: Record<Who, Record<string, string>>; hz: number; nb: number; ids: { hz: number; nb: number; hzCritical: number } };

const candidate = (key: string, over: Partial<AlertCandidate> = {}): AlertCandidate => ({
  source: 'rule.cold_chain_excursion', grade: 'general', regionCode: '330106', department: 'distribution_supervision',
  subject: { type: 'lot', key, label: `测试批次 ${key}`, di: '06901234567892', lot: key, organizationId: w.hz }, evidence: { worstC: 11.6 }, ...over,
});

beforeAll(async () => {
  const { deps, app } = t();
  const hz = await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  const nb = await makeOrganization(deps, { type: 'distributor', regionCode: '330212' });
  w.hz = hz.id;
  w.nb = nb.id;
  const users: Record<Who, Promise<string>> = {
    national: makeUser(deps, { role: 'regulator', jurisdictionCode: '000000', regulatorLevel: 'national' }),
    province: makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    cityNb: makeUser(deps, { role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' }),
    enterprise: makeUser(deps, { role: 'enterprise', organizationId: hz.id }),
    sysadmin: makeUser(deps, { role: 'sysadmin' }),
  };
  w.h = {} as typeof w.h;
  for (const who of Object.keys(users) as Who[]) w.h[who] = await loginHeaders(app, await users[who], PASSWORD);
  alertClock.now = () => new Date('2026-09-30T10:00:00+08:00');
  const r = await raiseAlerts(deps, [
    candidate('HZ1'),
    candidate('NB1', { regionCode: '330212', subject: { type: 'lot', key: 'NB1', label: '宁波批次', organizationId: nb.id } }),
    candidate('HZ2', { grade: 'critical', source: 'rule.serial_two_places', department: 'inspection_enforcement' }),
  ]);
  w.ids = { hz: r.alertIds[0] as number, nb: r.alertIds[1] as number, hzCritical: r.alertIds[2] as number };
}, 120_000);

const get = (who: Who, url: string) => call(t().app, w.h[who], { method: 'GET', url });
const act = (who: Who, id: number, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(t().app, { ...w.h[who], ...headers }, { method: 'POST', url: `/api/alerts/${id}/actions`, payload });
const ids = (res: { json(): { items: { id: number }[] } }) => res.json().items.map((a) => a.id).sort((a, b) => a - b);

describe('GET /api/alerts', { timeout: 30_000 }, () => {
  it('scopes by jurisdiction: Hangzhou does not see Ningbo; the province and the nation see both; organisations none', async () => {
    expect(ids(await get('cityHz', '/api/alerts'))).toEqual([w.ids.hz, w.ids.hzCritical]);
    expect(ids(await get('cityNb', '/api/alerts'))).toEqual([w.ids.nb]);
    expect(ids(await get('province', '/api/alerts'))).toEqual([w.ids.hz, w.ids.nb, w.ids.hzCritical]);
    expect(ids(await get('national', '/api/alerts'))).toEqual([w.ids.hz, w.ids.nb, w.ids.hzCritical]);
    for (const who of ['enterprise', 'sysadmin'] as const) expect((await get(who, '/api/alerts')).statusCode).toBe(403);
    expect((await get('cityNb', `/api/alerts/${w.ids.hz}`)).statusCode).toBe(404);
  });

  it('carries the fixed-point fields and filters by grade, status, department, region, overdue', async () => {
    alertClock.now = () => new Date('2026-09-30T12:00:00+08:00');
    const res = await get('province', '/api/alerts?grade=critical');
    expect(res.json()).toMatchObject({ total: 1, items: [{
      id: w.ids.hzCritical, grade: 'critical', status: 'new', source: 'rule.serial_two_places', regionCode: '330000', level: 'province', department: 'inspection_enforcement',
      deadline: '2026-10-01T10:00:00.000+08:00', createdAt: '2026-09-30T10:00:00.000+08:00', subject: { type: 'lot', key: 'HZ2', di: '06901234567892', lot: 'HZ2', organizationId: w.hz },
      evidence: { worstC: 11.6 }, attribution: null, allowedActions: ['acknowledge', 'verify', 'dismiss'],
    }] });
    expect(ids(await get('province', '/api/alerts?department=distribution_supervision'))).toEqual([w.ids.hz, w.ids.nb]);
    expect(ids(await get('province', '/api/alerts?region=330200'))).toEqual([w.ids.nb]);
    expect(ids(await get('province', '/api/alerts?status=new&grade=general'))).toEqual([w.ids.hz, w.ids.nb]);
    expect(ids(await get('province', '/api/alerts?overdue=true'))).toEqual([]);
    alertClock.now = () => new Date('2026-10-02T10:00:00+08:00');
    const overdue = await get('province', '/api/alerts?overdue=true');
    expect(ids(overdue)).toEqual([w.ids.hzCritical]);
    expect(overdue.json().items[0].overdue).toBe(true);
    expect(ids(await get('province', '/api/alerts?sort=-grade&pageSize=1'))).toEqual([w.ids.hzCritical]);
  });

  it('exports CSV with a BOM and Chinese headers', async () => {
    const res = await get('cityHz', '/api/alerts?format=csv');
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,等级 grade,状态 status,来源 source/);
    expect(lines).toHaveLength(3);
  });
});

describe('lifecycle', { timeout: 30_000 }, () => {
  it('acknowledge → verify → confirm, with history, audit and 409 on an invalid move in both languages', async () => {
    const bad = await act('cityHz', w.ids.hz, { action: 'confirm' });
    expect(bad.statusCode).toBe(409);
    expect(bad.json()).toMatchObject({ code: 'alert.invalid_transition', params: { status: 'new', action: 'confirm', allowed: 'acknowledge, verify, dismiss' } });
    expect(JSON.stringify(bad.json())).toMatch(/预警 \d+ 当前状态为“new”，不能执行“confirm”/);
    const badEn = await call(t().app, { ...w.h.cityHz, 'accept-language': 'en' }, { method: 'POST', url: `/api/alerts/${w.ids.hz}/actions`, payload: { action: 'confirm' } });
    expect(JSON.stringify(badEn.json())).toMatch(/not allowed in this status/);

    expect((await act('cityHz', w.ids.hz, { action: 'acknowledge', comment: '已收到' })).json()).toMatchObject({ status: 'acknowledged' });
    expect((await act('cityHz', w.ids.hz, { action: 'acknowledge' })).statusCode).toBe(409);
    expect((await act('cityHz', w.ids.hz, { action: 'verify' })).json()).toMatchObject({ status: 'verifying', allowedActions: ['confirm', 'dismiss'] });
    const done = await act('cityHz', w.ids.hz, { action: 'confirm', comment: '现场核查属实' });
    expect(done.json()).toMatchObject({ status: 'confirmed', allowedActions: [] });
    expect(done.json().closedAt).not.toBeNull();
    expect(done.json().history.map((h: { kind: string; action: string | null; fromStatus: string | null; toStatus: string | null }) => [h.kind, h.action, h.fromStatus, h.toStatus])).toEqual([
      ['raised', null, null, 'new'], ['action', 'acknowledge', 'new', 'acknowledged'], ['action', 'verify', 'acknowledged', 'verifying'], ['action', 'confirm', 'verifying', 'confirmed'],
    ]);
    expect(done.json().history[3]).toMatchObject({ comment: '现场核查属实', actorType: 'user' });
    expect((await act('cityHz', w.ids.hz, { action: 'dismiss', reason: 'x' })).statusCode).toBe(409);
    const audit = await t().deps.db.selectFrom('audit_log').select('action').where('object_type', '=', 'alert').where('object_id', '=', String(w.ids.hz)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['alert.raise', 'alert.acknowledge', 'alert.verify', 'alert.confirm']);
  });

  it('dismiss needs a reason (422 naming the field); out of scope is 404; an Idempotency-Key replays', async () => {
    const missing = await act('cityNb', w.ids.nb, { action: 'dismiss' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0]).toMatchObject({ code: 'alert.dismiss_reason_required', path: 'reason' });
    expect((await act('cityHz', w.ids.nb, { action: 'dismiss', reason: '误报' })).statusCode).toBe(404);
    const key = { 'idempotency-key': 'dismiss-nb-1' };
    const first = await act('cityNb', w.ids.nb, { action: 'dismiss', reason: '数据录入错误' }, key);
    expect(first.json()).toMatchObject({ status: 'dismissed', dismissReason: '数据录入错误' });
    const again = await act('cityNb', w.ids.nb, { action: 'dismiss', reason: '数据录入错误' }, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await act('enterprise', w.ids.nb, { action: 'acknowledge' })).statusCode).toBe(403);
  });
});

describe('inbox', { timeout: 30_000 }, () => {
  it('lists open alerts with unread markers; reading one marks it for that user only', async () => {
    const before = await get('province', '/api/alerts/inbox');
    expect(before.json()).toMatchObject({ unread: 1, total: 1, items: [{ id: w.ids.hzCritical, read: false }] });
    const read = await call(t().app, w.h.province, { method: 'POST', url: `/api/alerts/${w.ids.hzCritical}/read` });
    expect(read.json()).toEqual({ id: w.ids.hzCritical, read: true });
    expect((await get('province', '/api/alerts/inbox')).json()).toMatchObject({ unread: 0, items: [{ id: w.ids.hzCritical, read: true }] });
    expect((await get('province', '/api/alerts/inbox?unread=true')).json().total).toBe(0);
    expect((await get('national', '/api/alerts/inbox')).json()).toMatchObject({ unread: 1 });
    expect((await call(t().app, w.h.cityNb, { method: 'POST', url: `/api/alerts/${w.ids.hzCritical}/read` })).statusCode).toBe(404);
  });
});

describe('OpenAPI', { timeout: 30_000 }, () => {
  it('documents every alert route', async () => {
    const doc = (await t().app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const path of ['/api/alerts', '/api/alerts/inbox', '/api/alerts/stream', '/api/alerts/{id}', '/api/alerts/{id}/actions', '/api/alerts/{id}/read', '/api/alerts/subscriptions', '/api/alerts/subscriptions/{id}']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/alerts/{id}/actions'] ?? {})).toEqual(['post']);
  });
});
