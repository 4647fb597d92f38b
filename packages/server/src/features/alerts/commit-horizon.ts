import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { commitHorizonRepository as repo, type CursorSource } from './commit-horizon.repository.ts';

/**
 * The highest id of a fact table below which no row can still appear.
 *
 * Ids come from a sequence when a row is inserted, but rows become visible when their transaction
 * commits — on PostgreSQL with several connections not in id order: a capture holding id 10 may commit
 * after one holding id 11. A cursor that jumped to 11 would skip 10 for ever. So each tick notes the
 * highest visible id together with the transactions then writing to the table (from pg_locks); that id
 * becomes safe once all of them have finished, because any row with a lower id was drawn by one of
 * them (a writer locks the table before it draws an id). With nobody writing — PGlite's single
 * connection, a quiet server — the current id is safe at once, so latency stays one tick; under
 * continuous writes it is a tick or two behind, never ahead. Pending marks live in memory: after a
 * restart the engine just starts noting again from its stored cursor.
 */
export class CommitHorizon {
  readonly #table: CursorSource;
  #pending: { ceiling: number; writers: string[] }[] = [];
  #safe = 0;

  constructor(table: CursorSource) {
    this.#table = table;
  }

  /** The highest id safe to read up to now (never lower than a previous answer). */
  async ceiling(db: Kysely<DB>): Promise<number> {
    const mark = await repo.ceilingAndWriters(db, this.#table);
    this.#pending.push(mark);
    const running = await repo.running(db, [...new Set(this.#pending.flatMap((p) => p.writers))]);
    for (const p of this.#pending) if (p.writers.every((w) => !running.has(w))) this.#safe = Math.max(this.#safe, p.ceiling);
    this.#pending = this.#pending.filter((p) => p.ceiling > this.#safe);
    return this.#safe;
  }
}
