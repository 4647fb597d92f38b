import type { Catalogue } from '../index.ts';

export const risk: Catalogue = {
  'risk.rate_needs_denominator': { message: 'Risk indicator field {field}: a rate of {numerator} needs a denominator', hint: 'Choose a denominator (for example units_used), or make the metric a count' },
  'risk.count_has_denominator': { message: 'Risk indicator field {field}: a count has no denominator, but {denominator} was given', hint: 'Set the denominator to null, or make the metric a rate' },
  'risk.fact_grouping': { message: 'Risk indicator field {field}: {fact} cannot be grouped by {grouping}', hint: 'Group {fact} by one of: {groupings}' },
  'risk.method_needs_rate': { message: 'Risk indicator field {field}: method {method} compares rates, but the metric is a count', hint: 'Make the metric a rate with a denominator, or choose the threshold method' },
  'risk.method_needs_count': { message: 'Risk indicator field {field}: method {method} watches weekly counts, but the metric is a rate', hint: 'Make the metric a count, or choose poisson_exact for rates' },
  'risk.threshold_p_value': { message: 'Risk indicator field {field}: for poisson_exact the threshold is a p-value below 1, not {threshold}', hint: 'Enter a significance level such as 0.001' },
  'risk.threshold_arl': { message: 'Risk indicator field {field}: for cusum the threshold is the in-control run length in weeks, at least 100 (got {threshold})', hint: 'Enter a run length such as 50000 weeks' },
  'risk.cusum_window': { message: 'Risk indicator field {field}: cusum needs a window of at least 30 weeks (26 baseline weeks and the weeks watched), got {length} {unit}', hint: 'Set the window to weeks, for example 38 weeks' },
  'risk.indicator_exists': { message: 'Risk indicator {code} already exists', hint: 'Choose another code, or change the existing indicator with PATCH' },
  'risk.run.skipped_missing_table': { message: 'Indicator {indicator} skipped: table {table} does not exist yet', hint: 'It runs once the module that records these data is installed' },
  'risk.run.too_few_reports': { message: 'Disproportionality skipped: too few reports ({detail})', hint: 'It runs once reports name at least two products and two problem codes' },
  'risk.run.disproportionality_failed': { message: 'Disproportionality could not be computed ({detail})', hint: 'Check the reports of the window; the next run tries again' },
  'risk.manage_level': { message: 'Only national and provincial regulators may change risk indicators (you are {level})', hint: 'Ask your provincial administration to change the indicator' },
};
