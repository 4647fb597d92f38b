import { describe, expect, it } from 'vitest';
import { issueFromZod } from '../zod-issues.ts';
import { aeInvestigationInputSchema, investigationClock } from './adverse-event-investigation.ts';

const base = { status: 'final', findings: '操作人员未按说明书设置输液参数', findingCodes: ['C23'], conclusionCodes: ['D1102'], rootCause: 'use_error', correctiveActions: '对操作人员再培训' };
const codes = (input: unknown) => {
  const r = aeInvestigationInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => issueFromZod(i)).map((i) => `${i.path?.join('.')}:${i.code}`);
};

describe('registrant investigation schema', () => {
  it('accepts a final use-error conclusion and upper-cases codes', () => {
    expect(aeInvestigationInputSchema.parse({ ...base, conclusionCodes: ['d1102'] })).toMatchObject({ conclusionCodes: ['D1102'], findingCodes: ['C23'] });
  });

  it('names each rule with its own code and path', () => {
    expect(codes({ ...base, conclusionCodes: [] })).toEqual(['conclusionCodes:ae_investigation.final_needs_conclusion']);
    expect(codes({ ...base, conclusionCodes: ['D16'], rootCause: 'not_established' })).toEqual(['conclusionCodes:ae_investigation.final_not_concluded']);
    expect(codes({ ...base, correctiveActions: undefined })).toEqual(['correctiveActions:ae_investigation.final_needs_actions']);
    expect(codes({ ...base, rootCause: 'manufacturing' })).toEqual(['rootCause:ae_investigation.root_cause_mismatch']);
    expect(codes({ ...base, findingCodes: ['C23', 'C23'] })).toEqual(['findingCodes.1:ae_investigation.code_repeated']);
    expect(codes({ ...base, conclusionCodes: ['C23'] })).toContain('conclusionCodes.0:generic.format');
    expect(codes({ ...base, status: 'in_progress', conclusionCodes: [], correctiveActions: undefined })).toEqual([]);
  });

  it('picks the investigation clock from the report', () => {
    expect(investigationClock({ kind: 'initial', outcome: 'other', abroad: false, cluster: true })).toBe('ae.cluster.registrant_investigation');
    expect(investigationClock({ kind: 'initial', outcome: 'death', abroad: false, cluster: false })).toBe('ae.registrant_investigation');
    expect(investigationClock({ kind: 'initial', outcome: 'other', abroad: false, cluster: false })).toBeNull();
    expect(investigationClock({ kind: 'follow_up', outcome: 'death', abroad: false, cluster: false })).toBeNull();
  });
});
