import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrganizationsService } from '../organizations/organizations.service.ts';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { captureJson, epcisDocument, locationDl, nationalRegulator, partyDl, unitDl } from './epcis.test-helpers.ts';

const t = useTestApp();

interface World {
  regulator: Record<string, string>;
  distributor: Record<string, string>;
  distributorToken: Record<string, string>;
  mfrGln: string;
  distGln: string;
  distWarehouseSgln: string;
  otherGln: string;
  gtin: string;
  distributorId: number;
}
let w: World;

beforeAll(async () => {
  const deps = t().deps;
  const mfr = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const dist = await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  const other = await makeOrganization(deps, { type: 'distributor', regionCode: '330212' });
  await makeLicense(deps, mfr.id);
  await makeLicense(deps, dist.id, { kind: 'distribution_license' });
  const warehouse = await new OrganizationsService(deps).addLocation(null, dist.id, { name: '一号仓', kind: 'warehouse', gln: dist.gln as string, extension: '7' });
  const product = await makeProduct(deps, mfr.id, mfr.gs1CompanyPrefix as string);
  const distUser = await makeUser(deps, { role: 'enterprise', organizationId: dist.id });
  const sysadmin = await loginHeaders(t().app, await makeUser(deps, { role: 'sysadmin' }), PASSWORD);
  const token = await call(t().app, sysadmin, { method: 'POST', url: '/api/api-tokens', payload: { name: 'WMS', organizationId: dist.id } });
  expect(token.statusCode, token.body).toBe(201);
  w = {
    regulator: await nationalRegulator(t()),
    distributor: await loginHeaders(t().app, distUser, PASSWORD),
    distributorToken: { authorization: `Bearer ${token.json().token}` },
    mfrGln: mfr.gln as string, distGln: dist.gln as string, distWarehouseSgln: warehouse.sgln, otherGln: other.gln as string,
    gtin: product.dis[0]?.di as string, distributorId: dist.id,
  };
});

let serial = 0;
const shipping = (over: Record<string, unknown> = {}) => ({
  type: 'ObjectEvent', eventTime: '2026-03-02T10:00:00+08:00', eventTimeZoneOffset: '+08:00', action: 'OBSERVE',
  epcList: [unitDl(w.gtin, `S${++serial}`)], bizStep: 'shipping', disposition: 'in_transit',
  readPoint: { id: locationDl(w.distGln) },
  sourceList: [{ type: 'owning_party', source: partyDl(w.distGln) }],
  destinationList: [{ type: 'owning_party', destination: partyDl(w.otherGln) }],
  ...over,
});
const violationsOf = async (captureId: string) =>
  (await sql<{ rule: string; path: string; params: Record<string, unknown> }>`
    select v.rule, v.path, v.params from event_violations v join epcis_events e on e.event_id = v.event_id where e.capture_job_id = ${captureId}::uuid order by v.id`.execute(t().deps.db)).rows;
const eventCount = async () => (await sql<{ n: number }>`select count(*)::int as n from epcis_events`.execute(t().deps.db)).rows[0]?.n;

describe('POST /epcis/capture', () => {
  it('stores a clean shipping event by the distributor with no violation and shows the job', async () => {
    const res = await captureJson(t().app, w.distributor, epcisDocument([shipping()]), { 'gs1-epcis-version': '2.0.0' });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.headers.location).toBe(res.json().location);
    expect(res.json()).toMatchObject({ accepted: 1, duplicates: 0, rejected: 0, violations: 0 });
    expect(await violationsOf(res.json().captureId)).toEqual([]);
    const job = await call(t().app, w.distributor, { method: 'GET', url: res.json().location });
    expect(job.json()).toMatchObject({ status: 'succeeded', eventCount: 1, accepted: 1 });
    // The objects are interned under the GS1 key and indexed per (object, time).
    const objects = await sql<{ code: string; kind: string; di: string }>`
      select o.code, o.kind, o.di from epc_objects o join event_objects eo on eo.object_id = o.object_id
      join epcis_events e on e.event_id = eo.event_id where e.capture_job_id = ${res.json().captureId}::uuid`.execute(t().deps.db);
    expect(objects.rows).toEqual([{ code: `gs1:01/${w.gtin}/21/S${serial}`, kind: 'sgtin', di: w.gtin }]);
    const audit = await sql<{ action: string }>`select action from audit_log where object_id = ${res.json().captureId}`.execute(t().deps.db);
    expect(audit.rows).toEqual([{ action: 'epcis.capture' }]);
  });

  it('deduplicates a resubmitted document by event hash and names the duplicates', async () => {
    const doc = epcisDocument([shipping(), shipping()]);
    const first = await captureJson(t().app, w.distributor, doc);
    expect(first.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    const before = await eventCount();
    // Same events, other time-zone spelling and EPC URN-free form unchanged: same hashes.
    const again = await captureJson(t().app, w.distributorToken, doc);
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await eventCount()).toBe(before);
    const job = await call(t().app, w.distributorToken, { method: 'GET', url: again.json().location });
    expect(job.json().duplicateEvents).toEqual([
      { eventIndex: 0, eventHash: expect.stringMatching(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/), eventId: expect.any(Number) },
      { eventIndex: 1, eventHash: expect.any(String), eventId: expect.any(Number) },
    ]);
  });

  it('stores an event with an unknown DI and records the violation with its rule', async () => {
    const res = await captureJson(t().app, w.distributor, epcisDocument([shipping({ epcList: ['urn:epc:id:sgtin:6999999.012345.X1'] })]));
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 1, violations: 1 });
    expect(await violationsOf(res.json().captureId)).toEqual([{ rule: 'epcis.rule.di_unregistered', path: 'epcList.0', params: { di: '06999999123453' } }]);
  });

  it('records unknown parties and a shipper without a licence, and still stores the event', async () => {
    const res = await captureJson(t().app, w.regulator, epcisDocument([
      shipping({ readPoint: { id: locationDl(w.otherGln) }, sourceList: [{ type: 'owning_party', source: partyDl(w.otherGln) }], destinationList: [{ type: 'owning_party', destination: 'https://id.gs1.org/417/6900000000009' }] }),
    ]));
    expect(res.statusCode, res.body).toBe(202);
    const rules = (await violationsOf(res.json().captureId)).map((v) => v.rule).sort();
    expect(rules).toEqual(['epcis.rule.party_unknown', 'epcis.rule.shipper_unlicensed']);
  });

  it('needs no distribution licence for a return to the registrant, but does for a sale by the same unlicensed party', async () => {
    const fromOther = { readPoint: { id: locationDl(w.otherGln) }, sourceList: [{ type: 'owning_party', source: partyDl(w.otherGln) }] };
    const toMfr = { destinationList: [{ type: 'owning_party', destination: partyDl(w.mfrGln) }] };
    const res = await captureJson(t().app, w.regulator, epcisDocument([
      shipping({ ...fromOther, ...toMfr, disposition: 'returned' }),
      shipping({ ...fromOther, ...toMfr, eventTime: '2026-03-02T11:00:00+08:00' }),
    ]));
    expect(res.statusCode, res.body).toBe(202);
    const rules = await sql<{ rule: string; disposition: string }>`
      select v.rule, e.disposition from event_violations v join epcis_events e on e.event_id = v.event_id where e.capture_job_id = ${res.json().captureId}::uuid`.execute(t().deps.db);
    expect(rules.rows).toEqual([{ rule: 'epcis.rule.shipper_unlicensed', disposition: 'in_transit' }]);
  });

  it('refuses a distributor capturing at another organisation’s location (403), token or session', async () => {
    for (const headers of [w.distributor, w.distributorToken]) {
      const res = await captureJson(t().app, headers, epcisDocument([shipping({ readPoint: { id: locationDl(w.otherGln) } })]));
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ code: 'epcis.capture.out_of_scope', params: { event: 0 } });
    }
    // Its own warehouse (SGLN with extension) is fine.
    const own = await captureJson(t().app, w.distributorToken, epcisDocument([shipping({ readPoint: { id: w.distWarehouseSgln } })]));
    expect(own.statusCode, own.body).toBe(202);
    expect(own.json().violations).toBe(0);
  });

  it('rejects a structurally invalid document with 400 naming event, field and rule', async () => {
    const res = await captureJson(t().app, w.distributor, epcisDocument([shipping(), shipping({ bizStep: 'urn:epcglobal:cbv:bizstep:shipping' }), shipping({ quantityList: [{ epcClass: `https://id.example.cn/01/${w.gtin}/10/L1`, quantity: 0, uom: 'EA' }] })]), { 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(body.title).toBe('The EPCIS document has 2 structural problems');
    expect(body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'epcis.cbv_legacy_form', path: 'eventList.1.bizStep' }),
      expect.objectContaining({ code: 'epcis.quantity_not_positive', path: 'eventList.2.quantityList.0.quantity' }),
    ]));
  });

  it('with GS1-Capture-Error-Behaviour: proceed stores the valid events and lists the rejected ones', async () => {
    const res = await captureJson(t().app, w.distributor, epcisDocument([shipping(), { ...shipping(), eventTimeZoneOffset: undefined }]), { 'gs1-capture-error-behaviour': 'proceed', 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'partial', accepted: 1, rejected: 1 });
    const job = await call(t().app, w.distributor, { method: 'GET', url: res.json().location, headers: { 'accept-language': 'en' } });
    expect(job.json().errors).toEqual([expect.objectContaining({ eventIndex: 1, code: 'epcis.missing_time_zone_offset', message: 'Event 2 has no eventTimeZoneOffset' })]); // eventList[1], the second event
  });

  it('links an error declaration and its corrective event to the erroneous event; nothing is deleted', async () => {
    const wrongId = 'urn:uuid:11111111-1111-4111-8111-111111111111';
    const wrong = shipping({ eventID: wrongId });
    const first = await captureJson(t().app, w.distributor, epcisDocument([wrong]));
    expect(first.statusCode, first.body).toBe(202);
    const corrective = { ...wrong, eventID: 'urn:uuid:22222222-2222-4222-8222-222222222222', epcList: [unitDl(w.gtin, 'CORRECTED')] };
    const declaration = { ...wrong, errorDeclaration: { declarationTime: '2026-03-03T09:00:00+08:00', reason: 'incorrect_data', correctiveEventIDs: [corrective.eventID] } };
    const second = await captureJson(t().app, w.distributor, epcisDocument([declaration, corrective]));
    expect(second.statusCode, second.body).toBe(202);
    expect(second.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    const rows = await sql<{ event_id: number; event_uri: string; declaration: boolean; superseded_by: number | null; error_reason: string | null }>`
      select event_id, event_uri, declaration, superseded_by, error_reason from epcis_events where event_uri in (${wrongId}, ${corrective.eventID}) order by event_id`.execute(t().deps.db);
    const [original, decl, corr] = rows.rows;
    expect(original).toMatchObject({ declaration: false, superseded_by: decl?.event_id });
    expect(decl).toMatchObject({ declaration: true, error_reason: 'incorrect_data' });
    const links = await sql`select declaration_event_id, corrective_event_id from epcis_corrections where declaration_event_id = ${decl?.event_id}`.execute(t().deps.db);
    expect(links.rows).toEqual([{ declaration_event_id: decl?.event_id, corrective_event_id: corr?.event_id }]);
    // Resubmitting the declaration stores nothing again.
    const again = await captureJson(t().app, w.distributor, epcisDocument([declaration]));
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('accepts XML bodies', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2026-03-01T00:00:00Z">
  <EPCISBody><EventList><ObjectEvent>
    <eventTime>2026-03-05T10:00:00+08:00</eventTime><eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
    <epcList><epc>${unitDl(w.gtin, 'XML1')}</epc></epcList>
    <action>OBSERVE</action><bizStep>receiving</bizStep>
    <readPoint><id>${w.distWarehouseSgln}</id></readPoint>
  </ObjectEvent></EventList></EPCISBody>
</epcis:EPCISDocument>`;
    const res = await call(t().app, w.distributor, { method: 'POST', url: '/epcis/capture', headers: { 'content-type': 'application/xml' }, payload: xml });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 1, violations: 0 });
  });

  it('answers 401 without a login and 403 for roles without capture', async () => {
    expect((await captureJson(t().app, {}, epcisDocument([shipping()]))).statusCode).toBe(401);
    const auditor = await loginHeaders(t().app, await makeUser(t().deps, { role: 'auditadmin' }), PASSWORD);
    expect((await captureJson(t().app, auditor, epcisDocument([shipping()]))).statusCode).toBe(403);
  });

  it('does not show a capture job to another organisation', async () => {
    const res = await captureJson(t().app, w.distributor, epcisDocument([shipping()]));
    const other = await makeOrganization(t().deps, { type: 'institution', regionCode: '330106' });
    const stranger = await loginHeaders(t().app, await makeUser(t().deps, { role: 'institution', organizationId: other.id }), PASSWORD);
    expect((await call(t().app, stranger, { method: 'GET', url: res.json().location })).statusCode).toBe(404);
    expect((await call(t().app, w.regulator, { method: 'GET', url: res.json().location })).statusCode).toBe(200);
  });
});
