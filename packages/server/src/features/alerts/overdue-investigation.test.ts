import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { AlertEngine } from './alert-engine.ts';
import { alertsRepository } from './alerts.repository.ts';

/**
 * The registrant's investigation past its due date (issue 5 §2): a serious-injury report filed
 * through the public API with its date known long ago has an investigation due date in the past;
 * the periodic check raises one alert at the registrant's region, once, and nothing for a case the
 * registrant has closed with a final filing.
 */
const t = useTestApp();
const w = {} as { hosp: Record<string, string>; mfr: Record<string, string>; province: Record<string, string>; mfrId: number; di: string };

beforeAll(async () => {
  const { deps, app } = t();
  const hosp = await makeOrganization(deps, { type: 'institution', regionCode: '330106' });
  const mfr = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330212', name: '宁波测试器械' });
  w.mfrId = mfr.id;
  w.di = (await makeProduct(deps, mfr.id, mfr.gs1CompanyPrefix ?? '')).di ?? '';
  w.hosp = await loginHeaders(app, await makeUser(deps, { role: 'institution', organizationId: hosp.id }), PASSWORD);
  w.mfr = await loginHeaders(app, await makeUser(deps, { role: 'enterprise', organizationId: mfr.id }), PASSWORD);
  w.province = await loginHeaders(app, await makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }), PASSWORD);
}, 120_000);

let seq = 1;
async function submit(lot: string): Promise<{ id: number; reportNo: string }> {
  const first17 = `11010519700101${String(seq++).padStart(3, '0')}`;
  const res = await call(t().app, w.hosp, {
    method: 'POST', url: '/api/adverse-events', payload: {
      productDi: w.di, lot, patient: { name: '王五', idNumber: `${first17}${residentIdCheckChar(first17)}`, sex: 'male', age: 70 },
      manifestation: '输液泵流速异常导致过量输注', eventDate: '2026-02-12', dateKnown: '2026-02-13', outcome: 'serious_injury', operatorType: 'professional', imdrfCodes: ['A0601'],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; reportNo: string };
}

async function overdue() {
  const res = await call(t().app, w.province, { method: 'GET', url: '/api/alerts?pageSize=100&source=rule.ae_investigation_overdue' });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: (Record<string, unknown> & { subject: Record<string, unknown>; evidence: Record<string, unknown> })[] }).items;
}

describe('overdue registrant investigation', { timeout: 30_000 }, () => {
  it('raises one major alert at the registrant\'s region, once; a case closed by a final filing raises nothing', async () => {
    const open = await submit('OV-1');
    const closed = await submit('OV-2');
    const final = await call(t().app, w.mfr, {
      method: 'POST', url: `/api/adverse-events/${closed.id}/investigations`,
      payload: { status: 'final', findings: '操作人员未经培训，误设流速单位', findingCodes: ['C23'], conclusionCodes: ['D1102'], rootCause: 'use_error', correctiveActions: '再培训' },
    });
    expect(final.statusCode, final.body).toBe(201);
    expect(await overdue()).toHaveLength(0);

    const engine = new AlertEngine(t().deps, { periodicMs: 0 });
    await engine.tick();
    const list = await overdue();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      grade: 'major', department: 'ae_monitoring', level: 'province', regionCode: '330000', originRegionCode: '330212', occurrences: 1,
      subject: { type: 'report', key: `${open.reportNo}:investigation`, di: w.di, lot: 'OV-1', organizationId: w.mfrId },
      evidence: { outcome: 'serious_injury', cluster: false, dueRule: 'ae.registrant_investigation', lastStatus: null, reportId: open.id, reportNo: open.reportNo, registrant: { id: w.mfrId, regionCode: '330212' } },
    });
    expect(list[0]?.evidence.overdueHours).toBeGreaterThan(24 * 200);

    await engine.tick();
    const again = await overdue();
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: list[0]?.id, occurrences: 1 });
  });

  it('the final filing closes the open overdue alert at once, with a history entry naming the filing, seen by the feed', async () => {
    const report = await submit('OV-3');
    const engine = new AlertEngine(t().deps, { periodicMs: 0 });
    await engine.tick();
    const raised = (await overdue()).find((a) => a.subject.key === `${report.reportNo}:investigation`);
    expect(raised).toMatchObject({ status: 'new', evidence: { reportId: report.id } });
    const id = raised?.id as number;
    const file = (payload: object) => call(t().app, w.mfr, { method: 'POST', url: `/api/adverse-events/${report.id}/investigations`, payload });
    const findings = { findings: '流速传感器漂移', findingCodes: ['C23'], conclusionCodes: ['D1102'], rootCause: 'use_error' };

    // An interim filing does not stop the clock: the alert stays open.
    expect((await file({ status: 'in_progress', ...findings })).statusCode).toBe(201);
    const detail = () => call(t().app, w.province, { method: 'GET', url: `/api/alerts/${id}` });
    expect((await detail()).json()).toMatchObject({ status: 'new', closedAt: null });

    const seq = await alertsRepository.lastSeq(t().deps.db);
    const final = await file({ status: 'final', ...findings, correctiveActions: '更换传感器' });
    expect(final.statusCode, final.body).toBe(201);
    const closed = (await detail()).json();
    expect(closed).toMatchObject({ status: 'dismissed', dismissReason: 'resolved by final filing', overdue: false, allowedActions: [] });
    expect(closed.closedAt).toEqual(expect.any(String));
    expect(closed.history.at(-1)).toMatchObject({
      kind: 'action', action: 'dismiss', fromStatus: 'new', toStatus: 'dismissed', comment: 'resolved by final filing', actorType: 'system',
      details: { resolution: 'final_filing', investigationId: final.json().id, reportId: report.id, late: true },
    });
    // The SSE stream and deliveries read this feed: the closure is a status entry like any officer's action.
    const feed = await alertsRepository.eventsAfter(t().deps.db, { kind: 'all' }, seq, Number.MAX_SAFE_INTEGER, 100);
    expect(feed.map((e) => [e.alertId, e.kind])).toEqual([[id, 'status']]);

    // Nothing is raised again for the case, and the other open case is untouched.
    await engine.tick();
    const after = (await overdue()).filter((a) => a.subject.key === `${report.reportNo}:investigation`);
    expect(after.map((a) => [a.id, a.status])).toEqual([[id, 'dismissed']]);
    expect((await overdue()).filter((a) => a.status === 'new').map((a) => a.subject.lot)).toEqual(['OV-1']);
  });
});
