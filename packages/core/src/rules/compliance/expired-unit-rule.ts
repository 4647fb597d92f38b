import type { RuleHit } from './rule-hit.ts';

/**
 * An expired unit received or used: the event's Shanghai date is after the lot's expiry date.
 * Use on a patient is worse (major, inspection) than receipt into stock (general, distribution).
 * @example expiredUnit({ step: 'dispensing', eventDate: '2026-03-02', expiryDate: '2026-03-01' })?.grade === 'major'
 */
export function expiredUnit(f: { step: 'receiving' | 'dispensing'; eventDate: string; expiryDate: string | null }): RuleHit | null {
  if (f.expiryDate === null || f.eventDate <= f.expiryDate) return null;
  const daysPast = Math.round((Date.parse(`${f.eventDate}T00:00:00Z`) - Date.parse(`${f.expiryDate}T00:00:00Z`)) / 86_400_000);
  return f.step === 'dispensing'
    ? { rule: 'rule.expired_unit', grade: 'major', department: 'inspection_enforcement', evidence: { step: 'use', eventDate: f.eventDate, expiryDate: f.expiryDate, daysPast } }
    : { rule: 'rule.expired_unit', grade: 'general', department: 'distribution_supervision', evidence: { step: 'receipt', eventDate: f.eventDate, expiryDate: f.expiryDate, daysPast } };
}
