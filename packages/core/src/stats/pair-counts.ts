/**
 * Product–event counts and margins, the input of every disproportionality measure.
 *
 * Mirrors openEBGM's processRaw(data, stratify = FALSE, zeroes = FALSE): every count is a number of
 * unique report ids, so a report listing the same product–event twice counts once, and a report
 * with two events counts once in its product's margin. E = n1.·n.1/n.. (DuMouchel 1999, eq. 1 with
 * a single stratum). Pairs never reported together are not listed.
 */

/** One (report, product, event) line of a spontaneous-report database. */
export interface ReportRow {
  id: string | number;
  product: string;
  event: string;
}

/** One cell of an already aggregated product × event table. */
export interface CountRow {
  product: string;
  event: string;
  n: number;
}

/** A product–event pair with the margins of its 2×2 table. */
export interface PairCount {
  product: string;
  event: string;
  /** Reports with the product and the event (N, n11). */
  n: number;
  /** Reports with the product (n1.). */
  productTotal: number;
  /** Reports with the event (n.1). */
  eventTotal: number;
  /** All reports (n..). */
  total: number;
  /** n1.·n.1/n.. */
  expected: number;
}

const SEP = '\u0000';

function byProductThenEvent(x: PairCount, y: PairCount): number {
  if (x.product !== y.product) return x.product < y.product ? -1 : 1;
  if (x.event !== y.event) return x.event < y.event ? -1 : 1;
  return 0;
}

function increment(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function assemble(
  cells: Map<string, number>,
  products: Map<string, number>,
  events: Map<string, number>,
  total: number,
): PairCount[] {
  const pairs: PairCount[] = [];
  for (const [key, n] of cells) {
    if (n === 0) continue;
    const cut = key.indexOf(SEP);
    const product = key.slice(0, cut);
    const event = key.slice(cut + 1);
    const productTotal = products.get(product) ?? 0;
    const eventTotal = events.get(event) ?? 0;
    pairs.push({ product, event, n, productTotal, eventTotal, total, expected: (productTotal * eventTotal) / total });
  }
  return pairs.sort(byProductThenEvent);
}

/** Counts pairs and margins by unique report id, like openEBGM's processRaw: `processReports([{id: 1, product: 'A', event: 'e1'}])`. */
export function processReports(rows: Iterable<ReportRow>): PairCount[] {
  const seenCell = new Set<string>();
  const seenProduct = new Set<string>();
  const seenEvent = new Set<string>();
  const ids = new Set<string>();
  const cells = new Map<string, number>();
  const products = new Map<string, number>();
  const events = new Map<string, number>();
  for (const row of rows) {
    // Ids are compared as strings so 7 and '7' are the same report, as they would be in a CSV.
    const id = String(row.id);
    ids.add(id);
    const cell = row.product + SEP + row.event;
    const idCell = id + SEP + cell;
    if (!seenCell.has(idCell)) {
      seenCell.add(idCell);
      increment(cells, cell);
    }
    const idProduct = id + SEP + row.product;
    if (!seenProduct.has(idProduct)) {
      seenProduct.add(idProduct);
      increment(products, row.product);
    }
    const idEvent = id + SEP + row.event;
    if (!seenEvent.has(idEvent)) {
      seenEvent.add(idEvent);
      increment(events, row.event);
    }
  }
  return assemble(cells, products, events, ids.size);
}

/**
 * Pairs from an aggregated table {product, event, n}. Without report ids the margins can only be
 * the sums of n over the table (each report counted once per pair it contains), which equals the
 * unique-id margins only when every report has one product and one event. Repeated cells add up.
 */
export function processCounts(rows: Iterable<CountRow>): PairCount[] {
  const cells = new Map<string, number>();
  const products = new Map<string, number>();
  const events = new Map<string, number>();
  let total = 0;
  for (const row of rows) {
    if (!Number.isInteger(row.n) || row.n < 0) throw new RangeError(`count must be a non-negative integer, got ${row.n}`);
    increment(cells, row.product + SEP + row.event, row.n);
    increment(products, row.product, row.n);
    increment(events, row.event, row.n);
    total += row.n;
  }
  return total === 0 ? [] : assemble(cells, products, events, total);
}
