import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The fact tables the alert engine reads past a cursor, with the sequence-backed column it orders by. */
export const CURSOR_SOURCES = {
  event_violations: 'id',
  epcis_events: 'event_id',
  adverse_event_reports: 'id',
  quality_flags: 'id',
  lot_restrictions: 'id',
  alert_events: 'seq',
} as const;
export type CursorSource = keyof typeof CURSOR_SOURCES;

/**
 * What the commit horizon needs from PostgreSQL's lock table. Every transaction that inserts into a
 * table holds RowExclusiveLock on it from before it draws its id until it commits or rolls back, and
 * its virtual transaction id (pg_locks.virtualtransaction) names it from its first statement, before
 * it has a real xid. Both queries look only at this database (tests share one server).
 */
export const commitHorizonRepository = {
  /** The highest id visible now and the other transactions writing to the table at this moment. */
  async ceilingAndWriters(db: Kysely<DB>, table: CursorSource): Promise<{ ceiling: number; writers: string[] }> {
    const ceiling = await sql<{ id: number | string | null }>`select max(${sql.ref(CURSOR_SOURCES[table])}) as id from ${sql.table(table)}`.execute(db);
    // Read after the ceiling: a writer holding a lower id took its lock before that id was drawn.
    const writers = await sql<{ vxid: string }>`
      select distinct virtualtransaction as vxid from pg_locks
       where locktype = 'relation' and mode = 'RowExclusiveLock' and pid <> pg_backend_pid()
         and database = (select oid from pg_database where datname = current_database())
         and relation = ${table}::regclass`.execute(db);
    return { ceiling: Number(ceiling.rows[0]?.id ?? 0), writers: writers.rows.map((r) => r.vxid) };
  },

  /** Which of these virtual transactions are still running. */
  async running(db: Kysely<DB>, vxids: string[]): Promise<Set<string>> {
    if (!vxids.length) return new Set();
    const rows = await sql<{ vxid: string }>`select distinct virtualtransaction as vxid from pg_locks where virtualtransaction = any(${vxids}::text[])`.execute(db);
    return new Set(rows.rows.map((r) => r.vxid));
  },
};
