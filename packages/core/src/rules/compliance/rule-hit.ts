import type { AlertDepartmentCode, AlertGrade } from './alert-policy.ts';

/**
 * What a compliance rule returns when it fires: its code, how serious, which office department
 * handles it, and the facts it rests on (kept as the alert's evidence). The server adds the subject
 * and the region from the data it loaded.
 */
export interface RuleHit {
  /** `rule.<name>`, e.g. `rule.cold_chain_excursion`; the alert's source. */
  rule: string;
  grade: AlertGrade;
  department: AlertDepartmentCode;
  evidence: Record<string, unknown>;
}
