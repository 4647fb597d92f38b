import type { Catalogue } from '../index.ts';

export const rules: Catalogue = {
  'calendar.invalid_date': { message: 'Date "{value}" is not a real date in YYYY-MM-DD form', hint: 'For example 2026-10-01' },
  'calendar.invalid_kind': { message: 'Day kind "{value}" is invalid: use holiday or workday (adjusted working day)', hint: 'Choose holiday or workday' },
  'calendar.duplicate_date': { message: 'Date {date} is given twice (rows {first} and {row})', hint: 'Give each date once; delete the extra row' },
  'calendar.year_provisional': { message: 'Only the statutory holidays of {year} are loaded (provisional); bridging days and adjusted working days are not yet known', hint: 'When the State Council publishes the {year} holiday notice, enter it in the holiday table (PUT /api/calendar/years/{year})' },
  'calendar.year_not_covered': { message: 'The holiday arrangement for {year} is not loaded; the deadline assumes a plain Monday–Friday week', hint: 'Enter the State Council holiday notice for {year} in the holiday table' },
};
