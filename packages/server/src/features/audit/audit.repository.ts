import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AuditRow {
  id: number;
  at: Date;
  actorType: 'user' | 'token' | 'system' | 'anonymous';
  actorId: number | null;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: 'success' | 'failure' | 'denied';
  ip: string | null;
  userAgent: string | null;
  details: unknown;
  prevHmac: string;
  hmac: string;
}

const columns = [
  'id', 'at', 'actor_type as actorType', 'actor_id as actorId', 'actor_name as actorName', 'action',
  'object_type as objectType', 'object_id as objectId', 'outcome', 'ip', 'user_agent as userAgent', 'details',
  'prev_hmac as prevHmac', 'hmac',
] as const;

/** Audit log storage: insert (under the chain lock) and read. There is deliberately no update or delete. */
export const auditRepository = {
  /** Takes the chain lock for this transaction and returns the head and the next id. */
  async lockHead(trx: Kysely<DB>): Promise<{ prevHmac: string | null; nextId: number }> {
    await sql`select pg_advisory_xact_lock(hashtext('lianjian.audit'))`.execute(trx);
    const head = await trx.selectFrom('audit_log').select('hmac').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const next = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id`.execute(trx);
    return { prevHmac: head?.hmac ?? null, nextId: Number(next.rows[0]?.id) };
  },

  /** `count` more ids from the sequence, ascending (call under the chain lock, after lockHead). */
  async nextIds(trx: Kysely<DB>, count: number): Promise<number[]> {
    if (count <= 0) return [];
    const r = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id from generate_series(1, ${count}::int) order by 1`.execute(trx);
    return r.rows.map((x) => Number(x.id));
  },

  /** Several chained entries in one statement (a batch of deferred reads). */
  async insertMany(trx: Kysely<DB>, rows: AuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    const col = <T>(f: (r: AuditRow) => T) => rows.map(f);
    await sql`insert into audit_log (id, at, actor_type, actor_id, actor_name, action, object_type, object_id, outcome, ip, user_agent, details, prev_hmac, hmac)
      overriding system value
      select * from unnest(${col((r) => r.id)}::bigint[], ${col((r) => r.at.toISOString())}::timestamptz[], ${col((r) => r.actorType)}::text[],
        ${col((r) => r.actorId)}::bigint[], ${col((r) => r.actorName)}::text[], ${col((r) => r.action)}::text[], ${col((r) => r.objectType)}::text[],
        ${col((r) => r.objectId)}::text[], ${col((r) => r.outcome)}::text[], ${col((r) => r.ip)}::text[], ${col((r) => r.userAgent)}::text[],
        ${col((r) => JSON.stringify(r.details ?? {}))}::jsonb[], ${col((r) => r.prevHmac)}::text[], ${col((r) => r.hmac)}::text[])`.execute(trx);
  },

  async insert(trx: Kysely<DB>, row: AuditRow): Promise<void> {
    await sql`insert into audit_log (id, at, actor_type, actor_id, actor_name, action, object_type, object_id, outcome, ip, user_agent, details, prev_hmac, hmac)
      overriding system value values (${row.id}, ${row.at}, ${row.actorType}, ${row.actorId}, ${row.actorName}, ${row.action},
      ${row.objectType}, ${row.objectId}, ${row.outcome}, ${row.ip}, ${row.userAgent}, ${JSON.stringify(row.details ?? {})}::jsonb, ${row.prevHmac}, ${row.hmac})`.execute(trx);
  },

  /** Entries with id > afterId in chain order (for verification, page by page). */
  async pageAfter(db: Kysely<DB>, afterId: number, limit: number): Promise<AuditRow[]> {
    return (await db.selectFrom('audit_log').select(columns).where('id', '>', afterId).orderBy('id').limit(limit).execute()) as AuditRow[];
  },

  async list(
    db: Kysely<DB>,
    filter: { actorName?: string; action?: string; objectType?: string; objectId?: string; outcome?: string; from?: Date; to?: Date },
    page: { limit: number; offset: number; desc: boolean },
  ): Promise<{ items: AuditRow[]; total: number }> {
    let q = db.selectFrom('audit_log');
    if (filter.actorName) q = q.where('actor_name', '=', filter.actorName);
    if (filter.action) q = q.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '\\$&')}%`);
    if (filter.objectType) q = q.where('object_type', '=', filter.objectType);
    if (filter.objectId) q = q.where('object_id', '=', filter.objectId);
    if (filter.outcome) q = q.where('outcome', '=', filter.outcome as AuditRow['outcome']);
    if (filter.from) q = q.where('at', '>=', filter.from);
    if (filter.to) q = q.where('at', '<', filter.to);
    const [items, count] = await Promise.all([
      q.select(columns).orderBy('id', page.desc ? 'desc' : 'asc').limit(page.limit).offset(page.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as AuditRow[], total: Number(count.n) };
  },
};
