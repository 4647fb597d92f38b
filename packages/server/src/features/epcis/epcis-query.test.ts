import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { captureJson, epcisDocument, locationDl, partyDl } from './epcis.test-helpers.ts';

const t = useTestApp();
let a: Record<string, string>;
let b: Record<string, string>;
let cityRegulator: Record<string, string>;
let provinceRegulator: Record<string, string>;
let aGln: string;
let bGln: string;

// GTIN 04012345111118 = EPC company prefix 4012345, item reference 011111.
const unitUrn = (s: string) => `urn:epc:id:sgtin:4012345.011111.${s}`;
const unitDl = (s: string) => `https://id.gs1.org/01/04012345111118/21/${s}`;
const lotUrn = 'urn:epc:class:lgtin:4012345.011111.LOT7';
const sscc = 'urn:epc:id:sscc:4012345.0000000001';

const event = (gln: string, over: Record<string, unknown>) => ({
  type: 'ObjectEvent', eventTimeZoneOffset: '+08:00', action: 'OBSERVE', readPoint: { id: locationDl(gln) }, bizLocation: { id: locationDl(gln) }, ...over,
});

beforeAll(async () => {
  const deps = t().deps;
  const orgA = await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  const orgB = await makeOrganization(deps, { type: 'distributor', regionCode: '330212' });
  aGln = orgA.gln as string;
  bGln = orgB.gln as string;
  a = await loginHeaders(t().app, await makeUser(deps, { role: 'enterprise', organizationId: orgA.id }), PASSWORD);
  b = await loginHeaders(t().app, await makeUser(deps, { role: 'enterprise', organizationId: orgB.id }), PASSWORD);
  cityRegulator = await loginHeaders(t().app, await makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }), PASSWORD);
  provinceRegulator = await loginHeaders(t().app, await makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }), PASSWORD);
  const docA = epcisDocument([
    event(aGln, { eventTime: '2026-03-01T09:00:00+08:00', epcList: [unitUrn('1'), unitUrn('2')], bizStep: 'receiving', disposition: 'in_progress' }),
    event(aGln, { eventTime: '2026-03-02T09:00:00+08:00', epcList: [unitUrn('1')], bizStep: 'storing', disposition: 'sellable_not_accessible' }),
    { type: 'AggregationEvent', eventTime: '2026-03-03T09:00:00+08:00', eventTimeZoneOffset: '+08:00', action: 'ADD', parentID: sscc, childEPCs: [unitUrn('1')], bizStep: 'packing', readPoint: { id: locationDl(aGln) } },
    event(aGln, { eventTime: '2026-03-04T09:00:00+08:00', quantityList: [{ epcClass: lotUrn, quantity: 5, uom: 'EA' }], bizStep: 'shipping', disposition: 'in_transit', bizLocation: undefined,
      sourceList: [{ type: 'owning_party', source: partyDl(aGln) }], destinationList: [{ type: 'owning_party', destination: partyDl(bGln) }] }),
  ]);
  expect((await captureJson(t().app, a, docA)).statusCode).toBe(202);
  const docB = epcisDocument([event(bGln, { eventTime: '2026-03-05T09:00:00+08:00', epcList: [unitUrn('9')], bizStep: 'receiving', disposition: 'in_progress' })]);
  expect((await captureJson(t().app, b, docB)).statusCode).toBe(202);
});

const query = async (headers: Record<string, string>, qs: string) => {
  const res = await call(t().app, headers, { method: 'GET', url: `/epcis/events${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return res;
};
const times = (res: { json: () => { epcisBody: { queryResults: { resultsBody: { eventList: { eventTime: string }[] } } } } }) =>
  res.json().epcisBody.queryResults.resultsBody.eventList.map((e) => e.eventTime.slice(0, 10));

describe('GET /epcis/events', () => {
  it('answers an EPCISQueryDocument of the caller’s own events only', async () => {
    const res = await query(a, '');
    expect(res.headers['content-type']).toMatch(/application\/ld\+json/);
    const body = res.json();
    expect(body).toMatchObject({ type: 'EPCISQueryDocument', schemaVersion: '2.0', epcisBody: { queryResults: { queryName: 'SimpleEventQuery' } } });
    expect(times(res)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
    const first = body.epcisBody.queryResults.resultsBody.eventList[0];
    expect(first).toMatchObject({ eventID: expect.stringMatching(/^ni:\/\/\/sha-256;/), recordTime: expect.any(String) });
    // B sees its own event and A's shipment to it (it is a named party), never A's internal events.
    expect(times(await query(b, ''))).toEqual(['2026-03-04', '2026-03-05']);
  });

  it('scopes regulators to their jurisdiction', async () => {
    expect(times(await query(cityRegulator, ''))).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
    expect(times(await query(provinceRegulator, ''))).toHaveLength(5);
  });

  it('filters by event type, time window, business step, disposition and location', async () => {
    expect(times(await query(a, '?eventType=AggregationEvent'))).toEqual(['2026-03-03']);
    expect(times(await query(a, '?GE_eventTime=2026-03-02T00:00:00%2B08:00&LT_eventTime=2026-03-04T00:00:00%2B08:00'))).toEqual(['2026-03-02', '2026-03-03']);
    expect(times(await query(a, '?EQ_bizStep=storing,shipping'))).toEqual(['2026-03-02', '2026-03-04']);
    expect(times(await query(a, '?EQ_bizStep=https://ref.gs1.org/cbv/BizStep-receiving'))).toEqual(['2026-03-01']);
    expect(times(await query(a, '?EQ_disposition=in_transit'))).toEqual(['2026-03-04']);
    expect(times(await query(a, `?EQ_bizLocation=${encodeURIComponent(locationDl(aGln))}`))).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('matches EPCs in any of their forms, parents, and classes', async () => {
    // The Digital Link of unit 1 finds the events captured with its EPC URN.
    expect(times(await query(a, `?MATCH_epc=${encodeURIComponent(unitDl('1'))}`))).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(times(await query(a, `?MATCH_epc=${encodeURIComponent(unitUrn('2'))}`))).toEqual(['2026-03-01']);
    expect(times(await query(a, `?MATCH_epc=${encodeURIComponent(sscc)}`))).toEqual([]);
    expect(times(await query(a, `?MATCH_anyEPC=${encodeURIComponent(sscc)}`))).toEqual(['2026-03-03']);
    expect(times(await query(a, `?MATCH_epcClass=${encodeURIComponent(lotUrn)}`))).toEqual(['2026-03-04']);
  });

  it('pages with an opaque nextPageToken', async () => {
    const seen: string[] = [];
    let url = '?perPage=3';
    for (let i = 0; i < 5; i++) {
      const res = await query(provinceRegulator, url);
      seen.push(...times(res));
      const token = res.json().nextPageToken as string | undefined;
      if (!token) break;
      expect(res.headers.link).toContain('rel="next"');
      url = `?perPage=3&nextPageToken=${token}`;
    }
    expect(seen).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
    const bad = await call(t().app, a, { method: 'GET', url: '/epcis/events?nextPageToken=garbage' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('epcis.query.invalid_token');
  });

  it('GET /epcis/epcs/{epc}/events lists one object’s events, scoped', async () => {
    const res = await call(t().app, a, { method: 'GET', url: `/epcis/epcs/${encodeURIComponent(unitDl('1'))}/events` });
    expect(res.statusCode, res.body).toBe(200);
    expect(times(res)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    const lot = await call(t().app, b, { method: 'GET', url: `/epcis/epcs/${encodeURIComponent(lotUrn)}/events` });
    expect(times(lot)).toEqual(['2026-03-04']);
    const hidden = await call(t().app, b, { method: 'GET', url: `/epcis/epcs/${encodeURIComponent(unitUrn('1'))}/events` });
    expect(times(hidden)).toEqual([]);
  });
});
