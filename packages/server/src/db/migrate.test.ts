import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/test-database.ts';
import { loadMigrations, migrate, MigrationChecksumError } from './migrate.ts';

/** Migrations apply from empty, are idempotent on restart, and refuse a rewritten history. */
describe('migrations', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    // Start from an empty schema in this file's own database.
    await sql`drop schema public cascade`.execute(testDb.database.db);
    await sql`create schema public`.execute(testDb.database.db);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('applies every migration from an empty database, in order', async () => {
    const all = loadMigrations();
    expect(all.map((m) => m.version)).toEqual([...all.map((m) => m.version)].sort());
    expect(await migrate(testDb.database)).toEqual(all.map((m) => m.version));
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name in ('organizations', 'licenses', 'products', 'product_dis', 'users', 'sessions', 'audit_log', 'regions')`.execute(testDb.database.db);
    expect(tables.rows[0]?.n).toBe(8);
  });

  it('is a no-op on restart', async () => {
    expect(await migrate(testDb.database)).toEqual([]);
    const rows = await testDb.database.db.selectFrom('schema_migrations').select(['version', 'checksum']).execute();
    expect(rows).toHaveLength(loadMigrations().length);
  });
});

describe('migration checksums', () => {
  let testDb: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'lianjian-migrations-'));
  beforeAll(async () => {
    testDb = await createTestDatabase();
    await sql`drop schema public cascade`.execute(testDb.database.db);
    await sql`create schema public`.execute(testDb.database.db);
  });
  afterAll(async () => {
    await testDb.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start when an applied migration was edited, and rolls back a failing one completely', async () => {
    writeFileSync(join(dir, '0001_probe.sql'), 'create table probe (id int primary key);');
    expect(await migrate(testDb.database, loadMigrations(dir))).toEqual(['0001']);
    writeFileSync(join(dir, '0001_probe.sql'), 'create table probe (id bigint primary key);');
    await expect(migrate(testDb.database, loadMigrations(dir))).rejects.toBeInstanceOf(MigrationChecksumError);
    writeFileSync(join(dir, '0001_probe.sql'), 'create table probe (id int primary key);');
    writeFileSync(join(dir, '0002_broken.sql'), 'create table half_done (id int); select * from no_such_table;');
    await expect(migrate(testDb.database, loadMigrations(dir))).rejects.toMatchObject({ code: '42P01' });
    const halfDone = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'half_done'`.execute(testDb.database.db);
    expect(halfDone.rows[0]?.n).toBe(0);
    expect((await testDb.database.db.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version)).toEqual(['0001']);
  });
});
