import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { captureJson, epcisDocument, locationDl, nationalRegulator, partyDl, unitDl } from './epcis.test-helpers.ts';

const t = useTestApp();

interface World {
  entA: Record<string, string>;
  entB: Record<string, string>;
  cityHz: Record<string, string>;
  national: Record<string, string>;
  sysadmin: Record<string, string>;
  agency: Record<string, string>;
  /** Org A's jobs, oldest first: succeeded, partial, failed. */
  a: string[];
  b: string;
  /** The Hangzhou regulator's own job (no organisation). */
  reg: string;
}
let w: World;

let serial = 0;
const shipping = (gln: string, over: Record<string, unknown> = {}) => ({
  type: 'ObjectEvent', eventTime: '2026-03-02T10:00:00+08:00', eventTimeZoneOffset: '+08:00', action: 'OBSERVE',
  epcList: [unitDl('06980001000019', `L${++serial}`)], bizStep: 'shipping', disposition: 'in_transit',
  readPoint: { id: locationDl(gln) }, sourceList: [{ type: 'owning_party', source: partyDl(gln) }],
  ...over,
});
// An event the JSON schema refuses (no eventTimeZoneOffset): with `proceed` it is rejected alone.
const broken = (gln: string) => shipping(gln, { eventTimeZoneOffset: undefined });

async function captured(headers: Record<string, string>, events: object[], behaviour: 'rollback' | 'proceed' = 'rollback'): Promise<string> {
  const res = await captureJson(t().app, headers, epcisDocument(events), { 'gs1-capture-error-behaviour': behaviour });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().captureId as string;
}

/** Pins a job's creation time, so order and the date filter do not depend on how fast the test runs. */
const createdAt = (id: string, at: string) => sql`update capture_jobs set created_at = ${at}::timestamptz where id = ${id}::uuid`.execute(t().deps.db);

const list = (headers: Record<string, string>, qs = '') => call(t().app, headers, { method: 'GET', url: `/epcis/capture${qs}` });
const ids = async (headers: Record<string, string>, qs = '') => {
  const res = await list(headers, qs);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: string }[]).map((j) => j.id);
};

beforeAll(async () => {
  const deps = t().deps;
  const orgA = await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  const orgB = await makeOrganization(deps, { type: 'distributor', regionCode: '330212' });
  const agencyOrg = await makeOrganization(deps, { type: 'agency', regionCode: '330106' });
  const login = async (u: Parameters<typeof makeUser>[1]) => loginHeaders(t().app, await makeUser(deps, u), PASSWORD);
  const entA = await login({ role: 'enterprise', organizationId: orgA.id });
  const entB = await login({ role: 'enterprise', organizationId: orgB.id });
  const cityHz = await login({ role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' });
  const glnA = orgA.gln as string;
  const a = [
    await captured(entA, [shipping(glnA)]),
    await captured(entA, [shipping(glnA), broken(glnA)], 'proceed'),
    await captured(entA, [broken(glnA)], 'proceed'),
  ];
  const b = await captured(entB, [shipping(orgB.gln as string)]);
  const reg = await captured(cityHz, [shipping(glnA)]);
  // Creation times across three China days; 2026-03-03 00:30 +08:00 is still 2 March in UTC.
  await createdAt(a[0] as string, '2026-03-01T10:00:00+08:00');
  await createdAt(a[1] as string, '2026-03-02T23:30:00+08:00');
  await createdAt(a[2] as string, '2026-03-03T00:30:00+08:00');
  await createdAt(b, '2026-03-02T12:00:00+08:00');
  await createdAt(reg, '2026-03-02T13:00:00+08:00');
  w = {
    entA, entB, cityHz, a, b, reg,
    national: await nationalRegulator(t()),
    sysadmin: await login({ role: 'sysadmin' }),
    agency: await login({ role: 'agency', organizationId: agencyOrg.id }),
  };
});

describe('GET /epcis/capture', () => {
  it("lists an organisation's own jobs newest first, with counts and no per-event errors", async () => {
    const res = await list(w.entA);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(body.items.map((j: { id: string }) => j.id)).toEqual([w.a[2], w.a[1], w.a[0]]);
    expect(body.items[1]).toEqual({
      id: w.a[1], status: 'partial', format: 'json', errorBehaviour: 'proceed', createdAt: '2026-03-02T15:30:00.000Z', finishedAt: expect.any(String),
      eventCount: 2, accepted: 1, duplicates: 0, rejected: 1, violations: expect.any(Number),
    });
    expect(body.items.map((j: { status: string }) => j.status)).toEqual(['failed', 'partial', 'succeeded']);
  });

  it("never shows another organisation's job, nor a regulator's own", async () => {
    expect(await ids(w.entB)).toEqual([w.b]);
    expect(await ids(w.entA)).not.toContain(w.b);
    expect(await ids(w.entA)).not.toContain(w.reg);
  });

  it('shows a regulator its own jobs and those of organisations in its jurisdiction; a national regulator all', async () => {
    // Hangzhou holds org A (330106), not org B (Ningbo, 330212).
    expect(await ids(w.cityHz)).toEqual([w.a[2], w.a[1], w.reg, w.a[0]]);
    expect(await ids(w.national)).toEqual([w.a[2], w.a[1], w.reg, w.b, w.a[0]]);
  });

  it('opens every job it lists, and lists no job that the detail refuses', async () => {
    for (const who of [w.entA, w.entB, w.cityHz]) {
      const listed = new Set(await ids(who));
      for (const id of [...w.a, w.b, w.reg]) {
        const detail = await call(t().app, who, { method: 'GET', url: `/epcis/capture/${id}` });
        expect([id, detail.statusCode]).toEqual([id, listed.has(id) ? 200 : 404]);
      }
    }
  });

  it('pages with page / pageSize and keeps the total', async () => {
    const first = (await list(w.national, '?pageSize=2')).json();
    const second = (await list(w.national, '?pageSize=2&page=2')).json();
    const third = (await list(w.national, '?pageSize=2&page=3')).json();
    expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
    expect([first.page, first.pageSize, second.page, third.page]).toEqual([1, 2, 2, 3]);
    expect([...first.items, ...second.items, ...third.items].map((j: { id: string }) => j.id)).toEqual([w.a[2], w.a[1], w.reg, w.b, w.a[0]]);
    expect((await list(w.national, '?pageSize=2&page=4')).json()).toMatchObject({ items: [], total: 5 });
  });

  it('sorts oldest first on request', async () => {
    expect(await ids(w.entA, '?sort=createdAt')).toEqual([w.a[0], w.a[1], w.a[2]]);
  });

  it('filters by status', async () => {
    expect(await ids(w.entA, '?status=succeeded')).toEqual([w.a[0]]);
    expect(await ids(w.entA, '?status=partial')).toEqual([w.a[1]]);
    expect(await ids(w.entA, '?status=failed')).toEqual([w.a[2]]);
    expect(await ids(w.entA, '?status=running')).toEqual([]);
    expect(await ids(w.national, '?status=succeeded')).toEqual([w.reg, w.b, w.a[0]]);
    expect((await list(w.entA, '?status=done')).statusCode).toBe(422);
  });

  it('filters by creation time: dates are whole days in China Standard Time, instants are exact', async () => {
    expect(await ids(w.entA, '?from=2026-03-02&to=2026-03-02')).toEqual([w.a[1]]);
    expect(await ids(w.entA, '?to=2026-03-02')).toEqual([w.a[1], w.a[0]]);
    expect(await ids(w.entA, '?from=2026-03-03')).toEqual([w.a[2]]);
    expect(await ids(w.entA, `?from=${encodeURIComponent('2026-03-02T23:30:00+08:00')}&to=${encodeURIComponent('2026-03-03T00:30:00+08:00')}`)).toEqual([w.a[1]]);
    expect((await list(w.entA, '?from=yesterday')).statusCode).toBe(422);
  });

  it('exports the same filter as CSV', async () => {
    const res = await list(w.entA, '?format=csv&status=partial');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${w.a[1]},partial,json,proceed,2026-03-02T15:30:00.000Z`);
  });

  it('is documented in the OpenAPI document under the epcis tag, with its filters', async () => {
    const doc = (await t().app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const op = doc.paths['/epcis/capture'].get;
    expect(op.tags).toEqual(['epcis']);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['page', 'pageSize', 'sort', 'status', 'from', 'to']));
    expect(Object.keys(op.responses['200'].content['application/json'].schema.properties)).toEqual(['items', 'total', 'page', 'pageSize']);
  });

  it('answers 401 without a session and 403 to roles without epcis.read', async () => {
    const anonymous = await t().app.inject({ method: 'GET', url: '/epcis/capture' });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'auth.unauthenticated']);
    for (const who of [w.sysadmin, w.agency]) {
      const res = await list(who);
      expect([res.statusCode, res.json().code]).toEqual([403, 'auth.forbidden']);
    }
  });
});
