import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeKnownLot, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { submissionClock } from '../adverse-events/adverse-events.service.ts';
import { grantClock } from './privacy.service.ts';

// A fresh database and app can take longer than the default 10 s while other suites share the machine.
vi.setConfig({ hookTimeout: 60_000 });
const t = useTestApp();

type Who = 'hosp' | 'hosp2' | 'mfr' | 'cityHz' | 'cityNb' | 'privacy' | 'privacy2' | 'sysadmin';
const w = {} as { headers: Record<Who, Record<string, string>>; ids: Record<Who, number>; di: string; key: string; aeKey: string; aeId: number };

const first17 = '11010519580701002';
const ID_NUMBER = `${first17}${residentIdCheckChar(first17)}`;
const AE_first17 = '33010619800202005';
const AE_ID_NUMBER = `${AE_first17}${residentIdCheckChar(AE_first17)}`;

beforeAll(async () => {
  const { deps, app } = t();
  const mfr = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const hosp = await makeOrganization(deps, { type: 'institution', regionCode: '330106' });
  const hosp2 = await makeOrganization(deps, { type: 'institution', regionCode: '330106' });
  w.di = (await makeProduct(deps, mfr.id, mfr.gs1CompanyPrefix ?? '')).di ?? '';
  await makeKnownLot(deps, w.di, 'L1');
  const users: Record<Who, Promise<string>> = {
    hosp: makeUser(deps, { role: 'institution', organizationId: hosp.id }),
    hosp2: makeUser(deps, { role: 'institution', organizationId: hosp2.id }),
    mfr: makeUser(deps, { role: 'enterprise', organizationId: mfr.id }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    cityNb: makeUser(deps, { role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' }),
    privacy: makeUser(deps, { role: 'privacy_officer' }),
    privacy2: makeUser(deps, { role: 'privacy_officer' }),
    sysadmin: makeUser(deps, { role: 'sysadmin' }),
  };
  w.headers = {} as typeof w.headers;
  w.ids = {} as typeof w.ids;
  for (const who of Object.keys(users) as Who[]) {
    const username = await users[who];
    w.headers[who] = await loginHeaders(app, username, PASSWORD);
    w.ids[who] = (await deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  }
  const use = await call(app, w.headers.hosp, { method: 'POST', url: '/api/use-records/uses', payload: {
    productDi: w.di, lot: 'L1', department: '骨科', usedOn: '2026-03-01', operator: '李静', patient: { name: '张三', idNumber: ID_NUMBER },
  } });
  expect(use.statusCode, use.body).toBe(201);
  w.key = use.json().patient.key;
  vi.spyOn(submissionClock, 'now').mockImplementation(() => new Date('2026-03-03T10:00:00+08:00'));
  const ae = await call(app, w.headers.hosp, { method: 'POST', url: '/api/adverse-events', payload: {
    productDi: w.di, lot: 'L1', patient: { name: '欧阳娜娜', idNumber: AE_ID_NUMBER, sex: 'female', age: 46 }, manifestation: '术后感染',
    eventDate: '2026-03-02', dateKnown: '2026-03-02', outcome: 'serious_injury', imdrfCodes: ['A0601'],
  } });
  vi.restoreAllMocks();
  expect(ae.statusCode, ae.body).toBe(201);
  w.aeKey = ae.json().patientKey;
  w.aeId = ae.json().id;
}, 60_000);

afterEach(() => {
  vi.restoreAllMocks();
});

const get = (who: Who, url: string) => call(t().app, w.headers[who], { method: 'GET', url });
const grant = (who: Who, over: Record<string, unknown> = {}, headers: Record<string, string> = {}) => call(t().app, { ...w.headers[who], ...headers }, {
  method: 'POST', url: '/api/patient-identity-grants',
  payload: { patientKey: w.key, userId: w.ids.cityHz, purpose: '不良事件调查 AE-2026-17', expiresAt: '2026-12-31T18:00:00+08:00', ...over },
});
const identity = (who: Who, key = w.key) => get(who, `/api/patients/${key}/identity`);
const unmaskAudits = async () => (await sql<{ details: unknown; actorId: number }>`select details, actor_id as "actorId" from audit_log where action = 'patient_identity.unmask' order by id`.execute(t().deps.db)).rows;
const at = (instant: string) => vi.spyOn(grantClock, 'now').mockImplementation(() => new Date(instant));

describe('patient identity: masked by default, unmasked only with a live grant', () => {
  it('answers masked to whoever sees a record naming the patient, and 404 to anyone else', async () => {
    at('2026-06-01T10:00:00+08:00');
    for (const who of ['hosp', 'cityHz', 'privacy'] as const) {
      const res = await identity(who);
      expect(res.statusCode, who).toBe(200);
      expect(res.json()).toEqual({ patientKey: w.key, masked: true, name: '张*', idNumber: `110105********${ID_NUMBER.slice(-4)}`, birthDate: null, grant: null, request: null });
    }
    for (const who of ['hosp2', 'cityNb', 'mfr'] as const) expect((await identity(who)).statusCode, who).toBe(404);
    expect((await identity('sysadmin')).statusCode).toBe(403);
    expect((await identity('hosp', `pk_${'1'.repeat(32)}`)).statusCode).toBe(404);
    expect(await unmaskAudits()).toEqual([]);
  });

  it('unmasks for the named user while the grant lives, audits each read with its purpose, and masks again after expiry', async () => {
    at('2026-06-01T10:00:00+08:00');
    const g = await grant('privacy', { expiresAt: '2026-06-10T18:00:00+08:00' }, { 'idempotency-key': 'grant-1' });
    expect(g.statusCode, g.body).toBe(201);
    expect(g.json()).toMatchObject({ patientKey: w.key, granteeUserId: w.ids.cityHz, purpose: '不良事件调查 AE-2026-17', expiresAt: '2026-06-10T18:00:00.000+08:00', active: true, revokedAt: null });
    const replay = await grant('privacy', { expiresAt: '2026-06-10T18:00:00+08:00' }, { 'idempotency-key': 'grant-1' });
    expect(replay.json().id).toBe(g.json().id);

    const open = await identity('cityHz');
    expect(open.json()).toEqual({ patientKey: w.key, masked: false, name: '张三', idNumber: ID_NUMBER, birthDate: null, grant: { id: g.json().id, purpose: '不良事件调查 AE-2026-17', expiresAt: '2026-06-10T18:00:00.000+08:00' }, request: null });
    // Only the named user: the same city's other users and the hospital still see it masked.
    expect((await identity('hosp')).json().masked).toBe(true);
    expect((await identity('privacy')).json().masked).toBe(true);
    expect(await unmaskAudits()).toEqual([{ actorId: w.ids.cityHz, details: { grantId: g.json().id, purpose: '不良事件调查 AE-2026-17' } }]);

    at('2026-06-10T18:00:01+08:00');
    expect((await identity('cityHz')).json()).toMatchObject({ masked: true, name: '张*', grant: null });
    const list = await call(t().app, w.headers.privacy, { method: 'GET', url: `/api/patient-identity-grants?patientKey=${w.key}` });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: g.json().id, active: false }] });
    expect((await unmaskAudits()).length).toBe(1);
  });

  it('masks again once the grant is revoked; a revoked grant cannot be revoked twice', async () => {
    at('2026-07-01T10:00:00+08:00');
    const g = await grant('privacy', { expiresAt: '2026-07-20T10:00:00+08:00' });
    expect((await identity('cityHz')).json().masked).toBe(false);
    const revoked = await call(t().app, w.headers.privacy2, { method: 'DELETE', url: `/api/patient-identity-grants/${g.json().id}` });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ active: false, revokedAt: '2026-07-01T10:00:00.000+08:00' });
    expect((await identity('cityHz')).json()).toMatchObject({ masked: true, name: '张*' });
    const twice = await call(t().app, w.headers.privacy, { method: 'DELETE', url: `/api/patient-identity-grants/${g.json().id}` });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('patient_identity.grant_revoked');
    const active = await call(t().app, w.headers.privacy, { method: 'GET', url: '/api/patient-identity-grants?active=true' });
    expect(active.json().total).toBe(0);
    const csv = await call(t().app, w.headers.privacy, { method: 'GET', url: '/api/patient-identity-grants?format=csv' });
    expect(csv.body).toContain('不良事件调查 AE-2026-17');
    expect(csv.body).not.toContain('张三');
  });

  it('lets a grant reach a user outside the record\'s scope (for the case it names)', async () => {
    at('2026-08-01T10:00:00+08:00');
    expect((await identity('cityNb')).statusCode).toBe(404);
    await grant('privacy', { userId: w.ids.cityNb, purpose: '跨市协查 2026-031', expiresAt: '2026-08-02T10:00:00+08:00' });
    expect((await identity('cityNb')).json()).toMatchObject({ masked: false, name: '张三' });
  });

  it('never unmasks for a privacy officer, even under a grant stored before grants to officers were refused', async () => {
    at('2026-08-01T10:00:00+08:00');
    await t().deps.db.insertInto('patient_identity_grants').values({
      patient_key: w.key, grantee_user_id: w.ids.privacy2, purpose: '旧授权 2026-07', expires_at: '2026-08-20T10:00:00+08:00', granted_by: w.ids.privacy,
    }).execute();
    expect((await identity('privacy2')).json()).toMatchObject({ masked: true, grant: null });
  });

  it('grants only as a privacy officer, and refuses bad grants with field, rule and hint in both languages', async () => {
    at('2026-06-01T10:00:00+08:00');
    for (const who of ['cityHz', 'hosp', 'sysadmin'] as const) expect((await grant(who)).statusCode, who).toBe(403);
    expect((await call(t().app, w.headers.cityHz, { method: 'GET', url: '/api/patient-identity-grants' })).statusCode).toBe(403);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ expiresAt: '2026-05-01T00:00:00+08:00' }, 'expiresAt', 'patient_identity.grant_expiry_past'],
      [{ expiresAt: '2027-06-01T00:00:00+08:00' }, 'expiresAt', 'patient_identity.grant_expiry_too_far'],
      [{ userId: 999_999 }, 'userId', 'patient_identity.grant_user_unknown'],
      // A system admin cannot read identities, and a fellow privacy officer may not unmask under a colleague's grant.
      [{ userId: w.ids.sysadmin }, 'userId', 'patient_identity.grant_user_cannot_read'],
      [{ userId: w.ids.privacy2 }, 'userId', 'patient_identity.grant_user_cannot_read'],
      [{ userId: -1 }, 'userId', 'generic.too_small'],
      [{ patientKey: `pk_${'2'.repeat(32)}` }, 'patientKey', 'patient_identity.grant_patient_unknown'],
      [{ patientKey: '张三' }, 'patientKey', 'generic.format'],
    ];
    const before = Number((await sql<{ n: number }>`select count(*)::int as n from patient_identity_grants`.execute(t().deps.db)).rows[0]?.n);
    for (const [over, path, code] of cases) {
      for (const lang of ['zh-CN', 'en']) {
        const res = await grant('privacy', over, { 'accept-language': lang });
        expect(res.statusCode, res.body).toBe(422);
        const error = (res.json().errors as { path: string; code: string; message: string; hint?: string }[]).find((e) => e.path === path);
        expect(error, JSON.stringify(res.json().errors)).toMatchObject({ code });
        expect(error?.hint).toBeTruthy();
        expect(/\p{Script=Han}/u.test(error?.message ?? '')).toBe(lang === 'zh-CN');
      }
    }
    const self = await grant('privacy', { userId: w.ids.privacy, expiresAt: '2026-06-20T10:00:00+08:00' });
    expect(self.json().errors).toMatchObject([{ path: 'userId', code: 'patient_identity.grant_self' }]);
    expect(Number((await sql<{ n: number }>`select count(*)::int as n from patient_identity_grants`.execute(t().deps.db)).rows[0]?.n)).toBe(before);
  });
});

describe('the accounts a grant may name (the privacy officer\'s picker)', () => {
  it('lists active users whose role can read an identity, found by username, name or organisation, never the officer or an admin', async () => {
    const res = await get('privacy', '/api/patient-identity-grants/grantees?limit=50');
    expect(res.statusCode, res.body).toBe(200);
    const ids = (res.json().items as { id: number }[]).map((u) => u.id);
    for (const who of ['hosp', 'mfr', 'cityHz', 'cityNb'] as const) expect(ids, who).toContain(w.ids[who]);
    for (const who of ['privacy', 'privacy2', 'sysadmin'] as const) expect(ids, who).not.toContain(w.ids[who]);

    const { deps } = t();
    const city = await deps.db.selectFrom('users').select(['username', 'display_name as displayName']).where('id', '=', w.ids.cityHz).executeTakeFirstOrThrow();
    // Case does not matter.
    const byName = await get('privacy', `/api/patient-identity-grants/grantees?q=${encodeURIComponent(city.username.toUpperCase())}`);
    expect((byName.json().items as { id: number; role: string }[]).map((u) => u.id)).toEqual([w.ids.cityHz]);
    const org = await deps.db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.organization_id').select('o.name').where('u.id', '=', w.ids.hosp).executeTakeFirstOrThrow();
    const byOrg = await get('privacy', `/api/patient-identity-grants/grantees?q=${encodeURIComponent(org.name)}`);
    expect(byOrg.json().items).toEqual([expect.objectContaining({ id: w.ids.hosp, role: 'institution', organizationName: org.name })]);
    // LIKE's wildcards are text here, not patterns.
    expect((await get('privacy', '/api/patient-identity-grants/grantees?q=%25')).json().items).toEqual([]);

    await deps.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', w.ids.cityNb).execute();
    try {
      expect(((await get('privacy', '/api/patient-identity-grants/grantees?limit=50')).json().items as { id: number }[]).map((u) => u.id)).not.toContain(w.ids.cityNb);
    } finally {
      await deps.db.updateTable('users').set({ status: 'active' }).where('id', '=', w.ids.cityNb).execute();
    }
    expect((await get('cityHz', '/api/patient-identity-grants/grantees')).statusCode).toBe(403);
  });
});

describe('adverse-event reports never show the identity unmasked', () => {
  it('masks the patient in the report, its list, its CSV and its detail, even for a user holding a grant', async () => {
    at('2026-06-01T10:00:00+08:00');
    await grant('privacy', { patientKey: w.aeKey, userId: w.ids.cityHz, purpose: '核实不良事件报告', expiresAt: '2026-06-05T10:00:00+08:00' });
    for (const who of ['hosp', 'cityHz', 'mfr'] as const) {
      const bodies = [
        (await get(who, '/api/adverse-events')).body,
        (await get(who, '/api/adverse-events?format=csv')).body,
        (await get(who, `/api/adverse-events/${w.aeId}`)).body,
      ];
      for (const body of bodies) {
        expect(body, who).toContain('欧***');
        expect(body, who).not.toContain('欧阳娜娜');
        expect(body, who).not.toContain(AE_ID_NUMBER);
      }
    }
    expect((await get('cityHz', `/api/adverse-events/${w.aeId}`)).json().patient).toEqual({ nameMasked: '欧***', idNumberMasked: `330106********${AE_ID_NUMBER.slice(-4)}`, sex: 'female', age: 46 });
    // Only the identity route unmasks, and only for the grantee.
    expect((await identity('cityHz', w.aeKey)).json()).toMatchObject({ masked: false, name: '欧阳娜娜', idNumber: AE_ID_NUMBER });
    expect((await identity('mfr', w.aeKey)).json()).toMatchObject({ masked: true, name: '欧***' });
  });

  it('keeps identities in the database only as SM4 ciphertext', async () => {
    const rows = await sql<{ name: string; id: string | null }>`select name_ciphertext as name, id_number_ciphertext as id from patient_identities`.execute(t().deps.db);
    expect(rows.rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows.rows) {
      expect(r.name).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
      expect(r.name).not.toContain('张三');
    }
  });
});
