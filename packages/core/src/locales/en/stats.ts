import type { Catalogue } from '../index.ts';

export const stats: Catalogue = {
  'stats.empty_input': { message: 'There is nothing to analyse in {field}', hint: 'Submit at least one report or one non-zero count' },
  'stats.id_invalid': { message: 'Report id {field} is empty or not a valid id ({value})', hint: 'Give every report row its report id' },
  'stats.text_invalid': { message: 'Field {field} must be a non-empty name ({value})', hint: 'Fill in the product or event name' },
  'stats.count_invalid': { message: 'Count {field} must be a whole number of at least 0 ({value})', hint: 'Enter the number of reports as a whole number' },
  'stats.prior_invalid': { message: 'Prior parameter {field} is out of range ({value})', hint: 'α and β must be positive and P must lie between 0 and 1; or leave the prior out to fit it' },
  'stats.prior_fit_failed': { message: 'The MGPS prior could not be fitted: {reason}', hint: 'Supply more pairs or give the prior explicitly' },
  'stats.input_both': { message: 'Give either report rows or a count table, not both ({field})', hint: 'Send rows or counts, and leave the other out' },
  'stats.input_missing': { message: 'There is no data to analyse: {field} is missing', hint: 'Send report rows as rows, or a count table as counts' },
  'stats.too_many_rows': { message: 'The upload has {count} rows, more than the limit of {limit}', hint: 'Aggregate the reports into a count table, or split the analysis' },
};
