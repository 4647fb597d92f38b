import { withGs1CheckDigit } from '@lianjian/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { ProductsService } from '../products/products.service.ts';

/**
 * The authorisation matrix (DESIGN.md decision 7): every route × every role, inside and outside
 * the role's scope. Two cities of one province (杭州 330100, 宁波 330200) and one city of another
 * province (南京 320100), with a manufacturer in each; a distributor and a hospital in 杭州.
 */
const t = useTestApp();

type Who = 'anonymous' | 'national' | 'province' | 'cityHz' | 'cityNb' | 'mfrA' | 'distA' | 'hospA' | 'agency' | 'privacy' | 'sysadmin' | 'secadmin' | 'auditadmin';
const ROLES: Exclude<Who, 'anonymous'>[] = ['national', 'province', 'cityHz', 'cityNb', 'mfrA', 'distA', 'hospA', 'agency', 'privacy', 'sysadmin', 'secadmin', 'auditadmin'];

const w = {} as {
  headers: Record<Who, Record<string, string>>;
  org: { mfrA: number; distA: number; hospA: number; mfrB: number; mfrC: number; agency: number };
  lic: { a: number; b: number; c: number };
  regA: number;
  regB: number;
  userId: number;
  prefixA: string;
};

beforeAll(async () => {
  const { deps, app } = t();
  const mfrA = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const distA = await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  const hospA = await makeOrganization(deps, { type: 'institution', regionCode: '330108' });
  const mfrB = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330212' });
  const mfrC = await makeOrganization(deps, { type: 'manufacturer', regionCode: '320102' });
  const agency = await makeOrganization(deps, { type: 'agency', regionCode: '330100' });
  w.org = { mfrA: mfrA.id, distA: distA.id, hospA: hospA.id, mfrB: mfrB.id, mfrC: mfrC.id, agency: agency.id };
  w.prefixA = mfrA.gs1CompanyPrefix ?? '';
  w.lic = { a: (await makeLicense(deps, mfrA.id)).id, b: (await makeLicense(deps, mfrB.id)).id, c: (await makeLicense(deps, mfrC.id)).id };
  w.regA = (await makeProduct(deps, mfrA.id, w.prefixA)).registrationId;
  w.regB = (await makeProduct(deps, mfrB.id, mfrB.gs1CompanyPrefix ?? '')).registrationId;
  const users: Record<Exclude<Who, 'anonymous'>, Promise<string>> = {
    national: makeUser(deps, { role: 'regulator', jurisdictionCode: '000000', regulatorLevel: 'national' }),
    province: makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    cityNb: makeUser(deps, { role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' }),
    mfrA: makeUser(deps, { role: 'enterprise', organizationId: mfrA.id }),
    distA: makeUser(deps, { role: 'enterprise', organizationId: distA.id }),
    hospA: makeUser(deps, { role: 'institution', organizationId: hospA.id }),
    agency: makeUser(deps, { role: 'agency', organizationId: agency.id }),
    privacy: makeUser(deps, { role: 'privacy_officer' }),
    sysadmin: makeUser(deps, { role: 'sysadmin' }),
    secadmin: makeUser(deps, { role: 'secadmin' }),
    auditadmin: makeUser(deps, { role: 'auditadmin' }),
  };
  w.headers = { anonymous: {} } as typeof w.headers;
  for (const role of ROLES) w.headers[role] = await loginHeaders(app, await users[role], PASSWORD);
  w.userId = (await deps.db.selectFrom('users').select('id').where('username', '=', await users.privacy).executeTakeFirstOrThrow()).id;
});

const get = (who: Who, url: string) => call(t().app, w.headers[who], { method: 'GET', url });

describe('every API route requires authentication', () => {
  it('answers 401 problem+json without a session or token (except the public ones)', async () => {
    const guarded = t().app.routeTable.filter((r) => (r.url.startsWith('/api/') || r.url.startsWith('/epcis/')) && !r.public);
    expect(guarded.length).toBeGreaterThan(20);
    for (const r of guarded) {
      const res = await t().app.inject({ method: r.method as 'GET', url: r.url.replace(/:(\w+)/g, '1'), payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect([r.method, r.url, res.statusCode]).toEqual([r.method, r.url, 401]);
      expect(res.json().code).toMatch(/^auth\./);
    }
    const publicRoutes = t().app.routeTable.filter((r) => r.url.startsWith('/api/') && r.public).map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes).toEqual(['POST /api/auth/login']);
  });
});

describe('organisations', () => {
  const ids = (res: { json(): { items: { id: number; regionCode: string }[] } }) => res.json().items.map((o) => o.id).sort((a, b) => a - b);
  const expected: Record<Exclude<Who, 'anonymous'>, ((o: typeof w.org) => number[]) | 403> = {
    national: (o) => [o.mfrA, o.distA, o.hospA, o.mfrB, o.mfrC, o.agency],
    province: (o) => [o.mfrA, o.distA, o.hospA, o.mfrB, o.agency],
    cityHz: (o) => [o.mfrA, o.distA, o.hospA, o.agency],
    cityNb: (o) => [o.mfrB],
    mfrA: (o) => [o.mfrA],
    distA: (o) => [o.distA],
    hospA: (o) => [o.hospA],
    agency: (o) => [o.agency],
    sysadmin: (o) => [o.mfrA, o.distA, o.hospA, o.mfrB, o.mfrC, o.agency],
    privacy: 403,
    secadmin: 403,
    auditadmin: 403,
  };
  it.each(ROLES)('GET /api/organizations as %s lists exactly its scope', async (who) => {
    const res = await get(who, '/api/organizations?pageSize=500');
    const e = expected[who];
    if (e === 403) return expect(res.statusCode).toBe(403);
    expect(res.statusCode).toBe(200);
    expect(ids(res)).toEqual(e(w.org).sort((a, b) => a - b));
    expect(res.json().total).toBe(e(w.org).length);
  });
  it.each(ROLES)('GET /api/organizations/:id as %s: 200 inside the scope, 404 outside', async (who) => {
    const e = expected[who];
    for (const [name, id] of Object.entries(w.org)) {
      const res = await get(who, `/api/organizations/${id}`);
      const want = e === 403 ? 403 : e(w.org).includes(id) ? 200 : 404;
      expect([name, res.statusCode]).toEqual([name, want]);
    }
  });
  it('a city regulator registers organisations in its city only; enterprises cannot register any', async () => {
    const body = (regionCode: string) => ({ type: 'distributor', name: `新单位${regionCode}`, regionCode });
    expect((await call(t().app, w.headers.cityHz, { method: 'POST', url: '/api/organizations', payload: body('330106') })).statusCode).toBe(201);
    const outside = await call(t().app, w.headers.cityHz, { method: 'POST', url: '/api/organizations', payload: body('330212') });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0]).toMatchObject({ code: 'organization.region_out_of_scope', path: 'regionCode' });
    expect((await call(t().app, w.headers.mfrA, { method: 'POST', url: '/api/organizations', payload: body('330106') })).statusCode).toBe(403);
    expect((await call(t().app, w.headers.sysadmin, { method: 'POST', url: '/api/organizations', payload: body('320102') })).statusCode).toBe(201);
    const patchOutside = await call(t().app, w.headers.cityNb, { method: 'PATCH', url: `/api/organizations/${w.org.mfrA}`, payload: { address: 'x' } });
    expect(patchOutside.statusCode).toBe(404);
  });
});

describe('licences', () => {
  const expected: Record<Exclude<Who, 'anonymous'>, ((l: typeof w.lic) => number[]) | 403> = {
    national: (l) => [l.a, l.b, l.c], province: (l) => [l.a, l.b], cityHz: (l) => [l.a], cityNb: (l) => [l.b],
    mfrA: (l) => [l.a], distA: () => [], hospA: () => [],
    agency: 403, privacy: 403, sysadmin: 403, secadmin: 403, auditadmin: 403,
  };
  it.each(ROLES)('GET /api/licenses and /api/licenses/:id as %s', async (who) => {
    const res = await get(who, '/api/licenses?pageSize=500');
    const e = expected[who];
    if (e === 403) return expect(res.statusCode).toBe(403);
    const visible = res.json().items.map((l: { id: number }) => l.id).filter((id: number) => Object.values(w.lic).includes(id)).sort();
    expect(visible).toEqual(e(w.lic).sort());
    for (const id of Object.values(w.lic)) expect((await get(who, `/api/licenses/${id}`)).statusCode).toBe(e(w.lic).includes(id) ? 200 : 404);
  });
  it('only a regulator with the holder in its jurisdiction records licences and changes their status', async () => {
    const payload = { organizationId: w.org.mfrA, kind: 'qms_certificate', number: `QMS-MATRIX-1`, issuer: '认证机构', validFrom: '2025-01-01', validTo: '2029-12-31' };
    expect((await call(t().app, w.headers.cityNb, { method: 'POST', url: '/api/licenses', payload })).statusCode).toBe(422);
    expect((await call(t().app, w.headers.mfrA, { method: 'POST', url: '/api/licenses', payload })).statusCode).toBe(403);
    expect((await call(t().app, w.headers.cityHz, { method: 'POST', url: '/api/licenses', payload })).statusCode).toBe(201);
    const status = { status: 'suspended', reason: '飞行检查发现问题' };
    expect((await call(t().app, w.headers.cityNb, { method: 'POST', url: `/api/licenses/${w.lic.a}/status`, payload: status })).statusCode).toBe(404);
    expect((await call(t().app, w.headers.mfrA, { method: 'POST', url: `/api/licenses/${w.lic.a}/status`, payload: status })).statusCode).toBe(403);
    const ok = await call(t().app, w.headers.province, { method: 'POST', url: `/api/licenses/${w.lic.a}/status`, payload: status });
    expect(ok.json()).toMatchObject({ status: 'suspended', effectiveStatus: 'suspended' });
  });
});

describe('products and registrations', () => {
  it.each(ROLES)('GET /api/products and /api/registrations as %s (the catalogue is public to business roles)', async (who) => {
    const business = ['national', 'province', 'cityHz', 'cityNb', 'mfrA', 'distA', 'hospA', 'agency'].includes(who);
    const res = await get(who, '/api/products?pageSize=500');
    expect(res.statusCode).toBe(business ? 200 : 403);
    if (business) expect(res.json().total).toBe(2);
    expect((await get(who, '/api/registrations')).statusCode).toBe(business ? 200 : 403);
  });
  it('a registrant adds products under its own registrations only; a regulator within its jurisdiction', async () => {
    let n = 900;
    const product = (registrationId: number) => ({ registrationId, name: '新产品', model: 'X', deviceKind: 'syringe', dis: [{ di: withGs1CheckDigit(`0${w.prefixA}${String(n++).padStart(5, '0')}`), agency: 'GS1', packageLevel: 0 }] });
    expect((await call(t().app, w.headers.mfrA, { method: 'POST', url: '/api/products', payload: product(w.regA) })).statusCode).toBe(201);
    const notHolder = await call(t().app, w.headers.mfrA, { method: 'POST', url: '/api/products', payload: product(w.regB) });
    expect([notHolder.statusCode, notHolder.json().code]).toEqual([403, 'product.not_holder']);
    expect((await call(t().app, w.headers.distA, { method: 'POST', url: '/api/products', payload: product(w.regA) })).statusCode).toBe(403);
    expect((await call(t().app, w.headers.hospA, { method: 'POST', url: '/api/products', payload: product(w.regA) })).statusCode).toBe(403);
    const outOfScope = await call(t().app, w.headers.cityNb, { method: 'POST', url: '/api/products', payload: product(w.regA) });
    expect([outOfScope.statusCode, outOfScope.json().code]).toEqual([403, 'auth.out_of_scope']);
    expect((await call(t().app, w.headers.cityHz, { method: 'POST', url: '/api/products', payload: product(w.regA) })).statusCode).toBe(201);
    const count = (await new ProductsService(t().deps).list({ actor: { type: 'user', id: 0, name: 'x', role: 'regulator', organizationId: null, organizationType: null, jurisdictionCode: '000000', regulatorLevel: 'national', department: null }, ip: '', userAgent: '', locale: 'en' }, {}, { limit: 100, offset: 0 }, { column: 'p.id', direction: 'asc' })).total;
    expect(count).toBe(4);
  });
});

describe('analysis', () => {
  it.each(ROLES)('POST /api/analysis/disproportionality as %s: regulators only', async (who) => {
    const payload = { counts: [{ product: 'P1', event: 'A0601', n: 3 }, { product: 'P2', event: 'A0602', n: 5 }, { product: 'P1', event: 'A0602', n: 1 }] };
    const res = await call(t().app, w.headers[who], { method: 'POST', url: '/api/analysis/disproportionality', payload });
    const regulator = ['national', 'province', 'cityHz', 'cityNb'].includes(who);
    expect([who, res.statusCode]).toEqual([who, regulator ? 200 : 403]);
  });
});

/**
 * Business routes × roles, derived from permissions.ts (and the service-level checks noted). Each
 * role gets a real request: the roles listed must get past authorisation (2xx, or 4xx that is not
 * 403: 404 for an id that does not exist, 400/415 for an empty body); every other role must get
 * 403. Loosening a permission (or forgetting requirePermission) makes a 403 row fail.
 */
describe('business routes by role', () => {
  const REG: Who[] = ['national', 'province', 'cityHz', 'cityNb'];
  const ENT: Who[] = ['mfrA', 'distA'];
  const HOSP: Who[] = ['hospA'];
  const ALL: Who[] = [...ROLES];
  const NONE = '999999';
  const UUID = '00000000-0000-4000-8000-000000000000';
  const KEY = `pk_${'0'.repeat(32)}`;
  let di = '';
  let seq = 1;
  beforeAll(async () => {
    const row = await t().deps.db.selectFrom('product_dis as d').innerJoin('products as p', 'p.id', 'd.product_id').innerJoin('registrations as g', 'g.id', 'p.registration_id')
      .select('d.di').where('g.holder_organization_id', '=', w.org.mfrA).orderBy('d.di').executeTakeFirstOrThrow();
    di = row.di;
  });
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const aeBody = () => ({
    productDi: di, lot: 'MATRIX1', patient: { name: '测试', birthDate: '1980-01-01', sex: 'male' }, manifestation: '矩阵测试', eventDate: today(), dateKnown: today(), outcome: 'other',
    // A distinct patient per request, so no report is linked as another's duplicate.
    narrative: `matrix ${seq++}`,
  });
  const investigation = { status: 'final', findings: '使用错误', conclusionCodes: ['D1102'], rootCause: 'use_error', correctiveActions: '再培训' };

  type Row = [method: string, url: string, allowed: Who[], body?: () => unknown];
  const rows: Row[] = [
    // EPCIS and trace (epcis.capture / epcis.read / trace.read / recall.scope).
    ['POST', '/epcis/capture', [...REG, ...ENT, ...HOSP], () => ({})],
    ['GET', '/epcis/capture', [...REG, ...ENT, ...HOSP]],
    ['GET', `/epcis/capture/${UUID}`, [...REG, ...ENT, ...HOSP]],
    ['GET', '/epcis/events', [...REG, ...ENT, ...HOSP]],
    ['GET', `/epcis/epcs/${encodeURIComponent('urn:epc:id:sgtin:0614141.107346.2017')}/events`, [...REG, ...ENT, ...HOSP]],
    ['GET', '/api/trace/x', [...REG, ...ENT, ...HOSP]],
    ['POST', '/api/recall-scope', REG, () => ({ lots: [{ di: '06901234567892', lot: 'L1' }] })],
    // Calendar and deadline rules: every logged-in user reads; the system admin changes (calendar.manage).
    ['GET', '/api/calendar/workdays?from=2026-05-01&to=2026-05-07', ALL],
    ['GET', '/api/calendar/overrides', ALL],
    ['DELETE', '/api/calendar/overrides/2031-05-01', ['sysadmin']],
    ['GET', '/api/deadline-rules', ALL],
    ['PATCH', '/api/deadline-rules/no.such.rule', ['sysadmin'], () => ({ amount: 3 })],
    ['POST', '/api/deadlines/compute', ALL, () => ({ rule: 'ae.death', start: '2026-02-13' })],
    // Adverse events (adverse_events.report / read / link / investigate).
    ['POST', '/api/adverse-events', [...ENT, ...HOSP], aeBody],
    ['GET', '/api/adverse-events', [...REG, ...ENT, ...HOSP]],
    ['GET', `/api/adverse-events/${NONE}`, [...REG, ...ENT, ...HOSP]],
    ['DELETE', `/api/adverse-events/${NONE}/duplicate-link`, REG],
    ['GET', `/api/adverse-events/${NONE}/investigations`, [...REG, ...ENT, ...HOSP]],
    ['POST', `/api/adverse-events/${NONE}/investigations`, ENT, () => investigation],
    // Production records and attachments (production.read, attachments.write / read).
    ['GET', '/api/material-receipts', [...REG, ...ENT]],
    ['GET', `/api/material-receipts/${NONE}`, [...REG, ...ENT]],
    ['GET', `/api/material-lots/${NONE}/batches`, [...REG, ...ENT]],
    ['GET', '/api/batches', [...REG, ...ENT]],
    ['GET', `/api/batches/${NONE}`, [...REG, ...ENT]],
    ['GET', '/api/release-reports', [...REG, ...ENT]],
    ['GET', `/api/release-reports/${NONE}`, [...REG, ...ENT]],
    ['GET', '/api/quality-flags', [...REG, ...ENT]],
    ['POST', '/api/attachments', ENT, () => ({})],
    ['GET', '/api/attachments', [...REG, ...ENT]],
    ['GET', `/api/attachments/${NONE}`, [...REG, ...ENT]],
    ['GET', `/api/attachments/${NONE}/content`, [...REG, ...ENT]],
    // Dossiers (dossiers.read).
    ['GET', '/api/lots/06901234567892/L1', [...REG, ...ENT]],
    ['GET', `/api/organizations/${NONE}/dossier`, [...REG, ...ENT]],
    // The product dossier (product_dossiers.read): a hospital too, for the lots it holds.
    ['GET', `/api/products/${NONE}/dossier`, [...REG, ...ENT, ...HOSP]],
    // The organisation directory behind the submitters' pickers: public registry facts, every logged-in user.
    ['GET', '/api/organizations/directory?q=x', ALL],
    // Distribution documents and receiving acceptances (distribution_documents.read).
    ['GET', '/api/distribution-documents', [...REG, ...ENT, ...HOSP]],
    ['GET', `/api/distribution-documents/${NONE}`, [...REG, ...ENT, ...HOSP]],
    ['GET', '/api/receiving-acceptances', [...REG, ...ENT, ...HOSP]],
    ['GET', `/api/receiving-acceptances/${NONE}`, [...REG, ...ENT, ...HOSP]],
    // Use records (use_records.read, institution_assessment.read).
    ['GET', '/api/use-records/uses', [...REG, ...HOSP]],
    ['GET', `/api/use-records/uses/${NONE}`, [...REG, ...HOSP]],
    ['GET', '/api/use-records/trainings', [...REG, ...HOSP]],
    ['GET', '/api/use-records/maintenance', [...REG, ...HOSP]],
    ['GET', '/api/use-records/disposals', [...REG, ...HOSP]],
    ['GET', `/api/institutions/${NONE}/assessment`, [...REG, ...HOSP]],
    // Privacy (patient_identity.read / grant).
    ['GET', `/api/patients/${KEY}/identity`, [...REG, ...ENT, ...HOSP, 'privacy']],
    ['GET', '/api/patient-identity-grants', ['privacy']],
    ['GET', '/api/patient-identity-grants/grantees', ['privacy']],
    ['DELETE', `/api/patient-identity-grants/${NONE}`, ['privacy']],
    // Requests for a grant (patient_identity.request / grant): investigators ask and withdraw, privacy officers decide.
    ['POST', '/api/patient-identity-requests', [...REG, ...ENT, ...HOSP], () => ({ patientKey: KEY, purpose: '矩阵测试用途' })],
    ['GET', '/api/patient-identity-requests', [...REG, ...ENT, ...HOSP, 'privacy']],
    ['GET', '/api/patient-identity-requests/pending-count', ['privacy']],
    ['POST', `/api/patient-identity-requests/${NONE}/approve`, ['privacy'], () => ({ expiresAt: '2030-01-01T18:00:00+08:00' })],
    ['POST', `/api/patient-identity-requests/${NONE}/decline`, ['privacy'], () => ({ reason: '矩阵测试' })],
    ['POST', `/api/patient-identity-requests/${NONE}/withdraw`, [...REG, ...ENT, ...HOSP]],
    // The dashboard's summary needs both lists it summarises (organizations.read and adverse_events.read).
    ['GET', '/api/dashboard/summary', [...REG, ...ENT, ...HOSP]],
    // Alerts (alerts.read / act / configure): regulators only.
    ['GET', '/api/alerts', REG],
    ['GET', '/api/alerts/inbox', REG],
    ['GET', `/api/alerts/${NONE}`, REG],
    ['POST', `/api/alerts/${NONE}/read`, REG],
    ['GET', '/api/alerts/subscriptions', REG],
    ['POST', '/api/alerts/subscriptions', REG, () => ({ channel: 'email', target: 'matrix@example.cn' })],
    ['DELETE', `/api/alerts/subscriptions/${NONE}`, REG],
    // Risk (risk.read / manage / run); changing an indicator also needs a national or provincial regulator.
    ['GET', '/api/risk/indicators', REG],
    ['GET', `/api/risk/indicators/${NONE}`, REG],
    ['PATCH', `/api/risk/indicators/${NONE}`, ['national', 'province'], () => ({ enabled: false })],
    ['GET', `/api/risk/runs/${NONE}`, REG],
    // Lot suspensions and recalls (lot_restrictions.write / read): regulators and the registrant record (an unknown lot answers 422), holders read.
    ['POST', '/api/lot-restrictions', [...REG, ...ENT], () => ({ di: '06901234567892', lot: 'MATRIX-NONE', kind: 'recall', recallLevel: 2, reason: '矩阵测试' })],
    ['POST', `/api/lot-restrictions/${NONE}/lift`, [...REG, ...ENT], () => ({ reason: '矩阵测试' })],
    ['GET', '/api/lot-restrictions', [...REG, ...ENT, ...HOSP]],
    ['GET', `/api/lot-restrictions/${NONE}`, [...REG, ...ENT, ...HOSP]],
  ];

  it.each(rows)('%s %s: %j pass authorisation, every other role gets 403', async (method, url, allowed, body) => {
    for (const who of ROLES) {
      const res = await call(t().app, w.headers[who], { method: method as 'GET', url, ...(body && { payload: body() as Record<string, unknown> }) });
      const outcome = res.statusCode === 403 ? 'forbidden' : res.statusCode >= 200 && res.statusCode < 500 && res.statusCode !== 401 ? 'allowed' : `unexpected ${res.statusCode} ${res.body.slice(0, 200)}`;
      expect([who, outcome]).toEqual([who, allowed.includes(who) ? 'allowed' : 'forbidden']);
    }
  });

  it('covers every route of these features (a new route needs a row here)', () => {
    const covered = new Set(rows.map(([m, u]) => `${m} ${u.split('?')[0]}`));
    const business = /^\/(epcis\/|api\/(dashboard|trace|recall-scope|calendar|deadline|adverse-events|material|batches|release-reports|quality-flags|attachments|lots|organizations\/:id\/dossier|products\/:id\/dossier|distribution-documents|receiving-acceptances|use-records|institutions|patients|patient-identity-grants|patient-identity-requests|alerts|risk|lot-restrictions))/;
    // Left to their feature tests: POST / PUT routes whose body is validated before authorisation
    // (an empty body answers 422 to every role), and starting a risk run (it keeps working after the answer).
    const withBodies = /^POST \/api\/(submissions\/\w+|material-receipts|batches|release-reports|distribution-documents|receiving-acceptances|use-records\/\w+|patient-identity-grants|alerts\/:id\/actions|risk\/indicators|risk\/runs)$|^PUT /;
    const missing = t().app.routeTable
      .filter((r) => business.test(r.url) && !r.url.endsWith('/stream') && !withBodies.test(`${r.method} ${r.url}`))
      .filter((r) => ![...covered].some((c) => new RegExp(`^${r.method} ${r.url.replace(/:\w+/g, '[^/]+')}$`).test(c)))
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });
});

describe('administration (三员分立: system, security and audit admins are separate)', () => {
  const cases: [string, string, Who[]][] = [
    ['GET', '/api/users', ['sysadmin']],
    ['GET', '/api/api-tokens', ['sysadmin']],
    ['GET', '/api/security-policy', ['secadmin']],
    ['GET', '/api/audit-log', ['auditadmin']],
    ['POST', '/api/audit-log/verify', ['auditadmin']],
  ];
  it.each(cases)('%s %s is allowed to %j only', async (method, url, allowed) => {
    for (const who of ROLES) {
      const res = await call(t().app, w.headers[who], { method: method as 'GET', url });
      expect([who, res.statusCode]).toEqual([who, allowed.includes(who) ? 200 : 403]);
    }
  });
  it('only the security admin forces logouts and changes the policy; only the system admin manages users', async () => {
    for (const who of ROLES) {
      const revoke = await call(t().app, w.headers[who], { method: 'POST', url: `/api/users/${w.userId}/sessions/revoke` });
      expect([who, revoke.statusCode]).toEqual([who, who === 'secadmin' ? 200 : 403]);
      const policy = await call(t().app, w.headers[who], { method: 'PATCH', url: '/api/security-policy', payload: { lockoutMinutes: 30 } });
      expect([who, policy.statusCode]).toEqual([who, who === 'secadmin' ? 200 : 403]);
      const user = await call(t().app, w.headers[who], { method: 'GET', url: `/api/users/${w.userId}` });
      expect([who, user.statusCode]).toEqual([who, who === 'sysadmin' ? 200 : 403]);
    }
  });
  it('no role can change or delete audit entries: there is no route for it and the table refuses', async () => {
    const writes = t().app.routeTable.filter((r) => r.url.startsWith('/api/audit-log') && r.method !== 'GET');
    expect(writes.map((r) => r.url)).toEqual(['/api/audit-log/verify']);
    await expect(t().deps.db.deleteFrom('audit_log').execute()).rejects.toMatchObject({ code: '42501' });
    await expect(t().deps.db.updateTable('audit_log').set({ outcome: 'success' }).execute()).rejects.toMatchObject({ code: '42501' });
  });
});
