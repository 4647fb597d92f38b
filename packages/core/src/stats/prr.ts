import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { TwoByTwo } from './two-by-two.ts';

/** A ratio estimate with its confidence interval on the original scale. */
export interface RatioEstimate {
  estimate: number;
  /** Standard error of ln(estimate). */
  seLog: number;
  lower: number;
  upper: number;
}

/**
 * Proportional reporting ratio (Evans, Waller & Davis 2001): (a/(a+b)) / (c/(c+d)), with the
 * Wald interval on the log scale, SE = sqrt(1/a − 1/(a+b) + 1/c − 1/(c+d)), as pharmsignal's
 * prr_signal. openEBGM's processRaw PRR is the same ratio. c = 0 gives Infinity (as openEBGM)
 * and a = 0 gives 0; in both cases the log-scale interval is undefined and lower/upper are NaN.
 */
export function prr(t: TwoByTwo, confidence = 0.95): RatioEstimate {
  const { a, b, c, d } = t;
  const estimate = a / (a + b) / (c / (c + d));
  const seLog = Math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d));
  return withLogInterval(estimate, seLog, confidence);
}

/** Wald interval exp(ln x ∓ z·se); shared by PRR and ROR. */
export function withLogInterval(estimate: number, seLog: number, confidence: number): RatioEstimate {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
  const finite = Number.isFinite(seLog) && estimate > 0 && Number.isFinite(estimate);
  return {
    estimate,
    seLog,
    lower: finite ? Math.exp(Math.log(estimate) - z * seLog) : Number.NaN,
    upper: finite ? Math.exp(Math.log(estimate) + z * seLog) : Number.NaN,
  };
}
