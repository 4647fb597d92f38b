import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { withDatabase } from './global-setup.ts';

export interface TestDatabase {
  database: Database;
  /** postgres:// URL of this file's database when on PostgreSQL (for spawning the CLI against it). */
  url: string | null;
  drop(): Promise<void>;
}

let counter = 0;

/** A fresh, migrated database for one test file: a PGlite clone of the template, or a PostgreSQL copy of it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const postgresUrl = inject('postgresUrl');
  if (postgresUrl) {
    const name = `lianjian_t_${process.ppid}_${process.pid}_${counter++}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    // CREATE DATABASE … TEMPLATE fails while another copy is being made from the same template: retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
        break;
      } catch (error) {
        if (attempt > 40) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const url = withDatabase(postgresUrl, name);
    const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    return {
      database, url,
      drop: async () => {
        await database.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const tarball = readFileSync(inject('pgliteTemplate'));
  const database = await openDatabase({ loadDataDir: new Blob([tarball]) });
  return { database, url: null, drop: () => database.close() };
}
