import { describe, expect, it } from 'vitest';
import { poissonEwma, poissonEwmaArl } from './ewma.ts';
import { simulateSeries } from './surveillance.test-support.ts';

describe('Poisson EWMA', () => {
  it('calibrates L to the target ARL', () => {
    const r = poissonEwma([1], { inControlMean: 3 });
    expect(r.arl0).toBeGreaterThanOrEqual(104);
    expect(r.arl0).toBeLessThan(130);
    expect(poissonEwmaArl(3, 0.2, r.limitMultiplier, 6)).toBeLessThan(10);
  });
  it('agrees with a direct simulation of its own ARL', () => {
    const r = poissonEwma([0], { inControlMean: 2, targetArl: 50 });
    const series = simulateSeries(11, 1000, 0, 600, 2);
    let total = 0;
    for (const s of series) total += (poissonEwma(s, { inControlMean: 2, limitMultiplier: r.limitMultiplier }).alarms[0] ?? s.length) + 1;
    expect(total / series.length / r.arl0).toBeGreaterThan(0.85);
    expect(total / series.length / r.arl0).toBeLessThan(1.15);
  });
  it('returns per-week statistics and limits', () => {
    const counts = [...new Array(26).fill(2), 2, 8, 8, 8];
    const r = poissonEwma(counts);
    expect(r.statistic).toHaveLength(counts.length);
    expect(r.upperLimit[27]).toBeGreaterThan(2);
    expect(r.alarms.length).toBeGreaterThan(0);
  });

  describe('simulation (seeded; 26 baseline weeks, μ0 estimated, targetArl 104)', () => {
    const mu0 = 3;
    it('keeps the in-control false-alarm rate near 1/104 per week', () => {
      const series = simulateSeries(424242, 400, 26, 104, mu0);
      let alarms = 0;
      for (const s of series) alarms += poissonEwma(s).alarms.length;
      const rate = alarms / (series.length * 104);
      console.info(`EWMA false alarms per monitored week: ${rate.toFixed(4)} (design 1/ARL0 ≤ ${(1 / 104).toFixed(4)})`);
      expect(rate).toBeLessThan(2 / 104);
      expect(rate).toBeGreaterThan(0.25 / 104);
    }, 20_000);
    it('detects a doubling within a few weeks', () => {
      const changeAt = 20;
      const series = simulateSeries(7777, 400, 26, 60, mu0, 2 * mu0, changeAt);
      const delays = series.map((s) => {
        const first = poissonEwma(s).alarms.find((t) => t - 26 >= changeAt);
        return first === undefined ? 60 - changeAt : first - 26 - changeAt + 1;
      });
      const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
      console.info(`EWMA detection delay after a doubling: mean ${mean.toFixed(2)} weeks`);
      expect(mean).toBeLessThan(6);
    }, 20_000);
  });
});
