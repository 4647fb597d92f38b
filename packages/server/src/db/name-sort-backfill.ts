import type { Kysely } from 'kysely';
import { nameSortKey } from '../shared/name-sort-key.ts';
import { nameSortRepository, type NameSortTable } from './name-sort.repository.ts';
import type { DB } from './schema.ts';

const BATCH = 500;

/**
 * Fills the pinyin sort keys that SQL could not (migration 0014 adds the columns empty; a migration
 * that changes the key's rules empties them again; bulk SQL loads such as the benchmarks' leave them
 * out). Runs after the migrations at every start, in id batches of short statements; with nothing to
 * fill it is one query per table. Idempotent, so several processes starting at once do no harm.
 */
export async function backfillNameSortKeys(db: Kysely<DB>): Promise<number> {
  let filled = 0;
  for (const table of ['organizations', 'products'] satisfies NameSortTable[]) {
    let after = 0;
    for (;;) {
      const rows = await nameSortRepository.unkeyed(db, table, after, BATCH);
      await nameSortRepository.setKeys(db, table, rows.map((r) => ({ ...r, key: nameSortKey(r.name) })));
      filled += rows.length;
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]?.id ?? after;
    }
  }
  return filled;
}
