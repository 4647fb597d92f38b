import { withGs1CheckDigit } from '@lianjian/core';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';

// A fresh database and app can take longer than the default 10 s while other suites share the machine.
vi.setConfig({ hookTimeout: 60_000 });
const t = useTestApp();

type Who = 'mfr' | 'dist' | 'otherDist' | 'hosp' | 'cityHz' | 'cityNb' | 'province';
const w = {} as { headers: Record<Who, Record<string, string>>; org: Record<'mfr' | 'dist' | 'otherDist' | 'hosp', number>; di: string; shipEventId: number; receiveEventId: number };

beforeAll(async () => {
  const { deps, app } = t();
  const mfr = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const dist = await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  const otherDist = await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  const hosp = await makeOrganization(deps, { type: 'institution', regionCode: '330108' });
  await makeLicense(deps, mfr.id);
  await makeLicense(deps, dist.id, { kind: 'distribution_license' });
  w.org = { mfr: mfr.id, dist: dist.id, otherDist: otherDist.id, hosp: hosp.id };
  w.di = (await makeProduct(deps, mfr.id, mfr.gs1CompanyPrefix ?? '')).di ?? '';
  const users: Record<Who, Promise<string>> = {
    mfr: makeUser(deps, { role: 'enterprise', organizationId: mfr.id }),
    dist: makeUser(deps, { role: 'enterprise', organizationId: dist.id }),
    otherDist: makeUser(deps, { role: 'enterprise', organizationId: otherDist.id }),
    hosp: makeUser(deps, { role: 'institution', organizationId: hosp.id }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    cityNb: makeUser(deps, { role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' }),
    province: makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }),
  };
  w.headers = {} as typeof w.headers;
  for (const who of Object.keys(users) as Who[]) w.headers[who] = await loginHeaders(app, await users[who], PASSWORD);

  // The delivery as EPCIS events: the manufacturer ships 100 of lot L-DD1 citing delivery note DN-2026-0001, the distributor counts 96.
  const ship = await call(app, w.headers.mfr, { method: 'POST', url: '/api/submissions/ship', payload: {
    time: '2026-03-02T09:00:00+08:00', lot: { di: w.di, lot: 'L-DD1' }, quantity: 100, toOrganizationId: dist.id,
    documents: [{ type: 'po', id: 'PO-88' }, { type: 'desadv', id: 'DN-2026-0001' }],
  } });
  expect(ship.statusCode, ship.body).toBe(201);
  const receive = await call(app, w.headers.dist, { method: 'POST', url: '/api/submissions/receive', payload: {
    time: '2026-03-03T10:00:00+08:00', lot: { di: w.di, lot: 'L-DD1' }, quantity: 100, receivedQuantity: 96, fromOrganizationId: mfr.id,
    documents: [{ type: 'desadv', id: 'DN-2026-0001' }],
  } });
  expect(receive.statusCode, receive.body).toBe(201);
  w.shipEventId = ship.json().eventId;
  w.receiveEventId = receive.json().eventId;
}, 60_000);

const post = (who: Who, url: string, payload: unknown, headers: Record<string, string> = {}) => call(t().app, { ...w.headers[who], ...headers }, { method: 'POST', url, payload: payload as Record<string, unknown> });
const get = (who: Who, url: string) => call(t().app, w.headers[who], { method: 'GET', url });
const note = (over: Record<string, unknown> = {}) => ({
  kind: 'delivery_note', number: 'DN-2026-0001', supplierOrganizationId: w.org.mfr, buyerOrganizationId: w.org.dist, documentDate: '2026-03-02', deliveryDate: '2026-03-02',
  lines: [{ productDi: w.di, lot: 'L-DD1', quantity: 100 }], ...over,
});
const acceptance = (over: Record<string, unknown> = {}) => ({
  receivedAt: '2026-03-03T10:05:00+08:00', inspector: '质管员 陈敏', condition: 'good', temperatureC: 6.5, accepted: true, lines: [{ productDi: w.di, lot: 'L-DD1', checkedQuantity: 96 }], ...over,
});
async function counts() {
  const n = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t().deps.db)).rows[0]?.n);
  return { documents: await n('distribution_documents'), lines: await n('distribution_document_lines'), acceptances: await n('receiving_acceptances'), audit: await n('audit_log') };
}

let noteId = 0;
let acceptanceId = 0;

describe('delivery notes and their events', () => {
  it('links a delivery note to the shipping and receiving events that cite its number', async () => {
    const res = await post('dist', '/api/distribution-documents', note(), { 'idempotency-key': 'dn-1' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'delivery_note', number: 'DN-2026-0001', organizationId: w.org.dist, supplierOrganizationId: w.org.mfr, buyerOrganizationId: w.org.dist,
      shippingEventId: w.shipEventId, receivingEventId: w.receiveEventId, eventLink: 'document_number', lines: [{ lineNo: 1, productDi: w.di, lot: 'L-DD1', quantity: 100 }],
    });
    noteId = res.json().id;
    const again = await post('dist', '/api/distribution-documents', note(), { 'idempotency-key': 'dn-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(noteId);
  });

  it('refuses the same number twice for the same organisation (409), but the other party may record its copy', async () => {
    const dup = await post('dist', '/api/distribution-documents', note());
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('distribution.number_taken');
    const contract = await post('mfr', '/api/distribution-documents', note({ kind: 'purchase_contract', number: 'HT-2026-09', deliveryDate: undefined }));
    expect(contract.statusCode, contract.body).toBe(201);
    expect(contract.json()).toMatchObject({ eventLink: 'none', shippingEventId: null });
    const withContract = await post('mfr', '/api/distribution-documents', note({ contractNumber: 'HT-2026-09', shippingEventId: w.shipEventId }));
    expect(withContract.statusCode, withContract.body).toBe(201);
    expect(withContract.json()).toMatchObject({ contractId: contract.json().id, shippingEventId: w.shipEventId, receivingEventId: null, eventLink: 'given' });
  });

  it("links the supplier's shipment and the buyer's receipt when both parties cite the number on other events too", async () => {
    // Earlier, under the same number: the buyer's onward shipment to a hospital and the supplier's receipt of a return.
    const lot = { di: w.di, lot: 'L-DD1' };
    const submit = async (who: Who, kind: string, payload: object) => {
      const res = await post(who, `/api/submissions/${kind}`, { ...payload, documents: [{ type: 'desadv', id: 'DN-SAME-7' }] });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().eventId as number;
    };
    await submit('dist', 'ship', { time: '2026-03-04T08:00:00+08:00', lot, quantity: 5, toOrganizationId: w.org.hosp });
    await submit('mfr', 'receive', { time: '2026-03-04T09:00:00+08:00', lot, quantity: 2, receivedQuantity: 2, fromOrganizationId: w.org.dist });
    const ship = await submit('mfr', 'ship', { time: '2026-03-05T09:00:00+08:00', lot, quantity: 30, toOrganizationId: w.org.dist });
    const receive = await submit('dist', 'receive', { time: '2026-03-06T09:00:00+08:00', lot, quantity: 30, receivedQuantity: 30, fromOrganizationId: w.org.mfr });
    for (const who of ['dist', 'mfr'] as const) {
      const res = await post(who, '/api/distribution-documents', note({ number: 'DN-SAME-7', lines: [{ productDi: w.di, lot: 'L-DD1', quantity: 30 }] }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ shippingEventId: ship, receivingEventId: receive, eventLink: 'document_number' });
    }
  });

  it('records the acceptance against the note and keeps the shortage as a discrepancy', async () => {
    const res = await post('dist', '/api/receiving-acceptances', acceptance({ deliveryNoteId: noteId }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      organizationId: w.org.dist, deliveryNoteId: noteId, deliveryNoteNumber: 'DN-2026-0001', receivingEventId: w.receiveEventId, receivedAt: '2026-03-03T10:05:00.000+08:00',
      condition: 'good', temperatureC: 6.5, accepted: true, discrepancy: true,
      lines: [{ productDi: w.di, lot: 'L-DD1', expectedQuantity: 100, checkedQuantity: 96 }],
      discrepancies: [{ productDi: w.di, lot: 'L-DD1', expected: 100, checked: 96, difference: -4 }],
    });
    acceptanceId = res.json().id;
    const matching = await post('dist', '/api/receiving-acceptances', acceptance({ deliveryNoteId: noteId, lines: [{ productDi: w.di, lot: 'L-DD1', checkedQuantity: 100 }] }));
    expect(matching.json()).toMatchObject({ discrepancy: false, discrepancies: [] });
    const rejected = await post('dist', '/api/receiving-acceptances', acceptance({ condition: 'temperature_excursion', temperatureC: 14.2, accepted: false, reason: '到货温度 14.2 °C，超出 2–8 °C' }));
    expect(rejected.json()).toMatchObject({ deliveryNoteId: null, accepted: false, discrepancy: false, lines: [{ expectedQuantity: null, checkedQuantity: 96 }] });
    const list = await get('dist', `/api/receiving-acceptances?discrepancy=true`);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: acceptanceId }] });
    const detail = await get('dist', `/api/distribution-documents/${noteId}`);
    expect(detail.json().acceptanceIds).toEqual([acceptanceId, matching.json().id]);
    const audit = await sql<{ action: string }>`select action from audit_log where object_type = 'receiving_acceptance' and object_id = ${String(acceptanceId)}`.execute(t().deps.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['receiving_acceptance.create']);
  });

  it('offers the lists as CSV', async () => {
    const res = await get('dist', '/api/distribution-documents?format=csv&kind=delivery_note');
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body).toContain('DN-2026-0001');
    expect(res.body).toContain(`${w.di}/L-DD1×100`);
    const acc = await get('dist', '/api/receiving-acceptances?format=csv&discrepancy=true');
    expect(acc.body).toContain(`${w.di}/L-DD1 -4`);
  });
});

describe('scope', () => {
  it('shows a document to its parties and the regulators of their regions, and 404 to anyone else', async () => {
    for (const who of ['dist', 'mfr', 'cityHz', 'province'] as const) expect((await get(who, `/api/distribution-documents/${noteId}`)).statusCode, who).toBe(200);
    for (const who of ['otherDist', 'hosp', 'cityNb'] as const) {
      const res = await get(who, `/api/distribution-documents/${noteId}`);
      expect(res.statusCode, who).toBe(404);
      expect((await get(who, '/api/distribution-documents')).json().total).toBe(0);
    }
  });

  it('shows an acceptance to the receiver, the note\'s supplier and the receiver\'s regulators', async () => {
    for (const who of ['dist', 'mfr', 'cityHz'] as const) expect((await get(who, `/api/receiving-acceptances/${acceptanceId}`)).statusCode, who).toBe(200);
    for (const who of ['otherDist', 'hosp', 'cityNb'] as const) expect((await get(who, `/api/receiving-acceptances/${acceptanceId}`)).statusCode, who).toBe(404);
  });

  it('lets only the buyer accept a delivery note, and only distributors and institutions accept at all', async () => {
    const other = await post('otherDist', '/api/receiving-acceptances', acceptance({ deliveryNoteId: noteId }));
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0]).toMatchObject({ path: 'deliveryNoteId', code: 'acceptance.note_not_found' });
    const mfr = await post('mfr', '/api/receiving-acceptances', acceptance());
    expect(mfr.statusCode).toBe(403);
    expect(mfr.json().code).toBe('acceptance.organization_type');
    expect((await post('cityHz', '/api/distribution-documents', note({ number: 'X-1' }))).statusCode).toBe(403);
  });
});

describe('bad input', () => {
  const unknownDi = withGs1CheckDigit('0699999999999');
  const documentCases: [string, () => Record<string, unknown>, string, string][] = [
    ['supplier and buyer the same', () => note({ number: 'B1', buyerOrganizationId: w.org.mfr }), 'buyerOrganizationId', 'distribution.same_party'],
    ['delivery before the document', () => note({ number: 'B2', deliveryDate: '2026-03-01' }), 'deliveryDate', 'distribution.delivery_before_document'],
    ['a contract with a shipping event', () => note({ kind: 'purchase_contract', number: 'B3', shippingEventId: 1 }), 'shippingEventId', 'distribution.events_need_delivery_note'],
    ['a repeated line', () => note({ number: 'B4', lines: [{ productDi: w.di, lot: 'L1', quantity: 1 }, { productDi: w.di, lot: 'L1', quantity: 2 }] }), 'lines.1', 'distribution.line_repeated'],
    ['an unregistered DI', () => note({ number: 'B5', lines: [{ productDi: unknownDi, lot: 'L1', quantity: 1 }] }), 'lines.0.productDi', 'distribution.unknown_di'],
    ['an unknown party', () => note({ number: 'B6', supplierOrganizationId: 999_999 }), 'supplierOrganizationId', 'distribution.party_unknown'],
    ['a document between two other organisations', () => note({ number: 'B7', supplierOrganizationId: w.org.mfr, buyerOrganizationId: w.org.hosp }), 'supplierOrganizationId', 'distribution.not_a_party'],
    ['a receiving event given as the shipping event', () => note({ number: 'B8', shippingEventId: w.receiveEventId }), 'shippingEventId', 'distribution.event_wrong_step'],
    ['an event of other parties', () => note({ number: 'B9', buyerOrganizationId: w.org.otherDist, supplierOrganizationId: w.org.dist, receivingEventId: 999_999 }), 'receivingEventId', 'distribution.event_not_found'],
    ['an unrecorded contract', () => note({ number: 'B10', contractNumber: 'HT-NONE' }), 'contractNumber', 'distribution.contract_not_found'],
    ['a zero quantity', () => note({ number: 'B11', lines: [{ productDi: w.di, lot: 'L1', quantity: 0 }] }), 'lines.0.quantity', 'generic.too_small'],
  ];
  const acceptanceCases: [string, () => Record<string, unknown>, string, string][] = [
    ['a temperature outside any physical range', () => acceptance({ temperatureC: 650 }), 'temperatureC', 'acceptance.temperature_range'],
    ['a rejection without a reason', () => acceptance({ accepted: false }), 'reason', 'acceptance.reason_required'],
    ['accepting nothing', () => acceptance({ lines: [{ productDi: w.di, lot: 'L-DD1', checkedQuantity: 0 }] }), 'lines', 'acceptance.nothing_accepted'],
    ['a note that does not exist', () => acceptance({ deliveryNoteId: 999_999 }), 'deliveryNoteId', 'acceptance.note_not_found'],
    ['an unregistered DI', () => acceptance({ lines: [{ productDi: unknownDi, checkedQuantity: 3 }] }), 'lines.0.productDi', 'acceptance.unknown_di'],
    ['a shipping event as the receiving event', () => acceptance({ receivingEventId: w.shipEventId }), 'receivingEventId', 'acceptance.event_not_found'],
  ];
  const cases = [
    ...documentCases.map(([name, body, path, code]) => ['/api/distribution-documents', name, body, path, code] as const),
    ...acceptanceCases.map(([name, body, path, code]) => ['/api/receiving-acceptances', name, body, path, code] as const),
  ];
  it('an event the writer took no part in is not found, whatever its step (its existence does not leak)', async () => {
    const res = await post('otherDist', '/api/distribution-documents', note({ number: 'B12', supplierOrganizationId: w.org.mfr, buyerOrganizationId: w.org.otherDist, shippingEventId: w.receiveEventId }));
    expect(res.statusCode, res.body).toBe(422);
    expect((res.json().errors as { path: string; code: string }[]).filter((e) => e.path === 'shippingEventId').map((e) => e.code)).toEqual(['distribution.event_not_found']);
  });

  it.each(cases)('%s: rejects %s with field, rule and hint in zh-CN and en, writing nothing', async (url, _name, body, path, code) => {
    const before = await counts();
    for (const lang of ['zh-CN', 'en']) {
      const res = await post('dist', url, body(), { 'accept-language': lang, 'idempotency-key': `bad-${code}-${lang}` });
      expect(res.statusCode, res.body).toBe(422);
      const error = (res.json().errors as { path: string; code: string; message: string; hint?: string }[]).find((e) => e.path === path);
      expect(error, JSON.stringify(res.json().errors)).toMatchObject({ code });
      expect(error?.hint).toBeTruthy();
      expect(/\p{Script=Han}/u.test(error?.message ?? '')).toBe(lang === 'zh-CN');
    }
    expect(await counts()).toEqual(before);
  });
});
