import { shanghaiDate } from '@lianjian/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, loginHeaders, useTestApp } from '../test/test-app.ts';
import { planDemoRisk, pumpAlignment, type DemoRiskPlan } from './demo-risk.ts';
import { DEMO_PASSWORD } from './demo-world.ts';
import { loadDemoWorld, type DemoLoadResult } from './load-demo-world.ts';

const t = useTestApp();
let result: DemoLoadResult;
let plan: DemoRiskPlan;
let loadMs = 0;

beforeAll(async () => {
  const started = Date.now();
  result = await loadDemoWorld(t().deps, { scale: 0.3, referenceDate: shanghaiDate(new Date()) });
  loadMs = Date.now() - started;
  plan = planDemoRisk(result.world, await pumpAlignment(t().deps));
}, 300_000);

interface AlertItem { source: string; grade: string; regionCode: string; department: string; subject: { key: string }; attribution?: { label: string; score: number; evidence: { factor: string }[] } | null; evidence: Record<string, unknown> }

async function inbox(username: string): Promise<AlertItem[]> {
  const headers = await loginHeaders(t().app, username, DEMO_PASSWORD);
  const res = await call(t().app, headers, { method: 'GET', url: '/api/alerts?pageSize=200' });
  expect(res.statusCode).toBe(200);
  return res.json().items as AlertItem[];
}

describe('demo risk signals', () => {
  it('files the planned reports and ends the load with one risk run', async () => {
    console.info(`demo world with risk signals loaded in ${loadMs} ms`);
    const db = t().deps.db;
    const reports = Number((await db.selectFrom('adverse_event_reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(reports).toBeGreaterThanOrEqual(plan.reports.length);
    const runs = await db.selectFrom('risk_runs').selectAll().execute();
    expect(runs.map((r) => [r.trigger, r.status, r.error])).toEqual([['demo', 'done', null]]);
    expect(runs[0]?.signals).toBeGreaterThanOrEqual(3);
    console.info(`demo risk run: ${runs[0]?.duration_ms} ms, ${runs[0]?.signals} signals, summary ${JSON.stringify(runs[0]?.summary)}`);
    expect(plan.qualityHospitalGlns).toHaveLength(9);
  });

  it('shows the national regulator the glucose-meter surge and both pump cases, attributed', async () => {
    const items = await inbox('demo-national');
    const surge = items.find((a) => a.source === 'signal.surge' && a.subject.key === `${plan.meterDi}@${plan.surgeCity}`);
    expect(surge).toMatchObject({ grade: 'major', department: 'ae_monitoring' });
    expect(surge?.evidence).toMatchObject({ city: plan.surgeCity });
    const use = items.find((a) => a.source === 'signal.disproportionality' && a.subject.key === `${plan.pumpUseDi}#A141204`);
    expect(use).toMatchObject({ grade: 'major', department: 'inspection_enforcement' });
    expect(use?.attribution?.label).toBe('use');
    // Aligned with the use-records demo: its untrained nurses are part of the evidence.
    const align = await pumpAlignment(t().deps);
    expect(align.pumpUseDi).toBe(plan.pumpUseDi);
    expect(use?.attribution?.evidence.map((e) => e.factor)).toContain('operators_untrained');
    // The registrant's investigation (demo-investigations.ts) concluded use error for one of the cases.
    expect(use?.attribution?.evidence.map((e) => e.factor)).toContain('investigation_use_cause');
    const quality = items.find((a) => a.source === 'signal.disproportionality' && a.subject.key === `${plan.pumpQualityDi}#A141204`);
    expect(quality).toMatchObject({ grade: 'major', department: 'production_supervision' });
    expect(quality?.attribution?.label).toBe('quality');
    expect(quality?.attribution?.evidence.map((e) => e.factor)).toContain('investigation_device_cause');
  });

  it('routes the use-related pump alert to the hospital’s province and the surge to Zhejiang', async () => {
    const items = await inbox('demo-province');
    const keys = items.map((a) => a.subject.key);
    expect(keys).toContain(`${plan.meterDi}@${plan.surgeCity}`);
    const hospital = result.world.organizations.find((o) => o.gln === plan.useHospitalGln);
    if (hospital?.regionCode.startsWith('33')) expect(keys).toContain(`${plan.pumpUseDi}#A141204`);
    expect(items.every((a) => a.regionCode.startsWith('33'))).toBe(true);
  });
});
