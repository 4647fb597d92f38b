import { describe, expect, it } from 'vitest';
import { BUILTIN_INDICATORS } from './builtin-indicators.ts';
import { indicatorInputSchema, windowDays } from './indicator.ts';

const codes = (r: ReturnType<typeof indicatorInputSchema.safeParse>) => (r.success ? [] : r.error.issues.map((i) => [('params' in i ? (i.params as { code?: string } | undefined)?.code : undefined) ?? i.code, i.path.join('.')]));

describe('risk indicator schema', () => {
  it('accepts every built-in indicator', () => {
    for (const b of BUILTIN_INDICATORS) expect([b.code, codes(indicatorInputSchema.safeParse(b))]).toEqual([b.code, []]);
    expect(BUILTIN_INDICATORS).toHaveLength(9);
  });
  const base = BUILTIN_INDICATORS[3]!;
  it('rejects a rate without a denominator and a count with one', () => {
    expect(codes(indicatorInputSchema.safeParse({ ...base, metric: { kind: 'rate', numerator: 'ae_reports', denominator: null, per: 1 } }))).toContainEqual(['risk.rate_needs_denominator', 'metric.denominator']);
    expect(codes(indicatorInputSchema.safeParse({ ...base, method: 'threshold', metric: { kind: 'count', numerator: 'ae_reports', denominator: 'units_used', per: 1 } }))).toContainEqual(['risk.count_has_denominator', 'metric.denominator']);
  });
  it('rejects a fact that cannot be grouped that way', () => {
    expect(codes(indicatorInputSchema.safeParse({ ...base, grouping: 'distributor' }))).toEqual([
      ['risk.fact_grouping', 'metric.numerator'], ['risk.fact_grouping', 'metric.denominator'],
    ]);
  });
  it('checks the method against the metric and the threshold', () => {
    expect(codes(indicatorInputSchema.safeParse({ ...base, threshold: 5 }))).toEqual([['risk.threshold_p_value', 'threshold']]);
    expect(codes(indicatorInputSchema.safeParse({ ...base, method: 'cusum', threshold: 10 }))).toEqual([
      ['risk.method_needs_count', 'method'], ['risk.cusum_window', 'window'], ['risk.threshold_arl', 'threshold'],
    ]);
  });
  it('counts window days', () => {
    expect(windowDays({ unit: 'weeks', length: 3 })).toBe(21);
    expect(windowDays({ unit: 'days', length: 30 })).toBe(30);
  });
});
