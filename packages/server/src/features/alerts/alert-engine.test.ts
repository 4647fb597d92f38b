import { withGs1CheckDigit } from '@lianjian/core';
import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { captureJson, epcisDocument, locationDl, nationalRegulator, partyDl, unitDl } from '../epcis/epcis.test-helpers.ts';
import { ProductsService } from '../products/products.service.ts';
import { AlertEngine } from './alert-engine.ts';

/**
 * The alert engine end to end: facts arrive through the public APIs (EPCIS capture, adverse-event
 * reports) or the production feature's table, one tick later the alert is in the regulators' list
 * with its grade, office, department and deadline; and with the loop running, within 5 seconds.
 */
const t = useTestApp();

const w = {} as {
  capture: Record<string, string>;
  province: Record<string, string>;
  cityHz: Record<string, string>;
  cityNb: Record<string, string>;
  hospHzUser: Record<string, string>;
  org: { mfr: number; dist: number; distNb: number; hospHz: number; hospNb: number };
  gln: { mfr: string; dist: string; distNb: string; hospHz: string; hospNb: string };
  di: string;
  expiredDi: string;
};

beforeAll(async () => {
  const { deps, app } = t();
  const mfr = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const dist = await makeOrganization(deps, { type: 'distributor', regionCode: '330106', name: '杭州测试医药' });
  const distNb = await makeOrganization(deps, { type: 'distributor', regionCode: '330212', name: '宁波无证经营' });
  const hospHz = await makeOrganization(deps, { type: 'institution', regionCode: '330108', name: '杭州测试医院' });
  const hospNb = await makeOrganization(deps, { type: 'institution', regionCode: '330212', name: '宁波测试医院' });
  await makeLicense(deps, mfr.id);
  await makeLicense(deps, dist.id, { kind: 'distribution_license' });
  const product = await makeProduct(deps, mfr.id, mfr.gs1CompanyPrefix as string);
  await sql`update products set storage_min_c = 2, storage_max_c = 8 where id = ${product.id}`.execute(deps.db);
  // A registration that expired on 2025-12-31.
  const products = new ProductsService(deps);
  const reg = await products.createRegistration(null, { number: '国械注准20203140999', holderId: mfr.id, managementClass: 3, productName: '过期注册证产品', issuer: '国家药品监督管理局', validFrom: '2020-01-01', validTo: '2025-12-31' });
  const expired = await products.create(null, { registrationId: reg.id, name: '过期注册证产品', model: 'X1', deviceKind: 'syringe', dis: [{ di: withGs1CheckDigit(`0${mfr.gs1CompanyPrefix as string}99999`), agency: 'GS1', packageLevel: 0 }] });
  w.org = { mfr: mfr.id, dist: dist.id, distNb: distNb.id, hospHz: hospHz.id, hospNb: hospNb.id };
  w.gln = { mfr: mfr.gln as string, dist: dist.gln as string, distNb: distNb.gln as string, hospHz: hospHz.gln as string, hospNb: hospNb.gln as string };
  w.di = product.dis[0]?.di as string;
  w.expiredDi = expired.dis[0]?.di as string;
  w.capture = await nationalRegulator(t());
  w.province = await loginHeaders(app, await makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }), PASSWORD);
  w.cityHz = await loginHeaders(app, await makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }), PASSWORD);
  w.cityNb = await loginHeaders(app, await makeUser(deps, { role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' }), PASSWORD);
  w.hospHzUser = await loginHeaders(app, await makeUser(deps, { role: 'institution', organizationId: hospHz.id }), PASSWORD);
}, 120_000);

const engine = () => new AlertEngine(t().deps, { periodicMs: 3_600_000 });
const lotClass = (di: string, lot: string) => `https://id.gs1.org/01/${di}/10/${lot}`;
const event = (over: Record<string, unknown>) => ({ type: 'ObjectEvent', eventTimeZoneOffset: '+08:00', action: 'OBSERVE', ...over });
async function capture(events: object[]) {
  const res = await captureJson(t().app, w.capture, epcisDocument(events));
  expect(res.statusCode, res.body).toBe(202);
  return res.json();
}
async function alerts(headers: Record<string, string>, query = '') {
  const res = await call(t().app, headers, { method: 'GET', url: `/api/alerts?pageSize=100${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; items: (Record<string, unknown> & { id: number; source: string; subject: Record<string, unknown>; evidence: Record<string, unknown> })[] };
}

describe('compliance rules as data arrives', { timeout: 30_000 }, () => {
  it('a shipment by an unlicensed distributor (captured through POST /epcis/capture) is an alert after one tick', async () => {
    await capture([event({
      eventTime: '2026-11-20T10:00:00+08:00', epcList: [unitDl(w.di, 'NB1')], bizStep: 'shipping', disposition: 'in_transit', readPoint: { id: locationDl(w.gln.distNb) },
      sourceList: [{ type: 'owning_party', source: partyDl(w.gln.distNb) }], destinationList: [{ type: 'owning_party', destination: partyDl(w.gln.hospNb) }],
    })]);
    expect((await alerts(w.cityNb, '&source=rule.shipper_unlicensed')).total).toBe(0);
    const report = await engine().tick();
    expect(report.created).toBeGreaterThanOrEqual(1);
    const list = await alerts(w.cityNb, '&source=rule.shipper_unlicensed');
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      grade: 'major', status: 'new', level: 'province', regionCode: '330000', originRegionCode: '330212', department: 'distribution_supervision',
      subject: { type: 'product', di: w.di, organizationId: w.org.distNb, organizationName: '宁波无证经营' }, evidence: { captureRule: 'epcis.rule.shipper_unlicensed', organizationId: w.org.distNb },
    });
    // Scope: the Hangzhou city office does not see a Ningbo alert; an institution sees none.
    expect((await alerts(w.cityHz, '&source=rule.shipper_unlicensed')).total).toBe(0);
    expect((await call(t().app, w.hospHzUser, { method: 'GET', url: '/api/alerts' })).statusCode).toBe(403);
    // Nothing new: the next tick raises nothing (the cursor moved on).
    expect((await engine().tick()).created).toBe(0);
  });

  it('a distributor selling a device whose registration has expired', async () => {
    await capture([event({
      eventTime: '2026-11-21T10:00:00+08:00', epcList: [unitDl(w.expiredDi, 'E1')], bizStep: 'shipping', disposition: 'in_transit', readPoint: { id: locationDl(w.gln.dist) },
      sourceList: [{ type: 'owning_party', source: partyDl(w.gln.dist) }], destinationList: [{ type: 'owning_party', destination: partyDl(w.gln.hospHz) }],
    })]);
    await engine().tick();
    const list = await alerts(w.cityHz, '&source=rule.registration_invalid');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ grade: 'major', level: 'province', regionCode: '330000', originRegionCode: '330106', department: 'distribution_supervision', subject: { di: w.expiredDi, organizationId: w.org.dist }, evidence: { reason: 'expired', registration: '国械注准20203140999' } });
  });

  it('a cold-chain excursion in a distributor warehouse', async () => {
    await capture([event({
      eventTime: '2026-11-22T10:00:00+08:00', quantityList: [{ epcClass: lotClass(w.di, 'CC1'), quantity: 20 }], bizStep: 'storing', disposition: 'sellable_not_accessible',
      readPoint: { id: locationDl(w.gln.dist) }, bizLocation: { id: locationDl(w.gln.dist) },
      sensorElementList: [{ sensorMetadata: { time: '2026-11-22T10:00:00+08:00' }, sensorReport: [{ type: 'gs1:Temperature', value: 5, uom: 'CEL' }, { type: 'gs1:Temperature', value: 11.6, uom: 'CEL' }] }],
    })]);
    await engine().tick();
    const list = await alerts(w.province, '&source=rule.cold_chain_excursion');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ grade: 'major', originRegionCode: '330106', subject: { type: 'lot', di: w.di, lot: 'CC1', organizationId: w.org.dist }, evidence: { worstC: 11.6, rangeC: { min: 2, max: 8 } } });
  });

  it('an expired lot received, one serial used at two hospitals, and more units used than received', async () => {
    const { db } = t().deps;
    await db.insertInto('production_batches').values({
      organization_id: w.org.mfr, region_code: '330106', product_id: (await db.selectFrom('product_dis').select('product_id').where('di', '=', w.di).executeTakeFirstOrThrow()).product_id,
      product_di: w.di, lot: 'OLD1', quantity: 100, production_date: '2024-01-01', expiry_date: '2026-06-30', process_route: 'R1', process_version: 'v1', created_by_type: 'system',
    } as never).execute();
    await capture([
      event({ eventTime: '2026-11-23T09:00:00+08:00', quantityList: [{ epcClass: lotClass(w.di, 'OLD1'), quantity: 10 }], bizStep: 'receiving', disposition: 'in_progress', readPoint: { id: locationDl(w.gln.hospHz) }, bizLocation: { id: locationDl(w.gln.hospHz) } }),
      event({ eventTime: '2026-11-23T11:00:00+08:00', quantityList: [{ epcClass: lotClass(w.di, 'OLD1'), quantity: 12 }], bizStep: 'dispensing', disposition: 'dispensed', readPoint: { id: locationDl(w.gln.hospHz) }, bizLocation: { id: locationDl(w.gln.hospHz) } }),
      event({ eventTime: '2026-11-23T10:00:00+08:00', epcList: [unitDl(w.di, 'TWIN1')], bizStep: 'dispensing', disposition: 'dispensed', readPoint: { id: locationDl(w.gln.hospHz) }, bizLocation: { id: locationDl(w.gln.hospHz) } }),
      event({ eventTime: '2026-11-24T10:00:00+08:00', epcList: [unitDl(w.di, 'TWIN1')], bizStep: 'dispensing', disposition: 'dispensed', readPoint: { id: locationDl(w.gln.hospNb) }, bizLocation: { id: locationDl(w.gln.hospNb) } }),
    ]);
    await engine().tick();
    const expired = (await alerts(w.province, '&source=rule.expired_unit')).items;
    expect(expired.map((a) => [a.grade, a.department, (a.evidence as { step: string }).step, a.originRegionCode]).sort()).toEqual([
      ['general', 'distribution_supervision', 'receipt', '330108'], ['major', 'inspection_enforcement', 'use', '330108'],
    ]);
    const twin = (await alerts(w.province, '&source=rule.serial_two_places')).items;
    expect(twin).toHaveLength(1);
    expect(twin[0]).toMatchObject({ grade: 'critical', level: 'province', department: 'inspection_enforcement', subject: { type: 'unit', serial: 'TWIN1' }, evidence: { reason: 'used_twice' } });
    const over = (await alerts(w.province, '&source=rule.overuse')).items;
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ grade: 'critical', subject: { lot: 'OLD1', organizationId: w.org.hospHz }, evidence: { received: 10, used: 12, excess: 2 } });
  });

  it('a late death report (through POST /api/adverse-events) and a batch released with a failed test (quality flag)', async () => {
    const first17 = '11010519600101123';
    const res = await call(t().app, w.hospHzUser, {
      method: 'POST', url: '/api/adverse-events', payload: {
        productDi: w.di, lot: 'L1', patient: { name: '李四', idNumber: `${first17}${residentIdCheckChar(first17)}`, sex: 'male', age: 66 },
        manifestation: '使用中死亡', eventDate: '2026-02-12', dateKnown: '2026-02-13', outcome: 'death', deathDate: '2026-02-13', imdrfCodes: ['A0601'],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().late).toBe(true);
    await t().deps.db.insertInto('quality_flags').values({
      rule: 'released_with_failed_item', subject_type: 'batch', subject_key: '9001', organization_id: w.org.mfr, region_code: '330106', params: JSON.stringify({ batchId: 9001, productDi: w.di, lot: 'M9001', failedItems: [{ name: '过滤效率' }] }),
    } as never).execute();
    await engine().tick();
    const late = (await alerts(w.cityHz, '&source=rule.ae_report_late')).items;
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ grade: 'critical', level: 'province', department: 'ae_monitoring', subject: { type: 'report', organizationId: w.org.hospHz }, evidence: { outcome: 'death', deadlineRule: 'ae.death' } });
    const flag = (await alerts(w.cityHz, '&source=rule.released_with_failed_test')).items;
    expect(flag[0]).toMatchObject({ grade: 'critical', department: 'production_supervision', subject: { di: w.di, lot: 'M9001', organizationId: w.org.mfr } });
  });

  it('a shipment not received within 14 days is a diversion alert, raised once', async () => {
    await capture([event({
      eventTime: '2026-10-01T10:00:00+08:00', epcList: [unitDl(w.di, 'DV1')], bizStep: 'shipping', disposition: 'in_transit', readPoint: { id: locationDl(w.gln.dist) },
      sourceList: [{ type: 'owning_party', source: partyDl(w.gln.dist) }], destinationList: [{ type: 'owning_party', destination: partyDl(w.gln.hospHz) }],
    })]);
    const e = new AlertEngine(t().deps, { periodicMs: 0 });
    await e.tick();
    const list = (await alerts(w.cityHz, '&source=rule.diversion')).items.filter((a) => a.subject.organizationId === w.org.dist && (a.evidence.receiver as { id: number } | null)?.id === w.org.hospHz);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ grade: 'general', level: 'city', regionCode: '330100', evidence: { maxDays: 14, quantityInTransit: 1 } });
    await e.tick();
    expect((await alerts(w.cityHz, '&source=rule.diversion')).items.filter((a) => a.id === list[0]?.id)[0]).toMatchObject({ occurrences: 1 });
  });

  it('with the loop running, a violating capture reaches the inbox within 5 seconds', async () => {
    const loop = new AlertEngine(t().deps, { intervalMs: 1000, periodicMs: 3_600_000 });
    loop.start();
    try {
      const started = Date.now();
      await capture([event({
        eventTime: '2026-11-25T10:00:00+08:00', epcList: [unitDl('06999999123453', 'X1')], bizStep: 'shipping', disposition: 'in_transit', readPoint: { id: locationDl(w.gln.dist) },
        sourceList: [{ type: 'owning_party', source: partyDl(w.gln.dist) }], destinationList: [{ type: 'owning_party', destination: partyDl(w.gln.hospHz) }],
      })]);
      let latency = -1;
      while (Date.now() - started < 5000) {
        const res = await call(t().app, w.cityHz, { method: 'GET', url: '/api/alerts/inbox?unread=true' });
        if ((res.json().items as { source: string }[]).some((a) => a.source === 'rule.di_unregistered')) {
          latency = Date.now() - started;
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      console.log(`capture → inbox latency: ${latency} ms`);
      expect(latency).toBeGreaterThan(0);
      expect(latency).toBeLessThan(5000);
    } finally {
      await loop.stop();
    }
  }, 20_000);
});
