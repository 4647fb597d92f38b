import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { attributeReports } from './risk-attribution.ts';
import { riskSignalsRepository } from './risk-signals.repository.ts';
import { daysAgo, makeOrg, makeRiskProduct, residentId } from './risk.test-support.ts';

const t = useTestApp();

/**
 * The registrant's investigation conclusions (IMDRF Annex D) feed the quality / use attribution:
 * the same spread of pump stops (two hospitals in one city, neither side by itself) reads as
 * undetermined without investigations, as use-related when the registrant concluded use error
 * (D1102 under D11 "cause traced to user"), and as a quality problem when it traced the cause to
 * manufacturing or a component (D0301, D02).
 */
const w = {} as { mfr: Record<string, string>; hospitals: Record<string, string>[]; products: Record<'baseline' | 'use' | 'device', { id: number; di: string }> };

let patient = 700;
async function reportsFor(product: { di: string }): Promise<number[]> {
  const ids: number[] = [];
  for (const h of w.hospitals) {
    for (let i = 0; i < 2; i++) {
      const res = await call(t().app, h, {
        method: 'POST', url: '/api/adverse-events',
        payload: { productDi: product.di, lot: 'P2601', patient: { name: '赵六', idNumber: residentId(patient++) }, manifestation: '输液泵运行中停机', eventDate: daysAgo(10), dateKnown: daysAgo(9), outcome: 'serious_injury', imdrfCodes: ['A0601'] },
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id as number);
    }
  }
  return ids;
}

async function investigate(reportId: number, body: Record<string, unknown>) {
  const res = await call(t().app, w.mfr, { method: 'POST', url: `/api/adverse-events/${reportId}/investigations`, payload: body });
  expect(res.statusCode, res.body).toBe(201);
}

async function attribution(product: { id: number }) {
  const { db } = t().deps;
  const now = new Date();
  const reports = await riskSignalsRepository.reportsBehind(db, { productId: product.id, from: new Date(now.getTime() - 90 * 86_400_000), to: now });
  expect(reports).toHaveLength(4);
  return attributeReports(db, { production: false, useRecords: false }, product.id, reports, now);
}

beforeAll(async () => {
  const { deps, app } = t();
  const mfr = await makeOrg(deps, 'manufacturer', '330106');
  w.mfr = await loginHeaders(app, await makeUser(deps, { role: 'enterprise', organizationId: mfr.id }), PASSWORD);
  w.hospitals = [];
  for (const region of ['330102', '330105']) {
    const h = await makeOrg(deps, 'institution', region);
    w.hospitals.push(await loginHeaders(app, await makeUser(deps, { role: 'institution', organizationId: h.id }), PASSWORD));
  }
  const pump = async (model: string) => {
    const p = await makeRiskProduct(deps, mfr.id, mfr.gs1CompanyPrefix ?? '', { name: '输液泵', model, deviceKind: 'infusion_pump' });
    return { id: p.id, di: p.dis[0]?.di ?? '' };
  };
  w.products = { baseline: await pump('VP-100'), use: await pump('VP-300'), device: await pump('VP-500') };
});

describe('investigation conclusions in the attribution', () => {
  it('without investigations the spread alone decides nothing', async () => {
    await reportsFor(w.products.baseline);
    const a = await attribution(w.products.baseline);
    expect(a).toMatchObject({ label: 'undetermined', score: 0 });
    expect(a.evidence.map((e) => e.factor)).toEqual([]);
  });

  it('use-error conclusions shift the label to use; a superseded interim conclusion does not count', async () => {
    const [first, second] = await reportsFor(w.products.use);
    await investigate(first ?? 0, { status: 'in_progress', findings: '调查中', conclusionCodes: ['D0301'], rootCause: 'manufacturing' });
    await investigate(first ?? 0, { status: 'final', findings: '操作人员未经培训，流速单位设置错误', findingCodes: ['C23'], conclusionCodes: ['D1102'], rootCause: 'use_error', correctiveActions: '再培训' });
    await investigate(second ?? 0, { status: 'final', findings: '未按说明书预充管路', conclusionCodes: ['D1101'], rootCause: 'use_error', correctiveActions: '再培训' });
    const a = await attribution(w.products.use);
    expect(a.label).toBe('use');
    expect(a.score).toBe(-3);
    expect(a.evidence).toEqual([{ factor: 'investigation_use_cause', weight: -3, detail: { codes: ['D1102', 'D1101'] } }]);
  });

  it('device-failure conclusions shift the label to quality', async () => {
    const [first] = await reportsFor(w.products.device);
    await investigate(first ?? 0, { status: 'final', findings: '电机驱动板焊点虚焊', findingCodes: [], conclusionCodes: ['D0301', 'D02'], rootCause: 'manufacturing', correctiveActions: '改进焊接工艺并召回同批次' });
    const a = await attribution(w.products.device);
    expect(a).toMatchObject({ label: 'quality', score: 3 });
    expect(a.evidence).toEqual([{ factor: 'investigation_device_cause', weight: 3, detail: { codes: ['D0301', 'D02'] } }]);
  });
});
