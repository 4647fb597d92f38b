import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { dumpPglite, openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { syncCalendar } from '../features/calendar/calendar.service.ts';
import { syncRegions } from '../features/regions/regions.service.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of a migrated data-dir tarball every test file starts from. */
    pgliteTemplate: string;
    /** PostgreSQL: server URL and the migrated template database each test file copies. */
    postgresUrl: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates one template database per run (schema + GB/T 2260 regions), so each test file gets a
 * fresh, fully migrated database in milliseconds instead of re-running migrations.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `lianjian_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, template), poolSize: 2 });
    await migrate(database);
    await syncRegions(database.db);
    await syncCalendar(database.db);
    await database.close();
    project.provide('postgresUrl', url);
    project.provide('postgresTemplate', template);
    project.provide('pgliteTemplate', '');
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`lianjian_t_${process.pid}_%`]);
      for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lianjian-test-'));
  const database = await openDatabase({});
  await migrate(database);
  await syncRegions(database.db);
  await syncCalendar(database.db);
  const blob = await dumpPglite(database);
  await database.close();
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresUrl', '');
  project.provide('postgresTemplate', '');
  return async () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
