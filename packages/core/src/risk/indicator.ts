import { z } from 'zod';

/**
 * Risk indicators as data (issue 5 §1): what is counted (a fact, or a rate of two facts), per what
 * (grouping), over which rolling window, tested how, and who answers for an alert. Regulators edit
 * them through the API; the server knows how to count each fact, so nobody writes SQL.
 */

/** Groupings an indicator may break its metric down by. */
export const RISK_GROUPINGS = ['product', 'lot', 'manufacturer', 'region_province', 'region_city', 'institution', 'distributor', 'reporter', 'equipment_model'] as const;
export type RiskGrouping = (typeof RISK_GROUPINGS)[number];

/**
 * Facts the engine can count, and by which groupings. Numerator and denominator of a rate must share
 * the indicator's grouping. `units_used` comes from the traceability projections (units a
 * dispensing or use event consumed), which report-only systems do not have.
 */
export const RISK_FACTS = {
  ae_reports: ['product', 'lot', 'manufacturer', 'region_province', 'region_city', 'institution', 'reporter'],
  late_ae_reports: ['reporter', 'institution', 'manufacturer', 'region_province', 'region_city'],
  units_used: ['product', 'lot', 'manufacturer', 'region_province', 'region_city', 'institution'],
  storage_readings: ['distributor'],
  storage_excursions: ['distributor'],
  incoming_inspections: ['manufacturer'],
  incoming_inspection_failures: ['manufacturer'],
  release_tests: ['product', 'manufacturer'],
  release_test_failures: ['product', 'manufacturer'],
  maintenance_checks: ['equipment_model'],
  maintenance_failures: ['equipment_model'],
} as const satisfies Record<string, readonly RiskGrouping[]>;
export type RiskFact = keyof typeof RISK_FACTS;
export const RISK_FACT_NAMES = Object.keys(RISK_FACTS) as RiskFact[];

/**
 * threshold: the metric (count, or rate per `per`) above `threshold` fires.
 * poisson_exact: a group's rate against its siblings' by the exact conditional test; fires when the
 *   one-sided p-value is below `threshold` (e.g. 0.001) and the rate ratio exceeds 1.
 * cusum: the weekly count series of each group, Poisson CUSUM against its own baseline (core/stats/surge);
 *   `threshold` is the in-control ARL in weeks.
 */
export const RISK_METHODS = ['threshold', 'poisson_exact', 'cusum'] as const;
export type RiskMethod = (typeof RISK_METHODS)[number];
export const RISK_GRADES = ['general', 'major', 'critical'] as const;
export const RISK_DEPARTMENTS = ['ae_monitoring', 'distribution_supervision', 'production_supervision', 'inspection_enforcement'] as const;

const custom = (ctx: z.RefinementCtx, path: (string | number)[], code: string, params: Record<string, string | number>) =>
  ctx.addIssue({ code: 'custom', path, message: code, params: { code, ...params } });

const metricSchema = z.object({
  kind: z.enum(['count', 'rate']),
  numerator: z.enum(RISK_FACT_NAMES as [RiskFact, ...RiskFact[]]),
  denominator: z.enum(RISK_FACT_NAMES as [RiskFact, ...RiskFact[]]).nullable().default(null),
  /** A rate is shown per this many denominator units (10 000 units used; 100 for a percentage). */
  per: z.number().positive().max(1_000_000).default(1),
});

const indicatorFields = {
  code: z.string().regex(/^[a-z][a-z0-9_.]{2,63}$/),
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  metric: metricSchema,
  grouping: z.enum(RISK_GROUPINGS),
  window: z.object({ unit: z.enum(['days', 'weeks']), length: z.number().int().min(1).max(520) }),
  method: z.enum(RISK_METHODS),
  threshold: z.number().positive(),
  /** Fewest numerator events a group needs before it can fire: three reports, not one. */
  minCount: z.number().int().min(1).max(100_000).default(3),
  grade: z.enum(RISK_GRADES),
  department: z.enum(RISK_DEPARTMENTS),
  enabled: z.boolean().default(true),
};

type IndicatorShape = {
  metric: { kind: 'count' | 'rate'; numerator: RiskFact; denominator: RiskFact | null };
  grouping: RiskGrouping;
  window: { unit: 'days' | 'weeks'; length: number };
  method: RiskMethod;
  threshold: number;
};

/** The cross-field rules of an indicator (also run on a PATCH merged with the stored indicator). */
export function checkIndicator(i: IndicatorShape, ctx: z.RefinementCtx): void {
  const { kind, numerator, denominator } = i.metric;
  if (kind === 'rate' && denominator === null) custom(ctx, ['metric', 'denominator'], 'risk.rate_needs_denominator', { numerator });
  if (kind === 'count' && denominator !== null) custom(ctx, ['metric', 'denominator'], 'risk.count_has_denominator', { denominator });
  for (const [field, fact] of [['numerator', numerator], ['denominator', denominator]] as const) {
    if (fact !== null && !(RISK_FACTS[fact] as readonly string[]).includes(i.grouping)) {
      custom(ctx, ['metric', field], 'risk.fact_grouping', { fact, grouping: i.grouping, groupings: RISK_FACTS[fact].join(', ') });
    }
  }
  if (i.method === 'poisson_exact') {
    if (kind !== 'rate') custom(ctx, ['method'], 'risk.method_needs_rate', { method: i.method });
    if (!(i.threshold < 1)) custom(ctx, ['threshold'], 'risk.threshold_p_value', { threshold: i.threshold });
  }
  if (i.method === 'cusum') {
    if (kind !== 'count') custom(ctx, ['method'], 'risk.method_needs_count', { method: i.method });
    if (i.window.unit !== 'weeks' || i.window.length < 30) custom(ctx, ['window'], 'risk.cusum_window', { length: i.window.length, unit: i.window.unit });
    if (i.threshold < 100) custom(ctx, ['threshold'], 'risk.threshold_arl', { threshold: i.threshold });
  }
}

export const indicatorInputSchema = z.object(indicatorFields).strict().superRefine((i, ctx) => checkIndicator(i, ctx));
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;

/** A PATCH: any field but the code; the merged indicator is checked again with {@link checkIndicator}. */
export const indicatorPatchSchema = z.object(indicatorFields).omit({ code: true }).partial().strict();
export type IndicatorPatch = z.infer<typeof indicatorPatchSchema>;

/** Window length in days. */
export const windowDays = (w: { unit: 'days' | 'weeks'; length: number }): number => (w.unit === 'weeks' ? 7 * w.length : w.length);
