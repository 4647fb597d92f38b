import {
  addCalendarDays, computeDeadline, createWorkingDayCalendar, deadlineRuleSchema, DEFAULT_DEADLINE_RULES, formatIssue, HOLIDAYS_CN, HOLIDAYS_CN_PROVISIONAL,
  HOLIDAYS_CN_PROVISIONAL_YEARS, HOLIDAYS_CN_SOURCE,
  isCivilDate, isoWeekday, issueFromZod, parseInstant, validateCalendarOverrides, yearOf,
  type CalendarOverride, type CivilDate, type Deadline, type DeadlineRule, type DeadlineStart, type Issue, type Locale, type WorkingDayCalendar,
} from '@lianjian/core';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { invalid, notFound } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import {
  ADMIN_SOURCE, calendarRepository, PROVISIONAL_SOURCE, type CalendarDayKind, type CalendarOverrideRow, type DeadlineRuleRow, type DeadlineUnitValue,
} from './calendar.repository.ts';

/** `package@version` of the built-in holiday data, stored as the source of the rows it supplied. */
export const PACKAGED_CALENDAR_SOURCE = `${HOLIDAYS_CN_SOURCE.package}@${HOLIDAYS_CN_SOURCE.version}`;

/** The longest range `GET /api/calendar/workdays` lists, in years. */
export const MAX_WORKDAYS_RANGE_YEARS = 3;

// The calendar is read on every deadline computation, so it is built once per database and kept.
// A write through this process bumps the generation, which drops every cached calendar (a write may
// run in a caller's transaction, whose handle is not the key here); the TTL bounds how long another
// API process sharing the database can keep answering from a calendar an administrator has changed.
const CACHE_TTL_MS = 60_000;
/** The calendar with the years whose days are only the provisional statutory ones. */
interface CalendarState {
  calendar: WorkingDayCalendar;
  provisionalYears: readonly number[];
}
const cache = new WeakMap<Kysely<DB>, { builtAt: number; generation: number; state: Promise<CalendarState> }>();
let generation = 0;

/** Forgets the cached calendars (after any write to calendar_overrides). */
export function invalidateCalendarCache(): void {
  generation++;
}

/** The provisional statutory days of the years the package lacks, and those years. */
export interface ProvisionalHolidays {
  days: readonly CalendarOverride[];
  years: readonly number[];
}
const PACKAGED_PROVISIONAL: ProvisionalHolidays = { days: HOLIDAYS_CN_PROVISIONAL, years: HOLIDAYS_CN_PROVISIONAL_YEARS };

const rowsOf = (days: readonly CalendarOverride[]) => days.map((h) => ({ date: h.date, kind: h.kind, name: h.name ?? null }));

/**
 * Loads the packaged holiday data and deadline rules into their tables. Runs at every start: adds
 * what is missing and refreshes rows that came from an older package, but never touches a day an
 * administrator has written (source 'admin') or a rule an administrator has edited. Years the
 * package lacks get their statutory days, marked provisional (source 'statutory-provisional').
 */
export async function syncCalendar(
  db: Kysely<DB>,
  holidays: readonly CalendarOverride[] = HOLIDAYS_CN,
  rules: readonly DeadlineRule[] = DEFAULT_DEADLINE_RULES,
  source: string = PACKAGED_CALENDAR_SOURCE,
  provisional: ProvisionalHolidays = PACKAGED_PROVISIONAL,
): Promise<{ days: number; rules: number }> {
  const issues = [...validateCalendarOverrides(holidays), ...validateCalendarOverrides(provisional.days)];
  if (issues.length) throw new RangeError(`packaged holiday data is invalid: ${JSON.stringify(issues[0])}`);
  const result = await withTransaction(db, async (trx) => ({
    days: await calendarRepository.syncPackagedOverrides(trx, rowsOf(holidays), source)
      + await calendarRepository.syncProvisionalOverrides(trx, rowsOf(provisional.days), provisional.years),
    rules: await calendarRepository.syncPackagedRules(trx, rules.map((r) => ({
      code: r.code, amount: r.amount, unit: r.unit, from: r.from, responsible: r.responsible ?? null, configurable: r.configurable ?? false,
      extendPastHolidays: r.extendPastHolidays ?? false, basis: r.basis ?? null,
    }))),
  }));
  invalidateCalendarCache();
  return result;
}

export interface WorkdayItem {
  date: CivilDate;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** A Saturday or Sunday that is a working day (调休上班). */
  adjusted: boolean;
  name?: string;
  /** The day's year has only its provisional statutory days: the notice may still make it a day off. */
  provisional?: true;
}

/** A calendar row as the API shows it: provisional rows are flagged so the admin knows to replace them. */
export type CalendarOverrideView = CalendarOverrideRow & { provisional: boolean };
const overrideView = (r: CalendarOverrideRow): CalendarOverrideView => ({ ...r, provisional: r.source === PROVISIONAL_SOURCE });

/** A warning rendered in the caller's language, with its code and params for machines. */
export interface Warning {
  code: string;
  message: string;
  hint?: string;
  params: Record<string, string | number | boolean | null>;
}

export interface RulePatch {
  amount?: number;
  unit?: DeadlineUnitValue;
  responsible?: string | null;
  extendPastHolidays?: boolean;
}

function render(issues: Issue[], locale: Locale): Warning[] {
  return issues.map((i) => ({ code: i.code, ...formatIssue(i, locale), params: i.params ?? {} }));
}

function coreRule(r: DeadlineRuleRow): DeadlineRule {
  return {
    code: r.code, amount: r.amount, unit: r.unit, from: r.from as DeadlineRule['from'],
    ...(r.responsible !== null && { responsible: r.responsible as NonNullable<DeadlineRule['responsible']> }),
    configurable: r.configurable, extendPastHolidays: r.extendPastHolidays, ...(r.basis !== null && { basis: r.basis }),
  };
}

/** The last date a range starting at `from` may reach: the day before the same date three years on. */
function maxRangeEnd(from: CivilDate): CivilDate {
  const year = yearOf(from) + MAX_WORKDAYS_RANGE_YEARS;
  const same = `${year}${from.slice(4)}`;
  // 29 February three years on does not exist; the range then ends on 28 February.
  return addCalendarDays(isCivilDate(same) ? same : `${year}-03-01`, -1);
}

function uncoveredYears(state: CalendarState, from: CivilDate, to: CivilDate): Issue[] {
  const issues: Issue[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    if (state.provisionalYears.includes(year)) issues.push({ code: 'calendar.year_provisional', params: { year } });
    else if (!state.calendar.coveredYears.includes(year)) issues.push({ code: 'calendar.year_not_covered', params: { year } });
  }
  return issues;
}

/**
 * A provisional year is left out of the calendar's covered years, so computeDeadline flags it as
 * not covered; say what is really the case: its statutory days count, its notice is still missing.
 */
function provisionalIssues(issues: readonly Issue[], provisionalYears: readonly number[]): Issue[] {
  return issues.map((i) => (i.code === 'calendar.year_not_covered' && provisionalYears.includes(Number(i.params?.year)) ? { ...i, code: 'calendar.year_provisional' } : i));
}

/** Date issues from validateCalendarOverrides point into a list; here there is one day, named by its field. */
function dayIssues(date: string, kind: CalendarDayKind): Issue[] {
  return validateCalendarOverrides([{ date, kind }]).map((i) => ({ ...i, path: (i.path ?? []).filter((p) => typeof p === 'string') }));
}

// Days the start-up sync would load again if their row were simply deleted.
const PACKAGED_DATES = new Set([...HOLIDAYS_CN, ...HOLIDAYS_CN_PROVISIONAL].map((h) => h.date));

/**
 * The platform's working-day calendar and deadline rules, read from their tables. Any logged-in
 * user reads them; the system admin corrects holidays and the configurable rules. Other features
 * call `calendar()` and `deadline()` instead of the packaged constants, so an admin's edit counts.
 */
export class CalendarService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /** The calendar as the table has it; cached, rebuilt after a write or after the TTL. */
  async calendar(): Promise<WorkingDayCalendar> {
    return (await this.#state()).calendar;
  }

  /**
   * The calendar and its provisional years. A year counts as covered when it has a row that is not
   * provisional; a year with provisional rows left is provisional (its statutory days still count).
   */
  #state(): Promise<CalendarState> {
    const { db } = this.#deps;
    const hit = cache.get(db);
    if (hit && hit.generation === generation && Date.now() - hit.builtAt < CACHE_TTL_MS) return hit.state;
    const state = calendarRepository.listOverrides(db).then((rows) => {
      const provisionalYears = [...new Set(rows.filter((r) => r.source === PROVISIONAL_SOURCE).map((r) => yearOf(r.date)))].sort((a, b) => a - b);
      const coveredYears = [...new Set(rows.map((r) => yearOf(r.date)))].filter((y) => !provisionalYears.includes(y));
      const calendar = createWorkingDayCalendar(rows.map((r) => ({ date: r.date, kind: r.kind, ...(r.name !== null && { name: r.name }) })), { coveredYears });
      return { calendar, provisionalYears };
    });
    cache.set(db, { builtAt: Date.now(), generation, state });
    // A failed load must not stay cached.
    state.catch(() => {
      if (cache.get(db)?.state === state) cache.delete(db);
    });
    return state;
  }

  /** The rule as configured in the table, or undefined. */
  async rule(code: string): Promise<DeadlineRule | undefined> {
    const row = await calendarRepository.findRule(this.#deps.db, code);
    return row && coreRule(row);
  }

  /** Computes a deadline with the table's rule and calendar (for features that set clocks). Throws 422 on an unknown rule. */
  async deadline(code: string, start: DeadlineStart): Promise<Deadline> {
    const rule = await this.rule(code);
    if (!rule) throw invalid([{ code: 'deadline_rule.unknown', path: ['rule'], params: { rule: code } }]);
    const { calendar, provisionalYears } = await this.#state();
    const d = computeDeadline(rule, start, calendar);
    return { ...d, issues: provisionalIssues(d.issues, provisionalYears) };
  }

  /** Working days in [from, to] (both inclusive), with the years the holiday data does not cover. */
  async workdays(ctx: RequestContext, from: CivilDate, to: CivilDate) {
    const issues: Issue[] = [];
    if (!isCivilDate(from)) issues.push({ code: 'calendar.invalid_date', path: ['from'], params: { value: from } });
    if (!isCivilDate(to)) issues.push({ code: 'calendar.invalid_date', path: ['to'], params: { value: to } });
    if (!issues.length) {
      if (to < from) issues.push({ code: 'calendar.range_reversed', path: ['to'], params: { from, to } });
      else if (to > maxRangeEnd(from)) issues.push({ code: 'calendar.range_too_long', path: ['to'], params: { from, to, maxYears: MAX_WORKDAYS_RANGE_YEARS, last: maxRangeEnd(from) } });
    }
    if (issues.length) throw invalid(issues);
    const state = await this.#state();
    const { calendar, provisionalYears } = state;
    const items: WorkdayItem[] = calendar.workingDaysBetween(addCalendarDays(from, -1), to).map((date) => {
      const weekday = isoWeekday(date);
      const name = calendar.overrideFor(date)?.name;
      return { date, weekday, adjusted: weekday >= 6, ...(name && { name }), ...(provisionalYears.includes(yearOf(date)) && { provisional: true as const }) };
    });
    return {
      items, total: items.length, coveredYears: [...calendar.coveredYears], provisionalYears: [...provisionalYears],
      warnings: render(uncoveredYears(state, from, to), ctx.locale),
    };
  }

  async listOverrides(_ctx: RequestContext, year?: number) {
    const items = (await calendarRepository.listOverrides(this.#deps.db, year === undefined ? {} : { year })).map(overrideView);
    return { items, total: items.length };
  }

  /**
   * Enters a year's official arrangement (system admin), typically when the State Council publishes
   * its notice: the given days become the year's rows, replacing the provisional statutory days,
   * the packaged rows and earlier admin rows of that year. A packaged day left out of the list is
   * kept as a plain-day admin row, so the next start-up sync does not load it again.
   */
  async replaceYear(ctx: RequestContext, year: number, days: { date: string; kind: CalendarDayKind; name?: string | null | undefined }[]) {
    requirePermission(ctx.actor, 'calendar.manage');
    const issues: Issue[] = validateCalendarOverrides(days.map((d) => ({ date: d.date, kind: d.kind }))).map((i) => ({ ...i, path: ['days', ...(i.path ?? [])] }));
    days.forEach((d, index) => {
      if (isCivilDate(d.date) && yearOf(d.date) !== year) issues.push({ code: 'calendar.date_outside_year', path: ['days', index, 'date'], params: { date: d.date, year } });
    });
    if (issues.length) throw invalid(issues);
    const given = new Set(days.map((d) => d.date));
    const plain = [...PACKAGED_DATES].filter((date) => yearOf(date) === year && !given.has(date))
      .map((date) => ({ date, kind: (isoWeekday(date) <= 5 ? 'workday' : 'holiday') as CalendarDayKind, name: null }));
    const rows = [...days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null })), ...plain].sort((a, b) => (a.date < b.date ? -1 : 1));
    const { db, audit } = this.#deps;
    const items = await withTransaction(db, async (trx) => {
      const before = await calendarRepository.listOverrides(trx, { year });
      await calendarRepository.deleteYear(trx, year);
      await calendarRepository.insertAdminDays(trx, rows, ctx.actor.id);
      await audit.record(trx, whoFrom(ctx), {
        action: 'calendar.year.replace', objectType: 'calendar_year', objectId: String(year),
        details: {
          before: { rows: before.length, provisional: before.filter((r) => r.source === PROVISIONAL_SOURCE).length, admin: before.filter((r) => r.source === ADMIN_SOURCE).length },
          after: { holidays: days.filter((d) => d.kind === 'holiday').length, workdays: days.filter((d) => d.kind === 'workday').length, keptPlain: plain.length },
        },
      });
      return calendarRepository.listOverrides(trx, { year });
    });
    invalidateCalendarCache();
    return { year, items: items.map(overrideView), total: items.length };
  }

  /** Declares a day a holiday or an adjusted working day (system admin); the row is the admin's from now on. */
  async setOverride(ctx: RequestContext, date: string, input: { kind: CalendarDayKind; name?: string | null }): Promise<CalendarOverrideView> {
    requirePermission(ctx.actor, 'calendar.manage');
    const issues = dayIssues(date, input.kind);
    if (issues.length) throw invalid(issues);
    const { db, audit } = this.#deps;
    const row = await withTransaction(db, async (trx) => {
      const before = await calendarRepository.findOverride(trx, date);
      const after = await calendarRepository.upsertOverride(trx, { date, kind: input.kind, name: input.name ?? null, source: ADMIN_SOURCE, by: ctx.actor.id });
      await audit.record(trx, whoFrom(ctx), {
        action: 'calendar.override.set', objectType: 'calendar_day', objectId: date,
        details: { before: before ? { kind: before.kind, name: before.name, source: before.source } : null, after: { kind: after.kind, name: after.name } },
      });
      return after;
    });
    invalidateCalendarCache();
    return overrideView(row);
  }

  /**
   * Returns a day to the plain Monday–Friday week (system admin). A day the packaged data names
   * keeps an admin row saying so, or the next start would load the package's value again.
   */
  async removeOverride(ctx: RequestContext, date: string): Promise<void> {
    requirePermission(ctx.actor, 'calendar.manage');
    const issues = dayIssues(date, 'holiday');
    if (issues.length) throw invalid(issues);
    const { db, audit } = this.#deps;
    await withTransaction(db, async (trx) => {
      const before = await calendarRepository.findOverride(trx, date);
      const packaged = PACKAGED_DATES.has(date);
      if (!before && !packaged) throw notFound('calendar_day', date);
      if (packaged) {
        await calendarRepository.upsertOverride(trx, { date, kind: isoWeekday(date) <= 5 ? 'workday' : 'holiday', name: null, source: ADMIN_SOURCE, by: ctx.actor.id });
      } else {
        await calendarRepository.deleteOverride(trx, date);
      }
      await audit.record(trx, whoFrom(ctx), {
        action: 'calendar.override.delete', objectType: 'calendar_day', objectId: date,
        details: { before: before ? { kind: before.kind, name: before.name, source: before.source } : null, keptAsPlainDay: packaged },
      });
    });
    invalidateCalendarCache();
  }

  async listRules(_ctx: RequestContext) {
    const items = await calendarRepository.listRules(this.#deps.db);
    return { items, total: items.length };
  }

  /** Changes a configurable rule (system admin); rules fixed by regulation answer 422. */
  async updateRule(ctx: RequestContext, code: string, patch: RulePatch): Promise<DeadlineRuleRow> {
    requirePermission(ctx.actor, 'calendar.manage');
    const { db, audit } = this.#deps;
    return withTransaction(db, async (trx) => {
      const before = await calendarRepository.findRule(trx, code);
      if (!before) throw notFound('deadline_rule', code);
      if (!before.configurable) throw invalid([{ code: 'deadline_rule.not_configurable', path: ['code'], params: { rule: code } }]);
      const unit = patch.unit ?? before.unit;
      // Moving a rule off calendar days drops the extension unless the caller asks for it (and gets told off).
      const extendPastHolidays = patch.extendPastHolidays ?? (unit === 'calendar_days' ? before.extendPastHolidays : false);
      const merged = { amount: patch.amount ?? before.amount, unit, responsible: patch.responsible === undefined ? before.responsible : patch.responsible, extendPastHolidays };
      if (merged.extendPastHolidays && merged.unit !== 'calendar_days') {
        throw invalid([{ code: 'deadline_rule.extend_needs_calendar_days', path: ['extendPastHolidays'], params: { unit: merged.unit } }]);
      }
      const candidate = coreRule({ ...before, ...merged });
      const parsed = deadlineRuleSchema.safeParse(candidate);
      if (!parsed.success) throw invalid(parsed.error.issues.map((i) => issueFromZod(i, [], candidate)));
      const after = await calendarRepository.updateRule(trx, code, merged, ctx.actor.id);
      await audit.record(trx, whoFrom(ctx), {
        action: 'deadline_rule.update', objectType: 'deadline_rule', objectId: code,
        details: { before: { amount: before.amount, unit: before.unit, responsible: before.responsible, extendPastHolidays: before.extendPastHolidays }, patch },
      });
      return after;
    });
  }

  /** Computes a deadline for the UI: the rule by code, the start as a date or an instant with an offset. */
  async compute(ctx: RequestContext, ruleCode: string, start: string) {
    const rule = await this.rule(ruleCode);
    if (!rule) throw invalid([{ code: 'deadline_rule.unknown', path: ['rule'], params: { rule: ruleCode } }]);
    const dateOnly = isCivilDate(start);
    if (!dateOnly) {
      try {
        parseInstant(start);
      } catch {
        throw invalid([{ code: 'deadline.invalid_start', path: ['start'], params: { value: start } }]);
      }
    }
    if (dateOnly && rule.unit === 'hours') throw invalid([{ code: 'deadline.start_needs_time', path: ['start'], params: { rule: rule.code, value: start } }]);
    const { calendar, provisionalYears } = await this.#state();
    const d = computeDeadline(rule, start, calendar);
    return { rule: rule.code, amount: rule.amount, unit: rule.unit, start, deadline: d.iso, dueDate: d.dueDate, warnings: render(provisionalIssues(d.issues, provisionalYears), ctx.locale) };
  }
}
