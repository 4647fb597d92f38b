/** How the in-control mean of a weekly count series was obtained. */
export interface Baseline {
  /** In-control mean μ0 (reports per week). */
  mean: number;
  /** First week that is monitored; the weeks before it formed the baseline. */
  monitorFrom: number;
}

/** Default number of leading weeks that estimate the in-control mean: half a year. */
export const DEFAULT_BASELINE_WEEKS = 26;

/**
 * The series' own baseline: μ0 given, or the mean of its first `baselineWeeks` weeks, which are
 * then not monitored. An all-zero baseline would make any report an infinite surprise, so μ0 is
 * floored at ½ report per baseline period (the Jeffreys-style half count).
 */
export function weeklyBaseline(counts: readonly number[], options: { inControlMean?: number; baselineWeeks?: number }): Baseline {
  for (const c of counts) if (!Number.isInteger(c) || c < 0) throw new RangeError(`weekly counts must be non-negative integers, got ${c}`);
  if (options.inControlMean !== undefined) {
    if (!(options.inControlMean > 0) || !Number.isFinite(options.inControlMean)) {
      throw new RangeError(`inControlMean must be positive, got ${options.inControlMean}`);
    }
    return { mean: options.inControlMean, monitorFrom: 0 };
  }
  const weeks = options.baselineWeeks ?? DEFAULT_BASELINE_WEEKS;
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`baselineWeeks must be a positive integer, got ${weeks}`);
  if (counts.length < weeks) throw new RangeError(`need ${weeks} baseline weeks, got ${counts.length}`);
  const sum = counts.slice(0, weeks).reduce((s, c) => s + c, 0);
  return { mean: Math.max(sum, 0.5) / weeks, monitorFrom: weeks };
}
