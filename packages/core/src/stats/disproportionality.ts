import type { Issue, Result } from '../errors.ts';
import { fail, ok } from '../errors.ts';
import { bcpnnIc } from './bcpnn.ts';
import { chiSquare } from './chi-square.ts';
import { ebScoresMany } from './mgps-posterior.ts';
import type { GammaMixturePrior, PriorFitOptions } from './mgps-prior.ts';
import { fitGammaMixturePrior } from './mgps-prior.ts';
import type { CountRow, PairCount, ReportRow } from './pair-counts.ts';
import { processCounts, processReports } from './pair-counts.ts';
import { prr } from './prr.ts';
import { ror } from './ror.ts';
import { fromMargins } from './two-by-two.ts';

/** Report rows (counted by unique report id) or an aggregated count table. */
export type DisproportionalityInput = { reports: readonly ReportRow[] } | { counts: readonly CountRow[] };

/** Options of {@link disproportionality}. */
export interface DisproportionalityOptions {
  /** MGPS prior; fitted to the input when absent. */
  prior?: GammaMixturePrior;
  /** Options of the prior fit when no prior is given. */
  fit?: PriorFitOptions;
  /** Yates-corrected χ² (Evans 2001). Default true. */
  yates?: boolean;
}

/**
 * Every measure for one product–event pair. 95 % intervals throughout; EB05/EB95 are the 5th and
 * 95th posterior percentiles. Non-finite values are kept as in openEBGM/pharmsignal (Infinity when
 * a denominator cell is 0, NaN when a measure is undefined): a caller serialising to JSON should
 * map them explicitly.
 */
export interface PairSignal {
  product: string;
  event: string;
  /** a: reports with both. */
  n: number;
  /** E = n1.·n.1/n.. */
  expected: number;
  productTotal: number;
  eventTotal: number;
  total: number;
  /** N/E (openEBGM's RR). */
  rr: number;
  prr: number;
  prrLower: number;
  prrUpper: number;
  chiSquare: number;
  chiSquareP: number;
  ror: number;
  rorLower: number;
  rorUpper: number;
  ic: number;
  ic025: number;
  ic975: number;
  qn: number;
  ebgm: number;
  eb05: number;
  eb95: number;
}

/** Pair signals plus the prior they were scored with. */
export interface DisproportionalityResult {
  pairs: PairSignal[];
  prior: GammaMixturePrior;
  priorSource: 'given' | 'fitted';
  /** Fit diagnostics when the prior was fitted. */
  fit?: { negLogLik: number; numClose: number; consistent: boolean; rowsUsed: number; distinctRows: number };
}

function checkText(value: unknown, path: (string | number)[], issues: Issue[]): void {
  if (typeof value !== 'string' || value.length === 0 || value.includes('\u0000')) {
    issues.push({ code: 'stats.text_invalid', path, params: { value: typeof value === 'string' ? value : String(value) } });
  }
}

function validate(input: DisproportionalityInput, options: DisproportionalityOptions): Issue[] {
  const issues: Issue[] = [];
  if ('reports' in input) {
    if (input.reports.length === 0) issues.push({ code: 'stats.empty_input', path: ['reports'] });
    input.reports.forEach((r, i) => {
      const idOk = (typeof r.id === 'string' && r.id.length > 0) || (typeof r.id === 'number' && Number.isFinite(r.id));
      if (!idOk) issues.push({ code: 'stats.id_invalid', path: ['reports', i, 'id'], params: { value: String(r.id) } });
      checkText(r.product, ['reports', i, 'product'], issues);
      checkText(r.event, ['reports', i, 'event'], issues);
    });
  } else {
    if (input.counts.length === 0) issues.push({ code: 'stats.empty_input', path: ['counts'] });
    input.counts.forEach((r, i) => {
      checkText(r.product, ['counts', i, 'product'], issues);
      checkText(r.event, ['counts', i, 'event'], issues);
      if (!Number.isInteger(r.n) || r.n < 0) issues.push({ code: 'stats.count_invalid', path: ['counts', i, 'n'], params: { value: String(r.n) } });
    });
    if (issues.length === 0 && input.counts.every((r) => r.n === 0)) issues.push({ code: 'stats.empty_input', path: ['counts'] });
  }
  if (options.prior) {
    const p = options.prior;
    for (const key of ['alpha1', 'beta1', 'alpha2', 'beta2'] as const) {
      if (!(p[key] > 0) || !Number.isFinite(p[key])) issues.push({ code: 'stats.prior_invalid', path: ['prior', key], params: { value: String(p[key]) } });
    }
    if (!(p.p > 0 && p.p < 1)) issues.push({ code: 'stats.prior_invalid', path: ['prior', 'p'], params: { value: String(p.p) } });
  }
  return issues;
}

/**
 * PRR with χ², ROR, BCPNN IC and MGPS EBGM/EB05/EB95 for every reported product–event pair,
 * fitting the MGPS prior (openEBGM autoHyper rules) when none is given. Backs
 * `POST /api/analysis/disproportionality`. Example:
 * `disproportionality({ reports: [{ id: 'r1', product: 'P', event: 'E' }, …] })`.
 */
export function disproportionality(input: DisproportionalityInput, options: DisproportionalityOptions = {}): Result<DisproportionalityResult> {
  const issues = validate(input, options);
  if (issues.length > 0) return fail(...issues);
  const counts: PairCount[] = 'reports' in input ? processReports(input.reports) : processCounts(input.counts);

  let prior: GammaMixturePrior;
  let fit: DisproportionalityResult['fit'];
  if (options.prior) prior = options.prior;
  else {
    try {
      const f = fitGammaMixturePrior({ n: counts.map((c) => c.n), e: counts.map((c) => c.expected) }, options.fit);
      prior = f.prior;
      fit = { negLogLik: f.negLogLik, numClose: f.numClose, consistent: f.consistent, rowsUsed: f.rowsUsed, distinctRows: f.distinctRows };
    } catch (error) {
      return fail({ code: 'stats.prior_fit_failed', path: ['prior'], params: { reason: error instanceof Error ? error.message : String(error) } });
    }
  }

  const eb = ebScoresMany(
    prior,
    counts.map((c) => ({ n: c.n, e: c.expected })),
  );
  const yates = options.yates ?? true;
  const pairs = counts.map((c, i): PairSignal => {
    const t = fromMargins(c.n, c.productTotal, c.eventTotal, c.total);
    const p = prr(t);
    const o = ror(t);
    const x = chiSquare(t, { yates });
    const ic = bcpnnIc(t);
    const s = eb[i] ?? { qn: Number.NaN, ebgm: Number.NaN, eb05: Number.NaN, eb95: Number.NaN };
    return {
      product: c.product,
      event: c.event,
      n: c.n,
      expected: c.expected,
      productTotal: c.productTotal,
      eventTotal: c.eventTotal,
      total: c.total,
      rr: c.n / c.expected,
      prr: p.estimate,
      prrLower: p.lower,
      prrUpper: p.upper,
      chiSquare: x.statistic,
      chiSquareP: x.pValue,
      ror: o.estimate,
      rorLower: o.lower,
      rorUpper: o.upper,
      ic: ic.ic,
      ic025: ic.lower,
      ic975: ic.upper,
      qn: s.qn,
      ebgm: s.ebgm,
      eb05: s.eb05,
      eb95: s.eb95,
    };
  });
  const result: DisproportionalityResult = { pairs, prior, priorSource: options.prior ? 'given' : 'fitted' };
  if (fit) result.fit = fit;
  return ok(result);
}
