import { describe, expect, it } from 'vitest';
import { readConformanceCsv, readExpectedValues } from './conformance.test-support.ts';
import { processCounts, processReports } from './pair-counts.ts';

const oe = readExpectedValues().openEBGM.cases;
const toRows = (name: string) => readConformanceCsv(name).map((r) => ({ id: r['id'] ?? '', product: r['var1'] ?? '', event: r['var2'] ?? '' }));

describe('processReports (openEBGM processRaw, unstratified, no zeroes)', () => {
  it('reproduces the vignette02 toy table', () => {
    const expected = (oe.find((c) => c.id === 'oe-processRaw-toy') as unknown as { expected: { var1: string; var2: string; N: number; E: number; RR: number; PRR: number }[] }).expected;
    const pairs = processReports(toRows('openEBGM/vignette02_toy.csv'));
    expect(pairs).toHaveLength(expected.length);
    for (const e of expected) {
      const p = pairs.find((x) => x.product === e.var1 && x.event === e.var2);
      expect(p?.n).toBe(e.N);
      expect(p?.expected).toBeCloseTo(e.E, 7);
      expect(Math.round(((p?.n ?? 0) / (p?.expected ?? 1)) * 100) / 100).toBeCloseTo(e.RR, 10);
    }
  });
  it('reproduces the testA hand calculation (pairs with N > 0)', () => {
    const c = oe.find((x) => x.id === 'oe-processRaw-hand') as unknown as { N: number[]; E: number[] };
    const pairs = processReports(toRows('openEBGM/testA_dat2.csv'));
    const products = ['product_A', 'product_B', 'product_C'];
    const events = ['event_1', 'event_2', 'event_3'];
    let i = 0;
    for (const product of products) {
      for (const event of events) {
        const p = pairs.find((x) => x.product === product && x.event === event);
        if ((c.N[i] ?? 0) === 0) expect(p).toBeUndefined();
        else {
          expect(p?.n).toBe(c.N[i]);
          expect(p?.expected).toBeCloseTo(c.E[i] ?? Number.NaN, 12);
        }
        i++;
      }
    }
  });
  it('counts a report once per pair and once per margin', () => {
    const pairs = processReports([
      { id: 1, product: 'A', event: 'x' },
      { id: 1, product: 'A', event: 'x' },
      { id: '1', product: 'A', event: 'y' },
      { id: 2, product: 'B', event: 'x' },
    ]);
    expect(pairs.map((p) => [p.product, p.event, p.n, p.productTotal, p.eventTotal, p.total])).toEqual([
      ['A', 'x', 1, 1, 2, 2],
      ['A', 'y', 1, 1, 1, 2],
      ['B', 'x', 1, 1, 2, 2],
    ]);
  });
});

describe('processCounts', () => {
  it('uses table sums as margins and drops zero cells', () => {
    const pairs = processCounts([
      { product: 'A', event: 'x', n: 3 },
      { product: 'A', event: 'y', n: 1 },
      { product: 'B', event: 'x', n: 0 },
      { product: 'B', event: 'y', n: 6 },
      { product: 'A', event: 'x', n: 1 },
    ]);
    expect(pairs).toHaveLength(3);
    const ax = pairs[0];
    expect(ax).toMatchObject({ product: 'A', event: 'x', n: 4, productTotal: 5, eventTotal: 4, total: 11 });
    expect(ax?.expected).toBeCloseTo(20 / 11, 12);
  });
  it('rejects negative or fractional counts', () => {
    expect(() => processCounts([{ product: 'A', event: 'x', n: -1 }])).toThrow(RangeError);
    expect(() => processCounts([{ product: 'A', event: 'x', n: 1.5 }])).toThrow(RangeError);
  });
});
