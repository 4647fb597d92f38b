import { mulberry32, poissonSample } from './seeded-random.ts';
import { detectSurge, SURGE_DEFAULTS, type SurgeOptions } from './surge.ts';

/**
 * A synthetic product × region × week world for measuring the surge detector: each cell's weekly
 * AE count is Poisson around a rate drawn log-uniformly between `minRate` and `maxRate` per week
 * (most product-region pairs see a report every few weeks, a few see several a week, as in the
 * national AE system), and optionally a planted surge multiplies the rate from a start week on.
 */
export interface SurveillanceWorldOptions {
  seed: number;
  series: number;
  baselineWeeks?: number;
  monitorWeeks: number;
  minRate?: number;
  maxRate?: number;
  /** Share of series that get a surge, its rate multiplier and its start (monitored week index). */
  surge?: { share: number; multiplier: number; startWeek: number };
}

export interface SyntheticSeries {
  rate: number;
  counts: number[];
  /** Monitored week index the surge starts at, when planted. */
  surgeStart?: number;
}

export function generateSurveillanceWorld(o: SurveillanceWorldOptions): SyntheticSeries[] {
  const random = mulberry32(o.seed);
  const baseline = o.baselineWeeks ?? SURGE_DEFAULTS.baselineWeeks;
  const lo = Math.log(o.minRate ?? 0.05);
  const hi = Math.log(o.maxRate ?? 8);
  return Array.from({ length: o.series }, () => {
    const rate = Math.exp(lo + (hi - lo) * random());
    const surged = o.surge !== undefined && random() < o.surge.share;
    const counts = Array.from({ length: baseline + o.monitorWeeks }, (_, t) => {
      const inSurge = surged && o.surge !== undefined && t - baseline >= o.surge.startWeek;
      return poissonSample(random, inSurge ? rate * (o.surge?.multiplier ?? 1) : rate);
    });
    return surged && o.surge ? { rate, counts, surgeStart: o.surge.startWeek } : { rate, counts };
  });
}

export interface SurveillanceMeasure {
  /** Monitored product × region × week cells without a planted surge in force. */
  cleanCells: number;
  falseAlarms: number;
  falseAlarmsPer10k: number;
  surges: number;
  detected: number;
  /** Weeks from a surge's start to its first alarm, 1 = alarmed in the first surge week. */
  delays: number[];
  medianDelay: number | null;
  meanDelay: number | null;
}

/** Runs the detector over every series and counts false alarms (cells outside surges) and delays. */
export function measureSurveillance(world: readonly SyntheticSeries[], options: SurgeOptions = {}): SurveillanceMeasure {
  const baseline = options.baselineWeeks ?? SURGE_DEFAULTS.baselineWeeks;
  let cleanCells = 0;
  let falseAlarms = 0;
  let surges = 0;
  const delays: number[] = [];
  for (const s of world) {
    const monitored = s.counts.length - baseline;
    const start = s.surgeStart ?? monitored;
    cleanCells += start;
    const alarms = detectSurge(s.counts, options).alarms.map((t) => t - baseline);
    falseAlarms += alarms.filter((t) => t < start).length;
    if (s.surgeStart !== undefined) {
      surges++;
      const first = alarms.find((t) => t >= start);
      if (first !== undefined) delays.push(first - start + 1);
    }
  }
  const sorted = [...delays].sort((a, b) => a - b);
  return {
    cleanCells, falseAlarms, falseAlarmsPer10k: cleanCells ? (falseAlarms / cleanCells) * 10_000 : 0, surges, detected: delays.length, delays,
    medianDelay: sorted.length ? (sorted[Math.floor(sorted.length / 2)] ?? null) : null,
    meanDelay: delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : null,
  };
}
