import { describe, expect, it } from 'vitest';
import { bcpnnIc, shrunkIc } from './bcpnn.ts';
import { chiSquare } from './chi-square.ts';
import { readExpectedValues } from './conformance.test-support.ts';
import { prr } from './prr.ts';
import { ror } from './ror.ts';
import { expectedCount, fromMargins } from './two-by-two.ts';

const ps = readExpectedValues().pharmsignal.cases;
const byId = (id: string) => {
  const c = ps.find((x) => x.id === id);
  if (!c) throw new Error(`missing case ${id}`);
  return c as unknown as Record<string, never>;
};

describe('2×2 table', () => {
  it('builds cells from margins and computes E', () => {
    const t = fromMargins(28, 970, 45, 32422);
    expect(t).toEqual({ a: 28, b: 942, c: 17, d: 31435 });
    expect(expectedCount(t)).toBeCloseTo((970 * 45) / 32422, 12);
  });
  it('rejects impossible margins', () => {
    expect(() => fromMargins(5, 3, 10, 100)).toThrow(RangeError);
  });
});

describe('PRR and ROR (pharmsignal, Singhal et al. table 16)', () => {
  for (const id of ['ps-prr-ror-singhal1', 'ps-prr-ror-singhal2']) {
    it(id, () => {
      const c = byId(id) as unknown as { input: { a: number; b: number; c: number; d: number }; expected: Record<string, number | number[]> };
      const p = prr(c.input);
      const o = ror(c.input);
      const e = c.expected as { PRR: number; PRR_ci95: [number, number]; PRR_sd_log: number; ROR: number; ROR_ci95: [number, number]; ROR_sd_log: number };
      expect(p.estimate).toBeCloseTo(e.PRR, 7);
      expect(p.seLog).toBeCloseTo(e.PRR_sd_log, 8);
      expect(p.lower).toBeCloseTo(e.PRR_ci95[0], 6);
      expect(p.upper).toBeCloseTo(e.PRR_ci95[1], 6);
      expect(o.estimate).toBeCloseTo(e.ROR, 7);
      expect(o.seLog).toBeCloseTo(e.ROR_sd_log, 8);
      expect(o.lower).toBeCloseTo(e.ROR_ci95[0], 6);
      expect(o.upper).toBeCloseTo(e.ROR_ci95[1], 6);
    });
  }
  it('gives Infinity for PRR when no other report has the event, as openEBGM', () => {
    expect(prr({ a: 1, b: 2, c: 0, d: 100 }).estimate).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(prr({ a: 1, b: 2, c: 0, d: 100 }).lower)).toBe(true);
  });
});

describe('χ² (Yates by default)', () => {
  // Expected values computed independently with scipy 1.17 chi2_contingency (correction=True/False).
  const cases: [number, number, number, number, number, number, number, number][] = [
    [28, 942, 17, 31435, 524.4647353722198, 4.5205105984567205e-116, 544.7096029821078, 1.781871859835069e-120],
    [122, 1320, 381, 31341, 481.78135475645365, 8.752383435617306e-107, 486.6292377020468, 7.71359287978616e-108],
    [3, 10, 20, 1000, 17.486770871681895, 2.893138411293966e-5, 26.292001618025267, 2.935016837511917e-7],
    [1, 5, 2, 7, 0, 1, 0.06944444444444445, 0.7921473917958972],
  ];
  for (const [a, b, c, d, yates, yatesP, pearson, pearsonP] of cases) {
    it(`${a},${b},${c},${d}`, () => {
      const y = chiSquare({ a, b, c, d });
      expect(y.statistic).toBeCloseTo(yates, 8);
      expect(y.pValue / yatesP).toBeCloseTo(1, 8);
      const p = chiSquare({ a, b, c, d }, { yates: false });
      expect(p.statistic).toBeCloseTo(pearson, 8);
      expect(p.pValue / pearsonP).toBeCloseTo(1, 8);
    });
  }
});

describe('BCPNN IC (Gould 2003 normal approximation, pharmsignal)', () => {
  for (const id of ['ps-bcpnn-norm-headache', 'ps-bcpnn-norm-akathisia']) {
    it(id, () => {
      const c = byId(id) as unknown as { input: Record<string, number>; expected: Record<string, number> };
      const i = c.input;
      const t = fromMargins(i['n11'] ?? 0, i['n1.'] ?? 0, i['n.1'] ?? 0, i['n..'] ?? 0);
      const r = bcpnnIc(t);
      const e = c.expected;
      // pharmsignal's test tolerance is 1e-6 relative.
      expect(Math.abs(r.ic - (e['IC'] ?? 0))).toBeLessThan(1e-6 * Math.max(1, Math.abs(e['IC'] ?? 0)));
      expect(Math.abs(r.variance - (e['var'] ?? 0))).toBeLessThan(1e-9);
      expect(Math.abs(r.lower - (e['ci_lo'] ?? 0))).toBeLessThan(2e-6 * Math.max(1, Math.abs(e['ci_lo'] ?? 0)));
      expect(Math.abs(r.upper - (e['ci_hi'] ?? 0))).toBeLessThan(2e-6 * Math.max(1, Math.abs(e['ci_hi'] ?? 0)));
    });
  }
  it('observed-to-expected shrinkage IC (Norén 2013) matches pharmsignal', () => {
    const c = byId('ps-obsexp-noren') as unknown as { cases: { input: Record<string, number>; IC: number; ci_lo: number; note?: string }[] };
    for (const k of c.cases.filter((x) => !x.note)) {
      const i = k.input;
      const r = shrunkIc(fromMargins(i['n11'] ?? 0, i['n1.'] ?? 0, i['n.1'] ?? 0, i['n..'] ?? 0));
      expect(r.ic).toBeCloseTo(k.IC, 5);
      expect(r.lower).toBeCloseTo(k.ci_lo, 5);
    }
  });
});
