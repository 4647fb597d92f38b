import type { RuleHit } from './rule-hit.ts';

/**
 * More units of a lot used at an institution than it ever received: the surplus came from
 * somewhere the chain does not know (counterfeit or unrecorded supply).
 * @example overuse({ received: 10, used: 12 })?.evidence.excess === 2
 */
export function overuse(f: { received: number; used: number }): RuleHit | null {
  if (f.used <= f.received) return null;
  return { rule: 'rule.overuse', grade: 'critical', department: 'inspection_enforcement', evidence: { received: f.received, used: f.used, excess: f.used - f.received } };
}

export interface SerialObservation {
  organizationId: number;
  /** CBV business step without prefix, e.g. dispensing, receiving, storing. */
  bizStep: string | null;
  time: string;
}

/** Two sightings at different organisations closer than this cannot be one physical unit. */
export const SERIAL_CLASH_WINDOW_HOURS = 1;

/**
 * One serial seen at two places at once: used (dispensed) at two organisations, or observed at two
 * organisations within an hour (a unit cannot travel that fast, and custody moves by shipping).
 * @example serialAtTwoPlaces([{ organizationId: 1, bizStep: 'dispensing', time: '…' }, { organizationId: 2, bizStep: 'dispensing', time: '…' }])?.rule === 'rule.serial_two_places'
 */
export function serialAtTwoPlaces(observations: readonly SerialObservation[], windowHours = SERIAL_CLASH_WINDOW_HOURS): RuleHit | null {
  const uses = observations.filter((o) => o.bizStep === 'dispensing');
  const useOrgs = [...new Set(uses.map((o) => o.organizationId))];
  if (useOrgs.length > 1) {
    return { rule: 'rule.serial_two_places', grade: 'critical', department: 'inspection_enforcement', evidence: { reason: 'used_twice', organizationIds: useOrgs, uses: uses.map((u) => ({ organizationId: u.organizationId, time: u.time })) } };
  }
  const local = observations.filter((o) => o.bizStep !== 'shipping' && o.bizStep !== 'receiving').sort((a, b) => a.time.localeCompare(b.time));
  for (let i = 1; i < local.length; i++) {
    const a = local[i - 1] as SerialObservation;
    const b = local[i] as SerialObservation;
    if (a.organizationId !== b.organizationId && Date.parse(b.time) - Date.parse(a.time) < windowHours * 3_600_000) {
      return { rule: 'rule.serial_two_places', grade: 'critical', department: 'inspection_enforcement', evidence: { reason: 'simultaneous', organizationIds: [a.organizationId, b.organizationId], sightings: [a, b] } };
    }
  }
  return null;
}
