import { shanghaiDate } from '@lianjian/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, loginHeaders, useTestApp } from '../test/test-app.ts';
import { planDemoAlerts, type DemoAlertPlan } from './demo-alerts.ts';
import { planDemoRestriction } from './demo-restrictions.ts';
import { DEMO_PASSWORD } from './demo-world.ts';
import { loadDemoWorld, type DemoLoadResult } from './load-demo-world.ts';

/** After the demo world loads, the demo regulators' inboxes hold the planted rule alerts. */
const t = useTestApp();
let result: DemoLoadResult;
let plan: DemoAlertPlan;

beforeAll(async () => {
  result = await loadDemoWorld(t().deps, { scale: 0.3, referenceDate: shanghaiDate(new Date()) });
  plan = planDemoAlerts(result.world, result.chain);
}, 300_000);

interface AlertItem {
  id: number; source: string; grade: string; status: string; regionCode: string; level: string; originRegionCode: string; department: string;
  deadline: string; createdAt: string; deadlineRule: string; subject: { key: string; di: string | null; lot: string | null; serial: string | null; organizationName: string | null }; evidence: Record<string, unknown>;
}

async function alerts(username: string, query = ''): Promise<AlertItem[]> {
  const headers = await loginHeaders(t().app, username, DEMO_PASSWORD);
  const res = await call(t().app, headers, { method: 'GET', url: `/api/alerts?pageSize=500${query}` });
  expect(res.statusCode).toBe(200);
  return res.json().items as AlertItem[];
}

const hours = (a: AlertItem) => (Date.parse(a.deadline) - Date.parse(a.createdAt)) / 3_600_000;
const orgName = (key: string) => result.world.organizations.find((o) => o.key === key)?.name;

describe('demo rule alerts', { timeout: 30_000 }, () => {
  it('a Hangzhou distributor selling a glucose meter whose registration has expired (city regulator sees it, province is responsible)', async () => {
    const found = (await alerts('demo-city', '&source=rule.registration_invalid')).filter((a) => a.subject.di === plan.expiredDi);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ grade: 'major', status: 'new', level: 'province', regionCode: '330000', originRegionCode: '330106', department: 'distribution_supervision', deadlineRule: 'alert.verify.major', subject: { organizationName: orgName(plan.sellerKey) }, evidence: { reason: 'expired' } });
    // Two working days: at least 48 hours after raising, ending at 23:59:59.999 Shanghai time.
    expect(hours(found[0] as AlertItem)).toBeGreaterThan(24);
    expect(found[0]?.deadline).toMatch(/T23:59:59\.999\+08:00$/);
  });

  it('one serial used at two hospitals (critical, inspection, province)', async () => {
    const serial = plan.twinCode.split('/21/')[1];
    const found = (await alerts('demo-province', '&source=rule.serial_two_places')).filter((a) => a.subject.serial === serial);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ grade: 'critical', level: 'province', regionCode: '330000', originRegionCode: '330106', department: 'inspection_enforcement', evidence: { reason: 'used_twice' } });
    expect(hours(found[0] as AlertItem)).toBe(24);
  });

  it('a late death report (critical, AE monitoring) and the IVD cold-chain excursion (national regulator)', async () => {
    const late = (await alerts('demo-city', '&source=rule.ae_report_late')).filter((a) => a.evidence.outcome === 'death');
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ grade: 'critical', level: 'province', regionCode: '330000', originRegionCode: '330106', department: 'ae_monitoring', evidence: { deadlineRule: 'ae.death' } });
    const ivd = result.chain.wellKnown.find((w) => w.key === 'ivd-lot-excursion');
    const cold = (await alerts('demo-national', '&source=rule.cold_chain_excursion'));
    expect(cold.map((a) => a.subject.lot)).toEqual([ivd?.lot]);
    expect(cold[0]).toMatchObject({ grade: 'major', level: 'province', department: 'distribution_supervision', evidence: { worstC: 11.6 } });
    expect(cold[0]?.regionCode).toBe(`${cold[0]?.originRegionCode.slice(0, 2)}0000`);
  });

  it('raises nothing else from the ordinary world but what the load planted (no false rule alerts)', async () => {
    const all = await alerts('demo-national');
    const rules = all.filter((a) => a.source.startsWith('rule.')).map((a) => a.source).sort();
    console.info(`demo rule alerts: ${JSON.stringify(rules.reduce<Record<string, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {}))}`);
    // The production demo's mask batch released with a failed filtration test is the fifth.
    expect(rules).toEqual(['rule.ae_report_late', 'rule.cold_chain_excursion', 'rule.registration_invalid', 'rule.released_with_failed_test', 'rule.restricted_lot_moving', 'rule.serial_two_places']);
  });

  it("THE mask lot's level II recall by the Zhejiang province, and the one holder that moved the lot on after it (major)", async () => {
    const recall = planDemoRestriction(result.world, result.chain);
    expect(recall).not.toBeNull();
    const moving = (await alerts('demo-national', '&source=rule.restricted_lot_moving'));
    expect(moving.map((a) => [a.subject.di, a.subject.lot, a.grade, a.subject.organizationName, a.evidence.step])).toEqual([[recall?.di, recall?.lot, 'major', orgName(recall?.moverKey ?? ''), recall?.step]]);
    const headers = await loginHeaders(t().app, 'demo-city', DEMO_PASSWORD);
    const list = await call(t().app, headers, { method: 'GET', url: `/api/lot-restrictions?di=${recall?.di}&lot=${recall?.lot}` });
    expect(list.json()).toMatchObject({ total: 1, items: [{ kind: 'recall', recallLevel: 2, regionCode: '330000', active: true }] });
  });
});
