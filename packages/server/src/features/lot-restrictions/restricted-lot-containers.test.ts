import { withGs1CheckDigit } from '@lianjian/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { AlertEngine } from '../alerts/alert-engine.ts';
import { captureJson, epcisDocument, locationDl, nationalRegulator, partyDl } from '../epcis/epcis.test-helpers.ts';

/**
 * A restricted lot moving on inside containers (issue 5 follow-up): the event names a pallet, the
 * pallet holds cartons, the cartons hold the lot's units. Both engine inputs must find the lot down
 * the containment tree (up to four levels, as the projections walk it), and only through the
 * containers the goods were in at the event's time: a carton unpacked from the pallet before the
 * pallet was shipped did not travel with it. Lot-level quantities (childQuantityList) are never
 * containment children, so there is nothing nested to find for them.
 */
const t = useTestApp();

type H = Record<string, string>;
type Org = { id: number; gln: string };
const w = {} as { capture: H; province: H; mfr: Org; dist: Org; di: string };
let nextSscc = 0;

const unit = (lot: string, serial: string) => `https://id.gs1.org/01/${w.di}/10/${lot}/21/${serial}`;
// A unit's identity is GTIN + serial (the lot is an attribute): serials are unique across lots.
const units = (lot: string, n: number) => Array.from({ length: n }, (_, i) => unit(lot, `${lot}${i + 1}`));
/** A fresh SSCC (carton, case or pallet) of the manufacturer. */
const sscc = () => `https://id.gs1.org/00/${withGs1CheckDigit(`0${w.mfr.gln.slice(0, 7)}${String(++nextSscc).padStart(9, '0')}`)}`;

const base = (time: string, org: Org, extra: Record<string, unknown>) => ({
  type: 'ObjectEvent', eventTime: time, eventTimeZoneOffset: '+08:00', action: 'OBSERVE', readPoint: { id: locationDl(org.gln) }, bizLocation: { id: locationDl(org.gln) }, ...extra,
});
const commission = (time: string, codes: string[]) => base(time, w.mfr, { action: 'ADD', epcList: codes, bizStep: 'commissioning', disposition: 'active' });
const pack = (time: string, parent: string, children: string[]) =>
  base(time, w.mfr, { type: 'AggregationEvent', action: 'ADD', parentID: parent, childEPCs: children, bizStep: 'packing', disposition: 'in_progress' });
const unpack = (time: string, parent: string, children: string[]) =>
  base(time, w.mfr, { type: 'AggregationEvent', action: 'DELETE', parentID: parent, childEPCs: children, bizStep: 'unpacking' });
const ship = (time: string, codes: string[]) => base(time, w.mfr, {
  epcList: codes, bizStep: 'shipping', disposition: 'in_transit',
  sourceList: [{ type: 'owning_party', source: partyDl(w.mfr.gln) }], destinationList: [{ type: 'owning_party', destination: partyDl(w.dist.gln) }],
});

async function capture(events: object[]) {
  const res = await captureJson(t().app, w.capture, epcisDocument(events));
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json().accepted, res.body).toBe(events.length);
}
const restrict = async (lot: string, body: Record<string, unknown>) => {
  const res = await call(t().app, w.province, { method: 'POST', url: '/api/lot-restrictions', payload: { di: w.di, lot, reason: '无菌检测不合格', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const recall = (lot: string) => restrict(lot, { kind: 'recall', recallLevel: 1, startedAt: '2026-10-01T00:00:00+08:00' });
const suspend = (lot: string) => restrict(lot, { kind: 'suspension', startedAt: '2026-10-01T00:00:00+08:00' });
const tick = () => new AlertEngine(t().deps, { periodicMs: 3_600_000 }).tick();

type Alert = { grade: string; subject: Record<string, unknown>; evidence: Record<string, unknown> };
async function alerts(lot: string): Promise<Alert[]> {
  const res = await call(t().app, w.province, { method: 'GET', url: '/api/alerts?pageSize=100&source=rule.restricted_lot_moving' });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Alert[]).filter((a) => a.subject.lot === lot);
}
/** The event id of the shipment captured last (the evidence names it). */
async function lastShipment(): Promise<number> {
  const r = await t().deps.db.selectFrom('epcis_events').select('event_id').where('biz_step', '=', 'shipping').orderBy('event_id', 'desc').limit(1).executeTakeFirstOrThrow();
  return Number(r.event_id);
}

beforeAll(async () => {
  const { deps, app } = t();
  const mfr = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106', name: '杭州嵌套器械' });
  const dist = await makeOrganization(deps, { type: 'distributor', regionCode: '330106', name: '杭州嵌套医药' });
  await makeLicense(deps, mfr.id);
  await makeLicense(deps, dist.id, { kind: 'distribution_license' });
  const product = await makeProduct(deps, mfr.id, mfr.gs1CompanyPrefix as string);
  w.di = product.dis[0]?.di as string;
  w.mfr = { id: mfr.id, gln: mfr.gln as string };
  w.dist = { id: dist.id, gln: dist.gln as string };
  w.capture = await nationalRegulator(t());
  w.province = await loginHeaders(app, await makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }), PASSWORD);
}, 120_000);

describe('a restricted lot moving inside containers', { timeout: 60_000 }, () => {
  it('units of a recalled lot in a carton on a pallet: shipping the pallet is an alert', async () => {
    const carton = sscc();
    const pallet = sscc();
    await capture([
      commission('2026-09-20T09:00:00+08:00', units('N1', 3)),
      pack('2026-09-20T10:00:00+08:00', carton, units('N1', 3)),
      pack('2026-09-20T11:00:00+08:00', pallet, [carton]),
    ]);
    const recallId = await recall('N1');
    await tick();
    expect(await alerts('N1')).toEqual([]);
    await capture([ship('2026-10-05T09:00:00+08:00', [pallet])]);
    await tick();
    const list = await alerts('N1');
    expect(list.map((a) => [a.grade, a.subject.organizationId, a.evidence.restrictionId, a.evidence.step, a.evidence.eventId]))
      .toEqual([['critical', w.mfr.id, recallId, 'shipping', await lastShipment()]]);
  });

  it('three levels (units in an inner box, in a carton, on a pallet), for a new shipment and for a recall recorded after it', async () => {
    const forward = { box: sscc(), carton: sscc(), pallet: sscc() };
    const backward = { box: sscc(), carton: sscc(), pallet: sscc() };
    const packAll = (lot: string, c: typeof forward, day: string) => [
      commission(`2026-09-${day}T09:00:00+08:00`, units(lot, 2)),
      pack(`2026-09-${day}T10:00:00+08:00`, c.box, units(lot, 2)),
      pack(`2026-09-${day}T11:00:00+08:00`, c.carton, [c.box]),
      pack(`2026-09-${day}T12:00:00+08:00`, c.pallet, [c.carton]),
    ];
    await capture([...packAll('N3', forward, '21'), ...packAll('N4', backward, '22')]);
    // N4's pallet leaves before anyone knows; N3 is recalled first.
    await capture([ship('2026-10-06T09:00:00+08:00', [backward.pallet])]);
    const backwardShipment = await lastShipment();
    await recall('N3');
    await tick();
    expect(await alerts('N4')).toEqual([]);
    await capture([ship('2026-10-07T09:00:00+08:00', [forward.pallet])]);
    const forwardShipment = await lastShipment();
    await suspend('N4');
    await tick();
    expect((await alerts('N3')).map((a) => [a.grade, a.evidence.eventId])).toEqual([['critical', forwardShipment]]);
    expect((await alerts('N4')).map((a) => [a.grade, a.subject.organizationId, a.evidence.eventId])).toEqual([['major', w.mfr.id, backwardShipment]]);
    expect((await tick()).created).toBe(0);
  });

  it('a carton unpacked from the pallet before the pallet was shipped did not travel with it (either input); shipped itself later, it did', async () => {
    const kept = sscc();
    const left = sscc();
    const leftLater = sscc();
    const keptLater = sscc();
    const pallet = sscc();
    const palletLater = sscc();
    // N5 (new events) and N6 (a restriction recorded after) each in a carton that leaves the pallet
    // before the pallet ships; the carton that stays holds units of an unrestricted lot.
    await capture([
      commission('2026-09-23T09:00:00+08:00', [...units('N5', 2), ...units('N6', 2), ...units('N7', 2), ...units('N8', 2)]),
      pack('2026-09-23T10:00:00+08:00', left, units('N5', 2)),
      pack('2026-09-23T10:00:00+08:00', leftLater, units('N6', 2)),
      pack('2026-09-23T10:00:00+08:00', kept, units('N7', 2)),
      pack('2026-09-23T10:00:00+08:00', keptLater, units('N8', 2)),
      pack('2026-09-23T11:00:00+08:00', pallet, [left, kept]),
      pack('2026-09-23T11:00:00+08:00', palletLater, [leftLater, keptLater]),
      // Unpacked after the restriction started, still before the shipment.
      unpack('2026-10-02T09:00:00+08:00', pallet, [left]),
      unpack('2026-10-02T09:00:00+08:00', palletLater, [leftLater]),
      ship('2026-10-03T09:00:00+08:00', [palletLater]),
    ]);
    await recall('N5');
    await tick();
    await capture([ship('2026-10-04T09:00:00+08:00', [pallet])]);
    await suspend('N6');
    await tick();
    expect(await alerts('N5')).toEqual([]);
    expect(await alerts('N6')).toEqual([]);
    // The cartons themselves moving on are found (one level).
    await capture([ship('2026-10-08T09:00:00+08:00', [left, leftLater])]);
    await tick();
    const shipment = await lastShipment();
    expect((await alerts('N5')).map((a) => a.evidence.eventId)).toEqual([shipment]);
    expect((await alerts('N6')).map((a) => a.evidence.eventId)).toEqual([shipment]);
  });
});
