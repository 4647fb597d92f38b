import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeKnownLot, makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { grantClock } from './privacy.service.ts';

// A fresh database and app can take longer than the default 10 s while other suites share the machine.
vi.setConfig({ hookTimeout: 60_000 });
const t = useTestApp();

type Who = 'hosp' | 'hosp2' | 'mover' | 'cityHz' | 'cityNb' | 'privacy' | 'privacy2' | 'sysadmin';
const w = {} as { headers: Record<Who, Record<string, string>>; ids: Record<Who, number>; keys: string[]; hosp2: number };

beforeAll(async () => {
  const { deps, app } = t();
  const mfr = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const hosp = await makeOrganization(deps, { type: 'institution', regionCode: '330106' });
  const hosp2 = await makeOrganization(deps, { type: 'institution', regionCode: '330106' });
  const di = (await makeProduct(deps, mfr.id, mfr.gs1CompanyPrefix ?? '')).di ?? '';
  await makeKnownLot(deps, di, 'L1');
  const users: Record<Who, Promise<string>> = {
    hosp: makeUser(deps, { role: 'institution', organizationId: hosp.id }),
    hosp2: makeUser(deps, { role: 'institution', organizationId: hosp2.id }),
    mover: makeUser(deps, { role: 'institution', organizationId: hosp.id }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    cityNb: makeUser(deps, { role: 'regulator', jurisdictionCode: '330200', regulatorLevel: 'city' }),
    privacy: makeUser(deps, { role: 'privacy_officer' }),
    privacy2: makeUser(deps, { role: 'privacy_officer' }),
    sysadmin: makeUser(deps, { role: 'sysadmin' }),
  };
  w.hosp2 = hosp2.id;
  w.headers = {} as typeof w.headers;
  w.ids = {} as typeof w.ids;
  for (const who of Object.keys(users) as Who[]) {
    const username = await users[who];
    w.headers[who] = await loginHeaders(app, username, PASSWORD);
    w.ids[who] = (await deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  }
  // Patients used at the first hospital (Hangzhou): each test takes its own.
  w.keys = [];
  for (let i = 0; i < 9; i++) {
    const first17 = `1101051958070${String(100 + i)}1`;
    const use = await call(app, w.headers.hosp, { method: 'POST', url: '/api/use-records/uses', payload: {
      productDi: di, lot: 'L1', department: '骨科', usedOn: '2026-03-01', operator: '李静', patient: { name: `患者${i}`, idNumber: `${first17}${residentIdCheckChar(first17)}` },
    } });
    expect(use.statusCode, use.body).toBe(201);
    w.keys.push(use.json().patient.key);
  }
}, 60_000);

afterEach(() => {
  vi.restoreAllMocks();
});

const at = (instant: string) => vi.spyOn(grantClock, 'now').mockImplementation(() => new Date(instant));
const ask = (who: Who, patientKey: string, purpose = '不良事件调查 AE-2026-31', headers: Record<string, string> = {}) =>
  call(t().app, { ...w.headers[who], ...headers }, { method: 'POST', url: '/api/patient-identity-requests', payload: { patientKey, purpose } });
const post = (who: Who, url: string, payload?: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(t().app, { ...w.headers[who], ...headers }, { method: 'POST', url, ...(payload && { payload }) });
const get = (who: Who, url: string) => call(t().app, w.headers[who], { method: 'GET', url });
const rowsFor = async (patientKey: string) =>
  (await sql<{ status: string }>`select status from patient_identity_requests where patient_key = ${patientKey} order by id`.execute(t().deps.db)).rows.map((r) => r.status);
const auditOf = async (action: string, id: number) =>
  (await sql<{ details: Record<string, unknown> }>`select details from audit_log where action = ${action} and object_id = ${String(id)} order by id`.execute(t().deps.db)).rows.map((r) => r.details);
const grantsFor = async (patientKey: string) => Number((await sql<{ n: number }>`select count(*)::int as n from patient_identity_grants where patient_key = ${patientKey}`.execute(t().deps.db)).rows[0]?.n);

describe('asking to see a patient\'s identity', () => {
  it('records one pending request, shows it on the masked identity, and refuses a second while it waits (a retry with the same key replays)', async () => {
    at('2026-06-01T10:00:00+08:00');
    const key = w.keys[0] as string;
    const first = await ask('cityHz', key, '不良事件调查 AE-2026-31', { 'idempotency-key': 'ask-1' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ patientKey: key, requesterUserId: w.ids.cityHz, requesterRole: 'regulator', requesterJurisdictionCode: '330100', purpose: '不良事件调查 AE-2026-31', status: 'pending', decidedAt: null, grantId: null });
    const replay = await ask('cityHz', key, '不良事件调查 AE-2026-31', { 'idempotency-key': 'ask-1' });
    expect([replay.statusCode, replay.headers['idempotent-replayed'], replay.json().id]).toEqual([201, 'true', first.json().id]);
    for (const lang of ['zh-CN', 'en']) {
      const again = await ask('cityHz', key, '再次申请 AE-2026-31', { 'accept-language': lang });
      expect([again.statusCode, again.json().code]).toEqual([409, 'patient_identity.request_pending']);
      expect(again.json().title).toContain(String(first.json().id));
      expect(/\p{Script=Han}/u.test(again.json().title)).toBe(lang === 'zh-CN');
    }
    expect(await rowsFor(key)).toEqual(['pending']);
    const identity = await get('cityHz', `/api/patients/${key}/identity`);
    expect(identity.json()).toMatchObject({ masked: true, grant: null, request: { id: first.json().id, status: 'pending', purpose: '不良事件调查 AE-2026-31', decidedAt: null, decisionReason: null } });
    // The privacy officer sees the identity masked and no request of their own.
    expect((await get('privacy', `/api/patients/${key}/identity`)).json().request).toBeNull();
    const audit = await sql<{ details: Record<string, unknown> }>`select details from audit_log where action = 'patient_identity.request' and object_id = ${String(first.json().id)}`.execute(t().deps.db);
    expect(audit.rows).toEqual([{ details: { patientKey: key, purpose: '不良事件调查 AE-2026-31' } }]);
  });

  it('refuses whoever does not see the patient (404, nothing stored), roles that cannot hold a grant (403) and a purpose too short (422)', async () => {
    const key = w.keys[1] as string;
    const outOfScope = await ask('cityNb', key);
    expect([outOfScope.statusCode, outOfScope.json().code]).toEqual([404, 'not_found']);
    expect((await ask('hosp2', key)).statusCode).toBe(404);
    expect((await ask('cityHz', `pk_${'3'.repeat(32)}`)).statusCode).toBe(404);
    for (const who of ['privacy', 'sysadmin'] as const) expect((await ask(who, key)).statusCode, who).toBe(403);
    const short = await ask('cityHz', key, '查');
    expect(short.statusCode).toBe(422);
    expect(short.json().errors).toMatchObject([{ path: 'purpose', code: 'generic.too_short' }]);
    expect(await rowsFor(key)).toEqual([]);
  });

  it('lets two requests sent at once leave one waiting', async () => {
    const key = w.keys[2] as string;
    const answers = await Promise.all([ask('hosp', key), ask('hosp', key), ask('hosp', key)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await rowsFor(key)).toEqual(['pending']);
  });
});

describe('the privacy officer\'s decision', () => {
  it('approves with an expiry: the requester holds a grant for the request\'s purpose and sees the identity; the request cannot be decided again', async () => {
    at('2026-06-01T10:00:00+08:00');
    const key = w.keys[3] as string;
    const asked = await ask('cityHz', key, '不良事件调查 AE-2026-40');
    const id = asked.json().id as number;
    const queue = await get('privacy', '/api/patient-identity-requests?status=pending&pageSize=100');
    expect(queue.json().items.map((r: { id: number }) => r.id)).toContain(id);
    expect((await get('privacy', '/api/patient-identity-requests/pending-count')).json().pending).toBeGreaterThanOrEqual(1);

    // An expiry in the past is the officer's mistake: worded at the field, nothing granted, still pending.
    const past = await post('privacy', `/api/patient-identity-requests/${id}/approve`, { expiresAt: '2026-05-01T10:00:00+08:00' });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toMatchObject([{ path: 'expiresAt', code: 'patient_identity.grant_expiry_past' }]);
    expect([await rowsFor(key), await grantsFor(key)]).toEqual([['pending'], 0]);

    const approved = await post('privacy', `/api/patient-identity-requests/${id}/approve`, { expiresAt: '2026-06-30T18:00:00+08:00' }, { 'idempotency-key': 'approve-1' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      request: { id, status: 'approved', decidedBy: w.ids.privacy, grantId: approved.json().grant.id, grantExpiresAt: '2026-06-30T18:00:00.000+08:00' },
      grant: { patientKey: key, granteeUserId: w.ids.cityHz, purpose: '不良事件调查 AE-2026-40', active: true },
    });
    const replay = await post('privacy', `/api/patient-identity-requests/${id}/approve`, { expiresAt: '2026-06-30T18:00:00+08:00' }, { 'idempotency-key': 'approve-1' });
    expect([replay.statusCode, replay.json().grant.id]).toEqual([200, approved.json().grant.id]);
    expect(await grantsFor(key)).toBe(1);

    const identity = await get('cityHz', `/api/patients/${key}/identity`);
    expect(identity.json()).toMatchObject({ masked: false, name: '患者3', grant: { purpose: '不良事件调查 AE-2026-40' }, request: null });
    const audit = await sql<{ details: Record<string, unknown> }>`select details from audit_log where action = 'patient_identity.grant' and object_id = ${String(approved.json().grant.id)}`.execute(t().deps.db);
    expect(audit.rows[0]?.details).toMatchObject({ requestId: id, userId: w.ids.cityHz });
    expect(await auditOf('patient_identity.request_approve', id)).toEqual([{ patientKey: key, userId: w.ids.cityHz, grantId: approved.json().grant.id }]);
    // The same idempotency key on another request is a mistake, not a replay.
    const other = (await ask('hosp', w.keys[6] as string)).json().id as number;
    const reused = await post('privacy', `/api/patient-identity-requests/${other}/approve`, { expiresAt: '2026-06-30T18:00:00+08:00' }, { 'idempotency-key': 'approve-1' });
    expect([reused.statusCode, reused.json().code]).toEqual([409, 'idempotency.key_reused']);
    expect(await rowsFor(w.keys[6] as string)).toEqual(['pending']);

    for (const [lang, words] of [['zh-CN', '已批准'], ['en', 'already approved']] as const) {
      const again = await post('privacy2', `/api/patient-identity-requests/${id}/decline`, { reason: '重复' }, { 'accept-language': lang });
      expect([again.statusCode, again.json().code]).toEqual([409, 'patient_identity.request_not_pending']);
      expect(again.json().title).toContain(words);
    }
    // Holding the grant, there is nothing to ask for.
    const live = await ask('cityHz', key);
    expect([live.statusCode, live.json().code]).toEqual([409, 'patient_identity.request_grant_live']);
  });

  it('declines with a reason the requester reads on the masked identity; the requester may ask again', async () => {
    at('2026-06-01T10:00:00+08:00');
    const key = w.keys[4] as string;
    const id = (await ask('hosp', key, '患者随访 2026-06')).json().id as number;
    expect((await post('privacy', `/api/patient-identity-requests/${id}/decline`, { reason: '' })).statusCode).toBe(422);
    const declined = await post('privacy', `/api/patient-identity-requests/${id}/decline`, { reason: '用途不明确，请写明报告编号' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', decisionReason: '用途不明确，请写明报告编号', decidedByUsername: expect.any(String), grantId: null });
    expect((await get('hosp', `/api/patients/${key}/identity`)).json()).toMatchObject({ masked: true, request: { id, status: 'declined', decisionReason: '用途不明确，请写明报告编号' } });
    expect(await grantsFor(key)).toBe(0);
    expect(await auditOf('patient_identity.request_decline', id)).toEqual([{ patientKey: key, userId: w.ids.hosp, reason: '用途不明确，请写明报告编号' }]);
    const anew = await ask('hosp', key, '不良事件调查 AE-2026-44');
    expect(anew.statusCode).toBe(201);
    expect(await rowsFor(key)).toEqual(['declined', 'pending']);
  });

  it('lets only the requester withdraw, only while it waits; a withdrawn request cannot be approved', async () => {
    const key = w.keys[5] as string;
    const id = (await ask('hosp', key)).json().id as number;
    expect((await post('hosp2', `/api/patient-identity-requests/${id}/withdraw`)).statusCode).toBe(404);
    expect((await post('privacy', `/api/patient-identity-requests/${id}/withdraw`)).statusCode).toBe(403);
    const withdrawn = await post('hosp', `/api/patient-identity-requests/${id}/withdraw`);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', decidedBy: w.ids.hosp });
    expect(await auditOf('patient_identity.request_withdraw', id)).toEqual([{ patientKey: key }]);
    expect((await post('hosp', `/api/patient-identity-requests/${id}/withdraw`)).json().code).toBe('patient_identity.request_not_pending');
    const approve = await post('privacy', `/api/patient-identity-requests/${id}/approve`, { expiresAt: '2026-12-30T18:00:00+08:00' });
    expect([approve.statusCode, approve.json().code]).toEqual([409, 'patient_identity.request_not_pending']);
    expect([await rowsFor(key), await grantsFor(key)]).toEqual([['withdrawn'], 0]);
    expect((await post('privacy', '/api/patient-identity-requests/999999/approve', { expiresAt: '2026-12-30T18:00:00+08:00' })).statusCode).toBe(404);
  });
});

describe('a requester who moved', () => {
  it('is not granted a patient they no longer see: the approval is refused in words and the request keeps waiting', async () => {
    at('2026-06-01T10:00:00+08:00');
    const key = w.keys[7] as string;
    const id = (await ask('mover', key, '不良事件调查 AE-2026-52')).json().id as number;
    await sql`update users set organization_id = ${w.hosp2} where id = ${w.ids.mover}`.execute(t().deps.db);
    for (const lang of ['zh-CN', 'en']) {
      const res = await post('privacy', `/api/patient-identity-requests/${id}/approve`, { expiresAt: '2026-06-30T18:00:00+08:00' }, { 'accept-language': lang });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors).toMatchObject([{ code: 'patient_identity.request_out_of_scope', hint: expect.any(String) }]);
      expect(/\p{Script=Han}/u.test(res.json().errors[0].message)).toBe(lang === 'zh-CN');
    }
    expect([await rowsFor(key), await grantsFor(key)]).toEqual([['pending'], 0]);
    expect((await post('privacy', `/api/patient-identity-requests/${id}/decline`, { reason: '申请人已调离' })).json().status).toBe('declined');
  });
});

describe('the lists', () => {
  it('shows a privacy officer every request and anyone else only their own, filtered, sorted and as CSV', async () => {
    // Its own requests, so it holds whatever order the tests run in.
    const mine = (await ask('hosp', w.keys[8] as string, '不良事件调查 AE-2026-60')).json().id as number;
    expect((await post('privacy', `/api/patient-identity-requests/${mine}/decline`, { reason: '请补充报告编号' })).statusCode).toBe(200);
    const theirs = (await ask('cityHz', w.keys[8] as string, '不良事件调查 AE-2026-61')).json().id as number;
    const all = await get('privacy', '/api/patient-identity-requests?pageSize=100');
    const ids = (all.json().items as { id: number }[]).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([mine, theirs]));
    const created = (all.json().items as { createdAt: string }[]).map((r) => r.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    const own = await get('hosp', '/api/patient-identity-requests?pageSize=100');
    expect((own.json().items as { id: number; requesterUserId: number }[]).every((r) => r.requesterUserId === w.ids.hosp)).toBe(true);
    expect((own.json().items as { id: number }[]).map((r) => r.id)).toContain(mine);
    expect((own.json().items as { id: number }[]).map((r) => r.id)).not.toContain(theirs);
    expect((await get('hosp2', '/api/patient-identity-requests')).json()).toEqual({ items: [], total: 0 });
    const declined = await get('privacy', '/api/patient-identity-requests?status=declined&pageSize=100');
    expect(new Set((declined.json().items as { status: string }[]).map((r) => r.status))).toEqual(new Set(['declined']));
    expect((declined.json().items as { id: number }[]).map((r) => r.id)).toContain(mine);
    const csv = await get('privacy', '/api/patient-identity-requests?format=csv&status=declined');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('请补充报告编号');
    expect((await get('hosp', '/api/patient-identity-requests/pending-count')).statusCode).toBe(403);
    expect((await get('sysadmin', '/api/patient-identity-requests')).statusCode).toBe(403);
  });
});
