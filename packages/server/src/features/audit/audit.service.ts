import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { auditHmac, GENESIS_HMAC } from './audit-chain.ts';
import { auditRepository, type AuditRow } from './audit.repository.ts';
import { withTransaction } from '../../db/transaction.ts';

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
