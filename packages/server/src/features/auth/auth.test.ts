import { BACKGROUND_REQUEST_HEADER } from '@lianjian/core/auth/background-request';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';

const t = useTestApp();
const login = (username: string, password: string, lang = 'zh-CN') =>
  t().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers: { 'accept-language': lang } });

describe('login, sessions and lockout', () => {
  it('logs in with the right password and sets an httpOnly session cookie', async () => {
    const username = await makeUser(t().deps, { role: 'privacy_officer' });
    const res = await login(username, PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'lj_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(res.json().user.username).toBe(username);
    const me = await call(t().app, { cookie: `lj_session=${cookie?.value}` }, { method: 'GET', url: '/api/auth/me' });
    expect(me.json().actor).toMatchObject({ name: username, role: 'privacy_officer' });
  });

  it('answers a wrong password with 401 problem+json in zh-CN by default and en on request', async () => {
    const username = await makeUser(t().deps, { role: 'privacy_officer' });
    const zh = await login(username, 'Wrong#pass1');
    expect(zh.statusCode).toBe(401);
    expect(zh.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(zh.json()).toMatchObject({ code: 'auth.invalid_credentials', title: '用户名或密码错误', status: 401 });
    const en = await login(username, 'Wrong#pass1', 'en-US,en;q=0.9');
    expect(en.json().title).toBe('Wrong username or password');
    const unknown = await login('nobody-here', 'Wrong#pass1');
    expect(unknown.json().code).toBe('auth.invalid_credentials');
  });

  it('locks the account after 5 failures for 30 minutes, with its own code, even for the right password', async () => {
    const username = await makeUser(t().deps, { role: 'privacy_officer' });
    for (let i = 0; i < 4; i++) expect((await login(username, 'Wrong#pass1')).statusCode).toBe(401);
    const fifth = await login(username, 'Wrong#pass1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('auth.account_locked');
    const right = await login(username, PASSWORD);
    expect(right.statusCode).toBe(423);
    const until = new Date(right.json().params.until).getTime();
    expect(until - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(30 * 60_000 + 5_000);
    // Once the lock has passed, the right password works again.
    await sql`update users set locked_until = now() - interval '1 second' where username = ${username}`.execute(t().deps.db);
    expect((await login(username, PASSWORD)).statusCode).toBe(200);
  });

  it('ends a session after the idle timeout', async () => {
    const username = await makeUser(t().deps, { role: 'privacy_officer' });
    const headers = await loginHeaders(t().app, username, PASSWORD);
    expect((await call(t().app, headers, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    await sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = (select id from users where username = ${username})`.execute(t().deps.db);
    const res = await call(t().app, headers, { method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'auth.session_expired', params: { reason: 'idle_timeout' } });
    // The session stays dead even if activity resumes.
    await sql`update sessions set last_seen_at = now() where user_id = (select id from users where username = ${username})`.execute(t().deps.db);
    expect((await call(t().app, headers, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('does not count a background request (a menu badge\'s poll) as activity, so the idle timeout still ends the session', async () => {
    const username = await makeUser(t().deps, { role: 'privacy_officer' });
    const headers = await loginHeaders(t().app, username, PASSWORD);
    const seen = async () => (await sql<{ at: Date }>`select last_seen_at as at from sessions where user_id = (select id from users where username = ${username})`.execute(t().deps.db)).rows[0]?.at.getTime();
    await sql`update sessions set last_seen_at = now() - interval '20 minutes' where user_id = (select id from users where username = ${username})`.execute(t().deps.db);
    const before = await seen();
    const poll = await call(t().app, { ...headers, [BACKGROUND_REQUEST_HEADER]: '1' }, { method: 'GET', url: '/api/patient-identity-requests/pending-count' });
    expect(poll.statusCode).toBe(200);
    expect(await seen()).toBe(before);
    await sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = (select id from users where username = ${username})`.execute(t().deps.db);
    const late = await call(t().app, { ...headers, [BACKGROUND_REQUEST_HEADER]: '1' }, { method: 'GET', url: '/api/patient-identity-requests/pending-count' });
    expect([late.statusCode, late.json().params?.reason]).toEqual([401, 'idle_timeout']);
    // What the user does still counts.
    const other = await makeUser(t().deps, { role: 'privacy_officer' });
    const otherHeaders = await loginHeaders(t().app, other, PASSWORD);
    await sql`update sessions set last_seen_at = now() - interval '20 minutes' where user_id = (select id from users where username = ${other})`.execute(t().deps.db);
    expect((await call(t().app, otherHeaders, { method: 'GET', url: '/api/patient-identity-requests/pending-count' })).statusCode).toBe(200);
    const touched = (await sql<{ at: Date }>`select last_seen_at as at from sessions where user_id = (select id from users where username = ${other})`.execute(t().deps.db)).rows[0]?.at.getTime() ?? 0;
    expect(Date.now() - touched).toBeLessThan(60_000);
  });

  it('lets the security admin force a logout and change the idle timeout', async () => {
    const victim = await makeUser(t().deps, { role: 'privacy_officer' });
    const sec = await makeUser(t().deps, { role: 'secadmin' });
    const victimHeaders = await loginHeaders(t().app, victim, PASSWORD);
    const secHeaders = await loginHeaders(t().app, sec, PASSWORD);
    const id = (await t().deps.db.selectFrom('users').select('id').where('username', '=', victim).executeTakeFirstOrThrow()).id;
    const res = await call(t().app, secHeaders, { method: 'POST', url: `/api/users/${id}/sessions/revoke` });
    expect(res.json()).toEqual({ revoked: 1 });
    expect((await call(t().app, victimHeaders, { method: 'GET', url: '/api/auth/me' })).json().params.reason).toBe('revoked');
    const patch = await call(t().app, secHeaders, { method: 'PATCH', url: '/api/security-policy', payload: { idleTimeoutMinutes: 15 } });
    expect(patch.json().idleTimeoutMinutes).toBe(15);
    await call(t().app, secHeaders, { method: 'PATCH', url: '/api/security-policy', payload: { idleTimeoutMinutes: 30 } });
  });

  it('logs out', async () => {
    const username = await makeUser(t().deps, { role: 'privacy_officer' });
    const headers = await loginHeaders(t().app, username, PASSWORD);
    expect((await call(t().app, headers, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await call(t().app, headers, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});

describe('password policy', () => {
  it('rejects weak passwords when an admin creates a user, naming the field and the rule', async () => {
    const admin = await makeUser(t().deps, { role: 'sysadmin' });
    const headers = await loginHeaders(t().app, admin, PASSWORD);
    const res = await call(t().app, { ...headers, 'accept-language': 'en' }, { method: 'POST', url: '/api/users', payload: { username: 'weak-user', displayName: 'Weak', password: 'abcdefgh', role: 'privacy_officer' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ code: 'password.too_few_classes', path: 'password', message: expect.stringContaining('at least 3'), hint: expect.any(String) })]);
    const short = await call(t().app, headers, { method: 'POST', url: '/api/users', payload: { username: 'weak-user', displayName: 'Weak', password: 'Ab1#', role: 'privacy_officer' } });
    expect(short.json().errors[0]).toMatchObject({ code: 'password.too_short', message: '密码至少需要 8 个字符' });
    expect(await t().deps.db.selectFrom('users').select('id').where('username', '=', 'weak-user').executeTakeFirst()).toBeUndefined();
  });

  it('changes the own password only with the current one and a policy-conforming new one', async () => {
    const username = await makeUser(t().deps, { role: 'privacy_officer' });
    const headers = await loginHeaders(t().app, username, PASSWORD);
    expect((await call(t().app, headers, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'nope', newPassword: 'New#Pass2026' } })).json().code).toBe('auth.wrong_password');
    expect((await call(t().app, headers, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'newpassword' } })).statusCode).toBe(422);
    expect((await call(t().app, headers, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'New#Pass2026' } })).statusCode).toBe(204);
    expect((await login(username, 'New#Pass2026')).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('authenticates a system submitter as its organisation and stops working once revoked', async () => {
    const org = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106' });
    const admin = await makeUser(t().deps, { role: 'sysadmin' });
    const headers = await loginHeaders(t().app, admin, PASSWORD);
    const created = await call(t().app, headers, { method: 'POST', url: '/api/api-tokens', payload: { name: 'ERP', organizationId: org.id } });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json();
    expect(token).toMatch(/^lj_/);
    const bearer = { authorization: `Bearer ${token}` };
    const mine = await call(t().app, bearer, { method: 'GET', url: '/api/organizations' });
    expect(mine.json()).toMatchObject({ total: 1, items: [{ id: org.id }] });
    const listed = await call(t().app, headers, { method: 'GET', url: '/api/api-tokens' });
    expect(JSON.stringify(listed.json())).not.toContain(token);
    await call(t().app, headers, { method: 'DELETE', url: `/api/api-tokens/${item.id}` });
    expect((await call(t().app, bearer, { method: 'GET', url: '/api/organizations' })).json().code).toBe('auth.token_invalid');
  });
});
