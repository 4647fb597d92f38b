import digamma from '@stdlib/math-base-special-digamma';
import trigamma from '@stdlib/math-base-special-trigamma';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { TwoByTwo } from './two-by-two.ts';

/** BCPNN information component on the log2 scale with its normal-approximation interval. */
export interface InformationComponent {
  /** Posterior expectation of IC = log2(p11 / (p1. p.1)). */
  ic: number;
  /** Posterior variance of IC. */
  variance: number;
  /** Lower limit of the two-sided interval (IC025 at the default 95 %). */
  lower: number;
  /** Upper limit (IC975 at the default 95 %). */
  upper: number;
}

const LN2 = Math.LN2;

/**
 * BCPNN IC with the normal approximation of Gould (2003, Pharmacoepidemiol Drug Saf 12:559,
 * equations A3/A4), exactly as pharmsignal's bcpnn_norm_signal: beta priors p1 = 1+n1.,
 * p2 = 1+n..−n1., q1 = 1+n.1, q2 = 1+n..−n.1, r1 = 1+n11, r2b = n..−n11−1+(2+n..)²/(q1·p1);
 * E[IC] and Var[IC] from digamma/trigamma, limits IC ∓ z·sd. Defined for zero cells too.
 */
export function bcpnnIc(t: TwoByTwo, confidence = 0.95): InformationComponent {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const n11 = t.a;
  const n1 = t.a + t.b;
  const m1 = t.a + t.c;
  const n = t.a + t.b + t.c + t.d;
  const p1 = 1 + n1;
  const p2 = 1 + n - n1;
  const q1 = 1 + m1;
  const q2 = 1 + n - m1;
  const r1 = 1 + n11;
  const r2b = n - n11 - 1 + (2 + n) ** 2 / (q1 * p1);
  const ic = (digamma(r1) - digamma(r1 + r2b) - (digamma(p1) - digamma(p1 + p2) + digamma(q1) - digamma(q1 + q2))) / LN2;
  const variance =
    (trigamma(r1) - trigamma(r1 + r2b) + (trigamma(p1) - trigamma(p1 + p2) + trigamma(q1) - trigamma(q1 + q2))) / (LN2 * LN2);
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
  const sd = Math.sqrt(variance);
  return { ic, variance, lower: ic - z * sd, upper: ic + z * sd };
}

/**
 * Observed-to-expected IC with statistical shrinkage (Norén et al. 2013, Stat Methods Med Res
 * 22:57): IC = log2((n11 + ½)/(E + ½)), IC025 ≈ IC − 3.3(n11+½)^−½ − 2(n11+½)^−3/2. The closed-form
 * lower limit is the 95 % approximation of that paper, so it has no confidence parameter.
 */
export function shrunkIc(t: TwoByTwo): { ic: number; lower: number } {
  const n = t.a + t.b + t.c + t.d;
  const expected = ((t.a + t.b) * (t.a + t.c)) / n;
  const obs = t.a + 0.5;
  const ic = Math.log2(obs / (expected + 0.5));
  return { ic, lower: ic - 3.3 * obs ** -0.5 - 2 * obs ** -1.5 };
}
