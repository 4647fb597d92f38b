import type { Catalogue } from '../index.ts';

export const calendar: Catalogue = {
  'calendar.range_reversed': { message: 'The end date {to} is before the start date {from}', hint: 'Choose an end date on or after {from}' },
  'calendar.range_too_long': { message: 'The range {from} to {to} is longer than {maxYears} years', hint: 'End the range on {last} at the latest, or ask for it in parts' },
  'calendar.date_outside_year': { message: 'Date {date} is not in {year}, the year being entered', hint: 'Enter the days of {year} only; enter another year separately' },
  'deadline_rule.unknown': { message: 'There is no deadline rule with code {rule}', hint: 'Choose one from the deadline rules (GET /api/deadline-rules)' },
  'deadline_rule.not_configurable': { message: 'Deadline rule {rule} is set by regulation and cannot be changed locally', hint: 'Only rules marked configurable (such as alert verification periods) can be changed' },
  'deadline_rule.extend_needs_calendar_days': { message: 'Extending past holidays applies only to rules counted in calendar days; the unit is {unit}', hint: 'Set the unit to calendar_days, or turn the extension off' },
  'deadline.invalid_start': { message: 'Start "{value}" is not a date or an instant', hint: 'Give a date (e.g. 2026-09-30) or a time with its offset (e.g. 2026-09-30T10:00:00+08:00)' },
  'deadline.start_needs_time': { message: 'Rule {rule} counts hours and the start "{value}" has no time of day', hint: 'Give a time with its offset, e.g. 2026-09-30T10:00:00+08:00' },
};
