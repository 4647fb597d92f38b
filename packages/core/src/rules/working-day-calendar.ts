/**
 * A working-day calendar built from data: Monday–Friday are working days unless an override
 * says otherwise. China needs overrides both ways — public holidays on weekdays, and adjusted
 * working days (调休上班) on Saturdays and Sundays — and they are published a year at a time by
 * the State Council, so they live in a table an administrator can edit, not in code.
 */
import { addCalendarDays, fromDayNumber, isoWeekday, toDayNumber, yearOf, type CivilDate } from './civil-date.ts';
import type { Issue } from '../errors.ts';

/** 'holiday': a day off (even if it is a weekday); 'workday': a working day (even on a weekend). */
export type CalendarDayKind = 'holiday' | 'workday';

/** One day that differs from — or is named within — the Monday–Friday week. */
export interface CalendarOverride {
  date: CivilDate;
  kind: CalendarDayKind;
  /** Name of the festival the day belongs to, in Chinese, e.g. '春节'. */
  name?: string;
}

export interface WorkingDayCalendarOptions {
  /**
   * Years whose holiday arrangement is in the data. Defaults to the years that have at least one
   * override — every Chinese year has at least 元旦 — so a calendar loaded with 2025–2026 knows
   * that it cannot speak for 2027 and deadlines can warn instead of silently assuming no holidays.
   */
  coveredYears?: readonly number[];
}

export interface WorkingDayCalendar {
  /** True on Monday–Friday that are not holidays, and on adjusted working days. @example cal.isWorkingDay('2026-02-14') === true   // 调休 Saturday */
  isWorkingDay(date: CivilDate): boolean;
  /**
   * The n-th working day after `date` (n > 0), before it (n < 0), or `date` itself (n = 0).
   * `date` itself never counts, so the result is a working day whenever n ≠ 0.
   * @example cal.addWorkingDays('2026-09-30', 3) === '2026-10-10'   // 10-01…07 off, 10-10 is a 调休 Saturday
   */
  addWorkingDays(date: CivilDate, n: number): CivilDate;
  /**
   * The working days in the half-open range (from, to]: after `from`, up to and including `to`;
   * empty when to ≤ from. Agrees with addWorkingDays: the list from d to addWorkingDays(d, n) has n days.
   * @example cal.workingDaysBetween('2026-02-13', '2026-02-24') // ['2026-02-14', '2026-02-24']
   */
  workingDaysBetween(from: CivilDate, to: CivilDate): CivilDate[];
  /** The first working day strictly after `date`. @example cal.nextWorkingDay('2026-02-14') === '2026-02-24' */
  nextWorkingDay(date: CivilDate): CivilDate;
  /** The override recorded for a date, if any (names the festival for display). */
  overrideFor(date: CivilDate): CalendarOverride | undefined;
  /** True when the holiday arrangement for the date's year is in the data. */
  covers(date: CivilDate): boolean;
  /** Years whose holiday arrangement is in the data, ascending. */
  readonly coveredYears: readonly number[];
}

// Holiday runs are at most about ten days; a gap this long means the data is broken, and an
// error is better than a loop that never ends.
const MAX_SEARCH_DAYS = 3660;

/**
 * Builds a calendar from overrides; throws RangeError on an invalid date or a date given twice
 * (run `validateCalendarOverrides` first on data an administrator typed).
 * @example createWorkingDayCalendar([{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }]).isWorkingDay('2026-10-01') === false
 */
export function createWorkingDayCalendar(
  overrides: readonly CalendarOverride[],
  options: WorkingDayCalendarOptions = {},
): WorkingDayCalendar {
  const issues = validateCalendarOverrides(overrides);
  if (issues.length > 0) {
    const first = issues[0];
    throw new RangeError(`invalid calendar data: ${first?.code} ${JSON.stringify(first?.params)}`);
  }
  const byDate = new Map<CivilDate, CalendarOverride>(overrides.map((o) => [o.date, { ...o }]));
  const coveredYears = [...new Set(options.coveredYears ?? overrides.map((o) => yearOf(o.date)))].sort((a, b) => a - b);
  const covered = new Set(coveredYears);

  const isWorkingDay = (date: CivilDate): boolean => {
    const override = byDate.get(date);
    if (override) return override.kind === 'workday';
    return isoWeekday(date) <= 5;
  };

  const step = (date: CivilDate, direction: 1 | -1): CivilDate => {
    let d = date;
    for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
      d = addCalendarDays(d, direction);
      if (isWorkingDay(d)) return d;
    }
    throw new RangeError(`no working day within ${MAX_SEARCH_DAYS} days of ${date}`);
  };

  return {
    isWorkingDay(date) {
      toDayNumber(date);
      return isWorkingDay(date);
    },
    addWorkingDays(date, n) {
      if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
      toDayNumber(date);
      let d = date;
      for (let i = 0; i < Math.abs(n); i++) d = step(d, n > 0 ? 1 : -1);
      return d;
    },
    workingDaysBetween(from, to) {
      const end = toDayNumber(to);
      const out: CivilDate[] = [];
      for (let day = toDayNumber(from) + 1; day <= end; day++) {
        const d = fromDayNumber(day);
        if (isWorkingDay(d)) out.push(d);
      }
      return out;
    },
    nextWorkingDay(date) {
      toDayNumber(date);
      return step(date, 1);
    },
    overrideFor(date) {
      const o = byDate.get(date);
      return o ? { ...o } : undefined;
    },
    covers(date) {
      return covered.has(yearOf(date));
    },
    coveredYears: Object.freeze(coveredYears),
  };
}

/**
 * Checks override data as an administrator might have typed it: every date real and in
 * 'YYYY-MM-DD' form, no date given twice. Returns the issues (empty when the data is usable).
 * @example validateCalendarOverrides([{ date: '2026-02-30', kind: 'holiday' }])[0]?.code === 'calendar.invalid_date'
 */
export function validateCalendarOverrides(overrides: readonly CalendarOverride[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  overrides.forEach((o, index) => {
    let valid = true;
    try {
      toDayNumber(o.date);
    } catch {
      valid = false;
      issues.push({ code: 'calendar.invalid_date', path: [index, 'date'], params: { value: String(o.date) } });
    }
    if (o.kind !== 'holiday' && o.kind !== 'workday') {
      issues.push({ code: 'calendar.invalid_kind', path: [index, 'kind'], params: { value: String(o.kind) } });
    }
    if (!valid) return;
    const earlier = seen.get(o.date);
    if (earlier !== undefined) {
      issues.push({ code: 'calendar.duplicate_date', path: [index, 'date'], params: { date: o.date, first: earlier + 1, row: index + 1 } });
    } else {
      seen.set(o.date, index);
    }
  });
  return issues;
}
