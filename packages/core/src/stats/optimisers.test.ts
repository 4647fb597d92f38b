import { describe, expect, it } from 'vitest';
import { brentRoot } from './brent.ts';
import { nelderMead } from './nelder-mead.ts';

describe('nelderMead', () => {
  it('minimises the Rosenbrock function', () => {
    const rosen = (x: readonly number[]) => 100 * ((x[1] ?? 0) - (x[0] ?? 0) ** 2) ** 2 + (1 - (x[0] ?? 0)) ** 2;
    const m = nelderMead(rosen, [-1.2, 1], { xTol: 1e-10, fTol: 1e-14 });
    expect(m.x[0]).toBeCloseTo(1, 6);
    expect(m.x[1]).toBeCloseTo(1, 6);
    expect(m.converged).toBe(true);
  });
  it('respects an infeasible region scored Infinity', () => {
    const m = nelderMead((x) => ((x[0] ?? 0) < 2 ? Number.POSITIVE_INFINITY : (x[0] ?? 0) ** 2), [3]);
    expect(m.x[0]).toBeCloseTo(2, 6);
  });
});

describe('brentRoot', () => {
  it('finds cos(x) = x', () => expect(brentRoot((x) => Math.cos(x) - x, 0, 1)).toBeCloseTo(0.7390851332151607, 11));
  it('rejects a bracket without a sign change', () => expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrow(RangeError));
});
