import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import type { AlertCandidate } from './alert-candidate.ts';
import { alertClock } from './alert-routing.ts';
import { escalateOverdue, raiseAlerts } from './alerts.service.ts';

/** raiseAlerts: routing by grade policy, deadlines on the working-day calendar, dedup, escalation. */
const t = useTestApp();
const realNow = alertClock.now;
afterEach(() => {
  alertClock.now = realNow;
});

let hz: { id: number };
beforeAll(async () => {
  hz = await makeOrganization(t().deps, { type: 'distributor', regionCode: '330106' });
}, 120_000);

const candidate = (over: Partial<AlertCandidate> & { key: string }): AlertCandidate => ({
  source: 'rule.test', grade: 'general', regionCode: '330106', department: 'distribution_supervision',
  subject: { type: 'organization', key: over.key, label: '测试经营企业', organizationId: hz.id }, evidence: { n: 1 }, ...over,
});
const row = (id: number) => t().deps.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('raiseAlerts', { timeout: 30_000 }, () => {
  it('routes by the grade policy and sets the deadline on the working-day calendar across National Day 2026', async () => {
    alertClock.now = () => new Date('2026-09-30T10:00:00+08:00');
    const r = await raiseAlerts(t().deps, [
      candidate({ key: 'g1', grade: 'general' }), candidate({ key: 'm1', grade: 'major' }), candidate({ key: 'c1', grade: 'critical' }),
    ]);
    expect(r).toMatchObject({ created: 3, updated: 0 });
    const [g, m, c] = await Promise.all(r.alertIds.map(row));
    // general → city (330100), 3 working days: 10-08, 10-09 and the adjusted Saturday 10-10.
    expect([g?.level, g?.region_code, g?.deadline.toISOString()]).toEqual(['city', '330100', '2026-10-10T15:59:59.999Z']);
    // major → province, 2 working days.
    expect([m?.level, m?.region_code, m?.deadline.toISOString()]).toEqual(['province', '330000', '2026-10-09T15:59:59.999Z']);
    // critical → province, 24 hours, holidays or not.
    expect([c?.level, c?.region_code, c?.deadline.toISOString()]).toEqual(['province', '330000', '2026-10-01T02:00:00.000Z']);
    expect(g?.origin_region_code).toBe('330106');
    const feed = await t().deps.db.selectFrom('alert_events').select(['alert_id', 'kind']).where('alert_id', 'in', r.alertIds).orderBy('seq').execute();
    expect(feed.map((e) => e.kind)).toEqual(['created', 'created', 'created']);
  });

  it('deduplicates an open alert (occurrences 2, grade raised) and re-opens a new alert only after closing', async () => {
    const first = await raiseAlerts(t().deps, [candidate({ key: 'dup', grade: 'general', evidence: { n: 1 } })]);
    const second = await raiseAlerts(t().deps, [candidate({ key: 'dup', grade: 'major', evidence: { n: 2 } })]);
    expect(second).toEqual({ created: 0, updated: 1, alertIds: first.alertIds });
    const a = await row(first.alertIds[0] as number);
    expect([a.occurrences, a.grade, a.evidence]).toEqual([2, 'major', { n: 1 }]);
    const history = await t().deps.db.selectFrom('alert_history').select(['kind', 'details']).where('alert_id', '=', a.id).orderBy('id').execute();
    expect(history.map((h) => h.kind)).toEqual(['raised', 'recurred']);
    expect(history[1]?.details).toMatchObject({ evidence: { n: 2 }, gradeFrom: 'general', gradeTo: 'major' });

    await t().deps.db.updateTable('alerts').set({ status: 'dismissed', closed_at: new Date() }).where('id', '=', a.id).execute();
    const third = await raiseAlerts(t().deps, [candidate({ key: 'dup' })]);
    expect(third.created).toBe(1);
    expect(third.alertIds[0]).not.toBe(a.id);
  });

  it('follows the policy table: the system admin routes major alerts to the city with 1 working day', async () => {
    const admin = await loginHeaders(t().app, await makeUser(t().deps, { role: 'sysadmin' }), PASSWORD);
    const patch = await call(t().app, admin, { method: 'PATCH', url: '/api/deadline-rules/alert.verify.major', payload: { amount: 1, responsible: 'city' } });
    expect(patch.statusCode, patch.body).toBe(200);
    alertClock.now = () => new Date('2026-09-30T10:00:00+08:00');
    const { alertIds: [id] } = await raiseAlerts(t().deps, [candidate({ key: 'policy', grade: 'major' })]);
    const a = await row(id as number);
    // One working day after Wednesday 30 September: Thursday 8 October, after the National Day holidays.
    expect([a.level, a.region_code, a.deadline.toISOString()]).toEqual(['city', '330100', '2026-10-08T15:59:59.999Z']);
    await call(t().app, admin, { method: 'PATCH', url: '/api/deadline-rules/alert.verify.major', payload: { amount: 2, responsible: 'province' } });
  });

  it('works inside the caller’s transaction and rolls back with it', async () => {
    const { deps } = t();
    await expect(deps.db.transaction().execute(async (trx) => {
      const r = await raiseAlerts({ ...deps, db: trx }, [candidate({ key: 'rollback' })]);
      expect(r.created).toBe(1);
      throw new Error('abort');
    })).rejects.toThrow('abort');
    const n = await deps.db.selectFrom('alerts').select('id').where('subject_key', '=', 'rollback').execute();
    expect(n).toEqual([]);
  });

  it('escalates an overdue open alert city → province → national with a fresh deadline', async () => {
    alertClock.now = () => new Date('2026-11-02T09:00:00+08:00'); // Monday
    const { alertIds: [id] } = await raiseAlerts(t().deps, [candidate({ key: 'late', grade: 'general' })]);
    expect((await row(id as number)).deadline.toISOString()).toBe('2026-11-05T15:59:59.999Z');
    expect(await escalateOverdue(t().deps)).not.toContain(id);
    alertClock.now = () => new Date('2026-11-06T09:00:00+08:00');
    expect(await escalateOverdue(t().deps)).toContain(id);
    let a = await row(id as number);
    expect([a.level, a.region_code, a.escalation_count, a.deadline.toISOString()]).toEqual(['province', '330000', 1, '2026-11-11T15:59:59.999Z']);
    alertClock.now = () => new Date('2026-11-12T09:00:00+08:00');
    await escalateOverdue(t().deps);
    a = await row(id as number);
    expect([a.level, a.region_code, a.escalation_count]).toEqual(['national', '000000', 2]);
    alertClock.now = () => new Date('2026-12-30T09:00:00+08:00');
    expect(await escalateOverdue(t().deps)).not.toContain(id);
    const history = await t().deps.db.selectFrom('alert_history').select(['kind', 'from_level', 'to_level']).where('alert_id', '=', id as number).orderBy('id').execute();
    expect(history).toEqual([
      { kind: 'raised', from_level: null, to_level: 'city' },
      { kind: 'escalated', from_level: 'city', to_level: 'province' },
      { kind: 'escalated', from_level: 'province', to_level: 'national' },
    ]);
  });

  it('the same new key raised by two producers at once opens one alert that counts both', async () => {
    const [a, b] = await Promise.all([raiseAlerts(t().deps, [candidate({ key: 'race-1' })]), raiseAlerts(t().deps, [candidate({ key: 'race-1' })])]);
    expect(a.alertIds[0]).toBe(b.alertIds[0]);
    expect(a.created + b.created).toBe(1);
    const rows = await t().deps.db.selectFrom('alerts').select(['occurrences']).where('dedup_key', '=', 'rule.test:organization:race-1').execute();
    expect(rows).toEqual([{ occurrences: 2 }]);
  });

  it('two escalation passes at once move an overdue alert up one level only', async () => {
    alertClock.now = () => new Date('2026-11-02T10:00:00+08:00');
    const id = (await raiseAlerts(t().deps, [candidate({ key: 'esc-race' })])).alertIds[0] as number;
    alertClock.now = () => new Date('2026-12-01T10:00:00+08:00');
    const [x, y] = await Promise.all([escalateOverdue(t().deps), escalateOverdue(t().deps)]);
    expect([...x, ...y].filter((e) => e === id)).toEqual([id]);
    const a = await row(id);
    expect([a.level, a.escalation_count]).toEqual(['province', 1]);
  });
});
