import type { AlertGrade } from './alert-policy.ts';
import type { RuleHit } from './rule-hit.ts';

/** A suspension or recall of a lot, as the rule needs it (server features/lot-restrictions). */
export interface LotRestrictionFacts {
  kind: 'suspension' | 'recall';
  /** 1 | 2 | 3 for a recall, null for a suspension. */
  recallLevel: number | null;
  startedAt: string;
  liftedAt: string | null;
}

/** One supply-chain event that moved units of the restricted lot. */
export interface LotMovementFacts {
  /** CBV business step without prefix: shipping, receiving, dispensing, retail_selling, … */
  bizStep: string | null;
  /** CBV disposition without prefix, e.g. returned, in_transit. */
  disposition: string | null;
  eventTime: string;
  /** The goods go to (or are received by) the lot's registrant: the recall's own flow back. */
  toRegistrant: boolean;
}

/** Steps that move a lot on towards patients; anything else (storing, inspecting, destroying) is not "moving on". */
export const RESTRICTED_MOVING_STEPS = ['shipping', 'receiving', 'dispensing', 'retail_selling'] as const;

/**
 * A suspended or recalled lot moving on: shipped, received, dispensed or sold while the measure was
 * in force (at or after its start, before its lift). Recalled units flowing back are what a recall
 * asks for, so a shipment with disposition `returned`, or a shipment to / receipt by the registrant,
 * is not a hit. Grades: a level I recall (serious harm) is critical; level II, level III and a
 * suspension are major — even a level III lot moving on defies an administrative order in force,
 * which is never merely "general", while only level I carries the serious-harm risk that makes it
 * critical. Departments follow the expired-unit convention: use on a patient is an enforcement
 * matter (inspection), trade moves are distribution supervision.
 * @example restrictedLotMoving({ kind: 'recall', recallLevel: 1, startedAt: '2026-03-01T00:00:00Z', liftedAt: null }, { bizStep: 'shipping', disposition: 'in_transit', eventTime: '2026-03-02T00:00:00Z', toRegistrant: false })?.grade === 'critical'
 */
export function restrictedLotMoving(r: LotRestrictionFacts, e: LotMovementFacts): RuleHit | null {
  const step = e.bizStep ?? '';
  if (!(RESTRICTED_MOVING_STEPS as readonly string[]).includes(step)) return null;
  const t = Date.parse(e.eventTime);
  if (!(t >= Date.parse(r.startedAt))) return null;
  if (r.liftedAt !== null && t >= Date.parse(r.liftedAt)) return null;
  if (e.toRegistrant || (step === 'shipping' && e.disposition === 'returned')) return null;
  const grade: AlertGrade = r.kind === 'recall' && r.recallLevel === 1 ? 'critical' : 'major';
  return {
    rule: 'rule.restricted_lot_moving', grade, department: step === 'dispensing' ? 'inspection_enforcement' : 'distribution_supervision',
    evidence: { restriction: { kind: r.kind, recallLevel: r.recallLevel, startedAt: r.startedAt, liftedAt: r.liftedAt }, step, disposition: e.disposition, eventTime: e.eventTime },
  };
}
