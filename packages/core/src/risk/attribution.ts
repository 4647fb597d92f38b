/**
 * Quality versus use attribution (issue 5 §3): given what is known about a signal, is the problem
 * more likely the device's (design, manufacture, storage before use) or the way it was used
 * (training, maintenance, handling)? A transparent additive score: every factor contributes a
 * signed weight (positive = quality, negative = use) and says why, so an inspector can check and
 * overrule each step. Unknown facts contribute nothing; they never count as evidence either way.
 */

/** What a run knows about the reports behind one signal (same product, same problem). */
export interface AttributionFacts {
  /** Reports behind the signal. */
  reports: number;
  /** Distinct reporting institutions (independent sources). */
  institutions: number;
  /** Distinct cities (GB/T 2260 prefix of 4 digits) of those institutions. */
  regions: number;
  /** Lots involved whose production records are known, and how many of them show a failed test. Undefined: no production records. */
  productionRecords?: { lots: number; failedLots: number };
  /** Operators involved (from use records) and how many had no valid training for the model. Undefined: unknown. */
  operators?: { total: number; untrained: number };
  /** Units involved with a maintenance history, and how many were overdue (no maintenance in the last year). */
  maintenance?: { units: number; overdueOrFailed: number };
  /** Storage-temperature excursions recorded for the lots involved before they reached the user. */
  storageExcursions?: number;
  /** IMDRF Annex C (findings) and D (conclusions) codes of investigations of these reports. */
  investigationCodes?: readonly string[];
}

export type AttributionLabel = 'quality' | 'use' | 'undetermined';

export interface AttributionEvidence {
  factor: string;
  /** Signed contribution: > 0 points to a quality problem, < 0 to a use-related one. */
  weight: number;
  detail: Record<string, unknown>;
}

export interface Attribution {
  label: AttributionLabel;
  /** Sum of the weights; |score| ≥ {@link ATTRIBUTION_THRESHOLD} decides the label. */
  score: number;
  evidence: AttributionEvidence[];
}

/** The score a label needs: one strong factor alone (weight 2) or two moderate ones agreeing. */
export const ATTRIBUTION_THRESHOLD = 1.5;

/** IMDRF Annex D conclusions (and Annex C findings) that trace the cause to the device or to its use. */
const QUALITY_CODES = ['D01', 'D02', 'D03', 'D04', 'D09', 'D13', 'D1501', 'D18', 'C16', 'C18'];
const USE_CODES = ['D05', 'D07', 'D08', 'D11', 'C17', 'C23'];
const matches = (code: string, prefixes: readonly string[]) => prefixes.some((p) => code.startsWith(p));

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Weighs the facts of a signal. Example: one hospital, eight stops, six of seven operators
 * untrained → `{label: 'use', score: -4.14, …}`; the same problem at nine hospitals in four cities
 * → `{label: 'quality', score: 2.5, …}`.
 */
export function attributeSignal(f: AttributionFacts): Attribution {
  const evidence: AttributionEvidence[] = [];
  const add = (factor: string, weight: number, detail: Record<string, unknown>) => {
    if (weight !== 0) evidence.push({ factor, weight: round2(weight), detail });
  };

  // Independent institutions reporting the same problem point to the device: a use error rarely
  // repeats the same way at many unrelated places. Many reports from one place point to that place.
  if (f.institutions >= 3) add('institution_spread', 1.5 * Math.min(1, (f.institutions - 2) / 3), { institutions: f.institutions, reports: f.reports });
  else if (f.institutions === 1 && f.reports >= 3) add('institution_concentration', -1.5, { institutions: 1, reports: f.reports });
  if (f.regions >= 2) add('region_spread', Math.min(1, (f.regions - 1) / 2), { regions: f.regions });
  else if (f.regions === 1 && f.institutions === 1 && f.reports >= 3) add('region_concentration', -0.5, { regions: 1 });

  if (f.productionRecords && f.productionRecords.lots > 0) {
    const { lots, failedLots } = f.productionRecords;
    if (failedLots > 0) add('lot_production_failures', 2 * Math.min(1, 0.5 + failedLots / lots), { lots, failedLots });
    else add('lot_production_clean', -0.5, { lots, failedLots: 0 });
  }
  if (f.operators && f.operators.total > 0) {
    const share = f.operators.untrained / f.operators.total;
    if (share > 0) add('operators_untrained', -2.5 * share, { operators: f.operators.total, untrained: f.operators.untrained, share: round2(share) });
    else add('operators_trained', 0.5, { operators: f.operators.total, untrained: 0 });
  }
  if (f.maintenance && f.maintenance.units > 0 && f.maintenance.overdueOrFailed > 0) {
    const share = f.maintenance.overdueOrFailed / f.maintenance.units;
    add('maintenance_overdue', -1.5 * share, { units: f.maintenance.units, overdueOrFailed: f.maintenance.overdueOrFailed, share: round2(share) });
  }
  // A unit damaged by heat or cold before delivery fails through no fault of its user.
  if (f.storageExcursions !== undefined && f.storageExcursions > 0) add('storage_excursions', 0.75, { excursions: f.storageExcursions });

  const codes = f.investigationCodes ?? [];
  const quality = codes.filter((c) => matches(c, QUALITY_CODES));
  const use = codes.filter((c) => matches(c, USE_CODES));
  if (quality.length) add('investigation_device_cause', Math.min(3, 2 * quality.length), { codes: quality });
  if (use.length) add('investigation_use_cause', -Math.min(3, 2 * use.length), { codes: use });

  const score = round2(evidence.reduce((s, e) => s + e.weight, 0));
  const label: AttributionLabel = score >= ATTRIBUTION_THRESHOLD ? 'quality' : score <= -ATTRIBUTION_THRESHOLD ? 'use' : 'undetermined';
  return { label, score, evidence };
}
