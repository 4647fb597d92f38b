/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Stop when the simplex's function values span less than this (absolute). Default 1e-10. */
  fTol?: number;
  /** …and its vertices lie within this distance of the best one (max-norm). Default 1e-9. */
  xTol?: number;
  /** Evaluation budget for one run, restarts included. Default 20 000. */
  maxEvaluations?: number;
  /** Edge length of the initial simplex, in the units of x. Default 0.5. */
  initialStep?: number;
  /** Fresh simplices built around the best point after convergence. Default 3. */
  restarts?: number;
}

/** Result of a minimisation. */
export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
  /** True when the last run met the tolerances within the budget. */
  converged: boolean;
}

/**
 * Minimises f by the Nelder–Mead simplex method (Nelder & Mead 1965) with the standard
 * coefficients (reflection 1, expansion 2, contraction ½, shrink ½) and the ordering rules of
 * Lagarias et al. (1998, SIAM J Optim 9:112). Because a simplex can collapse on a ridge before it
 * reaches the minimum (McKinnon 1998), the search restarts from the best vertex with a fresh
 * simplex of shrinking size until a restart no longer improves the value. Bounds are the caller's
 * business: return Infinity outside the feasible region and the simplex contracts away from it.
 */
export function nelderMead(f: (x: readonly number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): Minimum {
  const fTol = options.fTol ?? 1e-10;
  const xTol = options.xTol ?? 1e-9;
  const maxEvaluations = options.maxEvaluations ?? 20_000;
  const restarts = options.restarts ?? 3;
  let step = options.initialStep ?? 0.5;
  let evaluations = 0;
  const evaluate = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };

  let best = { x: [...start], value: evaluate(start) };
  let converged = false;
  for (let run = 0; run <= restarts; run++) {
    const result = simplexRun(evaluate, best.x, best.value, step, fTol, xTol, () => evaluations < maxEvaluations);
    const improved = best.value - result.value;
    if (result.value <= best.value) best = { x: result.x, value: result.value };
    converged = result.converged;
    // A restart that finds nothing better confirms the minimum; stop there.
    if (run > 0 && improved <= fTol) break;
    if (evaluations >= maxEvaluations) break;
    step = Math.max(step / 4, 1e-3);
  }
  return { x: best.x, value: best.value, evaluations, converged };
}

function simplexRun(
  evaluate: (x: readonly number[]) => number,
  x0: readonly number[],
  f0: number,
  step: number,
  fTol: number,
  xTol: number,
  budgetLeft: () => boolean,
): { x: number[]; value: number; converged: boolean } {
  const n = x0.length;
  const points: number[][] = [[...x0]];
  const values: number[] = [f0];
  for (let i = 0; i < n; i++) {
    const p = [...x0];
    p[i] = (p[i] ?? 0) + step;
    points.push(p);
    values.push(evaluate(p));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const at = (i: number): number[] => points[order[i] ?? 0] ?? [];
  const val = (i: number): number => values[order[i] ?? 0] ?? Number.POSITIVE_INFINITY;
  const combine = (a: readonly number[], b: readonly number[], t: number): number[] =>
    a.map((ai, k) => ai + t * ((b[k] ?? 0) - ai));
  const replaceWorst = (p: number[], v: number): void => {
    const w = order[n] ?? 0;
    points[w] = p;
    values[w] = v;
  };

  let converged = false;
  while (budgetLeft()) {
    order.sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0));
    const bestPoint = at(0);
    let spread = 0;
    for (let i = 1; i <= n; i++) {
      const p = at(i);
      for (let k = 0; k < n; k++) spread = Math.max(spread, Math.abs((p[k] ?? 0) - (bestPoint[k] ?? 0)));
    }
    if (Math.abs(val(n) - val(0)) <= fTol && spread <= xTol) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const p = at(i);
      for (let k = 0; k < n; k++) centroid[k] = (centroid[k] ?? 0) + (p[k] ?? 0) / n;
    }
    const worst = at(n);
    const reflected = combine(centroid, worst, -1);
    const fr = evaluate(reflected);
    if (fr < val(0)) {
      const expanded = combine(centroid, worst, -2);
      const fe = evaluate(expanded);
      if (fe < fr) replaceWorst(expanded, fe);
      else replaceWorst(reflected, fr);
      continue;
    }
    if (fr < val(n - 1)) {
      replaceWorst(reflected, fr);
      continue;
    }
    // Outside contraction when the reflection beat the worst vertex, inside otherwise.
    const outside = fr < val(n);
    const contracted = outside ? combine(centroid, worst, -0.5) : combine(centroid, worst, 0.5);
    const fc = evaluate(contracted);
    if (outside ? fc <= fr : fc < val(n)) {
      replaceWorst(contracted, fc);
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const idx = order[i] ?? 0;
      const p = combine(bestPoint, points[idx] ?? [], 0.5);
      points[idx] = p;
      values[idx] = evaluate(p);
    }
  }
  order.sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0));
  return { x: [...at(0)], value: val(0), converged };
}
