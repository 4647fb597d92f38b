import { describe, expect, it } from 'vitest';
import { makeUser, PASSWORD } from '../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../test/test-app.ts';

const t = useTestApp();

describe('errors as RFC 9457 problem+json', () => {
  it('answers an unknown route with 404 in the negotiated language', async () => {
    const zh = await t().app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(zh.statusCode).toBe(404);
    expect(zh.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(zh.json()).toMatchObject({ code: 'route.not_found', title: '接口 GET /api/nothing-here 不存在', status: 404, type: 'urn:lianjian:problem:route.not_found' });
    const en = await t().app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'en-GB;q=0.9, fr;q=0.8' } });
    expect(en.json().title).toBe('There is no endpoint GET /api/nothing-here');
  });

  it('answers malformed JSON with 400 and validation failures with every field, rule and hint', async () => {
    const admin = await makeUser(t().deps, { role: 'sysadmin' });
    const headers = await loginHeaders(t().app, admin, PASSWORD);
    const malformed = await call(t().app, { ...headers, 'content-type': 'application/json' }, { method: 'POST', url: '/api/users', payload: '{"username": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('request.invalid');
    const res = await call(t().app, { ...headers, 'accept-language': 'en' }, { method: 'POST', url: '/api/users', payload: { username: 'X', role: 'pilot', extra: 1 } });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('validation.failed');
    const byPath = Object.fromEntries(body.errors.map((e: { path: string; code: string }) => [e.path, e.code]));
    expect(byPath).toMatchObject({ username: 'generic.format', displayName: 'generic.required', password: 'generic.required', role: 'generic.enum' });
    // The message does not list API codes; clients still get the options in params.
    const role = body.errors.find((e: { path: string }) => e.path === 'role');
    expect(role.message).toBe('Field role has a value that is not allowed');
    expect(role.params.options).toContain('regulator, enterprise');
    // A regex is not shown to people (username's pattern has no words of its own).
    expect(body.errors.find((e: { path: string }) => e.path === 'username').message).toBe('Field username is not in the expected format');
    expect(body.errors.every((e: { hint?: string }) => typeof e.hint === 'string' && e.hint.length > 0)).toBe(true);
  });

  it('maps a unique violation to 409 without leaking database text', async () => {
    const admin = await makeUser(t().deps, { role: 'sysadmin' });
    const headers = await loginHeaders(t().app, admin, PASSWORD);
    const payload = { username: 'twice-created', displayName: 'Twice', password: PASSWORD, role: 'privacy_officer' };
    expect((await call(t().app, headers, { method: 'POST', url: '/api/users', payload })).statusCode).toBe(201);
    const again = await call(t().app, headers, { method: 'POST', url: '/api/users', payload });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'db.unique_violation', params: { constraint: 'users_username_key' } });
    expect(again.body).not.toMatch(/duplicate key value/);
  });

  it('serves health, readiness, the OpenAPI 3.1 document and the docs page without login', async () => {
    expect((await t().app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t().app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
    const doc = (await t().app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/organizations', '/api/licenses', '/api/products', '/api/auth/login']));
    const docs = await t().app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
  });
});
