/**
 * The 2×2 contingency table behind every disproportionality measure.
 *
 *                 event   not event
 *   product        a         b        n1. = a + b
 *   not product    c         d
 *                 n.1 = a + c         n.. = a + b + c + d
 *
 * Same notation as pharmsignal (tystan/pharmsignal) and Evans et al. (2001).
 */
export interface TwoByTwo {
  /** Reports naming the product and the event (n11, openEBGM's N). */
  a: number;
  /** Reports naming the product without the event. */
  b: number;
  /** Reports naming the event without the product. */
  c: number;
  /** Reports naming neither. */
  d: number;
}

/** Builds the 2×2 table from a pair count and its margins: `fromMargins(28, 970, 45, 32422)` → {a: 28, b: 942, c: 17, d: 31435}. */
export function fromMargins(n11: number, productTotal: number, eventTotal: number, total: number): TwoByTwo {
  const table = { a: n11, b: productTotal - n11, c: eventTotal - n11, d: total - productTotal - eventTotal + n11 };
  assertTable(table);
  return table;
}

/** Expected count of the pair under independence of product and event: n1.·n.1/n.. (openEBGM's E). */
export function expectedCount(t: TwoByTwo): number {
  const total = t.a + t.b + t.c + t.d;
  return ((t.a + t.b) * (t.a + t.c)) / total;
}

/** Throws a RangeError unless all four cells are finite non-negative numbers and the total is positive. */
export function assertTable(t: TwoByTwo): void {
  for (const key of ['a', 'b', 'c', 'd'] as const) {
    const v = t[key];
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`2×2 cell ${key} must be a finite non-negative count, got ${v}`);
  }
  if (t.a + t.b + t.c + t.d <= 0) throw new RangeError('2×2 table is empty');
}
