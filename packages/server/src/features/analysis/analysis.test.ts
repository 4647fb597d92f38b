import { readConformanceCsv } from '@lianjian/core/stats/conformance.test-support';
import { CAERS_THETA_HAT } from '@lianjian/core/stats/index';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { ANALYSIS_BODY_LIMIT, ANALYSIS_MAX_ROWS } from './analysis.service.ts';

const t = useTestApp();
const URL = '/api/analysis/disproportionality';

// openEBGM's CAERS extract and its reference scores at the vignette's theta_hat (conformance/signal/openEBGM).
const caersRows = readConformanceCsv('openEBGM/caers.csv').map((r) => ({ id: r['id'] ?? '', product: r['var1'] ?? '', event: r['var2'] ?? '' }));
const reference = readConformanceCsv('openEBGM/caers_unstratified_reference_scores.csv').map((r) => ({
  product: r['var1'] ?? '', event: r['var2'] ?? '', n: Number(r['N']), ebgm: Number(r['EBGM']), eb05: Number(r['QUANT_05']), eb95: Number(r['QUANT_95']),
}));
/** The 20 pairs with the highest EB05 and every 250th pair of the rest. */
const sample = [...reference].sort((a, b) => b.eb05 - a.eb05).filter((_, i) => i < 20 || i % 250 === 0);

interface Pair { product: string; event: string; n: number; ebgm: number | null; eb05: number | null; eb95: number | null; prr: number | null; ror: number | null; [key: string]: unknown }
const key = (p: { product: string; event: string }) => `${p.product}\u0000${p.event}`;

const h = {} as { regulator: Record<string, string>; enterprise: Record<string, string>; regulatorName: string };
beforeAll(async () => {
  const { deps, app } = t();
  const regulator = await makeUser(deps, { role: 'regulator', jurisdictionCode: '330000', regulatorLevel: 'province' });
  const org = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const enterprise = await makeUser(deps, { role: 'enterprise', organizationId: org.id });
  h.regulator = await loginHeaders(app, regulator, PASSWORD);
  h.regulatorName = regulator;
  h.enterprise = await loginHeaders(app, enterprise, PASSWORD);
});

const post = (payload: unknown, opts: { query?: string; headers?: Record<string, string>; who?: 'regulator' | 'enterprise' } = {}) =>
  call(t().app, { ...h[opts.who ?? 'regulator'], ...opts.headers }, { method: 'POST', url: `${URL}${opts.query ?? ''}`, payload: payload as Record<string, unknown> });

function expectMatchesReference(pairs: Pair[], tolerance: number) {
  const byKey = new Map(pairs.map((p) => [key(p), p]));
  for (const r of sample) {
    const p = byKey.get(key(r));
    expect(p, key(r)).toBeDefined();
    expect(p?.n).toBe(r.n);
    for (const f of ['ebgm', 'eb05', 'eb95'] as const) expect(Math.abs((p?.[f] ?? Number.NaN) - r[f]), `${key(r)} ${f}`).toBeLessThan(tolerance);
  }
}

describe('POST /api/analysis/disproportionality on the CAERS extract', () => {
  it('scores the report rows with the documented prior like openEBGM, sorted by EB05 descending, and audits the run', async () => {
    const times: number[] = [];
    let res: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      res = await post({ rows: caersRows, prior: CAERS_THETA_HAT });
      times.push(performance.now() - started);
    }
    console.info(`CAERS rows (${caersRows.length}) with a given prior: ${times.map((x) => x.toFixed(0)).join(', ')} ms, median ${[...times].sort((a, b) => a - b)[1]?.toFixed(0)} ms`);
    if (!res) throw new Error('no response');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { pairs: Pair[]; prior: typeof CAERS_THETA_HAT; priorSource: string; fit?: unknown };
    expect(body.priorSource).toBe('given');
    expect(body.prior).toEqual(CAERS_THETA_HAT);
    expect(body.fit).toBeUndefined();
    expect(body.pairs).toHaveLength(reference.length);
    expectMatchesReference(body.pairs, 0.01);
    const eb05 = body.pairs.map((p) => p.eb05 ?? Number.NEGATIVE_INFINITY);
    expect(eb05).toEqual([...eb05].sort((a, b) => b - a));
    expect(key(body.pairs[0] as Pair)).toBe(key(sample[0] as Pair));

    // An infinite PRR (no other product reports the event) travels as null.
    const inf = body.pairs.find((p) => p.product === '11 UNSPECIFIED VITAMINS' && p.event === 'CARDIAC FUNCTION TEST');
    expect(inf).toMatchObject({ n: 1, prr: null });
    expect(inf?.ebgm).toBeCloseTo(2.6313345779, 6);

    const audit = await t().deps.db.selectFrom('audit_log').select(['actor_type', 'actor_name', 'details', 'outcome']).where('action', '=', 'analysis.disproportionality').orderBy('id').execute();
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ actor_type: 'user', actor_name: h.regulatorName, outcome: 'success', details: { rows: caersRows.length, pairs: reference.length, priorSource: 'given' } });
  });

  it('fits a prior close to the documented theta_hat when none is given', async () => {
    const started = performance.now();
    const res = await post({ rows: caersRows }, { query: '?minN=2&sort=-ebgm' });
    console.info(`CAERS rows with a fitted prior: ${(performance.now() - started).toFixed(0)} ms`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { pairs: Pair[]; prior: typeof CAERS_THETA_HAT; priorSource: string; fit?: { consistent: boolean } };
    expect(body.priorSource).toBe('fitted');
    expect(body.fit?.consistent).toBe(true);
    for (const k of ['alpha1', 'beta1', 'alpha2', 'beta2', 'p'] as const) expect(Math.abs(body.prior[k] / CAERS_THETA_HAT[k] - 1), k).toBeLessThan(0.01);
    expect(body.pairs.length).toBe(reference.filter((r) => r.n >= 2).length);
    expect(body.pairs.every((p) => p.n >= 2)).toBe(true);
    const ebgm = body.pairs.map((p) => p.ebgm ?? 0);
    expect(ebgm).toEqual([...ebgm].sort((a, b) => b - a));
  });
});

describe('count tables, nulls and CSV', () => {
  // The 2×2 example of core's tests (PRR, ROR and χ² checked there against pharmsignal / scipy).
  const evans = [
    { product: 'P', event: 'E', n: 28 },
    { product: 'P', event: 'other', n: 942 },
    { product: 'Q', event: 'E', n: 17 },
    { product: 'Q', event: 'other', n: 31435 },
  ];
  // Only R reports F: the 2×2 table of (R, F) has c = 0, so PRR and ROR are infinite.
  const table = { counts: [...evans, { product: 'R', event: 'F', n: 3 }, { product: 'R', event: 'other', n: 5 }], prior: CAERS_THETA_HAT };

  it('scores a count table with every measure', async () => {
    const res = await post({ counts: evans, prior: CAERS_THETA_HAT });
    expect(res.statusCode).toBe(200);
    const pairs = (res.json() as { pairs: Pair[] }).pairs;
    const pe = pairs.find((p) => p.product === 'P' && p.event === 'E');
    expect(pe?.prr).toBeCloseTo(53.405457853, 7);
    expect(pe?.ror).toBeCloseTo(54.963157237, 7);
    expect(pe?.['chiSquare']).toBeCloseTo(524.4647353722198, 8);
    expect(Object.keys(pe ?? {}).sort()).toEqual(['chiSquare', 'chiSquareP', 'eb05', 'eb95', 'ebgm', 'event', 'expected', 'ic', 'ic025', 'n', 'product', 'prr', 'prrLower', 'prrUpper', 'ror', 'rorLower', 'rorUpper'].sort());
  });

  it('returns null for the infinite ratios of a zero cell', async () => {
    const pairs = (await post(table, { query: '?sort=-ror' })).json().pairs as Pair[];
    const rf = pairs.find((p) => p.product === 'R' && p.event === 'F');
    expect(rf).toMatchObject({ n: 3, prr: null, prrUpper: null, ror: null });
    expect(typeof rf?.ebgm).toBe('number');
    expect(typeof rf?.['ic']).toBe('number');
    expect(pairs.at(-1)).toMatchObject({ product: 'R', event: 'F' });
    expect(pairs[0]?.ror).not.toBeNull();
  });

  it('answers the same table as CSV for Accept: text/csv or ?format=csv', async () => {
    const json = (await post(table)).json().pairs as Pair[];
    for (const opts of [{ headers: { accept: 'text/csv' } }, { query: '?format=csv' }]) {
      const res = await post(table, opts);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['x-prior-source']).toBe('given');
      const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines[0]).toBe('product,event,n,expected,prr,prrLower,prrUpper,chiSquare,chiSquareP,ror,rorLower,rorUpper,ic,ic025,ebgm,eb05,eb95');
      expect(lines).toHaveLength(json.length + 1);
      expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(json.map((p) => `${p.product},${p.event},${p.n}`));
      const rf = lines.find((l) => l.startsWith('R,F,'))?.split(',');
      expect(rf?.[4]).toBe('');
      expect(Number(rf?.[14])).toBeCloseTo(json.find((p) => p.product === 'R' && p.event === 'F')?.ebgm ?? Number.NaN, 10);
    }
  });
});

describe('refusals', () => {
  it('refuses rows and counts together, and neither, with 422 naming the field', async () => {
    const both = await post({ rows: [{ id: 1, product: 'P', event: 'E' }], counts: [{ product: 'P', event: 'E', n: 1 }] }, { headers: { 'accept-language': 'en' } });
    expect(both.statusCode).toBe(422);
    expect(both.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(both.json().errors.map((e: { code: string; path: string }) => [e.code, e.path])).toEqual([['stats.input_both', 'rows'], ['stats.input_both', 'counts']]);
    expect(both.json().errors[0].message).toContain('not both');
    const neither = await post({ prior: CAERS_THETA_HAT });
    expect(neither.statusCode).toBe(422);
    expect(neither.json().errors[0]).toMatchObject({ code: 'stats.input_missing', path: 'rows' });
  });

  it('reports bad rows and a bad prior with their paths', async () => {
    const res = await post({ rows: [{ id: 'r1', product: '', event: 'E' }], prior: { ...CAERS_THETA_HAT, p: 1.5 } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { code: string; path: string }) => [e.code, e.path])).toEqual([['stats.text_invalid', 'rows.0.product'], ['stats.prior_invalid', 'prior.p']]);
    const negative = await post({ counts: [{ product: 'P', event: 'E', n: -1 }] });
    expect(negative.json().errors[0]).toMatchObject({ code: 'stats.count_invalid', path: 'counts.0.n' });
    const unknown = await post({ counts: [{ product: 'P', event: 'E', n: 1 }], extra: 1 });
    expect(unknown.statusCode).toBe(422);
    expect((await post({ counts: [{ product: 'P', event: 'E', n: 1 }] }, { query: '?sort=nonsense' })).statusCode).toBe(422);
  });

  it('forbids enterprise users (403) and audits nothing for them', async () => {
    const before = await t().deps.db.selectFrom('audit_log').select('id').where('action', '=', 'analysis.disproportionality').execute();
    const res = await post({ counts: table2x2 }, { who: 'enterprise' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'auth.forbidden', params: { permission: 'analysis.run' } });
    const after = await t().deps.db.selectFrom('audit_log').select('id').where('action', '=', 'analysis.disproportionality').execute();
    expect(after.length).toBe(before.length);
  });

  it(`answers 413 beyond ${ANALYSIS_MAX_ROWS} rows and beyond the 50 MB body limit`, async () => {
    const rows = Array.from({ length: ANALYSIS_MAX_ROWS + 1 }, (_, i) => ({ id: i, product: 'P', event: 'E' }));
    const tooMany = await post({ rows });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json()).toMatchObject({ code: 'stats.too_many_rows', params: { count: ANALYSIS_MAX_ROWS + 1, limit: ANALYSIS_MAX_ROWS } });
    const huge = await call(t().app, { ...h.regulator, 'content-type': 'application/json' }, { method: 'POST', url: URL, payload: ' '.repeat(ANALYSIS_BODY_LIMIT + 1) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'request.too_large', params: { limit: '51200 KiB' } });
  });
});

const table2x2 = [
  { product: 'P', event: 'E', n: 2 },
  { product: 'Q', event: 'F', n: 3 },
];
