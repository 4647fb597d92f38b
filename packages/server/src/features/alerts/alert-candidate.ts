/**
 * What a rule hit or a statistical signal hands to the alert service. The service decides the
 * rest (responsible level and office, deadline on the working-day calendar, deduplication,
 * escalation); producers only say what they saw, about what, how serious, and where.
 */
export type AlertGrade = 'general' | 'major' | 'critical';

/** Offices a regulator's alert is routed to (labels in core/locales `alerts.department.*`). */
export type AlertDepartment = 'ae_monitoring' | 'distribution_supervision' | 'production_supervision' | 'inspection_enforcement';

export type AlertSubjectType = 'product' | 'lot' | 'unit' | 'organization' | 'report' | 'region';

export interface AlertSubject {
  type: AlertSubjectType;
  /** Stable identity of the subject, e.g. `06901234567892|IV04101` for a lot or an organization id. */
  key: string;
  /** What a person reads in the inbox, e.g. `体外诊断试剂 IV04101`. */
  label: string;
  di?: string;
  lot?: string;
  serial?: string;
  organizationId?: number;
}

export interface AlertAttribution {
  label: 'quality' | 'use' | 'undetermined';
  score: number;
  evidence: Array<{ factor: string; weight: number; detail: Record<string, unknown> }>;
}

export interface AlertCandidate {
  /** The rule or indicator code that fired, e.g. `rule.cold_chain_excursion`, `signal.surge`. */
  source: string;
  subject: AlertSubject;
  grade: AlertGrade;
  /** GB/T 2260 code (6 digits) of the organisation or place concerned; routing starts from it. */
  regionCode: string;
  department: AlertDepartment;
  /** Snapshot of the facts at the time of detection; kept as is, never recomputed. */
  evidence: Record<string, unknown>;
  attribution?: AlertAttribution;
  /** Defaults to `${source}:${subject.type}:${subject.key}`: a continuing signal updates its alert. */
  dedupKey?: string;
  /** When the underlying fact happened (event time, report date); defaults to now. */
  occurredAt?: Date;
}
