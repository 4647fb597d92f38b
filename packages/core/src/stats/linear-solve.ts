/**
 * Solves A·x = b by Gaussian elimination with partial pivoting. A is n×n in row-major order and
 * is overwritten. Used for the few-hundred-state Markov chains of the ARL computations, where a
 * dense O(n³) solve is fast enough and needs no library.
 */
export function solveLinear(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    let max = Math.abs(a[col * n + col] ?? 0);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(a[r * n + col] ?? 0);
      if (v > max) {
        max = v;
        pivot = r;
      }
    }
    if (max === 0) throw new RangeError('singular system');
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        const t = a[col * n + c] ?? 0;
        a[col * n + c] = a[pivot * n + c] ?? 0;
        a[pivot * n + c] = t;
      }
      const t = x[col] ?? 0;
      x[col] = x[pivot] ?? 0;
      x[pivot] = t;
    }
    const d = a[col * n + col] ?? 1;
    for (let r = col + 1; r < n; r++) {
      const f = (a[r * n + col] ?? 0) / d;
      if (f === 0) continue;
      for (let c = col; c < n; c++) a[r * n + c] = (a[r * n + c] ?? 0) - f * (a[col * n + c] ?? 0);
      x[r] = (x[r] ?? 0) - f * (x[col] ?? 0);
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r] ?? 0;
    for (let c = r + 1; c < n; c++) s -= (a[r * n + c] ?? 0) * (x[c] ?? 0);
    x[r] = s / (a[r * n + r] ?? 1);
  }
  return x;
}
