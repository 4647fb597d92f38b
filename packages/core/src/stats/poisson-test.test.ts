import { describe, expect, it } from 'vitest';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { binomialUpperTail, exposureRateTests, poissonRateTest } from './poisson-test.ts';

describe('exact Poisson rate comparison', () => {
  // Expected values computed independently with scipy 1.17: binomtest(x, x+y, t/(t+tRef),
  // alternative='greater').pvalue, and the rate-ratio limits from beta.ppf (Clopper–Pearson),
  // the same construction as R's poisson.test for two samples.
  const cases: [number, number, number, number, number, number, number][] = [
    [12, 20000, 30, 400000, 3.925476593953955e-7, 3.73018213668358, 16.090581800722457],
    [3, 10000, 40, 200000, 0.33647595115969975, 0.2968515412268584, 4.709882257284934],
    [0, 5000, 10, 100000, 1, 0, 8.922510991838491],
    [25, 1000, 25, 1000, 0.5561375863296085, 0.5510440784213501, 1.814736858918499],
  ];
  for (const [x, t, y, tRef, p, lo, hi] of cases) {
    it(`${x}/${t} vs ${y}/${tRef}`, () => {
      const r = poissonRateTest(x, t, y, tRef);
      expect(r.pValue / p).toBeCloseTo(1, 9);
      expect(r.lower).toBeCloseTo(lo, 8);
      expect(r.upper).toBeCloseTo(hi, 8);
      expect(r.rateRatio).toBeCloseTo(x / t / (y / tRef), 12);
      expect(r.rate).toBeCloseTo((x / t) * 10_000, 12);
    });
  }
  it('agrees with the beta-quantile identity P(X ≥ x) = I_p(x, n − x + 1)', () => {
    for (const [x, n, p] of [
      [5, 40, 0.05],
      [30, 60, 0.3],
      [2, 1000, 0.0001],
    ] as const) {
      const tail = binomialUpperTail(x, n, p);
      expect(betaQuantile(tail, x, n - x + 1)).toBeCloseTo(p, 9);
    }
  });
  it('tests each unit against its pooled siblings', () => {
    const r = exposureRateTests([
      { id: 'L1', reports: 9, exposure: 5_000 },
      { id: 'L2', reports: 2, exposure: 10_000 },
      { id: 'L3', reports: 3, exposure: 15_000 },
    ]);
    expect(r.map((u) => u.id)).toEqual(['L1', 'L2', 'L3']);
    expect(r[0]).toMatchObject({ referenceCount: 5, referenceExposure: 25_000 });
    expect(r[0]?.pValue).toBeLessThan(0.01);
    expect(r[1]?.pValue).toBeGreaterThan(0.5);
  });
  it('rejects zero exposure', () => {
    expect(() => poissonRateTest(1, 0, 1, 10)).toThrow(RangeError);
  });
});
