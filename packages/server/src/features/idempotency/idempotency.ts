import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { conflict } from '../../http/app-error.ts';
import { canonicalJson } from '../audit/audit-chain.ts';
import { idempotencyRepository, type IdempotencyOwner } from './idempotency.repository.ts';

/** What the `Idempotency-Key` header may hold: 1–200 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export interface IdempotentCall {
  owner: IdempotencyOwner;
  /** The header's value; without one the call just runs. */
  key: string | undefined;
  /** Method and route pattern, e.g. 'POST /api/adverse-events'. */
  route: string;
  /** The parsed request (body and whatever else makes two calls the same). */
  request: unknown;
}

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * Runs a write at most once per (actor, key) (DESIGN.md decision 3). Call inside the write's own
 * transaction: the key is claimed first and its answer stored with the write, so a failed write
 * leaves no key behind and a retry runs it again. The same key with the same request gets the
 * stored answer; with a different request or route, 409 `idempotency.key_reused`.
 */
export async function idempotent<T>(trx: Kysely<DB>, call: IdempotentCall, run: () => Promise<{ status: number; body: T }>): Promise<IdempotentResult<T>> {
  if (call.key === undefined) return { ...(await run()), replayed: false };
  const hash = createHash('sha256').update(canonicalJson(call.request)).digest('hex');
  const claimed = await idempotencyRepository.claim(trx, call.owner, call.key, call.route, hash);
  if (claimed === undefined) {
    const row = await idempotencyRepository.find(trx, call.owner, call.key);
    if (!row || row.route !== call.route || row.requestHash !== hash || row.statusCode === null) throw conflict('idempotency.key_reused', { key: call.key });
    return { status: row.statusCode, body: row.response as T, replayed: true };
  }
  const result = await run();
  await idempotencyRepository.complete(trx, claimed, result.status, result.body);
  return { ...result, replayed: false };
}
