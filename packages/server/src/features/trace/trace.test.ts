import { elementsToEpcUrn, withGs1CheckDigit } from '@lianjian/core';
import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { captureJson, CONTEXT, locationDl, nationalRegulator, partyDl } from '../epcis/epcis.test-helpers.ts';
import { rebuildProjections } from './projections.ts';
import { XLSX_TYPE } from './recall-scope.excel.ts';

const t = useTestApp();

type Org = { id: number; gln: string; regionCode: string };
type Sim = { holder: number; status: 'in_stock' | 'in_transit' | 'used' | 'destroyed'; institution: boolean };

let regulator: Record<string, string>;
let gtin = '';
let mfr: Org, d1: Org, d2: Org, h1: Org, h2: Org;
const institutions = new Set<number>();
// Ground truth: what the test shipped, unit by unit.
const sim = new Map<string, Sim>();
const contents = new Map<string, string[]>();
let minute = 0;
const at = () => {
  minute += 10;
  const d = new Date(Date.UTC(2026, 2, 1, 0, 0) + minute * 60_000);
  return d.toISOString().replace('.000Z', '+00:00');
};
const unit = (s: string) => `https://id.example.cn/01/${gtin}/10/L1/21/${s}`;
const ssccOf = (n: number) => withGs1CheckDigit(`0${mfr.gln.slice(0, 7)}${String(n).padStart(9, '0')}`);
const container = (n: number) => `https://id.gs1.org/00/${ssccOf(n)}`;
const leaves = (code: string): string[] => (contents.has(code) ? (contents.get(code) as string[]).flatMap(leaves) : [code]);
const setSim = (codes: string[], f: (s: Sim) => Partial<Sim>) => {
  for (const c of codes.flatMap(leaves)) sim.set(c, { ...(sim.get(c) as Sim), ...f(sim.get(c) as Sim) });
};

async function capture(events: object[]) {
  const doc = { '@context': [CONTEXT, { lj: 'https://lianjian.example/epcis/' }], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-01T00:00:00Z', epcisBody: { eventList: events } };
  const res = await captureJson(t().app, regulator, doc);
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json().accepted, res.body).toBe(events.length);
  return res.json();
}
const base = (org: Org, extra: Record<string, unknown>) => ({
  type: 'ObjectEvent', eventTime: at(), eventTimeZoneOffset: '+08:00', action: 'OBSERVE', readPoint: { id: locationDl(org.gln) }, bizLocation: { id: locationDl(org.gln) }, ...extra,
});
const commission = (org: Org, codes: string[]) => {
  for (const c of codes) sim.set(c, { holder: org.id, status: 'in_stock', institution: false });
  return base(org, { action: 'ADD', epcList: codes, bizStep: 'commissioning', disposition: 'active' });
};
const pack = (org: Org, parent: string, children: string[]) => {
  contents.set(parent, children);
  return { ...base(org, { type: 'AggregationEvent', action: 'ADD', parentID: parent, childEPCs: children, bizStep: 'packing', disposition: 'in_progress' }) };
};
const unpackAll = (org: Org, parent: string) => {
  contents.delete(parent);
  return base(org, { type: 'AggregationEvent', action: 'DELETE', parentID: parent, bizStep: 'unpacking' });
};
const unpack = (org: Org, parent: string, children: string[]) => {
  contents.delete(parent);
  return base(org, { type: 'AggregationEvent', action: 'DELETE', parentID: parent, childEPCs: children, bizStep: 'unpacking' });
};
const ship = (from: Org, to: Org, codes: string[], extra: Record<string, unknown> = {}) => {
  setSim(codes, () => ({ holder: from.id, status: 'in_transit', institution: institutions.has(from.id) }));
  return base(from, {
    epcList: codes, bizStep: 'shipping', disposition: 'in_transit',
    sourceList: [{ type: 'owning_party', source: partyDl(from.gln) }], destinationList: [{ type: 'owning_party', destination: partyDl(to.gln) }],
    bizTransactionList: [{ type: 'po', bizTransaction: `urn:lianjian:po:${from.id}-${to.id}-${minute}` }, { type: 'desadv', bizTransaction: `urn:lianjian:desadv:${minute}` }],
    ...extra,
  });
};
const receive = (from: Org, to: Org, codes: string[]) => {
  setSim(codes, () => ({ holder: to.id, status: 'in_stock', institution: institutions.has(to.id) }));
  return base(to, {
    epcList: codes, bizStep: 'receiving', disposition: 'in_progress',
    sourceList: [{ type: 'owning_party', source: partyDl(from.gln) }], destinationList: [{ type: 'owning_party', destination: partyDl(to.gln) }],
  });
};

/** Ground truth per holder, in recall-scope terms. */
function truth() {
  const by = new Map<number, { inTransit: number; inStock: number; unusedAtInstitution: number; used: number }>();
  for (const s of sim.values()) {
    if (s.status === 'destroyed') continue;
    const h = by.get(s.holder) ?? { inTransit: 0, inStock: 0, unusedAtInstitution: 0, used: 0 };
    if (s.status === 'in_transit') h.inTransit++;
    else if (s.status === 'used') h.used++;
    else if (s.institution) h.unusedAtInstitution++;
    else h.inStock++;
    by.set(s.holder, h);
  }
  return [...by.entries()].map(([organizationId, c]) => ({ organizationId, ...c })).sort((a, b) => a.organizationId - b.organizationId);
}

const recall = async (headers: Record<string, string> = regulator, extra: Record<string, string> = {}) =>
  call(t().app, headers, { method: 'POST', url: '/api/recall-scope', payload: { lots: [{ di: gtin, lot: 'L1' }] }, headers: extra });
const holdersOf = (body: { holders: { organizationId: number; inTransit: number; inStock: number; unusedAtInstitution: number; used: number }[] }) =>
  body.holders.map((h) => ({ organizationId: h.organizationId, inTransit: h.inTransit, inStock: h.inStock, unusedAtInstitution: h.unusedAtInstitution, used: h.used })).sort((a, b) => a.organizationId - b.organizationId);
const trace = (code: string, headers: Record<string, string> = regulator) => call(t().app, headers, { method: 'GET', url: `/api/trace/${encodeURIComponent(code)}` });
const snapshot = async () => {
  const db = t().deps.db;
  return {
    state: (await sql`select object_id, holder_org_id, status, in_transit, last_event_id, last_biz_step, disposition, parent_object_id, destination_org_id from object_state order by object_id`.execute(db)).rows,
    containment: (await sql`select child_id, parent_id, t_from, t_to from containment order by child_id, t_from`.execute(db)).rows,
    custody: (await sql`select object_id, event_id, kind, from_org_id, to_org_id from custody_transfers order by object_id, event_id`.execute(db)).rows,
    lots: (await sql`select di, lot, holder_org_id, received, in_stock, in_transit, used, returned, destroyed from lot_holdings order by di, lot, holder_org_id`.execute(db)).rows,
  };
};

const S = (n: number) => unit(`S${n}`);
const wrongShipment = { id: '' };

beforeAll(async () => {
  const deps = t().deps;
  const org = async (type: 'manufacturer' | 'distributor' | 'institution', regionCode: string) => {
    const o = await makeOrganization(deps, { type, regionCode });
    if (type !== 'institution') await makeLicense(deps, o.id, { kind: type === 'manufacturer' ? 'production_license' : 'distribution_license' });
    if (type === 'institution') institutions.add(o.id);
    return { id: o.id, gln: o.gln as string, regionCode };
  };
  mfr = await org('manufacturer', '330106');
  d1 = await org('distributor', '330106');
  d2 = await org('distributor', '330212');
  h1 = await org('institution', '330106');
  h2 = await org('institution', '330212');
  const product = await makeProduct(deps, mfr.id, mfr.gln.slice(0, 7));
  gtin = product.dis[0]?.di as string;
  await sql`update products set storage_min_c = 2, storage_max_c = 8 where id = ${product.id}`.execute(deps.db);
  regulator = await nationalRegulator(t());

  const units = Array.from({ length: 12 }, (_, i) => S(i + 1));
  const [c1, c2, p1] = [container(1), container(2), container(3)];
  await capture([
    commission(mfr, units),
    pack(mfr, c1, units.slice(0, 6)),
    pack(mfr, c2, units.slice(6)),
    pack(mfr, p1, [c1, c2]),
    ship(mfr, d1, [p1]),
  ]);
  await capture([receive(mfr, d1, [p1])]);
  await capture([
    base(d1, {
      epcList: [p1], bizStep: 'storing', disposition: 'sellable_not_accessible',
      sensorElementList: [{ sensorMetadata: { time: at() }, sensorReport: [{ type: 'gs1:Temperature', value: 9.5, uom: 'CEL' }, { type: 'gs1:Temperature', value: 5, uom: 'CEL' }] }],
    }),
    unpackAll(d1, p1),
    ship(d1, d2, [c1]),
    receive(d1, d2, [c1]),
    unpack(d2, c1, units.slice(0, 6)),
    ship(d2, h2, [S(1), S(2), S(3)]),
    receive(d2, h2, [S(1), S(2), S(3)]),
    ship(d2, h1, [S(4)]),
    receive(d2, h1, [S(4)]),
    ship(d2, h1, [S(5)]),
  ]);
  // Use on patients, a return, a destruction.
  setSim([S(1), S(2)], () => ({ status: 'used' }));
  await capture([
    base(h2, { epcList: [S(1)], bizStep: 'dispensing', disposition: 'dispensed', 'lj:patientKey': 'PK-0001', 'lj:department': '心内科' }),
    base(h2, { epcList: [S(2)], bizStep: 'dispensing', disposition: 'dispensed', 'lj:patientKey': 'PK-0002' }),
    ship(h2, d2, [S(3)], { disposition: 'returned' }),
  ]);
  await capture([receive(h2, d2, [S(3)])]);
  setSim([S(6)], () => ({ status: 'destroyed' }));
  await capture([base(d2, { epcList: [S(6)], bizStep: 'destroying', disposition: 'destroyed' })]);
  // A wrongly recorded shipment (later declared erroneous): carton 2 never left d1.
  const wrong = { ...ship(d1, h1, [c2]), eventID: `urn:uuid:7f0f3c4e-0000-4000-8000-${String(Date.now()).slice(-12)}` };
  wrongShipment.id = wrong.eventID;
  await capture([wrong]);
}, 120_000);

describe('projections and trace', () => {
  it('traces a unit by Digital Link, EPC URN and element string to the same ordered path with containers and the excursion', async () => {
    const urn = elementsToEpcUrn([{ ai: '01', value: gtin }, { ai: '21', value: 'S1' }], { companyPrefixLength: 7 });
    expect(urn.ok).toBe(true);
    const forms = [S(1), urn.ok ? urn.value : '', `(01)${gtin}(10)L1(21)S1`, `(01)${gtin}(21)S1`];
    const answers = await Promise.all(forms.map((f) => trace(f)));
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    const body = answers[0]?.json();
    for (const a of answers.slice(1)) expect(a.json().path).toEqual(body.path);
    expect(body.path.map((p: { bizStep: string }) => p.bizStep)).toEqual([
      'commissioning', 'packing', 'packing', 'shipping', 'receiving', 'storing', 'unpacking', 'shipping', 'receiving', 'unpacking', 'shipping', 'receiving', 'dispensing',
    ]);
    const names = body.path.map((p: { organizationId: number }) => p.organizationId);
    expect(names).toEqual([mfr.id, mfr.id, mfr.id, mfr.id, d1.id, d1.id, d1.id, d1.id, d2.id, d2.id, d2.id, h2.id, h2.id]);
    const step = body.path[0];
    expect(step).toMatchObject({ organizationId: mfr.id, gln: mfr.gln, regionCode: '330106', bizStep: 'commissioning', disposition: 'active', name: expect.any(String) });
    const storing = body.path[5];
    expect(storing.excursion).toBe(true);
    expect(storing.readings).toEqual([
      expect.objectContaining({ value: 9.5, uom: 'CEL', excursion: true }),
      expect.objectContaining({ value: 5, excursion: false }),
    ]);
    expect(storing.via).toBe(`gs1:00/${ssccOf(3)}`);
    expect(body.path[3].documents).toEqual([expect.objectContaining({ type: 'po' }), expect.objectContaining({ type: 'desadv' })]);
    expect(body.containers.map((c: { code: string; level: number }) => [c.code, c.level])).toEqual([[`gs1:00/${ssccOf(1)}`, 1], [`gs1:00/${ssccOf(3)}`, 2]]);
    expect(body.use).toEqual([expect.objectContaining({ organization: expect.objectContaining({ organizationId: h2.id }), department: '心内科', patientKey: null, patientKeyPresent: true, masked: true })]);
    expect(JSON.stringify(body)).not.toContain('PK-0001');
    expect(body.product).toMatchObject({ di: gtin, storageMinC: 2, storageMaxC: 8, registration: { number: expect.stringMatching(/^国械注准/) } });
    expect(body.lot).toMatchObject({ di: gtin, lot: 'L1', factory: { organizationId: mfr.id } });
    expect(body.unit).toMatchObject({ serial: 'S1', state: { status: 'used', holder: { organizationId: h2.id } } });
    expect(body).toMatchObject({ reports: [], recalls: [] });
    await t().deps.audit.drain();
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'trace.read'`.execute(t().deps.db);
    expect(audit.rows[0]?.n).toBeGreaterThanOrEqual(4);
  });

  it('goes forward from a lot to its units and holders', async () => {
    const res = await trace(`https://id.example.cn/01/${gtin}/10/L1`);
    expect(res.statusCode, res.body).toBe(200);
    const lot = res.json().lot;
    expect(lot.unitCount).toBe(12);
    expect(lot.units).toHaveLength(12);
    expect(lot.holders.map((h: { organizationId: number }) => h.organizationId).sort()).toEqual([d1.id, d2.id, h1.id, h2.id].sort());
    expect(res.json().unit).toBeNull();
  });

  it('recall scope per holder equals the ground truth, in transit included', async () => {
    const res = await recall();
    expect(res.statusCode, res.body).toBe(200);
    expect(holdersOf(res.json())).toEqual(truth());
    // Carton 2 (6 units) is in transit at d1 until the shipment is declared erroneous (below).
    expect(res.json().totals).toMatchObject({ inTransit: 7, inStock: 1, unusedAtInstitution: 1, used: 2, destroyed: 1, returned: 1 });
    const byDi = await call(t().app, regulator, { method: 'POST', url: '/api/recall-scope', payload: { di: gtin, producedFrom: '2026-03-01', producedTo: '2026-03-01' } });
    expect(byDi.statusCode, byDi.body).toBe(200);
    expect(holdersOf(byDi.json())).toEqual(truth());
    const none = await call(t().app, regulator, { method: 'POST', url: '/api/recall-scope', payload: { di: gtin, producedFrom: '2025-01-01', producedTo: '2025-12-31' } });
    expect(none.json().holders).toEqual([]);
  });

  it('downloads the recall scope as an Excel workbook', async () => {
    const res = await recall(regulator, { accept: XLSX_TYPE });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.rowCount).toBe(1 + truth().length + 1);
    expect(String(ws?.getRow(1).getCell(1).value)).toContain('持有单位');
    expect(String(ws?.getRow(1).getCell(1).value)).toContain('Holder');
    const last = ws?.getRow(ws.rowCount);
    expect(String(last?.getCell(1).value)).toContain('合计');
    expect(last?.getCell(7).value).toBe(2);
  });

  it('an error declaration removes a wrongly recorded shipment from the projection', async () => {
    const before = await recall();
    const atD1 = holdersOf(before.json()).find((h) => h.organizationId === d1.id);
    expect(atD1).toMatchObject({ inTransit: 6, inStock: 0 });
    const wrong = (await sql<{ event: Record<string, unknown> | string }>`select event from epcis_events where event_uri = ${wrongShipment.id}`.execute(t().deps.db)).rows[0]?.event;
    const original = typeof wrong === 'string' ? JSON.parse(wrong) : wrong;
    await capture([{ ...original, errorDeclaration: { declarationTime: '2026-03-05T09:00:00+08:00', reason: 'incorrect_data' } }]);
    setSim([container(2)], () => ({ holder: d1.id, status: 'in_stock', institution: false }));
    const after = await recall();
    expect(holdersOf(after.json())).toEqual(truth());
    expect(holdersOf(after.json()).find((h) => h.organizationId === d1.id)).toMatchObject({ inTransit: 0, inStock: 6 });
    const s7 = await trace(S(7));
    // Only the pallet's shipment from the manufacturer remains; the declared one to h1 is gone.
    expect(s7.json().path.filter((p: { bizStep: string }) => p.bizStep === 'shipping').map((p: { to: { organizationId: number } }) => p.to.organizationId)).toEqual([d1.id]);
  });

  it('rebuildProjections derives the same state as incremental maintenance', async () => {
    const incremental = await snapshot();
    expect(incremental.state.length).toBeGreaterThan(12);
    await rebuildProjections(t().deps.db);
    expect(await snapshot()).toEqual(incremental);
    // Small batches: containment and objects derived range by range (as a 5-million-event store is) agree too.
    const stages = new Map<string, number>();
    await rebuildProjections(t().deps.db, { batchSize: 2, containmentBatchSize: 3, onProgress: (p) => stages.set(p.stage, p.total) });
    expect(stages.get('containment')).toBeGreaterThan(1);
    expect(stages.get('objects')).toBeGreaterThan(5);
    expect(await snapshot()).toEqual(incremental);
  });

  it('scopes trace and recall: city regulator, organisations, roles', async () => {
    const deps = t().deps;
    const ningbo = await loginHeaders(t().app, await makeUser(deps, { role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' }), PASSWORD);
    const res = await trace(S(1), ningbo);
    expect(res.statusCode, res.body).toBe(200);
    const path = res.json().path;
    expect(path).toHaveLength(13);
    // Outside Ningbo (the Hangzhou manufacturer): name and region only, no documents.
    expect(path[3]).toMatchObject({ organizationId: null, gln: null, regionCode: '330106', name: expect.any(String), documents: [] });
    expect(path[11]).toMatchObject({ organizationId: h2.id, gln: h2.gln, regionCode: '330212' });
    // A city regulator sees its holders and the totals of all.
    const scope = await recall(ningbo);
    expect(scope.statusCode).toBe(200);
    expect(holdersOf(scope.json()).map((h) => h.organizationId).sort()).toEqual([d2.id, h2.id].sort());
    expect(scope.json().totals).toMatchObject({ inTransit: 1, inStock: 7, unusedAtInstitution: 1, used: 2 });
    expect(scope.json().holdersLimitedToJurisdiction).toBe(true);
    // S7 never left Hangzhou: invisible to Ningbo.
    expect((await trace(S(7), ningbo)).statusCode).toBe(404);
    // A hospital sees only the steps it took part in, and no recall scope.
    const h2User = await loginHeaders(t().app, await makeUser(deps, { role: 'institution', organizationId: h2.id }), PASSWORD);
    const own = await trace(S(1), h2User);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().path.map((p: { bizStep: string }) => p.bizStep)).toEqual(['shipping', 'receiving', 'dispensing']);
    expect(own.json().containers).toEqual([]);
    expect((await trace(S(7), h2User)).statusCode).toBe(404);
    expect((await recall(h2User)).statusCode).toBe(403);
    const sysadmin = await loginHeaders(t().app, await makeUser(deps, { role: 'sysadmin' }), PASSWORD);
    expect((await trace(S(1), sysadmin)).statusCode).toBe(403);
    expect((await trace('urn:epc:id:sgtin:6999999.012345.NOPE')).statusCode).toBe(404);
  });
});

describe('adverse-event reports in the trace', () => {
  const residentId = (seq: string) => {
    const first17 = `11010519600101${seq}`;
    return `${first17}${residentIdCheckChar(first17)}`;
  };
  const aeReport = (over: Record<string, unknown>, name: string, seq: string) => ({
    productDi: gtin, patient: { name, idNumber: residentId(seq), sex: 'female', age: 58 },
    manifestation: '导管断裂', eventDate: '2026-03-10', dateKnown: '2026-03-11', place: '导管室', outcome: 'serious_injury',
    operatorType: 'professional', imdrfCodes: ['A0601'], ...over,
  });
  const post = async (headers: Record<string, string>, payload: object) => {
    const res = await call(t().app, headers, { method: 'POST', url: '/api/adverse-events', payload: payload as Record<string, unknown> });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; reportNo: string; patientKey: string };
  };
  const reportsOf = async (code: string, headers: Record<string, string>) => {
    const res = await trace(code, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().reports as { id: number; match: string }[];
  };
  const ids = (rs: { id: number; match: string }[]) => rs.map((r) => [r.id, r.match]);

  it('lists the reports of the unit and of its lot, not of another lot, scoped as the AE list, patient never shown', async () => {
    const deps = t().deps;
    const login = async (u: Parameters<typeof makeUser>[1]) => loginHeaders(t().app, await makeUser(deps, u), PASSWORD);
    const h1User = await login({ role: 'institution', organizationId: h1.id });
    const h2User = await login({ role: 'institution', organizationId: h2.id });
    const mfrUser = await login({ role: 'enterprise', organizationId: mfr.id });
    const ningbo = await login({ role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' });
    const hangzhou = await login({ role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' });
    // A unit of another lot, commissioned without touching the recall ground truth (lot L1 only).
    const x1 = `https://id.example.cn/01/${gtin}/10/L2/21/X1`;
    await capture([base(mfr, { action: 'ADD', epcList: [x1], bizStep: 'commissioning', disposition: 'active' })]);

    const onUnit = await post(h2User, aeReport({ lot: 'L1', serial: 'S1' }, '王秀英', '701'));
    const onLot = await post(h1User, aeReport({ lot: 'L1', outcome: 'other', eventDate: '2026-03-12', dateKnown: '2026-03-12' }, '赵建国', '702'));
    const otherLot = await post(h1User, aeReport({ lot: 'L2', serial: 'X2' }, '钱玉兰', '703'));

    const national = await trace(S(1));
    expect(national.statusCode, national.body).toBe(200);
    const reports = national.json().reports;
    expect(ids(reports)).toEqual([[onUnit.id, 'unit'], [onLot.id, 'lot']]);
    expect(reports[0]).toEqual({
      id: onUnit.id, reportNo: onUnit.reportNo, kind: 'initial', initialReportId: null, outcome: 'serious_injury', eventDate: '2026-03-10', dateKnown: '2026-03-11',
      late: expect.any(Boolean), lateByHours: expect.any(Number), deadline: expect.stringMatching(/^2026-03-31T23:59:59\.999\+08:00$/), reporterType: 'institution',
      regionCode: '330212', imdrfCodes: ['A0601'], duplicateOf: null, match: 'unit', patientKey: null, masked: true,
    });
    expect(reports[1]).toMatchObject({ id: onLot.id, outcome: 'other', reporterType: 'institution', regionCode: '330106', deadline: null, match: 'lot' });
    // No patient identity, not even the pseudonymous key.
    const text = national.body;
    for (const secret of ['王秀英', '赵建国', residentId('701'), onUnit.patientKey, onLot.patientKey]) expect(text).not.toContain(secret);

    // Another unit of the lot: both through the lot. A unit of another lot: only that lot's report.
    expect(ids(await reportsOf(S(2), regulator))).toEqual([[onUnit.id, 'lot'], [onLot.id, 'lot']]);
    expect(ids(await reportsOf(x1, regulator))).toEqual([[otherLot.id, 'lot']]);
    expect(ids(await reportsOf(`https://id.example.cn/01/${gtin}/10/L1`, regulator))).toEqual([[onUnit.id, 'lot'], [onLot.id, 'lot']]);

    // Scoped as the AE list: a hospital its own reports, the registrant all about its product, a regulator its jurisdiction.
    expect(ids(await reportsOf(S(1), h2User))).toEqual([[onUnit.id, 'unit']]);
    expect(ids(await reportsOf(S(1), mfrUser))).toEqual([[onUnit.id, 'unit'], [onLot.id, 'lot']]);
    expect(ids(await reportsOf(S(1), ningbo))).toEqual([[onUnit.id, 'unit']]);
    expect(ids(await reportsOf(S(1), hangzhou))).toEqual([[onLot.id, 'lot']]);
    // h1 took no part in S1's chain: no trace at all, so no report either.
    expect((await trace(S(1), h1User)).statusCode).toBe(404);
  });
});
