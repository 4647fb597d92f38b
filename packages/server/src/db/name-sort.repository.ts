import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from './schema.ts';

/** The tables whose `name` has a pinyin sort key (migration 0014). */
export type NameSortTable = 'organizations' | 'products';

/**
 * ORDER BY expression for a name in pinyin order (`alias.name_sort`, shared/name-sort-key.ts). A row
 * without its key yet sorts by its name, byte-wise too, so the order is the same on both databases.
 */
export function byName(alias: string): RawBuilder<string> {
  return sql<string>`coalesce(${sql.ref(`${alias}.name_sort`)}, ${sql.ref(`${alias}.name`)}) collate "C"`;
}

export const nameSortRepository = {
  /** Rows after `afterId` (in id order) that have no key yet. */
  async unkeyed(db: Kysely<DB>, table: NameSortTable, afterId: number, limit: number): Promise<{ id: number; name: string }[]> {
    const r = await sql<{ id: number; name: string }>`
      select id, name from ${sql.table(table)} where name_sort is null and id > ${afterId} order by id limit ${limit}`.execute(db);
    return r.rows.map((x) => ({ id: Number(x.id), name: x.name }));
  },
  /** Empties every key of the table, to be made again by new rules. */
  async forgetKeys(db: Kysely<DB>, table: NameSortTable): Promise<void> {
    await sql`update ${sql.table(table)} set name_sort = null where name_sort is not null`.execute(db);
  },
  /** Sets the keys; a row renamed since it was read keeps its new key (its writer set it). */
  async setKeys(db: Kysely<DB>, table: NameSortTable, rows: { id: number; name: string; key: string }[]): Promise<void> {
    if (!rows.length) return;
    await sql`
      update ${sql.table(table)} t set name_sort = k.key
      from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.key)}::text[]) as k(id, name, key)
      where t.id = k.id and t.name = k.name`.execute(db);
  },
};
