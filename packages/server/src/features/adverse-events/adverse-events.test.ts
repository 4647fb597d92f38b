import { withGs1CheckDigit } from '@lianjian/core';
import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, TEST_PII_KEY, useTestApp } from '../../test/test-app.ts';
import { PiiCipher } from '../patients/pii-cipher.ts';
import { batchPayload, receiptPayload } from '../production/production.test-helpers.ts';
import { submissionClock } from './adverse-events.service.ts';

const t = useTestApp();

type Who = 'hospHz' | 'distHz' | 'mfrNb' | 'hospNj' | 'logisticsHz' | 'cityHz' | 'cityNb' | 'province' | 'national';
const w = {} as { headers: Record<Who, Record<string, string>>; org: Record<'hospHz' | 'distHz' | 'mfrNb' | 'hospNj', number>; di: string; otherDi: string };

/** A valid 18-character resident identity number for a birth date and sequence. */
function residentId(birth: string, seq: string): string {
  const first17 = `110105${birth.replace(/-/g, '')}${seq}`;
  return `${first17}${residentIdCheckChar(first17)}`;
}

beforeAll(async () => {
  const { deps, app } = t();
  const hospHz = await makeOrganization(deps, { type: 'institution', regionCode: '330106' });
  const distHz = await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  const logisticsHz = await makeOrganization(deps, { type: 'logistics', regionCode: '330106' });
  const mfrNb = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330212' });
  const mfrOther = await makeOrganization(deps, { type: 'manufacturer', regionCode: '320102' });
  const hospNj = await makeOrganization(deps, { type: 'institution', regionCode: '320102' });
  w.org = { hospHz: hospHz.id, distHz: distHz.id, mfrNb: mfrNb.id, hospNj: hospNj.id };
  w.di = (await makeProduct(deps, mfrNb.id, mfrNb.gs1CompanyPrefix ?? '')).di ?? '';
  w.otherDi = (await makeProduct(deps, mfrOther.id, mfrOther.gs1CompanyPrefix ?? '')).di ?? '';
  const users: Record<Who, Promise<string>> = {
    hospHz: makeUser(deps, { role: 'institution', organizationId: hospHz.id }),
    distHz: makeUser(deps, { role: 'enterprise', organizationId: distHz.id }),
    mfrNb: makeUser(deps, { role: 'enterprise', organizationId: mfrNb.id }),
    hospNj: makeUser(deps, { role: 'institution', organizationId: hospNj.id }),
    logisticsHz: makeUser(deps, { role: 'enterprise', organizationId: logisticsHz.id }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    cityNb: makeUser(deps, { role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' }),
    province: makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }),
    national: makeUser(deps, { role: 'regulator', jurisdictionCode: '000000', regulatorLevel: 'national' }),
  };
  w.headers = {} as typeof w.headers;
  for (const who of Object.keys(users) as Who[]) w.headers[who] = await loginHeaders(app, await users[who], PASSWORD);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Submissions made next are stamped with this instant. */
function at(instant: string) {
  vi.spyOn(submissionClock, 'now').mockImplementation(() => new Date(instant));
}

let patientSeq = 100;
function report(over: Record<string, unknown> = {}) {
  const seq = String(patientSeq++).padStart(3, '0');
  return {
    productDi: w.di, lot: 'L2026A', patient: { name: '张三', idNumber: residentId('1960-01-01', seq), sex: 'male', age: 66 },
    manifestation: '输液泵运行中异常停机', eventDate: '2026-02-12', dateKnown: '2026-02-13', place: '病房', outcome: 'serious_injury',
    operatorType: 'professional', imdrfCodes: ['A0601'], causality: '可能有关', actions: '停用并封存', ...over,
  };
}

const post = (who: Who, payload: unknown, headers: Record<string, string> = {}, url = '/api/adverse-events') => call(t().app, { ...w.headers[who], ...headers }, { method: 'POST', url, payload: payload as Record<string, unknown> });
const get = (who: Who, url: string) => call(t().app, w.headers[who], { method: 'GET', url });
async function counts() {
  const { db } = t().deps;
  const n = async (table: 'adverse_event_reports' | 'patient_identities' | 'adverse_event_links' | 'idempotency_keys') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { reports: await n('adverse_event_reports'), identities: await n('patient_identities'), links: await n('adverse_event_links'), keys: await n('idempotency_keys') };
}

describe('statutory clocks', () => {
  it('a death known on 2026-02-13, just before Spring Festival, is due at the end of 2026-02-20 (7 calendar days, holidays counted)', async () => {
    at('2026-02-19T10:00:00+08:00');
    const res = await post('hospHz', report({ outcome: 'death', deathDate: '2026-02-13' }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ deadline: '2026-02-20T23:59:59.999+08:00', deadlineRule: 'ae.death', late: false, lateByHours: 0, outcome: 'death', regionCode: '330106' });
    expect(res.json().id).toEqual(expect.any(Number));
    expect(res.json().submittedAt).toBe('2026-02-19T10:00:00.000+08:00');
  });

  it('flags a death report submitted after its deadline with how many hours late', async () => {
    at('2026-02-21T09:00:00+08:00');
    const res = await post('hospHz', report({ outcome: 'death', deathDate: '2026-02-13' }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ deadline: '2026-02-20T23:59:59.999+08:00', late: true, lateByHours: 9 });
  });

  it('a serious injury known on 2026-09-28 runs 20 calendar days straight through National Day', async () => {
    at('2026-10-18T23:00:00+08:00');
    const onTime = await post('hospHz', report({ eventDate: '2026-09-27', dateKnown: '2026-09-28' }));
    expect(onTime.json()).toMatchObject({ deadline: '2026-10-18T23:59:59.999+08:00', deadlineRule: 'ae.serious_injury', late: false });
    at('2026-10-20T08:00:00+08:00');
    const late = await post('hospHz', report({ eventDate: '2026-09-27', dateKnown: '2026-09-28' }));
    expect(late.json()).toMatchObject({ deadline: '2026-10-18T23:59:59.999+08:00', late: true, lateByHours: 32 });
  });

  it('an event abroad runs 30 days; an "other" outcome has no statutory clock', async () => {
    at('2026-03-01T10:00:00+08:00');
    const abroad = await post('mfrNb', report({ abroad: true, dateKnown: '2026-02-13' }));
    expect(abroad.json()).toMatchObject({ deadline: '2026-03-15T23:59:59.999+08:00', deadlineRule: 'ae.abroad', late: false });
    const other = await post('hospHz', report({ outcome: 'other' }));
    expect(other.json()).toMatchObject({ deadline: null, deadlineRule: null, late: false, lateByHours: 0 });
  });

  it('a cluster event: first notice within 12 hours of the time known, every further case within 24 hours', async () => {
    at('2026-03-02T12:00:00+08:00');
    const first = await post('hospNj', report({ productDi: w.otherDi, cluster: true, eventDate: '2026-03-02', dateKnown: '2026-03-02', knownAt: '2026-03-02T08:30:00+08:00' }));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ deadline: '2026-03-02T20:30:00.000+08:00', deadlineRule: 'ae.cluster.first_notice', late: false, cluster: true });
    at('2026-03-03T09:30:00+08:00');
    const next = await post('hospNj', report({ productDi: w.otherDi, cluster: true, eventDate: '2026-03-02', dateKnown: '2026-03-02', knownAt: '2026-03-02T09:00:00+08:00' }));
    expect(next.json()).toMatchObject({ deadline: '2026-03-03T09:00:00.000+08:00', deadlineRule: 'ae.cluster.each_case', late: true, lateByHours: 1 });
  });
});

describe('lots the platform does not know', () => {
  it('accepts a report of an unknown lot but flags it (lotUnknown, a field warning in zh-CN and en); a known lot is not flagged', async () => {
    at('2026-03-01T10:00:00+08:00');
    const unknown = await post('hospHz', report({ lot: 'IMPORTED-77' }));
    expect(unknown.statusCode, unknown.body).toBe(201);
    expect(unknown.json()).toMatchObject({ lot: 'IMPORTED-77', lotUnknown: true });
    expect(unknown.json().warnings).toEqual([{
      code: 'adverse_event.lot_unknown', path: 'lot', params: { di: w.di, lot: 'IMPORTED-77' },
      message: `平台中没有产品标识 ${w.di} 的批号 IMPORTED-77；报告已接收，并标记为“批号未知”（lotUnknown）`, hint: expect.stringContaining('核对批号'),
    }]);
    // The report is stored like any other.
    expect((await get('cityHz', `/api/adverse-events/${unknown.json().id}`)).json().lot).toBe('IMPORTED-77');
    const en = await post('hospHz', report({ productDi: undefined, lot: undefined, udi: `(01)${w.di}(10)IMPORTED-78` }), { 'accept-language': 'en' });
    expect(en.json().warnings[0]).toMatchObject({ code: 'adverse_event.lot_unknown', path: 'udi', message: `Lot IMPORTED-78 of DI ${w.di} is not known on the platform; the report was accepted and flagged lotUnknown` });

    // Once the manufacturer has recorded the lot's production batch, the lot is known.
    const supplier = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330110' });
    const receipt = await post('mfrNb', receiptPayload(supplier.id), {}, '/api/material-receipts');
    expect(receipt.statusCode, receipt.body).toBe(201);
    const batch = await post('mfrNb', batchPayload(w.di, [{ materialCode: receipt.json().material.code, materialLot: receipt.json().materialLot }], { lot: 'KNOWN-1' }), {}, '/api/batches');
    expect(batch.statusCode, batch.body).toBe(201);
    const known = await post('hospHz', report({ lot: 'KNOWN-1' }));
    expect(known.json()).toMatchObject({ lot: 'KNOWN-1', lotUnknown: false, warnings: [] });
    // A device given by its serial alone has no lot to check.
    const serialOnly = await post('hospHz', report({ lot: undefined, serial: 'SN-1' }));
    expect(serialOnly.json()).toMatchObject({ lotUnknown: false, warnings: [] });
  });
});

describe('duplicates across reporters', () => {
  const patient = { name: '李四', idNumber: residentId('1975-06-30', '123'), sex: 'female' };
  const ids = {} as { hosp: number; dist: number; mfr: number };

  it('links the distributor\'s and the registrant\'s reports of the hospital\'s event as one case, with the reason', async () => {
    at('2026-05-15T10:00:00+08:00');
    const hosp = await post('hospHz', report({ patient, lot: 'LOT-DUP', eventDate: '2026-05-10', dateKnown: '2026-05-11' }));
    expect(hosp.json().duplicateOf).toBeNull();
    ids.hosp = hosp.json().id;

    const dist = await post('distHz', report({ patient: { name: '李四', idNumber: patient.idNumber }, lot: 'LOT-DUP', eventDate: '2026-05-12', dateKnown: '2026-05-13' }));
    expect(dist.statusCode).toBe(201);
    ids.dist = dist.json().id;
    expect(dist.json().duplicateOf).toBe(ids.hosp);
    expect(dist.json().duplicateReason).toMatchObject({
      rule: 'same_device_patient_event', matched: ['productDi', 'lot', 'patientKey', 'eventDate'], matchedReportId: ids.hosp, productDi: w.di, lot: 'LOT-DUP',
      eventDates: ['2026-05-12', '2026-05-10'], daysApart: 2, windowDays: 3, reporterTypes: ['distributor', 'institution'],
    });
    expect(dist.json().patientKey).toBe(hosp.json().patientKey);

    // The registrant gives the device by its UDI label; the lot comes from the UDI.
    const mfr = await post('mfrNb', report({ productDi: undefined, lot: undefined, udi: `(01)${w.di}(10)LOT-DUP`, patient, eventDate: '2026-05-09', dateKnown: '2026-05-14' }));
    expect(mfr.statusCode).toBe(201);
    ids.mfr = mfr.json().id;
    expect(mfr.json()).toMatchObject({ duplicateOf: ids.hosp, lot: 'LOT-DUP', reporterType: 'registrant', udi: `(01)${w.di}(10)LOT-DUP` });
    expect(mfr.json().duplicateReason).toMatchObject({ matched: ['productDi', 'lot', 'patientKey', 'eventDate'], daysApart: 1 });
  });

  it('does not link the same organisation\'s reports, another patient, another lot or dates more than 3 days apart', async () => {
    at('2026-05-20T10:00:00+08:00');
    expect((await post('hospHz', report({ patient, lot: 'LOT-DUP', eventDate: '2026-05-10', dateKnown: '2026-05-11' }))).json().duplicateOf).toBeNull();
    expect((await post('distHz', report({ lot: 'LOT-DUP', eventDate: '2026-05-10', dateKnown: '2026-05-11' }))).json().duplicateOf).toBeNull();
    expect((await post('distHz', report({ patient, lot: 'LOT-OTHER', eventDate: '2026-05-10', dateKnown: '2026-05-11' }))).json().duplicateOf).toBeNull();
    expect((await post('distHz', report({ patient, lot: 'LOT-DUP', eventDate: '2026-05-14', dateKnown: '2026-05-15' }))).json().duplicateOf).toBeNull();
  });

  it('lets a regulator with the reporter in its jurisdiction undo a link; the link stays as history and the undo is audited', async () => {
    const url = `/api/adverse-events/${ids.dist}/duplicate-link`;
    expect((await call(t().app, w.headers.hospHz, { method: 'DELETE', url })).statusCode).toBe(403);
    expect((await call(t().app, w.headers.cityNb, { method: 'DELETE', url })).statusCode).toBe(404);
    const res = await call(t().app, w.headers.cityHz, { method: 'DELETE', url });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: ids.dist, duplicateOf: null });
    expect(res.json().links).toEqual([expect.objectContaining({ reportId: ids.dist, duplicateOf: ids.hosp, unlinkedAt: expect.stringMatching(/\+08:00$/) })]);
    expect((await call(t().app, w.headers.cityHz, { method: 'DELETE', url })).statusCode).toBe(409);
    const audit = await t().deps.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'adverse_event.unlink').where('object_id', '=', String(ids.dist)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ duplicateOf: ids.hosp });
    // The registrant's link is untouched; the case's first report lists both links.
    expect((await get('national', `/api/adverse-events/${ids.mfr}`)).json().duplicateOf).toBe(ids.hosp);
    const first = (await get('national', `/api/adverse-events/${ids.hosp}`)).json();
    expect(first.links.map((l: { reportId: number; unlinkedAt: string | null }) => [l.reportId, l.unlinkedAt === null])).toEqual([[ids.dist, false], [ids.mfr, true]]);
    // The fact found at submission is kept on the report row.
    const row = await t().deps.db.selectFrom('adverse_event_reports').select(['duplicate_of']).where('id', '=', ids.dist).executeTakeFirstOrThrow();
    expect(row.duplicate_of).toBe(ids.hosp);
  });
});

describe('idempotency', () => {
  it('answers a retry with the same key and body with the same report and stores nothing twice; a different body is 409', async () => {
    at('2026-04-01T10:00:00+08:00');
    const body = report({ dateKnown: '2026-03-30', eventDate: '2026-03-29' });
    const key = { 'idempotency-key': 'hosp-2026-04-01-0001' };
    const first = await post('hospHz', body, key);
    expect(first.statusCode).toBe(201);
    const before = await counts();
    const again = await post('hospHz', body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await counts()).toEqual(before);
    const changed = await post('hospHz', { ...body, manifestation: '另一件事' }, key);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('idempotency.key_reused');
    expect(await counts()).toEqual(before);
    // The key belongs to its actor: another organisation's user may use the same string.
    expect((await post('distHz', report(), key)).statusCode).toBe(201);
  });

  it('does not spend a key on a rejected request', async () => {
    at('2026-04-01T10:00:00+08:00');
    const key = { 'idempotency-key': 'hosp-2026-04-01-0002' };
    expect((await post('hospHz', report({ imdrfCodes: ['A9999'] }), key)).statusCode).toBe(422);
    expect((await post('hospHz', report(), key)).statusCode).toBe(201);
  });
});

describe('bad input', () => {
  const unknownGtin = withGs1CheckDigit('0699999999999');
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['expiry before production (from the UDI)', { productDi: undefined, lot: undefined, udi: '(01)DI(11)260101(17)250101(10)L1' }, 'expiryDate', 'adverse_event.expiry_before_production'],
    ['expiry before production (given)', { productionDate: '2026-01-01', expiryDate: '2025-01-01' }, 'expiryDate', 'adverse_event.expiry_before_production'],
    ['an IMDRF code not in the list', { imdrfCodes: ['A0601', 'A9999'] }, 'imdrfCodes.1', 'adverse_event.imdrf_unknown'],
    ['a death without a death date', { outcome: 'death' }, 'deathDate', 'adverse_event.death_date_required'],
    ['an event after the date known', { eventDate: '2026-02-14', dateKnown: '2026-02-13' }, 'eventDate', 'adverse_event.event_after_known'],
    ['a DI that is not registered', { productDi: unknownGtin }, 'productDi', 'adverse_event.unknown_di'],
    ['a UDI whose DI is not registered', { productDi: undefined, lot: undefined, udi: `(01)${unknownGtin}(10)L1` }, 'udi', 'adverse_event.unknown_di'],
    ['an unreadable UDI', { productDi: undefined, lot: undefined, udi: '(01)12345' }, 'udi', 'adverse_event.udi_unreadable'],
    ['no device', { productDi: undefined }, 'udi', 'adverse_event.device_required'],
    ['a DI without lot or serial', { lot: undefined }, 'lot', 'adverse_event.lot_or_serial_required'],
    ['an invalid identity number', { patient: { name: '王五', idNumber: '110105196001010011' } }, 'patient.idNumber', 'adverse_event.id_number_invalid'],
    ['a cluster without the time known', { cluster: true }, 'knownAt', 'adverse_event.cluster_needs_time'],
    ['a date known in the future', { dateKnown: '2026-12-31' }, 'dateKnown', 'adverse_event.date_known_future'],
    ['a follow-up without its initial report', { kind: 'follow_up' }, 'initialReportId', 'adverse_event.initial_required'],
    ['an unknown outcome', { outcome: 'bad' }, 'outcome', 'generic.enum'],
  ];
  it.each(cases)('rejects %s with field, rule and hint in zh-CN and en, writing nothing', async (_name, over, path, code) => {
    at('2026-06-01T10:00:00+08:00');
    const body: Record<string, unknown> = report(over);
    if (typeof body.udi === 'string') body.udi = body.udi.replace('DI', w.di);
    const before = await counts();
    const auditBefore = Number((await t().deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    for (const lang of ['zh-CN', 'en']) {
      const res = await post('hospHz', body, { 'accept-language': lang, 'idempotency-key': `bad-${code}-${path}-${lang}` });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const error = (res.json().errors as { path: string; code: string; message: string; hint?: string }[]).find((e) => e.path === path);
      expect(error, JSON.stringify(res.json().errors)).toMatchObject({ code });
      expect(error?.hint).toBeTruthy();
      expect(/\p{Script=Han}/u.test(error?.message ?? '')).toBe(lang === 'zh-CN');
    }
    expect(await counts()).toEqual(before);
    expect(Number((await t().deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(auditBefore);
  });

  it('refuses roles and organisations that do not report adverse events', async () => {
    expect((await post('cityHz', report())).statusCode).toBe(403);
    const logistics = await post('logisticsHz', report());
    expect(logistics.statusCode).toBe(403);
    expect(logistics.json().code).toBe('adverse_event.reporter_type');
  });

  it('lets a registrant report on its own products only', async () => {
    at('2026-06-01T10:00:00+08:00');
    const res = await post('mfrNb', report({ productDi: w.otherDi }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ code: 'adverse_event.not_own_product', path: 'productDi' });
  });
});

describe('patient identity', () => {
  it('is stored encrypted and only ever returned masked', async () => {
    at('2026-06-02T10:00:00+08:00');
    const idNumber = '11010519491231002X';
    const res = await post('hospHz', report({ patient: { name: '张三丰', idNumber, sex: 'male', age: 76 } }));
    expect(res.statusCode).toBe(201);
    const id = res.json().id as number;
    expect(res.json().patient).toEqual({ nameMasked: '张**', idNumberMasked: '110105********002X', sex: 'male', age: 76 });
    expect(res.json().patientKey).toMatch(/^pk_[0-9a-f]{32}$/);
    const responses = [res.body, (await get('hospHz', `/api/adverse-events/${id}`)).body, (await get('cityHz', '/api/adverse-events?pageSize=500')).body, (await get('cityHz', '/api/adverse-events?format=csv')).body];
    for (const body of responses) {
      expect(body).not.toContain('张三丰');
      expect(body).not.toContain(idNumber);
    }
    const { db } = t().deps;
    const row = await db.selectFrom('adverse_event_reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toMatch(/张三丰|11010519491231002X/);
    const identity = await db.selectFrom('patient_identities').selectAll().where('id', '=', row.patient_identity_id).executeTakeFirstOrThrow();
    expect(JSON.stringify(identity)).not.toMatch(/张三丰|11010519491231002X/);
    const audit = await db.selectFrom('audit_log').select('details').execute();
    expect(JSON.stringify(audit)).not.toMatch(/张三丰|11010519491231002X/);
    // The ciphertext opens with the key (for a later, granted read), and not without it.
    const cipher = new PiiCipher(TEST_PII_KEY);
    expect(cipher.decrypt(identity.name_ciphertext)).toBe('张三丰');
    expect(cipher.decrypt(identity.id_number_ciphertext ?? '')).toBe(idNumber);
    expect(() => new PiiCipher('another-key-0123456789').decrypt(identity.name_ciphertext)).toThrow();
  });

  it('reading one report is audited as a sensitive read', async () => {
    const id = (await get('hospHz', '/api/adverse-events?pageSize=1')).json().items[0].id as number;
    await get('hospHz', `/api/adverse-events/${id}`);
    const rows = await t().deps.db.selectFrom('audit_log').select('action').where('action', '=', 'adverse_event.read').where('object_id', '=', String(id)).execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });
});

describe('follow-up reports', () => {
  it('link to the initial report in the reporter\'s own scope, with no clock of their own', async () => {
    at('2026-06-03T10:00:00+08:00');
    const initial = (await post('hospHz', report())).json();
    const follow = await post('hospHz', report({ kind: 'follow_up', initialReportId: initial.id }));
    expect(follow.statusCode).toBe(201);
    expect(follow.json()).toMatchObject({ kind: 'follow_up', initialReportId: initial.id, deadline: null, duplicateOf: null });
    expect((await get('hospHz', `/api/adverse-events/${initial.id}`)).json().followUpIds).toEqual([follow.json().id]);
    const foreign = await post('hospNj', report({ productDi: w.di, kind: 'final', initialReportId: initial.id }));
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0]).toMatchObject({ code: 'adverse_event.initial_not_found', path: 'initialReportId' });
  });
});

describe('GET /api/adverse-events scope and filters', () => {
  let all: { id: number; reporterOrganizationId: number; registrantOrganizationId: number; regionCode: string; outcome: string; late: boolean; productDi: string; lot: string | null; eventDate: string }[];
  beforeAll(async () => {
    all = (await get('national', '/api/adverse-events?pageSize=500')).json().items;
  });
  const ids = (res: { json(): { items: { id: number }[] } }) => res.json().items.map((r) => r.id).sort((a, b) => a - b);
  const expected = (pred: (r: (typeof all)[number]) => boolean) => all.filter(pred).map((r) => r.id).sort((a, b) => a - b);

  it('national sees every report, with total', async () => {
    const res = await get('national', '/api/adverse-events?pageSize=500');
    expect(res.json().total).toBe(all.length);
    expect(new Set(all.map((r) => r.reporterOrganizationId))).toEqual(new Set([w.org.hospHz, w.org.distHz, w.org.mfrNb, w.org.hospNj]));
  });

  it('a city regulator sees the reports of reporters in its city only, a province those of its cities', async () => {
    expect(ids(await get('cityHz', '/api/adverse-events?pageSize=500'))).toEqual(expected((r) => r.regionCode.startsWith('3301')));
    expect(ids(await get('cityNb', '/api/adverse-events?pageSize=500'))).toEqual(expected((r) => r.regionCode.startsWith('3302')));
    expect(ids(await get('province', '/api/adverse-events?pageSize=500'))).toEqual(expected((r) => r.regionCode.startsWith('33')));
    expect(expected((r) => r.regionCode.startsWith('3301')).length).toBeGreaterThan(0);
    const other = all.find((r) => r.reporterOrganizationId === w.org.mfrNb);
    expect((await get('cityHz', `/api/adverse-events/${other?.id}`)).statusCode).toBe(404);
  });

  it('a hospital sees its own reports only; a registrant its own and those about its products', async () => {
    expect(ids(await get('hospHz', '/api/adverse-events?pageSize=500'))).toEqual(expected((r) => r.reporterOrganizationId === w.org.hospHz));
    expect(ids(await get('hospNj', '/api/adverse-events?pageSize=500'))).toEqual(expected((r) => r.reporterOrganizationId === w.org.hospNj));
    expect(ids(await get('mfrNb', '/api/adverse-events?pageSize=500'))).toEqual(expected((r) => r.reporterOrganizationId === w.org.mfrNb || r.registrantOrganizationId === w.org.mfrNb));
    const foreign = all.find((r) => r.reporterOrganizationId === w.org.distHz);
    expect((await get('hospHz', `/api/adverse-events/${foreign?.id}`)).statusCode).toBe(404);
  });

  it('filters by productDi, lot, region, outcome, late and event dates', async () => {
    const q = async (query: string) => ids(await get('national', `/api/adverse-events?pageSize=500&${query}`));
    expect(await q(`productDi=${w.otherDi}`)).toEqual(expected((r) => r.productDi === w.otherDi));
    expect(await q('lot=LOT-DUP')).toEqual(expected((r) => r.lot === 'LOT-DUP'));
    expect(await q('region=330100')).toEqual(expected((r) => r.regionCode.startsWith('3301')));
    expect(await q('outcome=death')).toEqual(expected((r) => r.outcome === 'death'));
    expect(await q('late=true')).toEqual(expected((r) => r.late));
    expect(await q('late=false')).toEqual(expected((r) => !r.late));
    expect(await q('from=2026-05-01&to=2026-05-31')).toEqual(expected((r) => r.eventDate >= '2026-05-01' && r.eventDate <= '2026-05-31'));
    expect((await q('outcome=death')).length).toBe(2);
    expect((await q('late=true')).length).toBeGreaterThanOrEqual(3);
  });

  it('pages, sorts and exports CSV', async () => {
    const page = (await get('national', '/api/adverse-events?pageSize=2&page=2&sort=-id')).json();
    const desc = all.map((r) => r.id).sort((a, b) => b - a);
    expect(page.items.map((r: { id: number }) => r.id)).toEqual(desc.slice(2, 4));
    const csv = await get('cityHz', '/api/adverse-events?format=csv&outcome=death');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.trim().split('\r\n')).toHaveLength(3);
    expect(csv.body).toContain('ae.death');
  });
});
