import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface IdempotencyKeyRow {
  id: number;
  route: string;
  requestHash: string;
  statusCode: number | null;
  response: unknown;
}

export interface IdempotencyOwner {
  actorType: 'user' | 'token' | 'system';
  actorId: number;
}

export const idempotencyRepository = {
  /** Claims a key; undefined when the owner has used it before (waits for a concurrent claimer to finish on PostgreSQL). */
  async claim(db: Kysely<DB>, owner: IdempotencyOwner, key: string, route: string, requestHash: string): Promise<number | undefined> {
    const r = await db
      .insertInto('idempotency_keys')
      .values({ actor_type: owner.actorType, actor_id: owner.actorId, key, route, request_hash: requestHash })
      .onConflict((oc) => oc.columns(['actor_type', 'actor_id', 'key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return r?.id;
  },
  async find(db: Kysely<DB>, owner: IdempotencyOwner, key: string): Promise<IdempotencyKeyRow | undefined> {
    return db
      .selectFrom('idempotency_keys')
      .select(['id', 'route', 'request_hash as requestHash', 'status_code as statusCode', 'response'])
      .where('actor_type', '=', owner.actorType)
      .where('actor_id', '=', owner.actorId)
      .where('key', '=', key)
      .executeTakeFirst();
  },
  async complete(db: Kysely<DB>, id: number, statusCode: number, response: unknown): Promise<void> {
    await db.updateTable('idempotency_keys').set({ status_code: statusCode, response: JSON.stringify(response) }).where('id', '=', id).execute();
  },
};
