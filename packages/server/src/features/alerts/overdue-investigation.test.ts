import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { AlertEngine } from './alert-engine.ts';

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
});
