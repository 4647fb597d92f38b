/**
 * The registrant's investigation of an adverse event (issue 4 §4; DOMAIN.md "Adverse events"):
 * what was found, coded with IMDRF Annex C (investigation findings) and Annex D (investigation
 * conclusion), the root-cause category, the corrective actions, and whether it is final.
 * The D conclusion is what separates a quality problem from misuse; the risk engine weighs it.
 */
import { z } from 'zod';

export const AE_INVESTIGATION_STATUSES = ['in_progress', 'final'] as const;
export type AeInvestigationStatus = (typeof AE_INVESTIGATION_STATUSES)[number];

/** Root-cause categories, grouped the way Annex D's level-1 terms are. */
export const AE_ROOT_CAUSES = [
  'design', 'component', 'manufacturing', 'transport_storage', 'labeling', 'software',
  'maintenance', 'training', 'use_error', 'infrastructure_environment', 'patient_or_procedure',
  'falsified_device', 'no_problem_found', 'not_established',
] as const;
export type AeRootCause = (typeof AE_ROOT_CAUSES)[number];

/** Annex D level-1 codes each root cause may be concluded with (the code or any of its children). */
const ROOT_CAUSE_CODES: Record<AeRootCause, readonly string[]> = {
  design: ['D01'], component: ['D02'], manufacturing: ['D03'], transport_storage: ['D04'], labeling: ['D09'], software: ['D18', 'D19', 'D0108'],
  maintenance: ['D07'], training: ['D08'], use_error: ['D11'], infrastructure_environment: ['D05', 'D06'], patient_or_procedure: ['D10', 'D12'],
  falsified_device: ['D13'], no_problem_found: ['D14'], not_established: ['D15', 'D16', 'D17'],
};

/** "Conclusion not yet available" cannot close an investigation. */
const NOT_A_CONCLUSION = 'D16';

const codeList = (pattern: RegExp) => z.array(z.string().trim().toUpperCase().regex(pattern)).max(20).default([]);

export const aeInvestigationInputSchema = z
  .object({
    status: z.enum(AE_INVESTIGATION_STATUSES),
    findings: z.string().trim().min(1).max(5000),
    /** IMDRF Annex C codes, e.g. C23 (usage problem identified). */
    findingCodes: codeList(/^C\d{2}(\d{2}){0,2}$/),
    /** IMDRF Annex D codes, e.g. D1102 (unintended use error). */
    conclusionCodes: codeList(/^D\d{2}(\d{2}){0,2}$/),
    rootCause: z.enum(AE_ROOT_CAUSES),
    correctiveActions: z.string().trim().max(3000).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const issue = (path: (string | number)[], code: string, params: Record<string, string | number | boolean | null> = {}) =>
      ctx.addIssue({ code: 'custom', path, message: code, params: { code, ...params } });
    for (const [field, list] of [['findingCodes', r.findingCodes], ['conclusionCodes', r.conclusionCodes]] as const) {
      list.forEach((code, i) => {
        if (list.indexOf(code) !== i) issue([field, i], 'ae_investigation.code_repeated', { imdrfCode: code });
      });
    }
    if (r.status === 'final') {
      if (!r.conclusionCodes.length) issue(['conclusionCodes'], 'ae_investigation.final_needs_conclusion');
      else if (r.conclusionCodes.every((c) => c === NOT_A_CONCLUSION)) issue(['conclusionCodes'], 'ae_investigation.final_not_concluded', { imdrfCode: NOT_A_CONCLUSION });
      if (!r.correctiveActions) issue(['correctiveActions'], 'ae_investigation.final_needs_actions');
    }
    // The root cause must agree with at least one conclusion, so the category cannot contradict the coded finding.
    const allowed = ROOT_CAUSE_CODES[r.rootCause];
    if (r.conclusionCodes.length && !r.conclusionCodes.some((c) => allowed.some((p) => c.startsWith(p)))) {
      issue(['rootCause'], 'ae_investigation.root_cause_mismatch', { rootCause: r.rootCause, expected: allowed.join('/') });
    }
  });

export type AeInvestigationInput = z.infer<typeof aeInvestigationInputSchema>;

/**
 * Which clock the registrant's investigation runs on (rule codes of the deadline_rules table), or
 * null when none does: a cluster event 7 days (the regulation), a death, serious injury or event
 * abroad the platform's configurable period; follow-ups and "other" outcomes have none of their own.
 */
export function investigationClock(r: { kind: string; outcome: string; abroad: boolean; cluster: boolean }): string | null {
  if (r.kind !== 'initial') return null;
  if (r.cluster) return 'ae.cluster.registrant_investigation';
  if (r.abroad || r.outcome === 'death' || r.outcome === 'serious_injury') return 'ae.registrant_investigation';
  return null;
}
