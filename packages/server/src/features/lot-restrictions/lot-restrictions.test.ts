import { beforeAll, describe, expect, it } from 'vitest';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { captureJson, epcisDocument, locationDl, nationalRegulator, partyDl } from '../epcis/epcis.test-helpers.ts';
import { AlertEngine } from '../alerts/alert-engine.ts';

/**
 * Lot suspensions and recalls end to end: recorded and lifted through the API (scoped, idempotent,
 * audited), shown in the trace and the recall scope, and a restricted lot moving on becomes an alert
 * after one engine tick — whether the movement is captured after the recall or was already there.
 */
const t = useTestApp();

type H = Record<string, string>;
const w = {} as {
  capture: H; national: H; province: H; cityHz: H; cityNb: H; mfrUser: H; distUser: H; hospUser: H; distNbUser: H;
  org: { mfr: number; dist: number; hosp: number; distNb: number };
  gln: { mfr: string; dist: string; hosp: string; distNb: string };
  di: string;
};

const lotClass = (di: string, lot: string) => `https://id.gs1.org/01/${di}/10/${lot}`;
const at = (gln: string) => ({ readPoint: { id: locationDl(gln) }, bizLocation: { id: locationDl(gln) } });
const ship = (time: string, lot: string, from: string, to: string, over: Record<string, unknown> = {}) => ({
  type: 'ObjectEvent', eventTimeZoneOffset: '+08:00', action: 'OBSERVE', eventTime: time, quantityList: [{ epcClass: lotClass(w.di, lot), quantity: 10 }],
  bizStep: 'shipping', disposition: 'in_transit', readPoint: { id: locationDl(from) },
  sourceList: [{ type: 'owning_party', source: partyDl(from) }], destinationList: [{ type: 'owning_party', destination: partyDl(to) }], ...over,
});
const step = (time: string, lot: string, bizStep: string, disposition: string, gln: string) => ({
  type: 'ObjectEvent', eventTimeZoneOffset: '+08:00', action: 'OBSERVE', eventTime: time, quantityList: [{ epcClass: lotClass(w.di, lot), quantity: 10 }], bizStep, disposition, ...at(gln),
});

async function capture(events: object[]) {
  const res = await captureJson(t().app, w.capture, epcisDocument(events));
  expect(res.statusCode, res.body).toBe(202);
}
const post = (headers: H, url: string, payload: object, extra: H = {}) => call(t().app, { ...headers, ...extra }, { method: 'POST', url, payload: payload as Record<string, unknown> });
const get = (headers: H, url: string) => call(t().app, headers, { method: 'GET', url });
const restrict = (headers: H, body: Record<string, unknown>, extra: H = {}) => post(headers, '/api/lot-restrictions', { di: w.di, ...body }, extra);

beforeAll(async () => {
  const { deps, app } = t();
  const mfr = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106', name: '杭州测试器械' });
  const dist = await makeOrganization(deps, { type: 'distributor', regionCode: '330106', name: '杭州测试医药' });
  const hosp = await makeOrganization(deps, { type: 'institution', regionCode: '330108', name: '杭州测试医院' });
  const distNb = await makeOrganization(deps, { type: 'distributor', regionCode: '330212', name: '宁波测试医药' });
  await makeLicense(deps, mfr.id);
  await makeLicense(deps, dist.id, { kind: 'distribution_license' });
  await makeLicense(deps, distNb.id, { kind: 'distribution_license' });
  const product = await makeProduct(deps, mfr.id, mfr.gs1CompanyPrefix as string);
  w.di = product.dis[0]?.di as string;
  w.org = { mfr: mfr.id, dist: dist.id, hosp: hosp.id, distNb: distNb.id };
  w.gln = { mfr: mfr.gln as string, dist: dist.gln as string, hosp: hosp.gln as string, distNb: distNb.gln as string };
  w.capture = await nationalRegulator(t());
  const login = async (u: Parameters<typeof makeUser>[1]) => loginHeaders(app, await makeUser(deps, u), PASSWORD);
  w.national = await login({ role: 'regulator', jurisdictionCode: '000000', regulatorLevel: 'national' });
  w.province = await login({ role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' });
  w.cityHz = await login({ role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' });
  w.cityNb = await login({ role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' });
  w.mfrUser = await login({ role: 'enterprise', organizationId: mfr.id });
  w.distUser = await login({ role: 'enterprise', organizationId: dist.id });
  w.distNbUser = await login({ role: 'enterprise', organizationId: distNb.id });
  w.hospUser = await login({ role: 'institution', organizationId: hosp.id });
  // Lots A, B (and the alert lots) exist because they moved: factory → Hangzhou distributor → hospital.
  await capture(['A1', 'B1'].flatMap((lot) => [
    ship('2026-09-01T09:00:00+08:00', lot, w.gln.mfr, w.gln.dist),
    step('2026-09-02T09:00:00+08:00', lot, 'receiving', 'in_progress', w.gln.dist),
  ]));
}, 120_000);

describe('recording and lifting', { timeout: 30_000 }, () => {
  let recallId: number;

  it('a provincial office orders a level II recall: 201 with notifyBy = start + 3 days, audited, retried safely with the same Idempotency-Key', async () => {
    const body = { lot: 'A1', kind: 'recall', recallLevel: 2, reason: '灭菌验证不合格', startedAt: '2026-10-01T09:00:00+08:00' };
    const res = await restrict(w.province, body, { 'idempotency-key': 'recall-a1' });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      di: w.di, lot: 'A1', kind: 'recall', recallLevel: 2, reason: '灭菌验证不合格', voluntary: false, regionCode: '330000', active: true,
      startedAt: '2026-10-01T09:00:00.000+08:00', notifyBy: '2026-10-04T09:00:00.000+08:00', liftedAt: null, registrant: { id: w.org.mfr, regionCode: '330106' },
    });
    recallId = r.id;
    const again = await restrict(w.province, body, { 'idempotency-key': 'recall-a1' });
    expect([again.statusCode, again.headers['idempotent-replayed'], again.json().id]).toEqual([201, 'true', recallId]);
    const other = await restrict(w.province, { ...body, recallLevel: 3 }, { 'idempotency-key': 'recall-a1' });
    expect([other.statusCode, other.json().code]).toEqual([409, 'idempotency.key_reused']);
    // One open recall per lot; a suspension of the same lot is a different measure.
    const second = await restrict(w.province, { ...body, recallLevel: 1 });
    expect([second.statusCode, second.json().code]).toEqual([409, 'lot_restriction.already_open']);
    const suspension = await restrict(w.cityHz, { lot: 'A1', kind: 'suspension', reason: '暂停销售使用' });
    expect([suspension.statusCode, suspension.json().regionCode, suspension.json().notifyBy]).toEqual([201, '330100', null]);
    const audit = await t().deps.db.selectFrom('audit_log').select(['action', 'object_id']).where('action', '=', 'lot_restriction.create').execute();
    expect(audit.map((a) => a.object_id)).toEqual([`${w.di}/A1`, `${w.di}/A1`]);
  });

  it('refuses an unknown lot, a recall without its level and a level on a suspension (422 naming the field), in both languages', async () => {
    const unknown = await restrict(w.province, { lot: 'NOPE9', kind: 'suspension', reason: 'x' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toMatchObject([{ code: 'lot_restriction.lot_unknown', path: 'lot', params: { di: w.di, lot: 'NOPE9' } }]);
    expect(unknown.json().errors[0].message).toContain('NOPE9');
    const noLevel = await restrict(w.province, { lot: 'B1', kind: 'recall', reason: 'x' }, { 'accept-language': 'en' });
    expect(noLevel.statusCode).toBe(422);
    expect(noLevel.json().errors).toMatchObject([{ code: 'lot_restriction.recall_level_required', path: 'recallLevel' }]);
    expect(noLevel.json().errors[0].message).toMatch(/recall needs its level/);
    const levelOnSuspension = await restrict(w.province, { lot: 'B1', kind: 'suspension', recallLevel: 2, reason: 'x' });
    expect(levelOnSuspension.json().errors).toMatchObject([{ code: 'lot_restriction.level_on_suspension', path: 'recallLevel' }]);
  });

  it('is scoped: another city neither records, reads nor lists a Hangzhou lot; holders see it; unrelated enterprises do not', async () => {
    const nb = await restrict(w.cityNb, { lot: 'B1', kind: 'suspension', reason: 'x' });
    expect(nb.statusCode).toBe(404);
    expect((await get(w.cityNb, `/api/lot-restrictions/${recallId}`)).statusCode).toBe(404);
    expect((await get(w.cityNb, `/api/lot-restrictions?di=${w.di}&lot=A1`)).json()).toEqual({ items: [], total: 0 });
    expect((await get(w.cityHz, `/api/lot-restrictions?di=${w.di}&lot=A1&kind=recall`)).json()).toMatchObject({ total: 1, items: [{ id: recallId }] });
    // The distributor holds lot A1, the registrant makes it; a Ningbo distributor has nothing to do with it.
    expect((await get(w.distUser, `/api/lot-restrictions?lot=A1`)).json().total).toBe(2);
    expect((await get(w.mfrUser, `/api/lot-restrictions?lot=A1&active=true`)).json().total).toBe(2);
    expect((await get(w.distNbUser, `/api/lot-restrictions?lot=A1`)).json().total).toBe(0);
    expect((await get(w.distNbUser, `/api/lot-restrictions/${recallId}`)).statusCode).toBe(404);
  });

  it('lets the registrant start a voluntary recall of its own lot only, and only a recall', async () => {
    const own = await restrict(w.mfrUser, { lot: 'B1', kind: 'recall', recallLevel: 3, reason: '标签印刷错误' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ voluntary: true, regionCode: '330106', recallLevel: 3 });
    const suspension = await restrict(w.mfrUser, { lot: 'B1', kind: 'suspension', reason: 'x' });
    expect([suspension.statusCode, suspension.json().code]).toEqual([403, 'lot_restriction.suspension_by_regulator']);
    const notMine = await restrict(w.distUser, { lot: 'A1', kind: 'recall', recallLevel: 1, reason: 'x' });
    expect([notMine.statusCode, notMine.json().code]).toEqual([403, 'lot_restriction.not_registrant']);
    expect((await restrict(w.hospUser, { lot: 'A1', kind: 'recall', recallLevel: 1, reason: 'x' })).statusCode).toBe(403);
    // The registrant lifts its own voluntary recall, not the province's.
    expect((await post(w.mfrUser, `/api/lot-restrictions/${recallId}/lift`, { reason: 'x' })).json().code).toBe('lot_restriction.lift_not_allowed');
    const lifted = await post(w.mfrUser, `/api/lot-restrictions/${own.json().id}/lift`, { reason: '已完成更换标签' });
    expect(lifted.json()).toMatchObject({ active: false, liftReason: '已完成更换标签' });
  });

  it('is lifted by the recording office or one above it, once', async () => {
    const city = await post(w.cityHz, `/api/lot-restrictions/${recallId}/lift`, { reason: '整改完成' });
    expect([city.statusCode, city.json().code]).toEqual([403, 'lot_restriction.lift_not_allowed']);
    expect((await post(w.cityNb, `/api/lot-restrictions/${recallId}/lift`, { reason: '整改完成' })).statusCode).toBe(404);
    const res = await post(w.province, `/api/lot-restrictions/${recallId}/lift`, { reason: '召回完成，风险已消除' }, { 'idempotency-key': 'lift-a1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: recallId, active: false, liftReason: '召回完成，风险已消除' });
    expect(res.json().liftedAt).toMatch(/\+08:00$/);
    expect((await post(w.province, `/api/lot-restrictions/${recallId}/lift`, { reason: '召回完成，风险已消除' }, { 'idempotency-key': 'lift-a1' })).headers['idempotent-replayed']).toBe('true');
    const twice = await post(w.national, `/api/lot-restrictions/${recallId}/lift`, { reason: 'again' });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'lot_restriction.already_lifted']);
    expect((await get(w.province, `/api/lot-restrictions?lot=A1&active=false`)).json().items.map((r: { id: number }) => r.id)).toEqual([recallId]);
  });

  it('shows the lot restrictions in the trace and the recall scope', async () => {
    const trace = await get(w.province, `/api/trace/${encodeURIComponent(`(01)${w.di}(10)A1`)}`);
    expect(trace.statusCode, trace.body).toBe(200);
    expect(trace.json().recalls.map((r: { kind: string; active: boolean }) => [r.kind, r.active])).toEqual([['recall', false], ['suspension', true]]);
    // The trace reads them in its one statement; each must be the very view the restriction API gives (newest first there).
    const listed = await get(w.province, `/api/lot-restrictions?lot=A1&pageSize=100`);
    expect(listed.json().items.length).toBe(2);
    expect(trace.json().recalls).toEqual([...listed.json().items].reverse());
    // Keyed by the traced lot: B1 shows its own voluntary recall only, none of A1's.
    const b1 = await get(w.province, `/api/trace/${encodeURIComponent(`(01)${w.di}(10)B1`)}`);
    expect(b1.json().recalls.map((r: { lot: string; kind: string; voluntary: boolean }) => [r.lot, r.kind, r.voluntary])).toEqual([['B1', 'recall', true]]);
    const scope = await post(w.province, '/api/recall-scope', { lots: [{ di: w.di, lot: 'A1' }, { di: w.di, lot: 'B1' }] });
    expect(scope.statusCode, scope.body).toBe(200);
    expect(scope.json().restrictions.map((r: { lot: string; kind: string }) => `${r.lot}:${r.kind}`)).toEqual(['A1:recall', 'A1:suspension', 'B1:recall']);
  });
});

describe('a restricted lot moving on raises an alert', { timeout: 60_000 }, () => {
  const engine = () => new AlertEngine(t().deps, { periodicMs: 3_600_000 });
  type Alert = { source: string; grade: string; department: string; originRegionCode: string; occurrences: number; subject: Record<string, unknown>; evidence: Record<string, unknown> };
  const alerts = async (lot: string) => {
    const res = await get(w.province, `/api/alerts?pageSize=100&source=rule.restricted_lot_moving`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as Alert[]).filter((a) => a.subject.lot === lot);
  };

  it('a shipment captured after a level I recall is a critical alert; the flow back to the registrant is not', async () => {
    await capture([ship('2026-09-05T09:00:00+08:00', 'R1', w.gln.mfr, w.gln.dist), step('2026-09-06T09:00:00+08:00', 'R1', 'receiving', 'in_progress', w.gln.dist)]);
    const recall = await restrict(w.province, { lot: 'R1', kind: 'recall', recallLevel: 1, reason: '可能导致严重健康危害', startedAt: '2026-10-01T00:00:00+08:00' });
    expect(recall.statusCode, recall.body).toBe(201);
    await engine().tick();
    // Everything before the recall was allowed.
    expect(await alerts('R1')).toEqual([]);
    await capture([
      ship('2026-10-05T09:00:00+08:00', 'R1', w.gln.dist, w.gln.hosp),
      ship('2026-10-06T09:00:00+08:00', 'R1', w.gln.dist, w.gln.hosp, { eventTime: '2026-10-06T09:00:00+08:00' }),
      // Returns: a shipment marked returned, and one addressed to the registrant (received there).
      ship('2026-10-07T09:00:00+08:00', 'R1', w.gln.dist, w.gln.distNb, { disposition: 'returned' }),
      ship('2026-10-08T09:00:00+08:00', 'R1', w.gln.dist, w.gln.mfr),
      step('2026-10-09T09:00:00+08:00', 'R1', 'receiving', 'in_progress', w.gln.mfr),
    ]);
    const report = await engine().tick();
    expect(report.created).toBeGreaterThanOrEqual(1);
    const list = await alerts('R1');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      source: 'rule.restricted_lot_moving', grade: 'critical', department: 'distribution_supervision', originRegionCode: '330106', occurrences: 1,
      subject: { type: 'lot', di: w.di, lot: 'R1', organizationId: w.org.dist },
      evidence: { restrictionId: recall.json().id, step: 'shipping', eventsSeen: 2, restriction: { kind: 'recall', recallLevel: 1 }, organization: { id: w.org.dist } },
    });
    // Nothing new: the next tick raises nothing.
    expect((await engine().tick()).created).toBe(0);
  });

  it('a suspension recorded after the lot was dispensed checks the events already captured (major, enforcement), once', async () => {
    await capture([
      ship('2026-09-05T09:00:00+08:00', 'S1', w.gln.mfr, w.gln.hosp),
      step('2026-09-06T09:00:00+08:00', 'S1', 'receiving', 'in_progress', w.gln.hosp),
      step('2026-10-10T09:00:00+08:00', 'S1', 'dispensing', 'dispensed', w.gln.hosp),
    ]);
    await engine().tick();
    expect(await alerts('S1')).toEqual([]);
    const suspension = await restrict(w.cityHz, { lot: 'S1', kind: 'suspension', reason: '抽检不合格', startedAt: '2026-10-01T00:00:00+08:00' });
    expect(suspension.statusCode, suspension.body).toBe(201);
    await engine().tick();
    const list = await alerts('S1');
    expect(list.map((a) => [a.grade, a.department, a.originRegionCode, a.subject.organizationId, a.evidence.step])).toEqual([['major', 'inspection_enforcement', '330108', w.org.hosp, 'dispensing']]);
    expect((await engine().tick()).created).toBe(0);
    expect((await alerts('S1'))[0]?.occurrences).toBe(1);
  });
});
