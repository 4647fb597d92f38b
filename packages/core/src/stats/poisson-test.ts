import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import gammaln from '@stdlib/math-base-special-gammaln';

/** A unit's report rate compared with its siblings' by the exact conditional test. */
export interface RateComparison {
  count: number;
  exposure: number;
  referenceCount: number;
  referenceExposure: number;
  /** Reports per `per` units of exposure (default per 10 000 units used). */
  rate: number;
  referenceRate: number;
  /** (count/exposure) / (referenceCount/referenceExposure). */
  rateRatio: number;
  /** Exact (Clopper–Pearson based) confidence limits of the rate ratio. */
  lower: number;
  upper: number;
  /** Reports the unit would have at the siblings' rate share: (count + referenceCount)·t/(t + tRef). */
  expected: number;
  /** One-sided p-value for "the unit's rate is higher": P(X ≥ count) under H0. */
  pValue: number;
}

/** Options of {@link poissonRateTest}. */
export interface RateTestOptions {
  /** Two-sided confidence level of the rate-ratio interval. Default 0.95. */
  confidence?: number;
  /** Exposure units the rates are expressed per. Default 10 000. */
  per?: number;
}

/** P(X ≥ x) for X ~ Binomial(n, p), summed from the tail that does not cancel. */
export function binomialUpperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logPmf = (k: number): number =>
    gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
  const odds = p / (1 - p);
  const mode = Math.floor((n + 1) * p);
  if (x > mode) {
    // Terms fall from x upwards, so the sum converges quickly and stays accurate when tiny.
    let term = Math.exp(logPmf(x));
    let sum = term;
    for (let k = x; k < n; k++) {
      term *= ((n - k) / (k + 1)) * odds;
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return Math.min(1, sum);
  }
  // Otherwise the upper tail is large: 1 − P(X ≤ x − 1), summing downwards from x − 1.
  let term = Math.exp(logPmf(x - 1));
  let sum = term;
  for (let k = x - 1; k > 0; k--) {
    term *= (k / (n - k + 1)) / odds;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.max(0, 1 - sum);
}

/**
 * Exact comparison of two Poisson rates (Przyborowski & Wilenski 1940; the two-sample form of
 * R's poisson.test): given x + y reports, x ~ Binomial(x + y, t/(t + tRef)) when the rates are
 * equal. The p-value is one-sided (excess at the unit) and the rate-ratio interval maps the
 * Clopper–Pearson interval π of the binomial proportion through RR = π/(1 − π)·tRef/t.
 * Example: `poissonRateTest(12, 20_000, 30, 400_000)` — a lot with 12 reports in 20 000 units used
 * against 30 reports in 400 000 units of its sibling lots.
 */
export function poissonRateTest(
  count: number,
  exposure: number,
  referenceCount: number,
  referenceExposure: number,
  options: RateTestOptions = {},
): RateComparison {
  const confidence = options.confidence ?? 0.95;
  const per = options.per ?? 10_000;
  for (const [name, v] of [
    ['count', count],
    ['referenceCount', referenceCount],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  }
  for (const [name, v] of [
    ['exposure', exposure],
    ['referenceExposure', referenceExposure],
  ] as const) {
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be positive, got ${v}`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const n = count + referenceCount;
  const share = exposure / (exposure + referenceExposure);
  const scale = referenceExposure / exposure;
  const tail = (1 - confidence) / 2;
  const piLower = count === 0 ? 0 : betaQuantile(tail, count, n - count + 1);
  const piUpper = count === n ? 1 : betaQuantile(1 - tail, count + 1, n - count);
  return {
    count,
    exposure,
    referenceCount,
    referenceExposure,
    rate: (count / exposure) * per,
    referenceRate: (referenceCount / referenceExposure) * per,
    rateRatio: (count / exposure) / (referenceCount / referenceExposure),
    lower: (piLower / (1 - piLower)) * scale,
    upper: piUpper >= 1 ? Number.POSITIVE_INFINITY : (piUpper / (1 - piUpper)) * scale,
    expected: n * share,
    pValue: binomialUpperTail(count, n, share),
  };
}

/** A unit (lot, institution, region…) with its report count and exposure (units used). */
export interface ExposureUnit {
  id: string;
  reports: number;
  exposure: number;
}

/** Tests every unit against the pooled rest of its siblings: `exposureRateTests([{id: 'L1', reports: 9, exposure: 5000}, …])`. */
export function exposureRateTests(units: readonly ExposureUnit[], options: RateTestOptions = {}): (RateComparison & { id: string })[] {
  const totalReports = units.reduce((s, u) => s + u.reports, 0);
  const totalExposure = units.reduce((s, u) => s + u.exposure, 0);
  return units.map((u) => ({
    id: u.id,
    ...poissonRateTest(u.reports, u.exposure, totalReports - u.reports, totalExposure - u.exposure, options),
  }));
}
