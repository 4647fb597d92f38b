import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Small key/value facts about this installation (e.g. that the demo world was loaded), and maintenance. */
export const appStateRepository = {
  async get(db: Kysely<DB>, key: string): Promise<unknown> {
    return (await db.selectFrom('app_state').select('value').where('key', '=', key).executeTakeFirst())?.value;
  },
  async put(db: Kysely<DB>, key: string, value: unknown): Promise<void> {
    await db
      .insertInto('app_state')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }))
      .execute();
  },
  /** Refreshes planner statistics after a bulk load (PERFORMANCE.md: without them a derivation chose a 56× slower plan). */
  async analyze(db: Kysely<DB>): Promise<void> {
    await sql`analyze`.execute(db);
  },
};
