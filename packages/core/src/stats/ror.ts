import type { RatioEstimate } from './prr.ts';
import { withLogInterval } from './prr.ts';
import type { TwoByTwo } from './two-by-two.ts';

/**
 * Reporting odds ratio (van Puijenbroek et al. 2002): (a/b)/(c/d), Woolf interval with
 * SE(ln ROR) = sqrt(1/a + 1/b + 1/c + 1/d), as pharmsignal's ror_signal. No continuity
 * correction: a zero cell gives 0 or Infinity and NaN limits, so callers see the gap.
 */
export function ror(t: TwoByTwo, confidence = 0.95): RatioEstimate {
  const { a, b, c, d } = t;
  const estimate = (a * d) / (b * c);
  const seLog = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  return withLogInterval(estimate, seLog, confidence);
}
