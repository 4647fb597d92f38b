import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { ROOT } from '../../paths.ts';
import { makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, TEST_AUDIT_KEY, useTestApp } from '../../test/test-app.ts';
import { auditHmac, canonicalJson, GENESIS_HMAC } from './audit-chain.ts';
import { AuditService } from './audit.service.ts';

const t = useTestApp();
const run = promisify(execFile);

describe('audit chain', () => {
  it('records logins (success and failure), writes and sensitive reads with who, what, outcome and where', async () => {
    const { app, deps } = t();
    const admin = await makeUser(deps, { role: 'sysadmin' });
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: admin, password: 'Wrong#pass1' }, headers: { 'user-agent': 'audit-test' } });
    const headers = await loginHeaders(app, admin, PASSWORD);
    const org = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
    await call(app, headers, { method: 'GET', url: `/api/organizations/${org.id}` });
    await call(app, headers, { method: 'POST', url: '/api/users', payload: { username: 'audited-user', displayName: '被审计', password: PASSWORD, role: 'privacy_officer' } });
    const rows = await deps.db.selectFrom('audit_log').selectAll().where('actor_name', '=', admin).orderBy('id').execute();
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ['auth.login', 'failure'],
      ['auth.login', 'success'],
      ['organization.read', 'success'],
      ['user.create', 'success'],
    ]);
    expect(rows[0]).toMatchObject({ actor_type: 'user', ip: '127.0.0.1', user_agent: 'audit-test', object_type: 'user' });
    expect(rows[2]).toMatchObject({ object_type: 'organization', object_id: String(org.id) });
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });

  it('chains every entry to the previous one with HMAC-SM3', async () => {
    const { deps } = t();
    const rows = await deps.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(rows.length).toBeGreaterThan(3);
    expect(rows[0]?.prev_hmac).toBe(GENESIS_HMAC);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hmac).toBe(rows[i - 1]?.hmac);
    const r = rows[1]!;
    const recomputed = auditHmac(TEST_AUDIT_KEY, r.prev_hmac, {
      id: r.id, at: r.at, actorType: r.actor_type, actorId: r.actor_id, actorName: r.actor_name, action: r.action, objectType: r.object_type,
      objectId: r.object_id, outcome: r.outcome, ip: r.ip, userAgent: r.user_agent, details: r.details,
    });
    expect(recomputed).toBe(r.hmac);
    expect(r.hmac).toMatch(/^[0-9a-f]{64}$/);
    // canonical JSON sorts keys, so jsonb's reordering cannot break the chain
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: null }] })).toBe('{"a":[2,{"c":null,"d":3}],"b":1}');
  });

  it('writes deferred read entries in one batch, chained and verifiable, interleaved with immediate ones', async () => {
    const { deps } = t();
    const who = { actorType: 'user' as const, actorId: 7, actorName: 'deferred-reader', ip: '10.0.0.7', userAgent: 'audit-test' };
    for (let i = 0; i < 5; i++) deps.audit.recordSoon(deps.db, who, { action: 'trace.read', objectType: 'udi', objectId: `gs1:01/X/21/${i}`, details: { i } });
    // Not written yet: the read answered without waiting for the chain lock.
    const before = await deps.db.selectFrom('audit_log').select('id').where('actor_name', '=', 'deferred-reader').execute();
    expect(before).toHaveLength(0);
    await deps.audit.recordNow(deps.db, { ...who, actorName: 'immediate-writer' }, { action: 'user.update' });
    await deps.audit.drain();
    const rows = await deps.db.selectFrom('audit_log').selectAll().where('actor_name', '=', 'deferred-reader').orderBy('id').execute();
    expect(rows.map((r) => r.object_id)).toEqual([0, 1, 2, 3, 4].map((i) => `gs1:01/X/21/${i}`));
    expect(rows.map((r) => (r.details as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hmac).toBe(rows[i - 1]?.hmac);
    // The read time is kept, not the flush time.
    const immediate = await deps.db.selectFrom('audit_log').select(['id', 'at']).where('actor_name', '=', 'immediate-writer').executeTakeFirstOrThrow();
    expect(new Date(rows[0]!.at).getTime()).toBeLessThanOrEqual(new Date(immediate.at).getTime());
    expect(Number(rows[0]!.id)).toBeGreaterThan(Number(immediate.id));
    expect(await deps.audit.verify(deps.db)).toMatchObject({ broken: null });
  });

  it('verifies an intact chain and finds a row tampered with directly in SQL', async () => {
    const { deps, app } = t();
    const auditor = await makeUser(deps, { role: 'auditadmin' });
    const headers = await loginHeaders(app, auditor, PASSWORD);
    const ok = await call(app, headers, { method: 'POST', url: '/api/audit-log/verify' });
    expect(ok.json()).toMatchObject({ broken: null });
    expect(ok.json().checked).toBeGreaterThan(5);
    const victim = await deps.db.selectFrom('audit_log').select('id').where('action', '=', 'user.create').orderBy('id').executeTakeFirstOrThrow();
    // A database administrator can bypass the trigger; the chain still tells.
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(deps.db);
    await sql`update audit_log set outcome = 'failure' where id = ${victim.id}`.execute(deps.db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(deps.db);
    const broken = await new AuditService(TEST_AUDIT_KEY).verify(deps.db);
    expect(broken.broken).toEqual({ id: victim.id, reason: 'hmac_mismatch' });
    // A different key cannot verify the genuine entries either.
    expect((await new AuditService('another-key-0123456789').verify(deps.db)).broken?.id).toBe(1);
  });

  it('lists entries for the audit admin with filters and CSV, and audits that reading', async () => {
    const { deps, app } = t();
    const auditor = await makeUser(deps, { role: 'auditadmin' });
    const headers = await loginHeaders(app, auditor, PASSWORD);
    const res = await call(app, headers, { method: 'GET', url: '/api/audit-log?action=auth.login&outcome=failure' });
    expect(res.json().total).toBeGreaterThan(0);
    expect(res.json().items.every((e: { action: string; outcome: string }) => e.action === 'auth.login' && e.outcome === 'failure')).toBe(true);
    const csv = await call(app, headers, { method: 'GET', url: '/api/audit-log?format=csv' });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.startsWith('\uFEFFid,at,actor')).toBe(true);
    const reads = await deps.db.selectFrom('audit_log').select('action').where('actor_name', '=', auditor).where('action', '=', 'audit.read').execute();
    expect(reads.length).toBe(2);
  });
});

describe('lianjian verify-audit (CLI)', () => {
  it('exits 0 on an intact chain and 3 naming the first broken entry after tampering', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lianjian-audit-'));
    const url = t().testDb.url;
    const env = { ...process.env, LIANJIAN_DATA_DIR: dataDir, LIANJIAN_AUDIT_KEY: 'cli-audit-key-0123456789', ...(url ? { DATABASE_URL: url } : {}) };
    try {
      // On PGlite the CLI needs the data directory to itself, so the test builds its own database there.
      const database = url ? t().testDb.database : await openDatabase({ dataDir: join(dataDir, 'pglite') });
      await migrate(database);
      const audit = new AuditService(env.LIANJIAN_AUDIT_KEY);
      for (let i = 0; i < 3; i++) await audit.recordNow(database.db, { actorType: 'system', actorId: null, actorName: 'cli-test', ip: null, userAgent: null }, { action: `cli.test.${i}` });
      if (!url) await database.close();
      const cli = ['--import', 'tsx', join(ROOT, 'packages/server/src/cli.ts'), 'verify-audit'];
      if (url) {
        // The shared test database was written with the test key; give the CLI a database of its own entries only.
        await sql`alter table audit_log disable trigger audit_log_no_truncate`.execute(database.db);
        await sql`truncate audit_log`.execute(database.db);
        await sql`alter table audit_log enable trigger audit_log_no_truncate`.execute(database.db);
        for (let i = 0; i < 3; i++) await audit.recordNow(database.db, { actorType: 'system', actorId: null, actorName: 'cli-test', ip: null, userAgent: null }, { action: `cli.test.${i}` });
      }
      const good = await run(process.execPath, cli, { env, cwd: ROOT });
      expect(good.stdout).toMatch(/intact: \d+ entries/);
      const tamper = url ? database : await openDatabase({ dataDir: join(dataDir, 'pglite') });
      const second = await tamper.db.selectFrom('audit_log').select('id').where('action', '=', 'cli.test.1').executeTakeFirstOrThrow();
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(tamper.db);
      await sql`update audit_log set actor_name = 'someone-else' where id = ${second.id}`.execute(tamper.db);
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(tamper.db);
      if (!url) await tamper.close();
      const bad = await run(process.execPath, cli, { env, cwd: ROOT }).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
      expect(bad.code).toBe(3);
      expect(bad.stderr).toContain(`BROKEN at entry ${second.id}`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
