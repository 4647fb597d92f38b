import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProblemHandler } from './problem-handler.ts';
import { isAppRequest, registerWebApp } from './web-app.ts';

describe('web app serving (SPA fallback)', () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lianjian-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root">app-shell</div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = Fastify();
    registerProblemHandler(app);
    app.get('/api/ping', async () => ({ pong: true }));
    await registerWebApp(app, dir);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and at any page address a browser asks for', async () => {
    for (const url of ['/', '/trace?code=%2801%2906990001001905', '/lots/06990001001004/MK00101', '/portal/adverse-event', '/capture-jobs']) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('app-shell');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache, and a missing asset is a 404', async () => {
    const js = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
    const missing = await app.inject({ method: 'GET', url: '/assets/gone-000.js', headers: { accept: 'text/html' } });
    expect(missing.statusCode).toBe(404);
  });

  it('keeps the API, EPCIS and docs out of the fallback: unknown routes stay problem+json 404', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/ping' })).json()).toEqual({ pong: true });
    for (const url of ['/api/nope', '/epcis/nope', '/epcis/capture-jobs', '/docs/nope']) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('route.not_found');
    }
    const json = await app.inject({ method: 'GET', url: '/somewhere', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
  });

  it('decides by path and Accept', () => {
    expect(isAppRequest('/dashboard', 'text/html')).toBe(true);
    expect(isAppRequest('/dashboard', '*/*')).toBe(false);
    expect(isAppRequest('/openapi.json', 'text/html')).toBe(false);
    expect(isAppRequest('/readyz', 'text/html')).toBe(false);
    // The EPCIS 导入 page lives outside the EPCIS API's prefix, so a reload or a link opens it; the API beside it stays the server's.
    expect(isAppRequest('/capture-jobs', 'text/html')).toBe(true);
    expect(isAppRequest('/capture-jobs?page=2', 'text/html')).toBe(true);
    expect(isAppRequest('/epcis/capture', 'text/html')).toBe(false);
    expect(isAppRequest('/capture-jobs', 'application/json')).toBe(false);
  });
});
