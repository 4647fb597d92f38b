// Times the MGPS prior fit and the full disproportionality scoring on the CAERS table
// (17 189 product–event pairs from 20 156 report rows). Median of 5 runs.
// Run: npx tsx bench/stats-prior-fit.ts
import { readConformanceCsv } from '../packages/core/src/stats/conformance.test-support.ts';
import { disproportionality, ebScoresMany, fitGammaMixturePrior, processReports } from '../packages/core/src/stats/index.ts';

const RUNS = 5;
const FIT_TARGET_MS = 10_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

const reports = readConformanceCsv('openEBGM/caers.csv').map((r) => ({ id: r['id'] ?? '', product: r['var1'] ?? '', event: r['var2'] ?? '' }));
const counting: number[] = [];
const fitting: number[] = [];
const scoring: number[] = [];
const whole: number[] = [];
let summary = '';
for (let run = 0; run < RUNS; run++) {
  const counted = time(() => processReports(reports));
  const pairs = counted.value;
  const fit = time(() => fitGammaMixturePrior({ n: pairs.map((p) => p.n), e: pairs.map((p) => p.expected) }));
  const scored = time(() => ebScoresMany(fit.value.prior, pairs.map((p) => ({ n: p.n, e: p.expected }))));
  const all = time(() => disproportionality({ reports }));
  counting.push(counted.ms);
  fitting.push(fit.ms);
  scoring.push(scored.ms);
  whole.push(all.ms);
  const f = fit.value;
  summary =
    `pairs ${pairs.length}, distinct (N, E) rows ${f.distinctRows}, evaluations ${f.starts.reduce((s, x) => s + x.evaluations, 0)}\n` +
    `prior ${JSON.stringify(f.prior)}\n-lnL ${f.negLogLik.toFixed(6)}, starts agreeing ${f.numClose}, consistent ${f.consistent}`;
}
console.log(summary);
console.log(`counts (processReports)           median ${median(counting).toFixed(0)} ms`);
console.log(`prior fit (5 starts, Nelder–Mead)  median ${median(fitting).toFixed(0)} ms (target ≤ ${FIT_TARGET_MS} ms)`);
console.log(`EB scoring (Qn, EBGM, EB05, EB95)  median ${median(scoring).toFixed(0)} ms`);
console.log(`disproportionality() end to end    median ${median(whole).toFixed(0)} ms`);
if (median(fitting) > FIT_TARGET_MS) process.exitCode = 1;
