import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { alertsRepository } from './alerts.repository.ts';

/**
 * Wakes the open server-sent-event streams when the alert feed grows. One timer per app polls the
 * feed's last sequence number (one cheap query however many streams are open; works the same on
 * PGlite, which has no LISTEN/NOTIFY across processes); each stream then reads its own scoped
 * entries after its own cursor, so nothing is skipped or sent twice whatever the timing.
 */
export class AlertFeedHub {
  readonly #db: Kysely<DB>;
  readonly #pollMs: number;
  readonly #listeners = new Set<() => void>();
  #timer: NodeJS.Timeout | undefined;
  #lastSeq = -1;
  #polling = false;

  constructor(db: Kysely<DB>, pollMs: number) {
    this.#db = db;
    this.#pollMs = pollMs;
  }

  /** Calls `wake` whenever the feed may have new entries; returns the unsubscribe function. */
  subscribe(wake: () => void): () => void {
    this.#listeners.add(wake);
    this.#timer ??= setInterval(() => void this.#poll(), this.#pollMs);
    return () => {
      this.#listeners.delete(wake);
      if (this.#listeners.size === 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    };
  }

  /** Wakes every stream now (after a write in this process, so it need not wait for the poll). */
  notify(): void {
    for (const wake of this.#listeners) wake();
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#listeners.clear();
  }

  async #poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const seq = await alertsRepository.lastSeq(this.#db);
      if (seq !== this.#lastSeq) {
        this.#lastSeq = seq;
        this.notify();
      }
    } catch {
      // A failed poll (database restarting) is retried on the next tick.
    } finally {
      this.#polling = false;
    }
  }
}
