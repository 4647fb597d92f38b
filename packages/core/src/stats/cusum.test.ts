import { describe, expect, it } from 'vitest';
import { poissonCusum, poissonCusumArl } from './cusum.ts';
import { simulateSeries } from './surveillance.test-support.ts';

describe('Poisson CUSUM', () => {
  it('uses Lucas’s reference value and an h that meets the target ARL', () => {
    const r = poissonCusum(new Array(30).fill(3), { inControlMean: 3 });
    expect(r.k).toBeCloseTo(3 / Math.LN2, 1);
    expect(r.arl0).toBeGreaterThanOrEqual(104);
    expect(r.arl0).toBeLessThan(130);
    // μ0 = 3 uses a 1/12 grid (k = 52/12): one grid step below h misses the target, so h is minimal.
    expect(poissonCusumArl(3, 52, Math.round(r.h * 12) - 1, 12)).toBeLessThan(104);
  });
  it('agrees with a direct simulation of its own ARL', () => {
    // Markov-chain ARL vs the mean run length of 2 000 simulated in-control runs.
    const r = poissonCusum([0], { inControlMean: 2, targetArl: 50 });
    const series = simulateSeries(7, 1000, 0, 600, 2);
    let total = 0;
    for (const s of series) {
      const alarms = poissonCusum(s, { inControlMean: 2, threshold: r.h, outOfControlMean: 4 }).alarms;
      total += (alarms[0] ?? s.length) + 1;
    }
    expect(total / series.length / r.arl0).toBeGreaterThan(0.9);
    expect(total / series.length / r.arl0).toBeLessThan(1.1);
  });
  it('returns per-week statistics, NaN over the baseline', () => {
    const counts = [...new Array(26).fill(2), 2, 9, 9, 2];
    const r = poissonCusum(counts);
    expect(r.monitorFrom).toBe(26);
    expect(r.statistic).toHaveLength(counts.length);
    expect(Number.isNaN(r.statistic[25] ?? 0)).toBe(true);
    expect(r.alarms).toContain(28);
  });
  it('rejects bad input', () => {
    expect(() => poissonCusum([1, -1], { inControlMean: 1 })).toThrow(RangeError);
    expect(() => poissonCusum([1, 2], { inControlMean: 1, outOfControlMean: 0.5 })).toThrow(RangeError);
    expect(() => poissonCusum([1, 2])).toThrow(RangeError);
  });
  it('computes ARL 1 for h of one grid step when every count alarms', () => {
    expect(poissonCusumArl(50, 1, 0, 1)).toBe(1);
  });

  describe('simulation (seeded; 26 baseline weeks, μ0 estimated, targetArl 104)', () => {
    const mu0 = 3;
    it('keeps the in-control false-alarm rate near 1/104 per week', () => {
      const series = simulateSeries(20240601, 400, 26, 104, mu0);
      let alarms = 0;
      for (const s of series) alarms += poissonCusum(s).alarms.length;
      const rate = alarms / (series.length * 104);
      console.info(`CUSUM false alarms per monitored week: ${rate.toFixed(4)} (design 1/ARL0 ≤ ${(1 / 104).toFixed(4)})`);
      // Estimating μ0 from 26 weeks inflates the rate somewhat (Jensen et al. 2006); bound at 2×.
      expect(rate).toBeLessThan(2 / 104);
      expect(rate).toBeGreaterThan(0.25 / 104);
    }, 20_000);
    it('detects a doubling within a few weeks', () => {
      const changeAt = 20;
      const series = simulateSeries(99, 400, 26, 60, mu0, 2 * mu0, changeAt);
      const delays: number[] = [];
      for (const s of series) {
        const first = poissonCusum(s).alarms.find((t) => t - 26 >= changeAt);
        delays.push(first === undefined ? 60 - changeAt : first - 26 - changeAt + 1);
      }
      const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
      const sorted = [...delays].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      console.info(`CUSUM detection delay after a doubling: mean ${mean.toFixed(2)} weeks, median ${median}`);
      expect(mean).toBeLessThan(6);
      expect(median).toBeLessThanOrEqual(5);
    });
  });
});
