import type { RuleHit } from './rule-hit.ts';

/**
 * An adverse-event report filed past its statutory deadline. A late death report is critical, a
 * late serious-injury report major, other late reports general.
 * @example lateReport({ late: true, lateByHours: 30, outcome: 'death', deadlineRule: 'ae.death', deadline: '…', submittedAt: '…' })?.grade === 'critical'
 */
export function lateReport(f: { late: boolean; lateByHours: number; outcome: string; deadlineRule: string | null; deadline: string | null; submittedAt: string }): RuleHit | null {
  if (!f.late) return null;
  const grade = f.outcome === 'death' ? 'critical' : f.outcome === 'serious_injury' ? 'major' : 'general';
  return { rule: 'rule.ae_report_late', grade, department: 'ae_monitoring', evidence: { outcome: f.outcome, deadlineRule: f.deadlineRule, deadline: f.deadline, submittedAt: f.submittedAt, lateByHours: f.lateByHours } };
}

/** Quality flags of production records (server features/production) and the alerts they raise. */
const FLAGS: Record<string, Omit<RuleHit, 'evidence'>> = {
  released_with_failed_item: { rule: 'rule.released_with_failed_test', grade: 'critical', department: 'production_supervision' },
  shipped_before_release: { rule: 'rule.shipped_before_release', grade: 'major', department: 'production_supervision' },
};

/** The alert a production quality flag raises, or null (material findings stay in the batch dossier). */
export function qualityFlagHit(flagRule: string, params: Record<string, unknown>): RuleHit | null {
  const m = FLAGS[flagRule];
  return m ? { ...m, evidence: { flag: flagRule, ...params } } : null;
}
