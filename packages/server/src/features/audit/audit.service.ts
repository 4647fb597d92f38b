import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { auditHmac, GENESIS_HMAC } from './audit-chain.ts';
import { auditRepository, type AuditRow } from './audit.repository.ts';
import { withTransaction } from '../../db/transaction.ts';

/** How long a deferred read entry may wait for its batch (well within the ~1 s promised). */
const FLUSH_DELAY_MS = 200;

export interface AuditEvent {
  action: string;
  objectType?: string;
  objectId?: string | number;
  outcome?: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown>;
}

export interface AuditWho {
  actorType: AuditRow['actorType'];
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  userAgent: string | null;
}

export function whoFrom(ctx: RequestContext): AuditWho {
  return { actorType: ctx.actor.type, actorId: ctx.actor.id, actorName: ctx.actor.name, ip: ctx.ip, userAgent: ctx.userAgent };
}

export interface BrokenLink {
  id: number;
  reason: 'hmac_mismatch' | 'prev_link_mismatch' | 'head_mismatch';
}

/**
 * The audit log. Writers call `record` inside the same transaction as the change they audit, so an
 * entry exists exactly when the change committed. Entries are chained with HMAC-SM3.
 */
export class AuditService {
  readonly #key: string;
  constructor(key: string) {
    this.#key = key;
  }

  /** Appends one entry. Must run inside a transaction (`db.transaction()`), which holds the chain lock until commit. */
  async record(trx: Kysely<DB>, who: AuditWho, event: AuditEvent): Promise<void> {
    const { prevHmac, nextId } = await auditRepository.lockHead(trx);
    const prev = prevHmac ?? GENESIS_HMAC;
    const content = {
      id: nextId,
      at: new Date(),
      actorType: who.actorType,
      actorId: who.actorId,
      actorName: who.actorName,
      action: event.action,
      objectType: event.objectType ?? null,
      objectId: event.objectId === undefined ? null : String(event.objectId),
      outcome: event.outcome ?? 'success',
      ip: who.ip,
      userAgent: who.userAgent,
      details: event.details ?? {},
    };
    await auditRepository.insert(trx, { ...content, prevHmac: prev, hmac: auditHmac(this.#key, prev, content) });
  }

  /**
   * Records a read off the request's hot path: the entry (with the time of the read) is queued and
   * written, chained like any other, by a batch flush at most FLUSH_DELAY_MS later, so one chain-lock
   * transaction serves every read of that window instead of one transaction per read. Guarantee:
   * every read answered is in the chain within ~1 s (a failed flush is retried), and `drain` (called
   * when the app closes) writes what is queued; only a process crash inside that window can lose
   * queued read entries. Never for writes: those must be audited in their own transaction.
   */
  recordSoon(db: Kysely<DB>, who: AuditWho, event: AuditEvent): void {
    this.#queue.push({ db, who, event, at: new Date() });
    this.#timer ??= setTimeout(() => void this.#flush(), FLUSH_DELAY_MS);
  }

  /** Writes every queued read entry now (and waits for a flush in progress). */
  async drain(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#flushing;
    if (this.#queue.length > 0) await this.#flush();
  }

  readonly #queue: { db: Kysely<DB>; who: AuditWho; event: AuditEvent; at: Date }[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> = Promise.resolve();

  #flush(): Promise<void> {
    this.#timer = undefined;
    const run = this.#flushing.then(async () => {
      const batch = this.#queue.splice(0, this.#queue.length);
      // Entries queued against different databases (tests) are written to each separately.
      for (const db of new Set(batch.map((b) => b.db))) {
        const mine = batch.filter((b) => b.db === db);
        try {
          await withTransaction(db, (trx) => this.#appendAll(trx, mine));
        } catch (error) {
          // Keep them for the next flush rather than lose audit entries; the chain itself is untouched.
          this.#queue.unshift(...mine);
          this.#timer ??= setTimeout(() => void this.#flush(), FLUSH_DELAY_MS * 5).unref();
          console.error('audit: deferred read entries not written yet, will retry', error);
        }
      }
    });
    this.#flushing = run;
    return run;
  }

  async #appendAll(trx: Kysely<DB>, entries: { who: AuditWho; event: AuditEvent; at: Date }[]): Promise<void> {
    const { prevHmac } = await auditRepository.lockHead(trx);
    const ids = await auditRepository.nextIds(trx, entries.length);
    let prev = prevHmac ?? GENESIS_HMAC;
    const rows: AuditRow[] = entries.map(({ who, event, at }, i) => {
      const content = {
        id: ids[i] as number, at, actorType: who.actorType, actorId: who.actorId, actorName: who.actorName, action: event.action,
        objectType: event.objectType ?? null, objectId: event.objectId === undefined ? null : String(event.objectId), outcome: event.outcome ?? 'success',
        ip: who.ip, userAgent: who.userAgent, details: event.details ?? {},
      };
      const row = { ...content, prevHmac: prev, hmac: auditHmac(this.#key, prev, content) };
      prev = row.hmac;
      return row;
    });
    await auditRepository.insertMany(trx, rows);
  }

  /** Records an entry in a transaction of its own (logins, denied requests, reads). */
  async recordNow(db: Kysely<DB>, who: AuditWho, event: AuditEvent): Promise<void> {
    await withTransaction(db, (trx) => this.record(trx, who, event));
  }

  /** Walks the whole chain and returns the first broken link, or null with the count of entries checked. */
  async verify(db: Kysely<DB>, pageSize = 5000): Promise<{ checked: number; broken: BrokenLink | null }> {
    let prev = GENESIS_HMAC;
    let afterId = 0;
    let checked = 0;
    for (;;) {
      const page = await auditRepository.pageAfter(db, afterId, pageSize);
      for (const row of page) {
        if (row.prevHmac !== prev) return { checked, broken: { id: row.id, reason: 'prev_link_mismatch' } };
        const expected = auditHmac(this.#key, row.prevHmac, { ...row, at: new Date(row.at) });
        if (expected !== row.hmac) return { checked, broken: { id: row.id, reason: 'hmac_mismatch' } };
        prev = row.hmac;
        afterId = row.id;
        checked++;
      }
      if (page.length < pageSize) break;
    }
    return { checked, broken: null };
  }
}
