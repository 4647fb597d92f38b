import type { Kysely } from 'kysely';
import { NAME_SORT_KEY_VERSION, nameSortKey } from '../shared/name-sort-key.ts';
import { appStateRepository } from './app-state.repository.ts';
import { nameSortRepository, type NameSortTable } from './name-sort.repository.ts';
import type { DB } from './schema.ts';

const BATCH = 500;
/** app_state: the NAME_SORT_KEY_VERSION the stored keys were made with. */
const STATE_KEY = 'name_sort_key_version';

/**
 * Fills the pinyin sort keys that SQL could not (migration 0014 adds the columns empty; bulk SQL
 * loads such as the benchmarks' leave them out), and makes every key again when the keys' version
 * (rules, Node's ICU, corrections) differs from the one they were made with. Runs after the
 * migrations at every start, in id batches of short statements; with nothing to fill it is one
 * query per table. Idempotent, so several processes starting at once do no harm.
 */
export async function backfillNameSortKeys(db: Kysely<DB>): Promise<number> {
  let filled = 0;
  // Keys made by other rules or another ICU compare wrongly against new ones: make them all again.
  const stale = (await appStateRepository.get(db, STATE_KEY)) !== NAME_SORT_KEY_VERSION;
  for (const table of ['organizations', 'products'] satisfies NameSortTable[]) {
    if (stale) await nameSortRepository.forgetKeys(db, table);
    let after = 0;
    for (;;) {
      const rows = await nameSortRepository.unkeyed(db, table, after, BATCH);
      await nameSortRepository.setKeys(db, table, rows.map((r) => ({ ...r, key: nameSortKey(r.name) })));
      filled += rows.length;
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]?.id ?? after;
    }
  }
  if (stale) await appStateRepository.put(db, STATE_KEY, NAME_SORT_KEY_VERSION);
  return filled;
}
