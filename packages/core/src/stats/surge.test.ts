import { describe, expect, it } from 'vitest';
import { poissonCusumArl } from './cusum.ts';
import { detectSurge, SURGE_DEFAULTS } from './surge.ts';
import { generateSurveillanceWorld, measureSurveillance } from './surveillance-world.ts';

describe('surge detector (Poisson CUSUM against the series’ own baseline)', () => {
  it('estimates μ0 with a pseudo-count and meets the target in-control ARL', () => {
    const r = detectSurge([...new Array(26).fill(1), 1, 1]);
    expect(r.inControlMean).toBeCloseTo(27 / 26, 12);
    expect(r.arl0).toBeGreaterThanOrEqual(SURGE_DEFAULTS.targetArl);
    // Lucas's k for μ1 = 3μ0: (3μ0 − μ0)/ln 3, on the chart's grid.
    expect(r.k).toBeCloseTo((2 * r.inControlMean) / Math.log(3), 1);
    expect(r.alarms).toEqual([]);
  });
  it('alarms on an abrupt rise and names the week', () => {
    const counts = [...new Array(26).fill(1), 1, 0, 2, 7, 8, 9];
    const r = detectSurge(counts);
    expect(r.alarms[0]).toBeGreaterThanOrEqual(29);
    expect(r.alarms[0]).toBeLessThanOrEqual(31);
    expect(r.statistic).toHaveLength(6);
  });
  it('needs minReports in the alarm week, so a quiet series does not alarm on two reports', () => {
    const counts = [...new Array(26).fill(0), ...new Array(10).fill(2)];
    expect(detectSurge(counts).alarms).toEqual([]);
    expect(detectSurge(counts, { minReports: 1 }).alarms.length).toBeGreaterThan(0);
  });
  it('agrees with the Markov-chain ARL it was calibrated with', () => {
    const r = detectSurge([...new Array(26).fill(4), 4]);
    const m = Math.max(1, Math.min(20, Math.round(20 / Math.sqrt(r.inControlMean))));
    expect(poissonCusumArl(r.inControlMean, Math.round(r.k * m), Math.round(r.h * m), m)).toBeCloseTo(r.arl0, 6);
  });
  it('rejects a series shorter than its baseline', () => {
    expect(() => detectSurge([1, 2, 3])).toThrow(RangeError);
  });

  describe('false alarms and delay (seeded synthetic world)', () => {
    it('raises at most 1 false alarm per 10 000 product × region × week cells', () => {
      const world = generateSurveillanceWorld({ seed: 20261126, series: 2000, monitorWeeks: 52 });
      const m = measureSurveillance(world);
      console.info(`surge false alarms: ${m.falseAlarms} in ${m.cleanCells} cells = ${m.falseAlarmsPer10k.toFixed(2)} per 10 000`);
      expect(m.cleanCells).toBe(104_000);
      expect(m.falseAlarmsPer10k).toBeLessThanOrEqual(1);
    }, 30_000);
    it('detects a tripling within a few weeks where the series carries ≥ 0.5 reports a week', () => {
      const world = generateSurveillanceWorld({ seed: 7, series: 300, monitorWeeks: 20, minRate: 0.5, surge: { share: 1, multiplier: 3, startWeek: 8 } });
      const m = measureSurveillance(world);
      console.info(`surge detection: ${m.detected}/${m.surges}, median delay ${m.medianDelay} weeks, mean ${m.meanDelay?.toFixed(2)}`);
      expect(m.detected / m.surges).toBeGreaterThan(0.8);
      expect(m.medianDelay).toBeLessThanOrEqual(5);
    }, 30_000);
  });
});
