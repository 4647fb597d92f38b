import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';
import { solveLinear } from './linear-solve.ts';
import { weeklyBaseline } from './weekly-baseline.ts';

/** Options of {@link poissonCusum}; every field has a documented default. */
export interface PoissonCusumOptions {
  /** In-control mean μ0 per week. Default: estimated from the first `baselineWeeks` weeks. */
  inControlMean?: number;
  /** Weeks that estimate μ0 when it is not given. Default 26. */
  baselineWeeks?: number;
  /** Out-of-control mean μ1 the chart is tuned to detect. Default `shift` × μ0. */
  outOfControlMean?: number;
  /** μ1/μ0 when μ1 is not given. Default 2 (a doubling of the weekly report rate). */
  shift?: number;
  /** In-control average run length (weeks between false alarms) that sets h. Default 104 (two years). */
  targetArl?: number;
  /** Decision interval h; overrides `targetArl`. */
  threshold?: number;
  /** Restart the sum at 0 after an alarm, so one surge is not reported every week. Default true. */
  resetOnAlarm?: boolean;
}

/** Per-week statistics and alarms of a Poisson CUSUM. */
export interface PoissonCusumResult {
  inControlMean: number;
  outOfControlMean: number;
  /** Reference value k actually used (rounded to the Markov-chain grid). */
  k: number;
  /** Decision interval h. */
  h: number;
  /** In-control ARL of (k, h) by the Markov-chain method. */
  arl0: number;
  /** First monitored week (weeks before it are the baseline). */
  monitorFrom: number;
  /** S_t per week; NaN for baseline weeks. */
  statistic: number[];
  /** Indices of alarm weeks. */
  alarms: number[];
}

/**
 * Grid resolution 1/m for the Markov chain. Counts are integers and k is rounded to a multiple of
 * 1/m, so S_t stays on the grid exactly (Lucas 1985, Technometrics 27:129, uses the same device).
 * Finer grids for small means, where k is small and rounding it matters most.
 */
function gridSteps(mu0: number): number {
  return Math.max(1, Math.min(20, Math.round(20 / Math.sqrt(Math.max(mu0, 1)))));
}

/**
 * ARL of an upper Poisson CUSUM started at 0, by the Markov chain of Brook & Evans (1972,
 * Biometrika 59:539): states S = 0, 1/m, …, h − 1/m; leaving them is an alarm; ARL = (I − Q)⁻¹·1.
 */
export function poissonCusumArl(mean: number, kSteps: number, hSteps: number, m: number): number {
  const s = hSteps;
  if (s <= 0) return 1;
  const a = new Float64Array(s * s);
  const pmfCache = new Map<number, number>();
  const pmf = (x: number): number => {
    let v = pmfCache.get(x);
    if (v === undefined) {
      v = x < 0 ? 0 : poissonCdf(x, mean) - (x > 0 ? poissonCdf(x - 1, mean) : 0);
      pmfCache.set(x, v);
    }
    return v;
  };
  for (let i = 0; i < s; i++) {
    // From state i (S = i/m) a count x moves to j = i + m·x − kSteps, floored at 0.
    // To state 0: every x with i + m·x − kSteps ≤ 0.
    const xZero = Math.floor((kSteps - i) / m);
    const toZero = xZero < 0 ? 0 : poissonCdf(xZero, mean);
    a[i * s] = (a[i * s] ?? 0) - toZero;
    for (let x = Math.max(0, xZero + 1); ; x++) {
      const j = i + m * x - kSteps;
      if (j >= s) break;
      if (j > 0) a[i * s + j] = (a[i * s + j] ?? 0) - pmf(x);
    }
    a[i * s + i] = (a[i * s + i] ?? 0) + 1;
  }
  const arl = solveLinear(a, new Float64Array(s).fill(1), s);
  return arl[0] ?? Number.NaN;
}

/** Smallest h (on the 1/m grid) whose in-control ARL reaches the target, by doubling then bisection. */
function thresholdForArl(mu0: number, kSteps: number, m: number, target: number): { hSteps: number; arl: number } {
  let hi = 1;
  let arlHi = poissonCusumArl(mu0, kSteps, hi, m);
  while (arlHi < target) {
    hi *= 2;
    if (hi > 4000) throw new RangeError('target ARL out of reach; lower targetArl or raise the shift');
    arlHi = poissonCusumArl(mu0, kSteps, hi, m);
  }
  let lo = hi === 1 ? 0 : Math.floor(hi / 2);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const arl = poissonCusumArl(mu0, kSteps, mid, m);
    if (arl >= target) {
      hi = mid;
      arlHi = arl;
    } else lo = mid;
  }
  return { hSteps: hi, arl: arlHi };
}

/**
 * Upper Poisson CUSUM for weekly counts (Lucas 1985): S_t = max(0, S_{t−1} + x_t − k), alarm when
 * S_t ≥ h, with k = (μ1 − μ0)/(ln μ1 − ln μ0), the value that makes the CUSUM the sequential
 * likelihood-ratio test of μ0 against μ1. h is the smallest value whose in-control ARL (Markov
 * chain) reaches `targetArl`, so false alarms are controlled against the series' own baseline.
 * Example: `poissonCusum(weeklyCounts).alarms` lists the alarm weeks under the defaults (26
 * baseline weeks, tuned to a doubling, in-control ARL 104 weeks).
 */
export function poissonCusum(counts: readonly number[], options: PoissonCusumOptions = {}): PoissonCusumResult {
  const baseline = weeklyBaseline(counts, options);
  const mu0 = baseline.mean;
  const mu1 = options.outOfControlMean ?? mu0 * (options.shift ?? 2);
  if (!(mu1 > mu0)) throw new RangeError(`outOfControlMean must exceed the in-control mean ${mu0}, got ${mu1}`);
  const m = gridSteps(mu0);
  const kExact = (mu1 - mu0) / (Math.log(mu1) - Math.log(mu0));
  const kSteps = Math.max(1, Math.round(kExact * m));
  const k = kSteps / m;
  let h: number;
  let arl0: number;
  if (options.threshold !== undefined) {
    if (!(options.threshold > 0)) throw new RangeError(`threshold must be positive, got ${options.threshold}`);
    h = options.threshold;
    const hSteps = Math.ceil(h * m - 1e-9);
    arl0 = hSteps <= 4000 ? poissonCusumArl(mu0, kSteps, hSteps, m) : Number.NaN;
  } else {
    const target = options.targetArl ?? 104;
    if (!(target > 1)) throw new RangeError(`targetArl must exceed 1, got ${target}`);
    const found = thresholdForArl(mu0, kSteps, m, target);
    h = found.hSteps / m;
    arl0 = found.arl;
  }
  const reset = options.resetOnAlarm ?? true;
  const statistic: number[] = [];
  const alarms: number[] = [];
  let s = 0;
  counts.forEach((x, t) => {
    if (t < baseline.monitorFrom) {
      statistic.push(Number.NaN);
      return;
    }
    // Work in grid units so the chart and its ARL computation see the same integer arithmetic.
    s = Math.max(0, s + x - k);
    s = Math.round(s * m) / m;
    statistic.push(s);
    if (s >= h - 1e-12) {
      alarms.push(t);
      if (reset) s = 0;
    }
  });
  return { inControlMean: mu0, outOfControlMean: mu1, k, h, arl0, monitorFrom: baseline.monitorFrom, statistic, alarms };
}
