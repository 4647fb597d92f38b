import { shanghaiDate } from '@lianjian/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, loginHeaders, useTestApp } from '../test/test-app.ts';
import { DEMO_PASSWORD } from './demo-world.ts';
import { loadDemoWorld, type DemoLoadResult } from './load-demo-world.ts';

const t = useTestApp();
let result: DemoLoadResult;
let loadMs = 0;

beforeAll(async () => {
  const started = Date.now();
  result = await loadDemoWorld(t().deps, { scale: 0.3, referenceDate: shanghaiDate(new Date()) });
  loadMs = Date.now() - started;
}, 300_000);

const getJson = async (username: string, url: string) => {
  const res = await call(t().app, await loginHeaders(t().app, username, DEMO_PASSWORD), { method: 'GET', url });
  expect(res.statusCode, `${url} ${res.body.slice(0, 300)}`).toBe(200);
  return res.json();
};

describe('demo production records', () => {
  it('the README\'s mask batch: materials with suppliers, clean-room readings, the failed BFE item, released anyway and flagged', async () => {
    const d = await getJson('demo-province', '/api/lots/06990001001004/MK00101');
    expect(d.product).toMatchObject({ name: '医用外科口罩', di: '06990001001004' });
    expect(d.manufacturer.name).toBe(result.world.organizations.find((o) => o.key === 'mfr-0')?.name);
    expect(d.production.materials.map((m: { material: { kind: string } }) => m.material.kind)).toEqual(['ear_loop', 'melt_blown', 'non_woven']);
    for (const m of d.production.materials) {
      expect(m.supplier.name).toMatch(/有限公司$/);
      expect(m.supplierQualifiedOnProductionDate).toBe(true);
      expect(m.qualifications).toHaveLength(3);
    }
    expect(d.production.environment).toMatchObject({ readingCount: 8, outOfLimitCount: 1, outOfLimit: [{ humidityPct: 67.2, exceedances: [{ field: 'humidityPct', limit: 65, bound: 'max' }] }] });
    expect(d.production.release).toMatchObject({ decision: 'released', failedCount: 1 });
    expect(d.production.release.failedItems[0]).toMatchObject({ name: '熔喷层细菌过滤效率（BFE）', standard: 'YY 0469-2011', lowerLimit: 95, measuredValue: 93.1, unit: '%', passed: false });
    expect(d.qualityFlags).toMatchObject([{ rule: 'released_with_failed_item', subjectType: 'batch', params: { lot: 'MK00101' } }]);
    expect(d.distribution.holders.length).toBeGreaterThan(1);
    // Released before its first shipment: no "shipped before release" flag.
    expect(Date.parse(d.production.release.decidedAt)).toBeLessThan(Date.parse(d.distribution.firstShippedAt));
  });

  it('raises exactly the planted flag across the demo world, and keeps the hip-implant lot clean', async () => {
    const flags = await getJson('demo-national', '/api/quality-flags');
    expect(flags.total).toBe(1);
    expect(flags.items[0]).toMatchObject({ rule: 'released_with_failed_item', params: { productDi: '06990001001004', lot: 'MK00101' } });
    const hip = result.chain.wellKnown.find((u) => u.key === 'hip-implant-used');
    expect(hip?.lot).toMatch(/^HJ/);
    const d = await getJson('demo-national', `/api/lots/${hip?.di}/${hip?.lot}`);
    expect(d.product.deviceKind).toBe('hip_implant');
    expect(d.production.materials.map((m: { material: { kind: string } }) => m.material.kind).sort()).toEqual(['ceramic', 'packaging', 'titanium_alloy']);
    expect(d.production.release).toMatchObject({ decision: 'released', failedCount: 0, failedItems: [] });
    expect(d.production.environment.outOfLimitCount).toBe(0);
    expect(d.qualityFlags).toEqual([]);
    expect(d.distribution.holders.some((h: { used: number }) => h.used > 0)).toBe(true);
  });

  it('the demo manufacturer sees its batches; another province does not', async () => {
    const own = await getJson('demo-manufacturer', '/api/batches?pageSize=100');
    expect(own.total).toBeGreaterThanOrEqual(4);
    expect(own.items.every((b: { releaseDecision: string }) => b.releaseDecision === 'released')).toBe(true);
    const city = await getJson('demo-city', '/api/batches?lot=MK00101');
    expect(city.total).toBe(1);
    expect(loadMs).toBeLessThan(120_000);
  });
});
