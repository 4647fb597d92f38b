import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** SQL of plain submissions: the master data a submission names, and what capture stored for it. */

export interface SiteRow {
  organizationId: number;
  gln: string;
  extension: string;
}

export interface PartyRow {
  id: number;
  gln: string | null;
  /** A GLN of one of its sites, when the organisation has none of its own. */
  siteGln: string | null;
  siteExtension: string | null;
}

export interface StoredViolation {
  rule: string;
  path: string;
  params: Record<string, string | number | boolean | null>;
}

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export const submissionsRepository = {
  async locationById(db: Kysely<DB>, id: number): Promise<SiteRow | undefined> {
    return db.selectFrom('organization_locations').select(['organization_id as organizationId', 'gln', 'extension']).where('id', '=', id).executeTakeFirst();
  },

  /** Who owns a GLN + extension: a registered site, else (extension 0) the organisation with that GLN. */
  async siteOwner(db: Kysely<DB>, gln: string, extension: string): Promise<number | undefined> {
    const site = await db.selectFrom('organization_locations').select('organization_id as id').where('gln', '=', gln).where('extension', '=', extension).executeTakeFirst();
    if (site) return site.id;
    if (extension !== '0') return undefined;
    return (await db.selectFrom('organizations').select('id').where('gln', '=', gln).executeTakeFirst())?.id;
  },

  async party(db: Kysely<DB>, by: { id: number } | { gln: string }): Promise<PartyRow | undefined> {
    const r = await sql<PartyRow>`
      select o.id::int as id, o.gln, l.gln as "siteGln", l.extension as "siteExtension"
      from organizations o
      left join lateral (select gln, extension from organization_locations where organization_id = o.id order by id limit 1) l on true
      where ${'id' in by ? sql`o.id = ${by.id}` : sql`o.gln = ${by.gln} or o.id = (select organization_id from organization_locations where gln = ${by.gln} order by id limit 1)`}
      order by (o.gln is not null) desc
      limit 1`.execute(db);
    return r.rows[0];
  },

  /** The event a capture job stored, else the earlier one it found duplicated. */
  async eventOfJob(db: Kysely<DB>, jobId: string): Promise<{ eventId: number; eventHash: string; duplicate: boolean } | undefined> {
    const stored = await db.selectFrom('epcis_events').select(['event_id as eventId', 'event_hash as eventHash']).where('capture_job_id', '=', jobId).executeTakeFirst();
    if (stored) return { eventId: Number(stored.eventId), eventHash: stored.eventHash, duplicate: false };
    const job = await db.selectFrom('capture_jobs').select('duplicates').where('id', '=', jobId).executeTakeFirst();
    const first = parseJson<{ eventId: number | null; eventHash: string }[] | null>(job?.duplicates ?? null)?.[0];
    return first?.eventId ? { eventId: Number(first.eventId), eventHash: first.eventHash, duplicate: true } : undefined;
  },

  async violationsOf(db: Kysely<DB>, eventId: number): Promise<StoredViolation[]> {
    const rows = await db.selectFrom('event_violations').select(['rule', 'path', 'params']).where('event_id', '=', eventId).orderBy('id').execute();
    return rows.map((r) => ({ rule: r.rule, path: r.path, params: parseJson<StoredViolation['params']>(r.params) ?? {} }));
  },
};
