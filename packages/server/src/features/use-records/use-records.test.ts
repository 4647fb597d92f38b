import { withGs1CheckDigit } from '@lianjian/core';
import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { submissionClock } from '../adverse-events/adverse-events.service.ts';
import { batchPayload, receiptPayload } from '../production/production.test-helpers.ts';

// A fresh database and app can take longer than the default 10 s while other suites share the machine.
vi.setConfig({ hookTimeout: 60_000 });
const t = useTestApp();

type Who = 'hosp' | 'hosp2' | 'hospNb' | 'mfr' | 'cityHz' | 'cityNb' | 'province';
const w = {} as { headers: Record<Who, Record<string, string>>; org: Record<'hosp' | 'hosp2' | 'hospNb' | 'mfr', number>; pumpA: string; pumpB: string; syringe: string };

function residentId(birth: string, seq: string): string {
  const first17 = `110105${birth.replace(/-/g, '')}${seq}`;
  return `${first17}${residentIdCheckChar(first17)}`;
}
const PATIENT_ID = residentId('1958-07-01', '002');

beforeAll(async () => {
  const { deps, app } = t();
  const mfr = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330212' });
  const hosp = await makeOrganization(deps, { type: 'institution', regionCode: '330106', name: '杭州测试医院' });
  const hosp2 = await makeOrganization(deps, { type: 'institution', regionCode: '330106' });
  const hospNb = await makeOrganization(deps, { type: 'institution', regionCode: '330212' });
  w.org = { hosp: hosp.id, hosp2: hosp2.id, hospNb: hospNb.id, mfr: mfr.id };
  const prefix = mfr.gs1CompanyPrefix ?? '';
  const a = await makeProduct(deps, mfr.id, prefix);
  const b = await makeProduct(deps, mfr.id, prefix);
  const s = await makeProduct(deps, mfr.id, prefix);
  await sql`update products set device_kind = 'infusion_pump' where id in (${a.id}, ${b.id})`.execute(deps.db);
  w.pumpA = a.di ?? '';
  w.pumpB = b.di ?? '';
  w.syringe = s.di ?? '';
  const users: Record<Who, Promise<string>> = {
    hosp: makeUser(deps, { role: 'institution', organizationId: hosp.id }),
    hosp2: makeUser(deps, { role: 'institution', organizationId: hosp2.id }),
    hospNb: makeUser(deps, { role: 'institution', organizationId: hospNb.id }),
    mfr: makeUser(deps, { role: 'enterprise', organizationId: mfr.id }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    cityNb: makeUser(deps, { role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' }),
    province: makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }),
  };
  w.headers = {} as typeof w.headers;
  for (const who of Object.keys(users) as Who[]) w.headers[who] = await loginHeaders(app, await users[who], PASSWORD);
  // The syringe lot the tests use exists on the platform: its manufacturer recorded the batch.
  const supplier = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330110' });
  const receipt = await call(app, w.headers.mfr, { method: 'POST', url: '/api/material-receipts', payload: receiptPayload(supplier.id) });
  expect(receipt.statusCode, receipt.body).toBe(201);
  const batch = await call(app, w.headers.mfr, { method: 'POST', url: '/api/batches', payload: batchPayload(w.syringe, [{ materialCode: receipt.json().material.code, materialLot: receipt.json().materialLot }], { lot: 'S-L1' }) });
  expect(batch.statusCode, batch.body).toBe(201);
}, 60_000);

afterEach(() => {
  vi.restoreAllMocks();
});

const post = (who: Who, url: string, payload: unknown, headers: Record<string, string> = {}) => call(t().app, { ...w.headers[who], ...headers }, { method: 'POST', url, payload: payload as Record<string, unknown> });
const get = (who: Who, url: string) => call(t().app, w.headers[who], { method: 'GET', url });
async function created(who: Who, url: string, payload: unknown) {
  const res = await post(who, url, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const use = (over: Record<string, unknown> = {}) => ({ udi: `(01)${w.pumpA}(21)SN1`, department: 'ICU', procedure: '静脉输液', usedOn: '2026-03-01', operator: '李静', ...over });

describe('trained operators are derived from training records', () => {
  beforeAll(async () => {
    await created('hosp', '/api/use-records/trainings', { operator: '李静', deviceKind: 'infusion_pump', trainedOn: '2026-01-05', trainer: '设备科 周工', validUntil: '2027-01-04' });
    await created('hosp', '/api/use-records/trainings', { operator: '王磊', productDi: w.pumpB, trainedOn: '2025-02-01', trainer: '厂家工程师', validUntil: '2026-02-01', certificateNo: 'PX-7' });
    await created('hosp', '/api/use-records/trainings', { operator: '赵敏', deviceKind: 'infusion_pump', trainedOn: '2026-03-10', trainer: '设备科 周工', validUntil: '2027-03-09' });
    // Another hospital's training of the same name does not count here.
    await created('hosp2', '/api/use-records/trainings', { operator: '孙伟', deviceKind: 'infusion_pump', trainedOn: '2026-01-01', trainer: '某', validUntil: '2027-01-01' });
  });

  it.each([
    ['trained on the device type (name with a space and full-width form)', () => ({ operator: '李　静' }), true],
    ['trained on another product only', () => ({ operator: '王磊' }), false],
    ['trained on this product (by DI), within validity', () => ({ udi: undefined, productDi: w.pumpB, serial: 'B1', operator: '王磊', usedOn: '2026-01-20' }), true],
    ['trained on this product, but the training expired', () => ({ udi: undefined, productDi: w.pumpB, serial: 'B1', operator: '王磊', usedOn: '2026-03-01' }), false],
    ['trained only after the day of use', () => ({ operator: '赵敏', usedOn: '2026-03-05' }), false],
    ['trained at another hospital', () => ({ operator: '孙伟' }), false],
    ['trained on pumps, using a syringe', () => ({ udi: undefined, productDi: w.syringe, lot: 'S-L1', operator: '李静' }), false],
  ] as const)('%s', async (_name, over, trained) => {
    const body = use(over());
    if (body.udi === undefined) delete (body as Record<string, unknown>).udi;
    const u = await created('hosp', '/api/use-records/uses', body);
    expect(u.operatorTrained).toBe(trained);
    expect(u.trainingId === null).toBe(!trained);
  });

  it('tells two operators of the same name apart by their staff number', async () => {
    // Two nurses named 张伟 at one hospital; only H001 was trained on pumps.
    await created('hosp', '/api/use-records/trainings', { operator: '张伟', operatorId: 'H001', deviceKind: 'infusion_pump', trainedOn: '2026-01-05', trainer: '设备科 周工', validUntil: '2027-01-04' });
    const trained = await created('hosp', '/api/use-records/uses', use({ operator: '张伟', operatorId: 'H001' }));
    expect(trained).toMatchObject({ operator: '张伟', operatorId: 'H001', operatorTrained: true, trainingId: expect.any(Number) });
    const other = await created('hosp', '/api/use-records/uses', use({ operator: '张伟', operatorId: 'H002' }));
    expect(other).toMatchObject({ operator: '张伟', operatorId: 'H002', operatorTrained: false, trainingId: null });
    // The id decides over the name (a renamed person keeps the staff number)…
    expect((await created('hosp', '/api/use-records/uses', use({ operator: '张 伟（已更名）', operatorId: 'H001' }))).operatorTrained).toBe(true);
    // …and without an id on the use, the name decides as before.
    expect((await created('hosp', '/api/use-records/uses', use({ operator: '张伟' }))).operatorTrained).toBe(true);
    // A training without an id matches by name, whatever the use's id (older training records).
    expect((await created('hosp', '/api/use-records/uses', use({ operator: '李静', operatorId: 'H777' }))).operatorTrained).toBe(true);
    const list = await get('hosp', '/api/use-records/trainings?operator=张伟');
    expect(list.json().items.map((x: { operatorId: string | null }) => x.operatorId)).toEqual(['H001']);
  });

  it('never takes "trained" from the input', async () => {
    const res = await post('hosp', '/api/use-records/uses', use({ operator: '王磊', operatorTrained: true }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ code: 'generic.unknown_key' });
  });
});

describe('clinical use', () => {
  it('reads the device from any UDI form and keeps the patient encrypted, shown masked', async () => {
    const u = await created('hosp', '/api/use-records/uses', use({ udi: `https://id.gs1.org/01/${w.pumpA}/21/SN2`, patient: { name: '张三丰', idNumber: PATIENT_ID } }));
    expect(u).toMatchObject({ productDi: w.pumpA, serial: 'SN2', lot: null, deviceKind: 'infusion_pump', department: 'ICU', operatorTrained: true });
    expect(u.patient).toEqual({ key: expect.stringMatching(/^pk_[0-9a-f]{32}$/), nameMasked: '张**', idNumberMasked: `110105********${PATIENT_ID.slice(-4)}` });
    expect(JSON.stringify(u)).not.toContain('张三丰');
    expect(JSON.stringify(u)).not.toContain(PATIENT_ID);
    const stored = await sql<{ name: string }>`select name_ciphertext as name from patient_identities where patient_key = ${u.patient.key}`.execute(t().deps.db);
    expect(stored.rows[0]?.name).toMatch(/^v1\./);
    // The same patient given later by key.
    const again = await created('hosp', '/api/use-records/uses', use({ patientKey: u.patient.key, usedOn: '2026-03-02' }));
    expect(again.patient).toEqual(u.patient);
    const list = await get('hosp', `/api/use-records/uses?patientKey=${u.patient.key}&format=csv`);
    expect(list.body).toContain('张**');
    expect(list.body).not.toContain('张三丰');
  });

  it('links a use that is also an EPCIS use event instead of duplicating it', async () => {
    const ev = await post('hosp', '/api/submissions/use', { time: '2026-03-04T09:30:00+08:00', items: [`(01)${w.pumpA}(21)SN9`], department: 'ICU' });
    expect(ev.statusCode, ev.body).toBe(201);
    const found = await created('hosp', '/api/use-records/uses', use({ udi: `(01)${w.pumpA}(21)SN9`, usedOn: '2026-03-04' }));
    expect(found.epcisEventId).toBe(ev.json().eventId);
    const given = await created('hosp', '/api/use-records/uses', use({ udi: `(01)${w.pumpA}(21)SN9`, usedOn: '2026-03-04', eventId: ev.json().eventId }));
    expect(given.epcisEventId).toBe(ev.json().eventId);
    const other = await post('hosp', '/api/use-records/uses', use({ udi: `(01)${w.pumpA}(21)SN8`, eventId: ev.json().eventId }));
    expect(other.json().errors[0]).toMatchObject({ path: 'eventId', code: 'use_record.event_other_device' });
    const count = await sql<{ n: number }>`select count(*)::int as n from epcis_events where biz_step = 'dispensing'`.execute(t().deps.db);
    expect(count.rows[0]?.n).toBe(1);
  });
});

describe('maintenance, disposal, facts and the assessment', () => {
  it('computes the assessment from uses, maintenance, adverse-event reports and facts', async () => {
    const { db } = t().deps;
    // A fresh hospital, so the figures are exactly what this test records.
    const org = await makeOrganization(t().deps, { type: 'institution', regionCode: '330106' });
    const h = await loginHeaders(t().app, await makeUser(t().deps, { role: 'institution', organizationId: org.id }), PASSWORD);
    const p = (url: string, payload: unknown) => call(t().app, h, { method: 'POST', url, payload: payload as Record<string, unknown> });
    expect((await p('/api/use-records/trainings', { operator: '甲', deviceKind: 'infusion_pump', trainedOn: '2026-01-01', trainer: 'T', validUntil: '2026-12-31' })).statusCode).toBe(201);
    for (const operator of ['甲', '甲', '甲', '乙']) expect((await p('/api/use-records/uses', use({ operator }))).statusCode).toBe(201);
    const m1 = await p('/api/use-records/maintenance', { udi: `(01)${w.pumpA}(21)SN1`, startedOn: '2026-03-01', completedOn: '2026-03-01', downtimeHours: 2, result: 'serviced', technician: '周工' });
    expect(m1.json()).toMatchObject({ failure: false, fault: null, downtimeHours: 2, result: 'serviced' });
    const m2 = await p('/api/use-records/maintenance', { productDi: w.pumpA, serial: 'SN1', fault: '运行中异常停机，报警“管路阻塞”', startedOn: '2026-03-05', completedOn: '2026-03-06', downtimeHours: 30, parts: ['压力传感器'], result: 'repaired', technician: '厂家工程师' });
    expect(m2.statusCode, m2.body).toBe(201);
    expect(m2.json()).toMatchObject({ failure: true, parts: ['压力传感器'], result: 'repaired', model: 'M1' });
    expect((await p('/api/use-records/maintenance', { productDi: w.pumpA, serial: 'SN3', fault: '主板烧毁', startedOn: '2026-03-07', downtimeHours: 10, result: 'scrapped', technician: '周工' })).statusCode).toBe(201);
    const d = await p('/api/use-records/disposals', { productDi: w.syringe, lot: 'S-L1', quantity: 20, disposedOn: '2026-03-08', method: 'medical_waste', reason: '过期' });
    expect(d.json()).toMatchObject({ quantity: 20, method: 'medical_waste', epcisEventId: null });

    // Two adverse-event reports: one on time, one late.
    const ae = (known: string, seq: string) => ({
      productDi: w.pumpA, serial: 'SN1', patient: { name: '李四', idNumber: residentId('1970-01-01', seq) }, manifestation: '异常停机', eventDate: known, dateKnown: known,
      outcome: 'serious_injury', imdrfCodes: ['A0601'],
    });
    vi.spyOn(submissionClock, 'now').mockImplementation(() => new Date('2026-03-03T10:00:00+08:00'));
    expect((await p('/api/adverse-events', ae('2026-03-02', '011'))).json()).toMatchObject({ late: false });
    vi.spyOn(submissionClock, 'now').mockImplementation(() => new Date('2026-04-30T10:00:00+08:00'));
    expect((await p('/api/adverse-events', ae('2026-03-02', '012'))).json()).toMatchObject({ late: true });

    const facts = await call(t().app, h, { method: 'PUT', url: '/api/use-records/device-facts', payload: { managementSystem: true, systemDocument: '医疗器械使用质量管理制度（2026 版）', responsiblePerson: '设备科 吴主任' } });
    expect(facts.statusCode, facts.body).toBe(200);

    const res = await get('cityHz', `/api/institutions/${org.id}/assessment`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      organizationId: org.id,
      training: { uses: 4, usesByTrained: 3, coverage: 0.75 },
      maintenance: { records: 3, failures: 2, downtimeHours: 42, meanDowntimeHours: 14, scrapped: 1 },
      reporting: { total: 2, late: 1, onTime: 1, timeliness: 0.5 },
      trainingByProduct: [{ productDi: w.pumpA, uses: 4, usesByTrained: 3, coverage: 0.75 }],
      facts: { managementSystem: true, responsiblePerson: '设备科 吴主任', updatedAt: expect.stringMatching(/\+08:00$/) },
    });
    expect((await call(t().app, h, { method: 'GET', url: `/api/institutions/${org.id}/assessment` })).statusCode).toBe(200);
    const period = await get('province', `/api/institutions/${org.id}/assessment?from=2026-03-04&to=2026-03-31`);
    expect(period.json()).toMatchObject({ training: { uses: 0, coverage: null }, maintenance: { records: 2, failures: 2, downtimeHours: 40 }, reporting: { total: 0, timeliness: null } });
    const failures = await call(t().app, h, { method: 'GET', url: '/api/use-records/maintenance?failure=true&sort=-downtimeHours' });
    expect(failures.json().items.map((m: { downtimeHours: number }) => m.downtimeHours)).toEqual([30, 10]);
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where action in ('clinical_use.create', 'maintenance_record.create', 'device_disposal.create', 'device_facts.state') and actor_name like 'user-institution-%'`.execute(db);
    expect(Number(audit.rows[0]?.n)).toBeGreaterThanOrEqual(9);
  });

  it('answers the assessment only to regulators in jurisdiction and the institution itself', async () => {
    expect((await get('hosp2', `/api/institutions/${w.org.hosp}/assessment`)).statusCode).toBe(404);
    expect((await get('cityNb', `/api/institutions/${w.org.hosp}/assessment`)).statusCode).toBe(404);
    expect((await get('mfr', `/api/institutions/${w.org.hosp}/assessment`)).statusCode).toBe(403);
    expect((await get('cityNb', `/api/institutions/${w.org.mfr}/assessment`)).statusCode).toBe(404);
    expect((await get('hosp', `/api/institutions/${w.org.hosp}/assessment`)).statusCode).toBe(200);
  });
});

describe('scope', () => {
  it('shows a hospital its own use records only, and regulators those in their jurisdiction', async () => {
    const u = await created('hosp', '/api/use-records/uses', use({ usedOn: '2026-02-02' }));
    expect((await get('hosp', `/api/use-records/uses/${u.id}`)).statusCode).toBe(200);
    expect((await get('cityHz', `/api/use-records/uses/${u.id}`)).statusCode).toBe(200);
    expect((await get('hosp2', `/api/use-records/uses/${u.id}`)).statusCode).toBe(404);
    expect((await get('cityNb', `/api/use-records/uses/${u.id}`)).statusCode).toBe(404);
    expect((await get('hosp2', `/api/use-records/uses?organizationId=${w.org.hosp}`)).json().total).toBe(0);
    expect((await get('cityNb', '/api/use-records/trainings')).json().total).toBe(0);
    expect((await get('hosp2', '/api/use-records/trainings')).json().items.map((x: { operator: string }) => x.operator)).toEqual(['孙伟']);
    expect((await get('mfr', '/api/use-records/uses')).statusCode).toBe(403);
    const res = await post('mfr', '/api/use-records/uses', use());
    expect(res.statusCode).toBe(403);
  });
});

describe('bad input', () => {
  const unknownDi = withGs1CheckDigit('0699999999999');
  const cases: [string, string, () => Record<string, unknown>, string, string][] = [
    ['use', 'no device', () => use({ udi: undefined }), 'udi', 'use_record.device_required'],
    ['use', 'an unreadable UDI', () => use({ udi: '(01)123' }), 'udi', 'use_record.udi_unreadable'],
    ['use', 'a UDI and a DI', () => use({ productDi: w.pumpA }), 'productDi', 'use_record.device_twice'],
    ['use', 'a DI without lot or serial', () => use({ udi: undefined, productDi: w.pumpA }), 'lot', 'use_record.lot_or_serial_required'],
    ['use', 'an unregistered DI', () => use({ udi: `(01)${unknownDi}(21)X` }), 'udi', 'use_record.unknown_di'],
    ['use', 'a lot that does not exist (DI + lot)', () => use({ udi: undefined, productDi: w.syringe, lot: 'NO-SUCH-LOT' }), 'lot', 'use_record.lot_unknown'],
    ['use', 'a lot that does not exist (in the UDI)', () => use({ udi: `(01)${w.syringe}(10)NO-SUCH-LOT` }), 'udi', 'use_record.lot_unknown'],
    ['use', 'a staff number with spaces', () => use({ operatorId: 'H 001' }), 'operatorId', 'use_record.operator_id_invalid'],
    ['use', 'a name given as the patient key', () => use({ patientKey: '张三' }), 'patientKey', 'use_record.patient_key_invalid'],
    ['use', 'an unknown patient key', () => use({ patientKey: `pk_${'0'.repeat(32)}` }), 'patientKey', 'use_record.patient_key_unknown'],
    ['use', 'an invalid identity number', () => use({ patient: { name: '王五', idNumber: '110105196001010011' } }), 'patient.idNumber', 'use_record.id_number_invalid'],
    ['use', 'a date in the future', () => use({ usedOn: '2099-01-01' }), 'usedOn', 'use_record.date_future'],
    ['use', 'an event that is not a use event of yours', () => use({ eventId: 999_999 }), 'eventId', 'use_record.event_not_found'],
    ['training', 'neither device type nor product', () => ({ operator: '甲', trainedOn: '2026-01-01', trainer: 'T', validUntil: '2026-12-31' }), 'deviceKind', 'training.subject_required'],
    ['training', 'validity before the training', () => ({ operator: '甲', deviceKind: 'infusion_pump', trainedOn: '2026-01-01', trainer: 'T', validUntil: '2025-12-31' }), 'validUntil', 'training.valid_before_trained'],
    ['training', 'an unknown device type', () => ({ operator: '甲', deviceKind: 'time_machine', trainedOn: '2026-01-01', trainer: 'T', validUntil: '2026-12-31' }), 'deviceKind', 'training.unknown_device_kind'],
    ['training', 'an unregistered DI', () => ({ operator: '甲', productDi: unknownDi, trainedOn: '2026-01-01', trainer: 'T', validUntil: '2026-12-31' }), 'productDi', 'training.unknown_di'],
    ['maintenance', 'equipment without a serial', () => ({ productDi: w.pumpA, lot: 'L1', startedOn: '2026-03-01', result: 'serviced', technician: 'T' }), 'serial', 'use_record.serial_required'],
    ['maintenance', 'completed before started', () => ({ productDi: w.pumpA, serial: 'S', startedOn: '2026-03-02', completedOn: '2026-03-01', result: 'serviced', technician: 'T' }), 'completedOn', 'maintenance.completed_before_started'],
    ['maintenance', 'a repair without a fault', () => ({ productDi: w.pumpA, serial: 'S', startedOn: '2026-03-01', result: 'repaired', technician: 'T' }), 'fault', 'maintenance.fault_required'],
    ['maintenance', 'a fault with a routine service', () => ({ productDi: w.pumpA, serial: 'S', fault: 'F', startedOn: '2026-03-01', result: 'serviced', technician: 'T' }), 'result', 'maintenance.fault_not_repaired'],
    ['maintenance', 'more downtime than the period has hours', () => ({ productDi: w.pumpA, serial: 'S', fault: 'F', startedOn: '2026-03-01', completedOn: '2026-03-02', downtimeHours: 49, result: 'repaired', technician: 'T' }), 'downtimeHours', 'maintenance.downtime_exceeds_period'],
    ['maintenance', 'negative downtime', () => ({ productDi: w.pumpA, serial: 'S', startedOn: '2026-03-01', downtimeHours: -1, result: 'serviced', technician: 'T' }), 'downtimeHours', 'generic.too_small'],
    ['disposal', 'one unit with a quantity of 2', () => ({ udi: `(01)${w.pumpA}(21)SN1`, quantity: 2, disposedOn: '2026-03-01', method: 'destroyed', reason: '报废' }), 'quantity', 'disposal.unit_quantity'],
    ['disposal', 'an unknown method', () => ({ productDi: w.syringe, lot: 'L', disposedOn: '2026-03-01', method: 'burn', reason: 'x' }), 'method', 'generic.enum'],
  ];
  const urls: Record<string, string> = { use: '/api/use-records/uses', training: '/api/use-records/trainings', maintenance: '/api/use-records/maintenance', disposal: '/api/use-records/disposals' };
  it.each(cases)('%s: rejects %s with field, rule and hint in zh-CN and en, writing nothing', async (kind, _name, body, path, code) => {
    const n = async () => Number((await sql<{ n: number }>`select (select count(*) from clinical_uses) + (select count(*) from operator_trainings) + (select count(*) from maintenance_records) + (select count(*) from device_disposals) + (select count(*) from patient_identities) + (select count(*) from audit_log) as n`.execute(t().deps.db)).rows[0]?.n);
    const before = await n();
    for (const lang of ['zh-CN', 'en']) {
      const payload = body();
      for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
      const res = await post('hosp', urls[kind] ?? '', payload, { 'accept-language': lang, 'idempotency-key': `bad-${kind}-${code}-${lang}` });
      expect(res.statusCode, res.body).toBe(422);
      const error = (res.json().errors as { path: string; code: string; message: string; hint?: string }[]).find((e) => e.path === path);
      expect(error, JSON.stringify(res.json().errors)).toMatchObject({ code });
      expect(error?.hint).toBeTruthy();
      expect(/\p{Script=Han}/u.test(error?.message ?? '')).toBe(lang === 'zh-CN');
    }
    expect(await n()).toBe(before);
  });

  it('rejects device-management facts with a document but no system, in both languages', async () => {
    for (const lang of ['zh-CN', 'en']) {
      const res = await call(t().app, { ...w.headers.hosp, 'accept-language': lang }, { method: 'PUT', url: '/api/use-records/device-facts', payload: { managementSystem: false, systemDocument: '制度', responsiblePerson: '某' } });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0]).toMatchObject({ path: 'systemDocument', code: 'device_facts.document_without_system', hint: expect.any(String) });
    }
  });
});

describe('OpenAPI', () => {
  it('documents the use-record, distribution-document and privacy routes', async () => {
    const doc = (await t().app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of ['/api/use-records/uses', '/api/use-records/trainings', '/api/use-records/maintenance', '/api/use-records/disposals', '/api/use-records/device-facts',
      '/api/institutions/{id}/assessment', '/api/distribution-documents', '/api/receiving-acceptances', '/api/patients/{patientKey}/identity', '/api/patient-identity-grants/{id}']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/use-records/uses'].post.requestBody.content['application/json'].schema.properties).not.toHaveProperty('operatorTrained');
  });
});
