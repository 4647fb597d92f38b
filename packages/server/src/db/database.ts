import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PgliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

/**
 * One interface over the embedded database (PGlite) and a PostgreSQL server (DESIGN.md decision 1).
 * Both return the same JavaScript types: bigint and numeric as numbers (ids stay below 2^53),
 * dates as 'YYYY-MM-DD' strings (a civil date has no time zone), timestamptz as Date.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /** The embedded instance, when the database is PGlite. */
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const parseDate = (v: string) => v;

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined means in memory. */
  dataDir?: string | undefined;
  /** A PGlite data-dir tarball to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
  /** PGlite's shared_buffers (PostgreSQL's default of 128MB would double the embedded server's memory). */
  pgliteSharedBuffers?: string;
  /** PGlite: do not flush to the file system after every query (bulk loads that close cleanly at the end). */
  relaxedDurability?: boolean;
}

/**
 * Put first in a hot, complex statement (`sql\`${PREPARED} select …\``) to have PostgreSQL prepare it
 * once per connection under a name derived from its text: its planning (milliseconds for a
 * statement of many CTEs) is then paid once, not on every call. PGlite ignores it (a comment).
 */
export const PREPARED = sql.raw('/* lj:prepared */');
const PREPARED_MARK = '/* lj:prepared */';
const statementNames = new Map<string, string>();

/** Routes marked statements through the pg client's named (prepared) statements. */
function prepareMarked(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text !== 'string' || !text.startsWith(PREPARED_MARK) || args.length !== 2) return query(...args);
    let name = statementNames.get(text);
    if (!name) statementNames.set(text, (name = `lj_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`));
    return query({ name, text, values });
  };
}

let pgTypesSet = false;
function setPgTypes(): void {
  if (pgTypesSet) return;
  pg.types.setTypeParser(OID.int8, (v) => Number(v));
  pg.types.setTypeParser(OID.numeric, (v) => Number(v));
  pg.types.setTypeParser(OID.date, parseDate);
  pgTypesSet = true;
}

/** Opens the database selected by the options. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    setPgTypes();
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // Every session runs in UTC so SQL date arithmetic means the same on both engines. The platform's
    // statements are short (capture, trace, lists): JIT compilation cost them up to 0.5 s each on a
    // store of millions of rows and saved nothing, and a random page read costs about a sequential one
    // on SSDs with the working set cached (PostgreSQL's default of 4 assumes spinning disks and made the
    // planner scan whole tables instead of probing an index for a few thousand ids).
    pool.on('connect', (client) => {
      prepareMarked(client);
      void client.query("set time zone 'UTC'; set jit = off; set random_page_cost = 1.1");
    });
    // An idle connection can die under us (server restart, a DBA's terminate, a test dropping its
    // database): the pool replaces it, and without this listener the error would crash the process.
    pool.on('error', (error: Error & { code?: string }) => {
      if (error.code !== '57P01') console.warn(`database connection lost: ${error.code ?? error.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    await sql`select 1`.execute(db);
    return { kind: 'postgres', db, close: () => db.destroy() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const defaults = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams;
  const pglite = new PGlite({
    startParams: [...defaults, '-c', `shared_buffers=${options.pgliteSharedBuffers ?? '16MB'}`],
    ...(options.relaxedDurability ? { relaxedDurability: true } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: {
      [OID.int8]: (v: string) => Number(v),
      [OID.numeric]: (v: string) => Number(v),
      [OID.date]: parseDate,
    },
  });
  await pglite.waitReady;
  await pglite.exec("set time zone 'UTC'");
  const db = new Kysely<DB>({ dialect: new PgliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** Dumps a PGlite database to a tarball (tests clone a migrated template this way). */
export async function dumpPglite(database: Database): Promise<Blob> {
  if (!database.pglite) throw new Error('only PGlite can be dumped');
  return database.pglite.dumpDataDir('none');
}
