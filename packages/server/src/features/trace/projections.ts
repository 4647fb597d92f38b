import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { emptyHolding, foldLotQuantities, foldUnit, type Holding } from './projection-fold.ts';
import { projectionRepository as repo, type Seeds } from './projection.repository.ts';

/**
 * Maintenance of the projections (object_state, containment, custody_transfers, lot_holdings).
 * Both entry points derive from the facts alone, so incremental maintenance and a rebuild agree:
 * capture re-derives the objects its events touch (and everything inside them), the rebuild all.
 */

type Lot = { di: string; lot: string };
const lotKey = (l: Lot) => `${l.di}\u0000${l.lot}`;

/** Re-derives state and custody of the seeds' objects; returns the lots they belong to. */
async function deriveObjects(db: Kysely<DB>, seeds: Seeds): Promise<Lot[]> {
  const [objects, paths] = await Promise.all([repo.objects(db, seeds), repo.pathEvents(db, seeds)]);
  const lots = new Map<string, Lot>();
  const rows = objects.map((o) => {
    const { state, transfers } = foldUnit(paths.get(o.objectId) ?? []);
    if (o.di !== null && o.lot !== null) lots.set(lotKey({ di: o.di, lot: o.lot }), { di: o.di, lot: o.lot });
    // A lot-level class object's custody lives in lot_holdings, not in transfers of one "object".
    return { ...o, state, transfers: o.kind === 'lgtin' ? [] : transfers };
  });
  await repo.writeStates(db, rows);
  return [...lots.values()];
}

/** Recomputes lot × holder rows of these lots from unit states, unit transfers and lot-level quantities. */
export async function deriveLots(db: Kysely<DB>, lots: Lot[]): Promise<void> {
  if (lots.length === 0) return;
  const holdings = new Map<string, Lot & { holderOrgId: number } & Holding>();
  const at = (di: string, lot: string, holderOrgId: number) => {
    const key = `${di}\u0000${lot}\u0000${holderOrgId}`;
    let h = holdings.get(key);
    if (!h) holdings.set(key, (h = { di, lot, holderOrgId, ...emptyHolding() }));
    return h;
  };
  const [units, transfers, classes] = await Promise.all([repo.unitCounts(db, lots), repo.transferCounts(db, lots), repo.classObjects(db, lots)]);
  for (const u of units) {
    const h = at(u.di, u.lot, u.holderOrgId);
    if (u.status === 'in_transit') h.inTransit += u.n;
    else if (u.status === 'used') h.used += u.n;
    else if (u.status === 'destroyed') h.destroyed += u.n;
    else h.inStock += u.n;
  }
  for (const t of transfers) {
    const h = at(t.di, t.lot, t.orgId);
    if (t.kind === 'receive') h.received += t.n;
    else h.returned += t.n;
  }
  if (classes.length > 0) {
    const paths = await repo.pathEvents(db, { ids: classes.map((c) => c.objectId) });
    for (const c of classes) {
      for (const [org, q] of foldLotQuantities(paths.get(c.objectId) ?? [])) {
        const h = at(c.di, c.lot, org);
        h.received += q.received;
        h.inStock += q.inStock;
        h.inTransit += q.inTransit;
        h.used += q.used;
        h.returned += q.returned;
        h.destroyed += q.destroyed;
      }
    }
  }
  // Rows that net to nothing are not written (capture's append path drops them likewise).
  const rows = [...holdings.values()].filter((h) => h.received !== 0 || h.inStock !== 0 || h.inTransit !== 0 || h.used !== 0 || h.returned !== 0 || h.destroyed !== 0);
  await repo.replaceLotHoldings(db, lots, rows);
}

/**
 * Brings the projections up to date after events were stored (capture calls this in its
 * transaction with the ids of the events it stored, error declarations included).
 */
export async function updateProjectionsForEvents(db: Kysely<DB>, eventIds: number[]): Promise<void> {
  const touched = await repo.objectsOfEvents(db, eventIds);
  if (touched.length === 0) return;
  // Containers' events are their contents' events: re-derive everything inside what was touched.
  const before = await repo.withDescendants(db, touched);
  await repo.recomputeContainment(db, { ids: before });
  const after = await repo.withDescendants(db, touched);
  const ids = [...new Set([...before, ...after])];
  const info = await repo.objects(db, { ids });
  const lots = new Map<string, Lot>();
  for (const o of info) if (o.di !== null && o.lot !== null) lots.set(lotKey({ di: o.di, lot: o.lot }), { di: o.di, lot: o.lot });
  // Lot-less objects (containers) have no lot lock to meet on: they are locked themselves.
  await repo.lockLots(db, [...lots.values()], info.filter((o) => o.lot === null).map((o) => o.objectId));
  await deriveObjects(db, { ids });
  await deriveLots(db, [...lots.values()]);
}

export interface RebuildProgress {
  stage: 'containment' | 'objects' | 'lots' | 'analyze';
  done: number;
  total: number;
}

/**
 * Drops and re-derives every projection from the facts, in one transaction (readers keep seeing
 * the old projections until it commits). Statistics are refreshed before deriving and after
 * (PERFORMANCE.md item 5).
 */
export async function rebuildProjections(db: Kysely<DB>, options: { batchSize?: number; containmentBatchSize?: number; onProgress?: (p: RebuildProgress) => void } = {}): Promise<{ objects: number; lots: number }> {
  const batch = options.batchSize ?? 20_000;
  await repo.analyzeFacts(db);
  const result = await withTransaction(db, async (trx) => {
    await repo.useRebuildMemory(trx);
    await repo.clear(trx);
    const max = await repo.maxObjectId(trx);
    const total = Math.ceil(max / batch);
    // Containment in object-id ranges too: one statement over every aggregation of a 5-million-event
    // store sorted and hashed gigabytes and had not finished after 25 minutes; ranges of children
    // walk the (object_id) index and show progress.
    const containmentBatch = options.containmentBatchSize ?? batch * 10;
    const containmentTotal = Math.ceil((max + 1) / containmentBatch);
    for (let i = 0; i < containmentTotal; i++) {
      await repo.recomputeContainment(trx, { from: i * containmentBatch, to: Math.min((i + 1) * containmentBatch, max + 1) });
      options.onProgress?.({ stage: 'containment', done: i + 1, total: containmentTotal });
    }
    // The objects' paths walk containment: plan them on its new contents, not on the cleared table
    // (ANALYZE counts this transaction's own rows).
    await repo.analyzeContainment(trx);
    for (let i = 0; i < total; i++) {
      await deriveObjects(trx, { from: i * batch + 1, to: Math.min((i + 1) * batch, max) + 1 });
      options.onProgress?.({ stage: 'objects', done: i + 1, total });
    }
    const lots = await repo.allLots(trx);
    const lotBatch = 2_000;
    for (let i = 0; i < lots.length; i += lotBatch) {
      await deriveLots(trx, lots.slice(i, i + lotBatch));
      options.onProgress?.({ stage: 'lots', done: Math.min(i + lotBatch, lots.length), total: lots.length });
    }
    return { objects: max, lots: lots.length };
  });
  options.onProgress?.({ stage: 'analyze', done: 0, total: 1 });
  await repo.analyzeProjections(db);
  options.onProgress?.({ stage: 'analyze', done: 1, total: 1 });
  return result;
}
