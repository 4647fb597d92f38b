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

/**
 * The registrant's investigation of a serious or cluster event past its due date with no final
 * filing (an interim one does not stop the clock). A cluster or death case is critical, a serious
 * injury major, others general. Raised once per case by the server (state check, not an event).
 * @example overdueInvestigation({ outcome: 'serious_injury', cluster: false, dueRule: 'ae.registrant_investigation', dueAt: '2026-01-01T00:00:00Z', now: '2026-01-02T00:00:00Z', lastFiledAt: null, lastStatus: null })?.evidence.overdueHours === 24
 */
export function overdueInvestigation(f: {
  outcome: string; cluster: boolean; dueRule: string; dueAt: string; now: string; lastFiledAt: string | null; lastStatus: string | null;
}): RuleHit | null {
  const overdueMs = Date.parse(f.now) - Date.parse(f.dueAt);
  if (!(overdueMs > 0) || f.lastStatus === 'final') return null;
  const grade = f.cluster || f.outcome === 'death' ? 'critical' : f.outcome === 'serious_injury' ? 'major' : 'general';
  return {
    rule: 'rule.ae_investigation_overdue', grade, department: 'ae_monitoring',
    evidence: { outcome: f.outcome, cluster: f.cluster, dueRule: f.dueRule, dueAt: f.dueAt, overdueHours: Math.floor(overdueMs / 3_600_000), lastStatus: f.lastStatus },
  };
}
