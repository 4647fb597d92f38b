import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { MIGRATIONS_DIR } from '../paths.ts';
import type { Database } from './database.ts';

/**
 * Forward-only SQL migrations. Each file `NNNN_name.sql` runs once, in order, inside one transaction
 * with the bookkeeping row; an applied file whose checksum changed stops the start, because editing
 * history would make two databases with the same version differ.
 */

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.slice(5, -4),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

export class MigrationChecksumError extends Error {}

/** Applies pending migrations; returns the versions applied. Safe to run from several processes at once. */
export async function migrate(database: Database, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  const { db } = database;
  await sql`create table if not exists schema_migrations (
    version text primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`.execute(db);
  return db.transaction().execute(async (trx) => {
    // Serialise concurrent starters (several API processes on one PostgreSQL).
    await sql`select pg_advisory_xact_lock(hashtext('lianjian.migrate'))`.execute(trx);
    const applied = new Map((await trx.selectFrom('schema_migrations').selectAll().execute()).map((r) => [r.version, r]));
    const done: string[] = [];
    for (const m of migrations) {
      const row = applied.get(m.version);
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new MigrationChecksumError(
            `migration ${m.version}_${m.name} was changed after it was applied (checksum ${row.checksum.slice(0, 12)} ≠ ${m.checksum.slice(0, 12)}); add a new migration instead`,
          );
        }
        continue;
      }
      await sql.raw(m.sql).execute(trx);
      await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name, checksum: m.checksum }).execute();
      done.push(m.version);
    }
    return done;
  });
}
