/**
 * CBV semantics of custody, as pure folds over an object's effective path (its own events plus its
 * containers' events while it was inside them), in event-time order:
 *
 *   commissioning                         in stock at the event's organisation
 *   shipping (disposition in_transit)     in transit; holder stays the source until received
 *   shipping with disposition returned    a return: in transit back, counted as returned by the source
 *   receiving / accepting                 in stock at the destination (else the event's location)
 *   void_shipping                         back in stock at the shipper
 *   dispensing / retail_selling / use     used (disposition dispensed / retail_sold likewise)
 *   destroying (disposition destroyed)    destroyed
 *   anything else (storing, packing, …)   moves the holder to the event's organisation unless the
 *                                         object is in transit, used or destroyed
 */

export interface PathEvent {
  eventId: number;
  eventTime: Date;
  bizStep: string | null;
  disposition: string | null;
  bizLocation: string | null;
  /** bizLocation's organisation, else readPoint's. */
  locationOrgId: number | null;
  sourceOrgId: number | null;
  destinationOrgId: number | null;
  submitterOrgId: number | null;
  /** For lot-level (class) objects: the quantity the event names. */
  quantity: number | null;
}

export type Status = 'in_stock' | 'in_transit' | 'used' | 'destroyed';
export type Effect = 'commission' | 'ship' | 'return' | 'receive' | 'void_ship' | 'use' | 'destroy' | 'neutral';

export interface ObjectState {
  holderOrgId: number | null;
  location: string | null;
  disposition: string | null;
  lastBizStep: string | null;
  lastEventId: number | null;
  lastEventTime: Date | null;
  status: Status;
  inTransit: boolean;
  destinationOrgId: number | null;
}

export interface Transfer {
  eventId: number;
  eventTime: Date;
  kind: 'ship' | 'receive' | 'return';
  fromOrgId: number | null;
  toOrgId: number | null;
}

const USE_STEPS = new Set(['dispensing', 'retail_selling', 'use']);
const USE_DISPOSITIONS = new Set(['dispensed', 'retail_sold']);

// A capture applies each event to every object it reaches (tens of thousands of calls per
// document) with a handful of distinct (bizStep, disposition) pairs: each pair is worked out once.
const effects = new Map<string | null, Map<string | null, Effect>>();
const MAX_REMEMBERED_STEPS = 1_000;

/** What an event does to custody (bizStep first, disposition where the step says nothing). */
export function effectOf(e: Pick<PathEvent, 'bizStep' | 'disposition'>): Effect {
  let byDisposition = effects.get(e.bizStep);
  let effect = byDisposition?.get(e.disposition);
  if (effect !== undefined) return effect;
  effect = computeEffect(e);
  // Steps and dispositions are CBV terms or a submitter's URIs: a bounded memory, emptied when full.
  if (!byDisposition) {
    if (effects.size >= MAX_REMEMBERED_STEPS) effects.clear();
    effects.set(e.bizStep, (byDisposition = new Map()));
  }
  if (byDisposition.size < MAX_REMEMBERED_STEPS) byDisposition.set(e.disposition, effect);
  return effect;
}

function computeEffect(e: Pick<PathEvent, 'bizStep' | 'disposition'>): Effect {
  const step = e.bizStep ? e.bizStep.replace(/^.*[:/-]/, '') : null;
  const disp = e.disposition;
  if (step === 'destroying' || disp === 'destroyed' || disp === 'disposed') return 'destroy';
  if ((step !== null && USE_STEPS.has(step)) || (disp !== null && USE_DISPOSITIONS.has(disp))) return 'use';
  if (step === 'returning' || (step === 'shipping' && disp === 'returned')) return 'return';
  if (step === 'shipping' || disp === 'in_transit') return 'ship';
  if (step === 'receiving' || step === 'accepting') return 'receive';
  if (step === 'void_shipping') return 'void_ship';
  if (step === 'commissioning') return 'commission';
  return 'neutral';
}

/** The first of these ids that is set (fixed arity: this runs for every object an event reaches, and rest parameters allocate). */
function first(a: number | null, b: number | null, c: number | null = null, d: number | null = null): number | null {
  return a ?? b ?? c ?? d;
}

/** The state of an object before any event. */
export const initialState = (): ObjectState => ({
  holderOrgId: null, location: null, disposition: null, lastBizStep: null, lastEventId: null, lastEventTime: null, status: 'in_stock', inTransit: false, destinationOrgId: null,
});

/**
 * Applies one event of an object's effective path to its state (in place), appending the custody
 * transfer it makes. Folding is resumable: applying later events to a stored state gives what a
 * fold of the whole path gives, which is what lets capture append instead of re-deriving.
 */
export function applyEvent(s: ObjectState, e: PathEvent, transfers: Transfer[]): void {
  const here = first(e.locationOrgId, e.submitterOrgId);
  const effect = effectOf(e);
  switch (effect) {
    case 'ship':
    case 'return': {
      const from = first(e.sourceOrgId, e.locationOrgId, s.holderOrgId, e.submitterOrgId);
      s.holderOrgId = from;
      s.status = 'in_transit';
      s.inTransit = true;
      s.destinationOrgId = e.destinationOrgId;
      transfers.push({ eventId: e.eventId, eventTime: e.eventTime, kind: effect === 'return' ? 'return' : 'ship', fromOrgId: from, toOrgId: e.destinationOrgId });
      break;
    }
    case 'receive': {
      const from = s.inTransit ? s.holderOrgId : first(e.sourceOrgId, s.holderOrgId);
      s.holderOrgId = first(e.destinationOrgId, here, s.destinationOrgId);
      s.status = 'in_stock';
      s.inTransit = false;
      s.destinationOrgId = null;
      transfers.push({ eventId: e.eventId, eventTime: e.eventTime, kind: 'receive', fromOrgId: from, toOrgId: s.holderOrgId });
      break;
    }
    case 'void_ship':
      s.status = 'in_stock';
      s.inTransit = false;
      s.destinationOrgId = null;
      break;
    case 'use':
    case 'destroy':
      s.holderOrgId = first(here, s.holderOrgId);
      s.status = effect === 'use' ? 'used' : 'destroyed';
      s.inTransit = false;
      s.destinationOrgId = null;
      break;
    case 'commission':
      s.holderOrgId = first(here, s.holderOrgId);
      s.status = 'in_stock';
      s.inTransit = false;
      break;
    case 'neutral':
      if (s.status === 'in_stock') s.holderOrgId = first(here, s.holderOrgId);
      break;
  }
  if (e.bizStep !== null) s.lastBizStep = e.bizStep;
  if (e.disposition !== null) s.disposition = e.disposition;
  if (e.bizLocation !== null) s.location = e.bizLocation;
  s.lastEventId = e.eventId;
  s.lastEventTime = e.eventTime;
}

/** Current state and custody transfers of one serialised object from its ordered effective path. */
export function foldUnit(path: readonly PathEvent[]): { state: ObjectState; transfers: Transfer[] } {
  const state = initialState();
  const transfers: Transfer[] = [];
  for (const e of path) applyEvent(state, e, transfers);
  return { state, transfers };
}

export interface Holding {
  received: number;
  inStock: number;
  inTransit: number;
  used: number;
  returned: number;
  destroyed: number;
}

export const emptyHolding = (): Holding => ({ received: 0, inStock: 0, inTransit: 0, used: 0, returned: 0, destroyed: 0 });

/**
 * Per-holder quantities of a lot-level (class) object from its ordered quantity events. A receipt
 * settles the shipper's in-transit quantity: the shipper named in its sourceList, else the oldest
 * open shipment addressed to the receiver.
 */
export function foldLotQuantities(events: readonly PathEvent[]): Map<number, Holding> {
  const by = new Map<number, Holding>();
  const at = (org: number | null): Holding | null => {
    if (org === null) return null;
    let h = by.get(org);
    if (!h) by.set(org, (h = emptyHolding()));
    return h;
  };
  const open: { from: number | null; to: number | null; left: number }[] = [];
  for (const e of events) {
    const q = e.quantity ?? 0;
    if (q <= 0) continue;
    const here = first(e.locationOrgId, e.submitterOrgId);
    switch (effectOf(e)) {
      case 'commission': {
        const h = at(here);
        if (h) h.inStock += q;
        break;
      }
      case 'ship':
      case 'return': {
        const from = first(e.sourceOrgId, here);
        const h = at(from);
        if (h) {
          h.inStock -= q;
          h.inTransit += q;
          if (effectOf(e) === 'return') h.returned += q;
        }
        open.push({ from, to: e.destinationOrgId, left: q });
        break;
      }
      case 'receive': {
        const to = first(e.destinationOrgId, here);
        const h = at(to);
        if (h) {
          h.received += q;
          h.inStock += q;
        }
        let left = q;
        for (const s of open) {
          if (left <= 0) break;
          if (s.left <= 0 || (e.sourceOrgId !== null ? s.from !== e.sourceOrgId : s.to !== to)) continue;
          const take = Math.min(s.left, left);
          s.left -= take;
          left -= take;
          const src = at(s.from);
          if (src) src.inTransit -= take;
        }
        break;
      }
      case 'use':
      case 'destroy': {
        const h = at(here);
        if (h) {
          h.inStock -= q;
          if (effectOf(e) === 'use') h.used += q;
          else h.destroyed += q;
        }
        break;
      }
      case 'void_ship':
      case 'neutral':
        break;
    }
  }
  return by;
}
