import gammainc from '@stdlib/math-base-special-gammainc';
import type { TwoByTwo } from './two-by-two.ts';

/** Pearson χ² of a 2×2 table (1 df) with its upper-tail p-value. */
export interface ChiSquare {
  statistic: number;
  pValue: number;
}

/**
 * χ² test of independence for the 2×2 table, 1 degree of freedom.
 *
 * Default is Yates-corrected, because that is the χ² of the Evans et al. (2001) signal criterion
 * (PRR ≥ 2, χ² ≥ 4, N ≥ 3) used by the MHRA: χ² = n(|ad − bc| − n/2)² / ((a+b)(c+d)(a+c)(b+d)).
 * Like R's chisq.test(correct = TRUE) and scipy's chi2_contingency, the correction never moves a
 * cell past its expected value (|ad − bc| < n/2 gives 0). `yates: false` gives the plain Pearson χ².
 * A table with an empty margin has no defined statistic: NaN.
 */
export function chiSquare(t: TwoByTwo, options: { yates?: boolean } = {}): ChiSquare {
  const { a, b, c, d } = t;
  const n = a + b + c + d;
  const margins = (a + b) * (c + d) * (a + c) * (b + d);
  if (margins === 0) return { statistic: Number.NaN, pValue: Number.NaN };
  const diff = Math.abs(a * d - b * c);
  const corrected = options.yates === false ? diff : Math.max(0, diff - n / 2);
  const statistic = (n * corrected * corrected) / margins;
  // Upper regularised incomplete gamma Q(1/2, x/2) is the χ²(1) survival function without the
  // cancellation of 1 − cdf, so large statistics keep a meaningful p-value.
  return { statistic, pValue: gammainc(statistic / 2, 0.5, true, true) };
}
