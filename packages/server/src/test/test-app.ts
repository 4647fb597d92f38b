import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { AppDeps } from '../app-context.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { AuditService } from '../features/audit/audit.service.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const TEST_AUDIT_KEY = 'test-audit-key-0123456789abcdef';
export const TEST_PII_KEY = 'test-pii-key-0123456789abcdef';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  testDb: TestDatabase;
}

/** Builds the real app over a fresh database for one test file (beforeAll / afterAll). */
export function useTestApp(): () => TestApp {
  let t: TestApp | undefined;
  beforeAll(async () => {
    const testDb = await createTestDatabase();
    const config = { ...loadConfig({ LIANJIAN_RATE_LIMIT_PER_MINUTE: '100000', LIANJIAN_LOGIN_RATE_LIMIT_PER_MINUTE: '100000' }), auditKey: TEST_AUDIT_KEY, piiKey: TEST_PII_KEY };
    const deps: AppDeps = { database: testDb.database, db: testDb.database.db, audit: new AuditService(TEST_AUDIT_KEY), config };
    const app = await buildApp({ deps });
    await app.ready();
    t = { app, deps, testDb };
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.testDb.drop();
  });
  return () => {
    if (!t) throw new Error('test app not ready');
    return t;
  };
}

/** Logs in and returns headers carrying the session cookie. */
export async function loginHeaders(app: FastifyInstance, username: string, password: string): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lj_session');
  return { cookie: `lj_session=${cookie?.value}` };
}

export async function call(app: FastifyInstance, headers: Record<string, string>, options: InjectOptions) {
  return app.inject({ ...options, headers: { ...headers, ...(options.headers as Record<string, string> | undefined) } });
}
