import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv, type CsvColumn } from '../../http/csv.ts';
import { ANALYSIS_BODY_LIMIT, ANALYSIS_MAX_ROWS, AnalysisService, SORT_KEYS, type PairView, type SortKey } from './analysis.service.ts';

// Shapes only; names, counts and prior ranges are checked by core/stats, which names the offending row.
const name = z.string().max(1000);
const prior = z.object({ alpha1: z.number(), beta1: z.number(), alpha2: z.number(), beta2: z.number(), p: z.number() }).strict();
const body = z.object({
  rows: z.array(z.object({ id: z.union([z.string().max(200), z.number()]), product: name, event: name }).strict()).optional()
    .describe(`Report rows, counted by unique report id (openEBGM processRaw). At most ${ANALYSIS_MAX_ROWS} rows.`),
  counts: z.array(z.object({ product: name, event: name, n: z.number() }).strict()).optional()
    .describe(`A product × event count table. At most ${ANALYSIS_MAX_ROWS} cells.`),
  prior: prior.optional().describe('MGPS two-gamma-mixture prior; fitted by maximum likelihood on the data when absent.'),
}).strict();

const SORTS = [...SORT_KEYS, ...SORT_KEYS.map((k) => `-${k}` as const)] as const;
const query = z.object({
  sort: z.enum(SORTS).default('-eb05').describe("Sort key; a leading '-' sorts descending. Nulls come last."),
  minN: z.coerce.number().int().min(1).default(1).describe('Only pairs reported at least this many times.'),
  format: z.enum(['json', 'csv']).optional().describe('csv answers text/csv, as does Accept: text/csv.'),
});

const num = z.number().nullable();
const pair = z.object({
  product: z.string(), event: z.string(), n: z.number(), expected: num,
  prr: num, prrLower: num, prrUpper: num, chiSquare: num, chiSquareP: num,
  ror: num, rorLower: num, rorUpper: num, ic: num, ic025: num, ebgm: num, eb05: num, eb95: num,
});
const answer = z.object({
  pairs: z.array(pair),
  prior: prior.strip(),
  priorSource: z.enum(['given', 'fitted']),
  fit: z.object({ negLogLik: z.number(), numClose: z.number(), consistent: z.boolean(), rowsUsed: z.number(), distinctRows: z.number() }).optional(),
});

const COLUMNS: CsvColumn<PairView>[] = (['product', 'event', 'n', 'expected', 'prr', 'prrLower', 'prrUpper', 'chiSquare', 'chiSquareP', 'ror', 'rorLower', 'rorUpper', 'ic', 'ic025', 'ebgm', 'eb05', 'eb95'] as const)
  .map((key) => ({ header: key, value: (p: PairView) => p[key] }));

const DESCRIPTION = `Disproportionality statistics for uploaded adverse-event data from any source (an openFDA or CAERS extract, …).
Send exactly one of \`rows\` (one line per report × product × event; counts and margins by unique report id, as openEBGM's processRaw) or \`counts\` (an aggregated product × event table), optionally with the MGPS \`prior\`.
Every reported pair gets N, the expected count E = n1.·n.1/n.., PRR with its 95 % CI and Yates-corrected χ², ROR with its 95 % CI, BCPNN IC with IC025, and MGPS EBGM with EB05 / EB95; the answer also carries the prior used (\`priorSource\` given or fitted, with the fit diagnostics).

**Nulls.** JSON cannot carry Infinity or NaN, so a statistic that is infinite (e.g. PRR or ROR when a denominator cell of the 2×2 table is 0) or undefined is returned as \`null\`, in JSON and as an empty cell in CSV. Nulls sort last.

At most ${ANALYSIS_MAX_ROWS} rows or cells and ${ANALYSIS_BODY_LIMIT / 1024 / 1024} MB per request (413 beyond). Nothing is stored; each run is written to the audit log. Regulators only.`;

export const analysisRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new AnalysisService(deps);
  app.post('/api/analysis/disproportionality', {
    bodyLimit: ANALYSIS_BODY_LIMIT,
    // The problem handler reads the limit it reports in a 413 from the route config.
    config: { bodyLimit: ANALYSIS_BODY_LIMIT } as never,
    schema: {
      tags: ['analysis'], summary: 'PRR, ROR, IC and EBGM for uploaded report rows or counts (regulator)', description: DESCRIPTION,
      body, querystring: query,
      response: { 200: answer },
    },
  }, async (request, reply) => {
    const { sort, minN, format } = request.query;
    const desc = sort.startsWith('-');
    const result = await service.disproportionality(contextOf(request), request.body, { sort: { key: (desc ? sort.slice(1) : sort) as SortKey, direction: desc ? 'desc' : 'asc' }, minN });
    const wantsCsv = format === 'csv' || (format === undefined && /\btext\/csv\b/.test(request.headers.accept ?? ''));
    if (wantsCsv) {
      reply.header('x-prior-source', result.priorSource).header('x-prior', JSON.stringify(result.prior));
      return sendCsv(reply, 'disproportionality', result.pairs, COLUMNS);
    }
    return result;
  });
};
