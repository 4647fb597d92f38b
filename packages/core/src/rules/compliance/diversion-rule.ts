import type { RuleHit } from './rule-hit.ts';

/** Default N of "shipped but not received within N days". */
export const DIVERSION_DAYS = 14;

/**
 * A shipment not received within N days: the goods may have gone elsewhere (diversion) or the
 * receiver does not record receipts.
 * @example diversion({ shippedAt: '2026-01-01T00:00:00Z', now: '2026-01-20T00:00:00Z', quantity: 10 })?.evidence.daysInTransit === 19
 */
export function diversion(f: { shippedAt: string; now: string; quantity: number; maxDays?: number }): RuleHit | null {
  const maxDays = f.maxDays ?? DIVERSION_DAYS;
  const days = Math.floor((Date.parse(f.now) - Date.parse(f.shippedAt)) / 86_400_000);
  if (days <= maxDays || f.quantity <= 0) return null;
  return { rule: 'rule.diversion', grade: 'general', department: 'distribution_supervision', evidence: { shippedAt: f.shippedAt, daysInTransit: days, maxDays, quantityInTransit: f.quantity } };
}
