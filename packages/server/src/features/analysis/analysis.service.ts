import type { Issue } from '@lianjian/core';
import { disproportionality, type CountRow, type DisproportionalityResult, type GammaMixturePrior, type PairSignal, type ReportRow } from '@lianjian/core/stats/index';
import type { AppDeps } from '../../app-context.ts';
import { AppError, invalid } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';

/** Most report rows (or count cells) one upload may carry; beyond it the answer is 413. */
export const ANALYSIS_MAX_ROWS = 200_000;
/** Body limit of the upload route (the app-wide default is 10 MB). */
export const ANALYSIS_BODY_LIMIT = 50 * 1024 * 1024;
/** Field problems echoed back at most; a broken 200,000-row file should not answer with 200,000 errors. */
const MAX_ISSUES = 100;

export interface DisproportionalityRequest {
  rows?: ReportRow[] | undefined;
  counts?: CountRow[] | undefined;
  prior?: GammaMixturePrior | undefined;
}

/** The numeric measures of a pair; `null` where the statistic is infinite or undefined (JSON has no Infinity/NaN). */
export interface PairView {
  product: string;
  event: string;
  n: number;
  expected: number | null;
  prr: number | null;
  prrLower: number | null;
  prrUpper: number | null;
  chiSquare: number | null;
  chiSquareP: number | null;
  ror: number | null;
  rorLower: number | null;
  rorUpper: number | null;
  ic: number | null;
  ic025: number | null;
  ebgm: number | null;
  eb05: number | null;
  eb95: number | null;
}

export const SORT_KEYS = ['eb05', 'ebgm', 'eb95', 'n', 'expected', 'prr', 'ror', 'rorLower', 'ic', 'ic025', 'chiSquare', 'product', 'event'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface DisproportionalityOptions {
  sort: { key: SortKey; direction: 'asc' | 'desc' };
  minN: number;
}

export interface DisproportionalityAnswer {
  pairs: PairView[];
  prior: GammaMixturePrior;
  priorSource: 'given' | 'fitted';
  fit?: NonNullable<DisproportionalityResult['fit']>;
}

/** Infinity and NaN cannot travel in JSON: both become null, on purpose and in one place. */
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function view(p: PairSignal): PairView {
  return {
    product: p.product, event: p.event, n: p.n, expected: finite(p.expected),
    prr: finite(p.prr), prrLower: finite(p.prrLower), prrUpper: finite(p.prrUpper), chiSquare: finite(p.chiSquare), chiSquareP: finite(p.chiSquareP),
    ror: finite(p.ror), rorLower: finite(p.rorLower), rorUpper: finite(p.rorUpper), ic: finite(p.ic), ic025: finite(p.ic025),
    ebgm: finite(p.ebgm), eb05: finite(p.eb05), eb95: finite(p.eb95),
  };
}

/** Orders pairs by one key; nulls (infinite or undefined) go last either way; ties by product, then event. */
function comparator({ key, direction }: DisproportionalityOptions['sort']): (a: PairView, b: PairView) => number {
  const sign = direction === 'desc' ? -1 : 1;
  const byName = (a: PairView, b: PairView) => (a.product < b.product ? -1 : a.product > b.product ? 1 : a.event < b.event ? -1 : a.event > b.event ? 1 : 0);
  return (a, b) => {
    const x = a[key];
    const y = b[key];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    return byName(a, b);
  };
}

/**
 * Ad-hoc disproportionality analysis of uploaded data (issue 5): nothing is stored, but every run is
 * audited. The statistics are `core/stats`'s; this layer checks the permission, the shape and size of
 * the upload, and turns the result into JSON-safe rows.
 */
export class AnalysisService {
  readonly #deps: AppDeps;
  readonly #maxRows: number;
  constructor(deps: AppDeps, options: { maxRows?: number } = {}) {
    this.#deps = deps;
    this.#maxRows = options.maxRows ?? ANALYSIS_MAX_ROWS;
  }

  async disproportionality(ctx: RequestContext, body: DisproportionalityRequest, options: DisproportionalityOptions): Promise<DisproportionalityAnswer> {
    requirePermission(ctx.actor, 'analysis.run');
    const { rows, counts, prior } = body;
    if (rows && counts) throw invalid([{ code: 'stats.input_both', path: ['rows'] }, { code: 'stats.input_both', path: ['counts'] }]);
    if (!rows && !counts) throw invalid([{ code: 'stats.input_missing', path: ['rows'] }]);
    const size = rows?.length ?? counts?.length ?? 0;
    if (size > this.#maxRows) throw new AppError(413, 'stats.too_many_rows', { count: size, limit: this.#maxRows });

    const result = disproportionality(rows ? { reports: rows } : { counts: counts ?? [] }, prior ? { prior } : {});
    if (!result.ok) {
      // core names report rows `reports`; the API calls them `rows`.
      const issues: Issue[] = result.issues.slice(0, MAX_ISSUES).map((i) => (i.path?.[0] === 'reports' ? { ...i, path: ['rows', ...i.path.slice(1)] } : i));
      throw invalid(issues);
    }
    const { pairs, priorSource, fit } = result.value;
    await this.#deps.audit.recordNow(this.#deps.db, whoFrom(ctx), {
      action: 'analysis.disproportionality',
      details: { rows: size, pairs: pairs.length, priorSource, input: rows ? 'rows' : 'counts' },
    });
    const out = pairs.filter((p) => p.n >= options.minN).map(view).sort(comparator(options.sort));
    const answer: DisproportionalityAnswer = { pairs: out, prior: { ...result.value.prior }, priorSource };
    if (fit) answer.fit = fit;
    return answer;
  }
}
