import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Runs `fn` in a transaction, or inside the caller's when `db` already is one. Services use this so
 * a bulk caller (the demo loader, an import job) can make many service calls one atomic unit.
 */
export function withTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
