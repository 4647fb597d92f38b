/**
 * Statutory and configured deadlines as data, and the one function that turns a rule and a
 * start into an instant.
 *
 * How a period is counted (the usual reading, 民法典 art. 201: the day on which a period starts
 * is not counted; the period begins the next day):
 *
 * - `hours`: exact. Start + amount × 1 h, to the millisecond, regardless of midnight, weekends
 *   or holidays. Needs a real instant (a time of day), not just a date.
 * - `calendar_days`: from the Shanghai date D on which the clock starts; "within 7 days" ends at
 *   the end of day D + 7 (23:59:59.999 +08:00). Weekends and holidays count. With
 *   `extendPastHolidays`, a last day that is not a working day moves to the next working day
 *   (民法典 art. 203); the built-in adverse-event rules do not extend, because reports are
 *   filed online at any hour and the stricter reading never makes an on-time report late.
 * - `working_days`: the end of the amount-th working day after D, on the calendar: weekends
 *   and public holidays are skipped, adjusted working days (调休 Saturdays and Sundays) count.
 *
 * A submission is late when it is strictly after the deadline instant.
 */
import { z } from 'zod';
import { addCalendarDays, isCivilDate, yearOf, type CivilDate } from './civil-date.ts';
import { endOfShanghaiDay, parseInstant, shanghaiDateOf, formatShanghaiInstant, type InstantInput } from './shanghai-time.ts';
import type { WorkingDayCalendar } from './working-day-calendar.ts';
import type { Issue } from '../errors.ts';

export const DEADLINE_UNITS = ['hours', 'calendar_days', 'working_days'] as const;
/** How the amount of a deadline is counted. */
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** Which moment of the record starts the clock; the server picks that field and passes it in. */
export const DEADLINE_ANCHORS = ['date_known', 'created_at', 'raised_at'] as const;
export type DeadlineAnchor = (typeof DEADLINE_ANCHORS)[number];

/** Who must act before the deadline. */
export const DEADLINE_PARTIES = ['reporter', 'registrant', 'national', 'province', 'city'] as const;
export type DeadlineParty = (typeof DEADLINE_PARTIES)[number];

/** A deadline rule as stored in configuration; validated with this schema when an administrator edits one. */
export const deadlineRuleSchema = z
  .object({
    /** Stable code, e.g. 'ae.death', 'alert.verify.general'. */
    code: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/),
    amount: z.int().positive().max(10_000),
    unit: z.enum(DEADLINE_UNITS),
    from: z.enum(DEADLINE_ANCHORS),
    responsible: z.enum(DEADLINE_PARTIES).optional(),
    /** False for periods fixed by law; true where DOMAIN.md calls the value configuration. */
    configurable: z.boolean().optional(),
    /** calendar_days only: a last day that is not a working day moves to the next working day. */
    extendPastHolidays: z.boolean().optional(),
    /** Where the period comes from (regulation or platform configuration), for display. */
    basis: z.string().optional(),
  })
  .refine((r) => !r.extendPastHolidays || r.unit === 'calendar_days', {
    message: 'extendPastHolidays applies to calendar_days only',
    path: ['extendPastHolidays'],
  });

export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

/** A computed deadline: the instant, the same in Shanghai ISO form, and any warnings. */
export interface Deadline {
  code: string;
  /** Last instant that is still on time. */
  at: Date;
  /** `at` in Shanghai time, e.g. '2026-02-20T23:59:59.999+08:00'. */
  iso: string;
  /** Shanghai date of `at`. */
  dueDate: CivilDate;
  /** Warnings, e.g. `calendar.year_not_covered` when the calendar has no holiday data for a year the clock ran through. */
  issues: Issue[];
}

/** Start of a clock: an instant, or for day clocks just the Shanghai date ('YYYY-MM-DD'), as on the AE form's "date known". */
export type DeadlineStart = InstantInput;

/**
 * Computes when a clock started at `start` runs out (semantics in the module comment).
 * Throws RangeError when an hour clock is given a date without a time.
 * @example computeDeadline({ code: 'ae.death', amount: 7, unit: 'calendar_days', from: 'date_known' }, '2026-02-13', CHINA_CALENDAR).iso === '2026-02-20T23:59:59.999+08:00'
 */
export function computeDeadline(rule: DeadlineRule, start: DeadlineStart, calendar: WorkingDayCalendar): Deadline {
  if (!Number.isInteger(rule.amount) || rule.amount <= 0) throw new RangeError(`rule ${rule.code}: amount must be a positive integer`);
  const dateOnly = typeof start === 'string' && isCivilDate(start);

  if (rule.unit === 'hours') {
    if (dateOnly) throw new RangeError(`rule ${rule.code} counts hours and needs a time, not only the date ${start}`);
    return finish(rule, new Date(parseInstant(start).getTime() + rule.amount * 3_600_000), []);
  }

  const startDate = dateOnly ? start : shanghaiDateOf(start);
  if (rule.unit === 'calendar_days') {
    let due = addCalendarDays(startDate, rule.amount);
    const issues: Issue[] = [];
    if (rule.extendPastHolidays) {
      issues.push(...coverageIssues(calendar, due, due));
      if (!calendar.isWorkingDay(due)) due = calendar.nextWorkingDay(due);
    }
    return finish(rule, endOfShanghaiDay(due), issues);
  }

  const due = calendar.addWorkingDays(startDate, rule.amount);
  return finish(rule, endOfShanghaiDay(due), coverageIssues(calendar, addCalendarDays(startDate, 1), due));
}

/**
 * How late a submission was. `late` when strictly after the deadline; lateness runs from the end of
 * the deadline's last millisecond, and any started hour or day counts as a whole one (0 when on time).
 * @example lateness('2026-02-20T23:59:59.999+08:00', '2026-02-21T09:00:00+08:00') // { late: true, byHours: 9, byDays: 1 }
 */
export function lateness(deadline: InstantInput | Deadline, submittedAt: InstantInput): { late: boolean; byHours: number; byDays: number } {
  const due = parseInstant(isDeadline(deadline) ? deadline.at : deadline).getTime();
  const submitted = parseInstant(submittedAt).getTime();
  if (submitted <= due) return { late: false, byHours: 0, byDays: 0 };
  const over = submitted - due - 1;
  return { late: true, byHours: Math.max(1, Math.ceil(over / 3_600_000)), byDays: Math.max(1, Math.ceil(over / 86_400_000)) };
}

function isDeadline(value: InstantInput | Deadline): value is Deadline {
  return typeof value === 'object' && !(value instanceof Date);
}

function finish(rule: DeadlineRule, at: Date, issues: Issue[]): Deadline {
  return { code: rule.code, at, iso: formatShanghaiInstant(at), dueDate: shanghaiDateOf(at), issues };
}

// A working-day count through a year with no holiday data silently assumes a plain Mon–Fri
// week; say so, so that the server can tell the administrator to load that year's notice.
function coverageIssues(calendar: WorkingDayCalendar, from: CivilDate, to: CivilDate): Issue[] {
  const issues: Issue[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    if (!calendar.coveredYears.includes(year)) issues.push({ code: 'calendar.year_not_covered', params: { year } });
  }
  return issues;
}
