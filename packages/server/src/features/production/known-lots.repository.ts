import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Whether a lot exists on the platform: a manufacturer recorded a production batch of it, or a
 * traceability event named it (an `epc_objects` row with that DI and lot, e.g. a commissioned lot
 * or a unit labelled with it). One place, so every feature that asks "is this a real lot?" (use
 * records, adverse-event reports) gets the same answer.
 */
export const knownLotsRepository = {
  /** True when the lot of the DI is known. `dis`: the DI as registered, plus any other form of it to try. */
  async exists(db: Kysely<DB>, dis: readonly string[], lot: string): Promise<boolean> {
    if (!dis.length) return false;
    const r = await sql<{ known: boolean }>`select exists (select 1 from production_batches where product_di = any(${[...dis]}::text[]) and lot = ${lot})
      or exists (select 1 from epc_objects where di = any(${[...dis]}::text[]) and lot = ${lot}) as known`.execute(db);
    return r.rows[0]?.known === true;
  },
};
