import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { applyEvent, emptyHolding, initialState, type Holding, type PathEvent, type Transfer } from './projection-fold.ts';
import { projectionAppendRepository as repo, type ContentRow, type IntervalWrite, type OpenInterval, type StoredState } from './projection-append.repository.ts';
import { projectionRepository } from './projection.repository.ts';
import { deriveLots } from './projections.ts';

/**
 * Capture's fast path for the projections: when a document only *appends* to the history of
 * everything it touches (each event later than the last event of every object it reaches), the
 * new state of an object is its stored state with the new events applied (applyEvent is
 * resumable), containment changes are the intervals the document opens and closes, and lot
 * holdings change by the difference of old and new unit states. So a document costs reads of the
 * current state around its objects and writes of what changed, instead of re-reading every
 * touched object's whole path (projections.ts), which grows with history.
 *
 * Whenever that premise might not hold it declines before writing anything, and capture falls
 * back to the full re-derivation: error declarations (they remove events from paths), an event
 * not later than a touched object's last event, sub-millisecond times (JS dates hold ms; the
 * database orders by µs), an aggregation sharing its instant with another event of the document
 * (intervals are inclusive at both ends, so same-instant events see containment both before and
 * after), an event on a container at or before the end of a stored closed interval of it (the
 * former content was inside then, but its own history already went on), and any stored
 * projection row that is missing. A randomised test holds this path to the
 * rebuild's result (projection-append.test.ts).
 */

export interface AppendObject {
  objectId: number;
  role: string;
}

export interface AppendEvent extends PathEvent {
  type: string;
  action: string | null;
  objects: AppendObject[];
}

export interface AppendBatch {
  events: AppendEvent[];
  /** Kind, DI and lot of every object the events name. */
  identities: Map<number, { kind: string; di: string | null; lot: string | null }>;
  /** Objects the capture interned just now (they can have no earlier events). */
  newObjectIds: Set<number>;
  /** The document declares errors: paths lose events, only a re-derivation is right. */
  declarations: boolean;
  /** Some event time has digits beyond the millisecond. */
  subMillisecond: boolean;
}

const MAX_DEPTH = 4;
type Lot = { di: string; lot: string };
const lotKey = (di: string, lot: string) => `${di}\u0000${lot}`;

interface Interval {
  childId: number;
  parentId: number;
  tFrom: Date;
  /** The interval was stored before this document (an update closes it) or opened by it (an insert). */
  stored: boolean;
  tTo: Date | null;
  addEventId: number;
}

interface Tracked {
  state: StoredState;
  /** Holder and status before the document, for lot-holding differences (null: no state before). */
  before: { holderOrgId: number | null; status: string } | null;
  /** Last event time before the document (ms), which every new event must follow. */
  since: number;
  transfers: Transfer[];
}

/** How often capture appended and why it declined (process-wide counters, read by tests and operators). */
export const appendCounters = { appended: 0, declined: new Map<string, number>() };

function decline(reason: string): false {
  appendCounters.declined.set(reason, (appendCounters.declined.get(reason) ?? 0) + 1);
  return false;
}

/** Applies the document's events to the projections; false when it declined (nothing written). */
export async function appendToProjections(db: Kysely<DB>, batch: AppendBatch): Promise<boolean> {
  if (batch.events.length === 0) return !batch.declarations || decline('error_declaration');
  if (batch.declarations) return decline('error_declaration');
  if (batch.subMillisecond) return decline('sub_millisecond');
  const events = [...batch.events].sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime() || a.eventId - b.eventId);
  if (aggregationSharesInstant(events)) return decline('aggregation_same_instant');
  // A decline after the lot locks rolls back to here, which releases them (PostgreSQL releases
  // locks taken after a savepoint when rolled back to it): the re-derivation then takes all its
  // locks in one sorted batch. Holding some of them first would let two declining captures that
  // lock overlapping lots deadlock.
  if (!db.isTransaction) return appendUnderLocks(db, batch, events);
  await repo.savepoint(db);
  const appended = await appendUnderLocks(db, batch, events);
  await (appended ? repo.releaseSavepoint(db) : repo.rollbackToSavepoint(db));
  return appended;
}

async function appendUnderLocks(db: Kysely<DB>, batch: AppendBatch, events: AppendEvent[]): Promise<boolean> {
  const direct = [...new Set(events.flatMap((e) => e.objects.map((o) => o.objectId)))];
  // Objects interned by this capture have no stored rows and no other transaction can see them yet:
  // only the others need reading (a commissioning document names thousands of new units).
  const existing = direct.filter((id) => !batch.newObjectIds.has(id));

  // Lock the lots first (as the re-derivation does), in one sorted batch, then read under the locks.
  const directLots = lotsOf(direct.map((id) => batch.identities.get(id)));
  let contents = await repo.openContents(db, existing);
  const locked = new Set<string>();
  const lockedObjects = new Set<number>();
  // Lot-less objects that existed before this document (a concurrent capture can name them too)
  // are locked themselves; objects interned just now cannot be in another capture's reach.
  const lotless = (list: ContentRow[]) => [
    ...existing.filter((id) => !batch.identities.get(id)?.lot),
    ...list.filter((c) => !c.state?.lot).map((c) => c.childId),
  ];
  const lock = async (lots: Lot[], objectIds: number[]) => {
    const fresh = lots.filter((l) => !locked.has(lotKey(l.di, l.lot)));
    for (const l of fresh) locked.add(lotKey(l.di, l.lot));
    const freshObjects = objectIds.filter((id) => !lockedObjects.has(id));
    for (const id of freshObjects) lockedObjects.add(id);
    await projectionRepository.lockLots(db, fresh, freshObjects);
    return fresh.length + freshObjects.length;
  };
  await lock([...directLots, ...lotsOf(contents.map((c) => c.state))], lotless(contents));
  contents = await repo.openContents(db, existing);
  if ((await lock(lotsOf(contents.map((c) => c.state)), lotless(contents))) > 0) contents = await repo.openContents(db, existing);
  if (contents.some((c) => c.state === null)) return decline('missing_state');

  const [parents, stored, closedUntil] = await Promise.all([
    repo.openParents(db, existing),
    repo.states(db, existing),
    repo.closedUntil(db, [...new Set([...existing, ...contents.map((c) => c.childId)])], (events[0] as AppendEvent).eventTime),
  ]);
  const storedById = new Map(stored.map((s) => [s.objectId, s]));
  const unknown = existing.filter((id) => !storedById.has(id));
  if (unknown.length > 0 && (await repo.withOtherEvents(db, unknown, events.map((e) => e.eventId))).length > 0) return decline('missing_state');

  const folded = foldDocument(events, { parents, contents, direct, storedById, identities: batch.identities, closedUntil });
  if (typeof folded === 'string') return decline(folded);
  const { tracked, open, touchedIntervals } = folded;

  // Writes: states, new transfers, containment, lot holdings.
  const rows = [...tracked.values()];
  const parentOf = (objectId: number) => open.get(objectId)?.parentId ?? null;
  const states = (fresh: boolean) => rows.filter((o) => batch.newObjectIds.has(o.state.objectId) === fresh).map((o) => o.state);
  await repo.writeStates(db, states(true), parentOf, true);
  await repo.writeStates(db, states(false), parentOf, false);
  await repo.insertTransfers(db, rows.filter((o) => o.state.kind !== 'lgtin').map((o) => ({ objectId: o.state.objectId, transfers: o.transfers })));
  const intervals = [...new Set(touchedIntervals)];
  await repo.closeIntervals(db, intervals.filter((i) => i.stored && i.tTo !== null).map((i) => ({ childId: i.childId, parentId: i.parentId, tTo: (i.tTo as Date).toISOString() })));
  await repo.insertIntervals(db, intervals.filter((i) => !i.stored).map((i): IntervalWrite => ({ childId: i.childId, parentId: i.parentId, tFrom: i.tFrom.toISOString(), tTo: i.tTo?.toISOString() ?? null, addEventId: i.addEventId })));

  // Lots with lot-level (class) objects among the touched are re-derived whole; the others change by differences.
  // So are lots whose touched rows hold fractions: float sums in another order differ in the last bits.
  const classLots = lotsOf(rows.filter((o) => o.state.kind === 'lgtin').map((o) => o.state));
  const rederive = new Set(classLots.map((l) => lotKey(l.di, l.lot)));
  let deltas = lotDifferences(rows.filter((o) => o.state.di !== null && o.state.lot !== null && !rederive.has(lotKey(o.state.di, o.state.lot))));
  const fractional = await repo.fractionalLots(db, deltas);
  for (const l of fractional) rederive.add(lotKey(l.di, l.lot));
  deltas = deltas.filter((d) => !rederive.has(lotKey(d.di, d.lot)));
  await repo.addToLotHoldings(db, deltas);
  const whole = [...classLots, ...fractional];
  if (whole.length > 0) await deriveLots(db, whole);
  appendCounters.appended += 1;
  return true;
}

interface FoldInput {
  parents: OpenInterval[];
  contents: ContentRow[];
  /** Every object the events name. */
  direct: number[];
  storedById: Map<number, StoredState>;
  identities: AppendBatch['identities'];
  closedUntil: Map<number, Date>;
}

interface Folded {
  tracked: Map<number, Tracked>;
  /** Open intervals after the document, by child. */
  open: Map<number, Interval>;
  touchedIntervals: Interval[];
}

/**
 * The document's events applied in memory, in time order, to the current containment and states
 * around its objects; the reason to decline when the append premise does not hold. A plain
 * synchronous function (not part of the async caller) so the engine optimises this hot loop: a
 * document applies ~25,000 (event, object) steps.
 */
function foldDocument(events: AppendEvent[], { parents, contents, direct, storedById, identities, closedUntil }: FoldInput): Folded | string {
  // The current containment around the document's objects.
  const open = new Map<number, Interval>();
  const inside = new Map<number, Set<number>>();
  const enter = (i: Interval) => {
    open.set(i.childId, i);
    let set = inside.get(i.parentId);
    if (!set) inside.set(i.parentId, (set = new Set()));
    set.add(i.childId);
  };
  const leave = (i: Interval, at: Date) => {
    i.tTo = at;
    open.delete(i.childId);
    inside.get(i.parentId)?.delete(i.childId);
  };
  const touchedIntervals: Interval[] = [];
  for (const p of parents) enter({ ...p, stored: true, tTo: null, addEventId: 0 });
  for (const c of contents) enter({ childId: c.childId, parentId: c.parentId, tFrom: c.tFrom, stored: true, tTo: null, addEventId: 0 });

  const tracked = new Map<number, Tracked>();
  for (const c of contents) if (c.state) tracked.set(c.childId, track(c.state));
  for (const id of direct) {
    if (tracked.has(id)) continue;
    const s = storedById.get(id);
    const who = identities.get(id);
    tracked.set(id, s ? track(s) : { state: { objectId: id, kind: who?.kind ?? 'other', di: who?.di ?? null, lot: who?.lot ?? null, ...initialState() }, before: null, since: -Infinity, transfers: [] });
  }

  const reached = (named: number[]): Iterable<number> => {
    // Most events name objects with nothing inside (units being commissioned or packed): no walk.
    if (!named.some((id) => (inside.get(id)?.size ?? 0) > 0) && allDistinct(named)) return named;
    const out = new Set<number>(named);
    let frontier = named;
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
      const next: number[] = [];
      for (const p of frontier) for (const c of inside.get(p) ?? []) if (!out.has(c)) { out.add(c); next.push(c); }
      frontier = next;
    }
    return out;
  };

  for (const e of events) {
    const t = e.eventTime;
    const parent = e.type === 'AggregationEvent' ? e.objects.find((o) => o.role === 'parent')?.objectId : undefined;
    const children = e.type === 'AggregationEvent' ? e.objects.filter((o) => o.role === 'child').map((o) => o.objectId) : [];
    const changesContainment = parent !== undefined && (e.action === 'ADD' || e.action === 'DELETE');
    if (changesContainment && e.action === 'ADD') {
      for (const c of children) {
        const current = open.get(c);
        if (current) leave(current, t);
        const i: Interval = { childId: c, parentId: parent, tFrom: t, stored: false, tTo: null, addEventId: e.eventId };
        enter(i);
        if (current) touchedIntervals.push(current);
        touchedIntervals.push(i);
      }
    }
    for (const id of reached(e.objects.map((o) => o.objectId))) {
      const o = tracked.get(id);
      // A content loaded as inside a named container is tracked; anything else reached is too.
      if (!o || t.getTime() <= o.since) return o ? 'out_of_order' : 'missing_state';
      // Something left this container at or after t: the event reaches it too (intervals are inclusive).
      if ((closedUntil.get(id)?.getTime() ?? -Infinity) >= t.getTime()) return 'closed_interval';
      applyEvent(o.state, e, o.transfers);
    }
    if (changesContainment && e.action === 'DELETE') {
      if (children.length > 0) {
        for (const c of children) {
          const current = open.get(c);
          if (current) { leave(current, t); touchedIntervals.push(current); }
        }
      } else {
        // A DELETE without children empties the parent of what entered strictly before it.
        for (const c of [...(inside.get(parent) ?? [])]) {
          const current = open.get(c) as Interval;
          if (current.tFrom.getTime() < t.getTime()) { leave(current, t); touchedIntervals.push(current); }
        }
      }
    }
  }

  return { tracked, open, touchedIntervals };
}

/** No id twice (short lists, as most events name, are compared pairwise rather than hashed). */
function allDistinct(ids: number[]): boolean {
  if (ids.length > 32) return new Set(ids).size === ids.length;
  for (let i = 1; i < ids.length; i++) for (let j = 0; j < i; j++) if (ids[i] === ids[j]) return false;
  return true;
}

function track(s: StoredState): Tracked {
  return { state: { ...s }, before: { holderOrgId: s.holderOrgId, status: s.status }, since: s.lastEventTime?.getTime() ?? -Infinity, transfers: [] };
}

function lotsOf(objects: ({ di: string | null; lot: string | null } | null | undefined)[]): Lot[] {
  const out = new Map<string, Lot>();
  for (const o of objects) if (o?.di && o.lot) out.set(lotKey(o.di, o.lot), { di: o.di, lot: o.lot });
  return [...out.values()];
}

/** True when an aggregation event has the same instant as another event of the document. */
function aggregationSharesInstant(sorted: AppendEvent[]): boolean {
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as AppendEvent;
    const b = sorted[i] as AppendEvent;
    if (a.eventTime.getTime() === b.eventTime.getTime() && (a.type === 'AggregationEvent' || b.type === 'AggregationEvent')) return true;
  }
  return false;
}

/** Per lot × holder, what the units' new states and transfers add to lot_holdings (unitCounts / transferCounts of projections.ts). */
function lotDifferences(objects: Tracked[]): ({ di: string; lot: string; holderOrgId: number } & Holding)[] {
  const out = new Map<string, { di: string; lot: string; holderOrgId: number } & Holding>();
  const at = (di: string, lot: string, holderOrgId: number) => {
    const key = `${lotKey(di, lot)}\u0000${holderOrgId}`;
    let h = out.get(key);
    if (!h) out.set(key, (h = { di, lot, holderOrgId, ...emptyHolding() }));
    return h;
  };
  const bucket = (status: string): keyof Holding => (status === 'in_transit' ? 'inTransit' : status === 'used' ? 'used' : status === 'destroyed' ? 'destroyed' : 'inStock');
  for (const o of objects) {
    const { di, lot, kind } = o.state;
    if (kind !== 'sgtin' || di === null || lot === null) continue;
    if (o.before?.holderOrgId != null) at(di, lot, o.before.holderOrgId)[bucket(o.before.status)] -= 1;
    if (o.state.holderOrgId !== null) at(di, lot, o.state.holderOrgId)[bucket(o.state.status)] += 1;
    for (const t of o.transfers) {
      if (t.kind === 'receive' && t.toOrgId !== null) at(di, lot, t.toOrgId).received += 1;
      if (t.kind === 'return' && t.fromOrgId !== null) at(di, lot, t.fromOrgId).returned += 1;
    }
  }
  return [...out.values()].filter((h) => h.received !== 0 || h.inStock !== 0 || h.inTransit !== 0 || h.used !== 0 || h.returned !== 0 || h.destroyed !== 0);
}
