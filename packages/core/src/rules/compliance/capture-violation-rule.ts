import type { RuleHit } from './rule-hit.ts';

/**
 * Business-rule breaches that capture stores with the event (`event_violations`, server
 * features/epcis/capture-rules.ts) and the alert each becomes. Unknown locations and parties are
 * data-quality problems of the submitter, answered at capture: they raise no alert.
 */
const MAPPING: Record<string, Omit<RuleHit, 'evidence'>> = {
  // A device identifier nobody registered is moving: possibly counterfeit or unregistered product.
  'epcis.rule.di_unregistered': { rule: 'rule.di_unregistered', grade: 'major', department: 'inspection_enforcement' },
  // Shipping or selling while the registration is expired, suspended or cancelled.
  'epcis.rule.registration_invalid': { rule: 'rule.registration_invalid', grade: 'major', department: 'distribution_supervision' },
  // Shipping without a licence covering the product's class.
  'epcis.rule.shipper_unlicensed': { rule: 'rule.shipper_unlicensed', grade: 'major', department: 'distribution_supervision' },
};

/** The alert a stored capture violation raises, or null. @example violationHit('epcis.rule.registration_invalid', { di: '…' })?.rule === 'rule.registration_invalid' */
export function violationHit(captureRule: string, params: Record<string, unknown>): RuleHit | null {
  const m = MAPPING[captureRule];
  return m ? { ...m, evidence: { captureRule, ...params } } : null;
}

export const ALERTING_CAPTURE_RULES = Object.keys(MAPPING);
