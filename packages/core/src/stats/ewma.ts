import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';
import { brentRoot } from './brent.ts';
import { solveLinear } from './linear-solve.ts';
import { weeklyBaseline } from './weekly-baseline.ts';

/** Options of {@link poissonEwma}; every field has a documented default. */
export interface PoissonEwmaOptions {
  /** In-control mean μ0 per week. Default: estimated from the first `baselineWeeks` weeks. */
  inControlMean?: number;
  /** Weeks that estimate μ0 when it is not given. Default 26. */
  baselineWeeks?: number;
  /** Smoothing weight λ of the newest week. Default 0.2 (Borror, Champ & Rigdon 1998 recommend 0.1–0.3). */
  lambda?: number;
  /** In-control ARL that sets the limit multiplier L. Default 104 weeks. */
  targetArl?: number;
  /** Limit multiplier L; overrides `targetArl`. */
  limitMultiplier?: number;
  /** Restart Z at μ0 after an alarm. Default true. */
  resetOnAlarm?: boolean;
  /**
   * Use the exact time-varying limits, narrower in the first weeks after the start or a reset.
   * Default false: the asymptotic limit, which is what the ARL calibration assumes; the narrow
   * early limits add false alarms (measured in ewma.test.ts).
   */
  timeVaryingLimits?: boolean;
}

/** Per-week statistics and alarms of a Poisson EWMA. */
export interface PoissonEwmaResult {
  inControlMean: number;
  lambda: number;
  limitMultiplier: number;
  /** In-control ARL of the asymptotic-limit chart by the Markov-chain method. */
  arl0: number;
  monitorFrom: number;
  /** Z_t per week; NaN for baseline weeks. */
  statistic: number[];
  /** Upper control limit per week; NaN for baseline weeks. */
  upperLimit: number[];
  alarms: number[];
}

const STATES = 150;

/**
 * In-control ARL of an upper Poisson EWMA with asymptotic limit, by the Markov chain of Lucas &
 * Saccucci (1990, Technometrics 32:1) as adapted to Poisson counts by Borror, Champ & Rigdon (1998,
 * J Qual Technol 30:352): [0, UCL) is cut into equal cells, Z moves from a cell midpoint c to
 * λx + (1−λ)c, and the probability of each target cell is a Poisson interval probability.
 */
export function poissonEwmaArl(mean: number, lambda: number, limitMultiplier: number, evaluatedAt = mean): number {
  const key = `${mean}|${lambda}|${limitMultiplier}|${evaluatedAt}`;
  const cached = arlCache.get(key);
  if (cached !== undefined) return cached;
  const arl = ewmaArlUncached(mean, lambda, limitMultiplier, evaluatedAt);
  remember(arlCache, key, arl);
  return arl;
}

// Estimated baselines repeat (a mean of 26 integer counts takes few values), and one calibration
// costs ~100 ms, so results are memoised; the functions stay pure.
const arlCache = new Map<string, number>();
const limitCache = new Map<string, number>();
function remember(cache: Map<string, number>, key: string, value: number): void {
  if (cache.size >= 2000) cache.clear();
  cache.set(key, value);
}

function ewmaArlUncached(mean: number, lambda: number, limitMultiplier: number, evaluatedAt: number): number {
  const ucl = mean + limitMultiplier * Math.sqrt((mean * lambda) / (2 - lambda));
  const width = ucl / STATES;
  const a = new Float64Array(STATES * STATES);
  // Every transition needs P(x ≤ j) for integers j up to UCL/λ: tabulate them once.
  const table = Float64Array.from({ length: Math.ceil(ucl / lambda) + 2 }, (_, j) => poissonCdf(j, evaluatedAt));
  const cdf = (x: number): number => (x < 0 ? 0 : x >= table.length ? 1 : (table[x] ?? 1));
  for (let i = 0; i < STATES; i++) {
    const c = (i + 0.5) * width;
    // Z' in cell j ⇔ x in [(j·w − (1−λ)c)/λ, ((j+1)·w − (1−λ)c)/λ); x integer.
    let prevCdf = 0;
    for (let j = 0; j < STATES; j++) {
      const upperX = ((j + 1) * width - (1 - lambda) * c) / lambda;
      // P(x < upperX) = P(x ≤ ceil(upperX) − 1)
      const next = cdf(Math.ceil(upperX) - 1);
      const p = next - prevCdf;
      prevCdf = next;
      a[i * STATES + j] = (i === j ? 1 : 0) - p;
    }
  }
  const arl = solveLinear(a, new Float64Array(STATES).fill(1), STATES);
  const start = Math.min(STATES - 1, Math.floor(mean / width));
  return arl[start] ?? Number.NaN;
}

/**
 * Upper Poisson EWMA chart (Borror, Champ & Rigdon 1998): Z_t = λx_t + (1−λ)Z_{t−1}, Z_0 = μ0,
 * alarm when Z_t > μ0 + L·sqrt(μ0·λ/(2−λ)) (optionally times sqrt(1 − (1−λ)^{2t})). L is solved (Brent) so that the
 * chart's in-control ARL meets `targetArl`. It reacts to gradual drifts sooner than a CUSUM tuned
 * to a doubling, and later to abrupt jumps. Example: `poissonEwma(weeklyCounts, { lambda: 0.3 })`.
 */
export function poissonEwma(counts: readonly number[], options: PoissonEwmaOptions = {}): PoissonEwmaResult {
  const baseline = weeklyBaseline(counts, options);
  const mu0 = baseline.mean;
  const lambda = options.lambda ?? 0.2;
  if (!(lambda > 0 && lambda <= 1)) throw new RangeError(`lambda must be in (0, 1], got ${lambda}`);
  let limitMultiplier: number;
  if (options.limitMultiplier !== undefined) {
    if (!(options.limitMultiplier > 0)) throw new RangeError(`limitMultiplier must be positive, got ${options.limitMultiplier}`);
    limitMultiplier = options.limitMultiplier;
  } else {
    const target = options.targetArl ?? 104;
    if (!(target > 1)) throw new RangeError(`targetArl must exceed 1, got ${target}`);
    limitMultiplier = limitForArl(mu0, lambda, target);
  }
  const arl0 = poissonEwmaArl(mu0, lambda, limitMultiplier);
  const reset = options.resetOnAlarm ?? true;
  const timeVarying = options.timeVaryingLimits ?? false;
  const statistic: number[] = [];
  const upperLimit: number[] = [];
  const alarms: number[] = [];
  let z = mu0;
  let age = 0;
  counts.forEach((x, t) => {
    if (t < baseline.monitorFrom) {
      statistic.push(Number.NaN);
      upperLimit.push(Number.NaN);
      return;
    }
    age++;
    z = lambda * x + (1 - lambda) * z;
    const shrink = timeVarying ? 1 - (1 - lambda) ** (2 * age) : 1;
    const ucl = mu0 + limitMultiplier * Math.sqrt(((mu0 * lambda) / (2 - lambda)) * shrink);
    statistic.push(z);
    upperLimit.push(ucl);
    if (z > ucl) {
      alarms.push(t);
      if (reset) {
        z = mu0;
        age = 0;
      }
    }
  });
  return { inControlMean: mu0, lambda, limitMultiplier, arl0, monitorFrom: baseline.monitorFrom, statistic, upperLimit, alarms };
}

/** Smallest L (to 1e-4) whose in-control ARL reaches the target. */
function limitForArl(mu0: number, lambda: number, target: number): number {
  const key = `${mu0}|${lambda}|${target}`;
  const cached = limitCache.get(key);
  if (cached !== undefined) return cached;
  // With discrete counts the ARL is a step function of L; Brent lands on the step edge within 1e-4.
  const f = (l: number): number => Math.log(poissonEwmaArl(mu0, lambda, l)) - Math.log(target);
  let hi = 3;
  while (f(hi) < 0 && hi < 50) hi *= 1.5;
  let limitMultiplier = f(0.1) >= 0 ? 0.1 : brentRoot(f, 0.1, hi, 1e-4);
  // Step to the safe side of the discontinuity.
  while (f(limitMultiplier) < 0) limitMultiplier += 1e-4;
  remember(limitCache, key, limitMultiplier);
  return limitMultiplier;
}
