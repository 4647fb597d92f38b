import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import gammaCdf from '@stdlib/stats-base-dists-gamma-cdf';
import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import { brentRoot } from './brent.ts';
import type { GammaMixturePrior } from './mgps-prior.ts';

/** Empirical-Bayes scores of one pair under a gamma-mixture prior. */
export interface EbScores {
  /** Posterior probability that λ comes from the first prior component. */
  qn: number;
  /** Empirical Bayes geometric mean, exp E[ln λ | N]. */
  ebgm: number;
  /** 5th percentile of the posterior of λ. */
  eb05: number;
  /** 95th percentile. */
  eb95: number;
}

/** ln NB(n; size α, prob β/(β+E)), the marginal of N under one prior component. */
function logNegBinom(n: number, e: number, alpha: number, beta: number): number {
  const lb = Math.log(beta + e);
  return gammaln(alpha + n) - gammaln(alpha) - gammaln(n + 1) + alpha * (Math.log(beta) - lb) + n * (Math.log(e) - lb);
}

/**
 * Posterior weight of the first component (DuMouchel 1999, eq. 6), as openEBGM's Qn:
 * P·NB1(n) / (P·NB1(n) + (1−P)·NB2(n)), untruncated. Computed on the log scale so that large N
 * does not underflow both terms.
 */
export function posteriorWeight(prior: GammaMixturePrior, n: number, e: number): number {
  const l1 = Math.log(prior.p) + logNegBinom(n, e, prior.alpha1, prior.beta1);
  const l2 = Math.log1p(-prior.p) + logNegBinom(n, e, prior.alpha2, prior.beta2);
  return 1 / (1 + Math.exp(l2 - l1));
}

/**
 * EBGM = exp(E[ln λ | N]) with the posterior Qn·Gamma(α1+n, β1+E) + (1−Qn)·Gamma(α2+n, β2+E);
 * E[ln X] of Gamma(a, b) is ψ(a) − ln b (DuMouchel 1999, eq. 8), as openEBGM's ebgm.
 */
export function ebgm(prior: GammaMixturePrior, n: number, e: number, qn = posteriorWeight(prior, n, e)): number {
  const m1 = digamma(prior.alpha1 + n) - Math.log(prior.beta1 + e);
  const m2 = digamma(prior.alpha2 + n) - Math.log(prior.beta2 + e);
  return Math.exp(qn * m1 + (1 - qn) * m2);
}

/**
 * Posterior quantile of λ: the x with Qn·G1(x) + (1−Qn)·G2(x) = prob, G the gamma CDFs.
 * The mixture quantile lies between the two component quantiles, which bracket the root for
 * Brent's method; openEBGM's quantBisect bisects to 2 decimals instead, so its printed values can
 * be 0.01 off (see conformance/signal/README.md), while this is solved to ~1e-12 relative.
 */
export function ebQuantile(prior: GammaMixturePrior, n: number, e: number, prob: number, qn = posteriorWeight(prior, n, e)): number {
  if (!(prob > 0 && prob < 1)) throw new RangeError(`prob must be in (0, 1), got ${prob}`);
  const a1 = prior.alpha1 + n;
  const b1 = prior.beta1 + e;
  const a2 = prior.alpha2 + n;
  const b2 = prior.beta2 + e;
  const q1 = gammaQuantile(prob, a1, b1);
  const q2 = gammaQuantile(prob, a2, b2);
  if (qn >= 1 || q1 === q2) return q1;
  if (qn <= 0) return q2;
  const f = (x: number): number => qn * gammaCdf(x, a1, b1) + (1 - qn) * gammaCdf(x, a2, b2) - prob;
  // The component quantiles carry their own rounding error, so when Qn is within ~1e-9 of 0 or 1
  // the root can sit just outside [q1, q2]: widen the bracket until it changes sign.
  let lo = Math.min(q1, q2);
  let hi = Math.max(q1, q2);
  for (let i = 0; i < 60 && f(lo) > 0; i++) lo /= 2;
  for (let i = 0; i < 60 && f(hi) < 0; i++) hi *= 2;
  return brentRoot(f, lo, hi, 1e-12 * hi);
}

/** Qn, EBGM, EB05 and EB95 of one pair: `ebScores(CAERS_THETA_HAT, 16, 0.40643623).eb05` ≈ 15.6857. */
export function ebScores(prior: GammaMixturePrior, n: number, e: number): EbScores {
  const qn = posteriorWeight(prior, n, e);
  return { qn, ebgm: ebgm(prior, n, e, qn), eb05: ebQuantile(prior, n, e, 0.05, qn), eb95: ebQuantile(prior, n, e, 0.95, qn) };
}

/**
 * Scores for many pairs. Pairs share (N, E) often (E depends only on the two margins), so the
 * scores are computed once per distinct (N, E): about 1 700 instead of 17 189 on CAERS.
 */
export function ebScoresMany(prior: GammaMixturePrior, pairs: readonly { n: number; e: number }[]): EbScores[] {
  const cache = new Map<string, EbScores>();
  return pairs.map(({ n, e }) => {
    const key = `${n}|${e}`;
    let s = cache.get(key);
    if (!s) {
      s = ebScores(prior, n, e);
      cache.set(key, s);
    }
    return s;
  });
}
