// Run under TZ=UTC and TZ=America/New_York too: nothing here may depend on the host's zone.
import { describe, expect, it } from 'vitest';
import { CHINA_CALENDAR as cal } from './china-calendar.ts';
import { computeDeadline, deadlineRuleSchema, lateness, type DeadlineRule } from './deadline-rules.ts';
import { DEFAULT_DEADLINE_RULES, findDeadlineRule } from './default-deadline-rules.ts';

function rule(code: string): DeadlineRule {
  const r = findDeadlineRule(code);
  if (!r) throw new Error(`no rule ${code}`);
  return r;
}
const iso = (code: string, start: Date | string) => computeDeadline(rule(code), start, cal).iso;

describe('built-in deadline rules', () => {
  it('are valid data with unique codes', () => {
    for (const r of DEFAULT_DEADLINE_RULES) expect(deadlineRuleSchema.safeParse(r).success).toBe(true);
    expect(new Set(DEFAULT_DEADLINE_RULES.map((r) => r.code)).size).toBe(DEFAULT_DEADLINE_RULES.length);
  });
  it('hold the periods of DOMAIN.md', () => {
    const table = Object.fromEntries(DEFAULT_DEADLINE_RULES.map((r) => [r.code, `${r.amount} ${r.unit} ${r.responsible} ${r.configurable}`]));
    expect(table).toEqual({
      'ae.death': '7 calendar_days reporter false',
      'ae.serious_injury': '20 calendar_days reporter false',
      'ae.abroad': '30 calendar_days registrant false',
      'ae.cluster.first_notice': '12 hours reporter false',
      'ae.cluster.each_case': '24 hours reporter false',
      'ae.cluster.registrant_investigation': '7 calendar_days registrant false',
      'ae.registrant_investigation': '20 working_days registrant true',
      'alert.verify.critical': '24 hours province true',
      'alert.verify.major': '2 working_days province true',
      'alert.verify.general': '3 working_days city true',
    });
  });
  it('schema refuses nonsense', () => {
    const base = { code: 'x.y', amount: 3, unit: 'working_days', from: 'raised_at' };
    expect(deadlineRuleSchema.safeParse(base).success).toBe(true);
    expect(deadlineRuleSchema.safeParse({ ...base, amount: 0 }).success).toBe(false);
    expect(deadlineRuleSchema.safeParse({ ...base, amount: 1.5 }).success).toBe(false);
    expect(deadlineRuleSchema.safeParse({ ...base, unit: 'weeks' }).success).toBe(false);
    expect(deadlineRuleSchema.safeParse({ ...base, extendPastHolidays: true }).success).toBe(false);
    expect(deadlineRuleSchema.safeParse({ ...base, unit: 'calendar_days', extendPastHolidays: true }).success).toBe(true);
  });
});

describe('calendar-day clocks (adverse events)', () => {
  it('death known on the last working day before the Spring Festival break: end of day known + 7, inside the break', () => {
    const d = computeDeadline(rule('ae.death'), '2026-02-13', cal);
    expect(d.iso).toBe('2026-02-20T23:59:59.999+08:00');
    expect(d.dueDate).toBe('2026-02-20');
    expect(d.at.toISOString()).toBe('2026-02-20T15:59:59.999Z');
    expect(d.issues).toEqual([]);
    expect(iso('ae.death', '2026-02-13T09:30:00+08:00')).toBe('2026-02-20T23:59:59.999+08:00');
  });
  it('counts from the Shanghai date, not the UTC date, of the moment of knowledge', () => {
    // 2026-02-12T17:00Z is 01:00 on 02-13 in Shanghai.
    expect(iso('ae.death', '2026-02-12T17:00:00Z')).toBe('2026-02-20T23:59:59.999+08:00');
    expect(iso('ae.death', new Date(Date.UTC(2026, 1, 12, 15, 59)))).toBe('2026-02-19T23:59:59.999+08:00');
  });
  it('with extendPastHolidays, a last day inside the break moves to the first working day after it', () => {
    const extended: DeadlineRule = { ...rule('ae.death'), extendPastHolidays: true };
    expect(computeDeadline(extended, '2026-02-13', cal).iso).toBe('2026-02-24T23:59:59.999+08:00');
    // A last day on a 调休 Saturday is a working day and stays.
    expect(computeDeadline(extended, '2026-02-21', cal).iso).toBe('2026-02-28T23:59:59.999+08:00');
    expect(computeDeadline(extended, '2026-12-30', cal).issues).toEqual([{ code: 'calendar.year_not_covered', params: { year: 2027 } }]);
  });
  it('runs across the year boundary', () => {
    expect(iso('ae.serious_injury', '2025-12-20')).toBe('2026-01-09T23:59:59.999+08:00');
    expect(iso('ae.abroad', '2025-12-15')).toBe('2026-01-14T23:59:59.999+08:00');
    expect(iso('ae.cluster.registrant_investigation', '2025-12-28T22:00:00+08:00')).toBe('2026-01-04T23:59:59.999+08:00');
  });
});

describe('working-day clocks (alert verification)', () => {
  it('general alert raised the day before National Day lands on the 调休 Saturday after the break', () => {
    const d = computeDeadline(rule('alert.verify.general'), '2026-09-30T16:00:00+08:00', cal);
    expect(d.iso).toBe('2026-10-10T23:59:59.999+08:00'); // 10-08 Thu, 10-09 Fri, 10-10 Sat (调休)
    expect(d.issues).toEqual([]);
    expect(iso('alert.verify.major', '2026-09-30T16:00:00+08:00')).toBe('2026-10-09T23:59:59.999+08:00');
  });
  it('counts the 调休 Saturday before the Spring Festival and skips the break', () => {
    expect(iso('alert.verify.general', '2026-02-13T10:00:00+08:00')).toBe('2026-02-25T23:59:59.999+08:00'); // 02-14, 02-24, 02-25
    expect(iso('alert.verify.major', '2026-02-26T10:00:00+08:00')).toBe('2026-02-28T23:59:59.999+08:00'); // due on a 调休 Saturday
    expect(iso('alert.verify.major', '2026-02-27T10:00:00+08:00')).toBe('2026-03-02T23:59:59.999+08:00'); // 02-28, then Monday
  });
  it('starts from the Shanghai date of the instant', () => {
    // 16:30Z on 02-13 is 00:30 on the 调休 Saturday 02-14 in Shanghai, so the 14th is not counted.
    expect(iso('alert.verify.general', '2026-02-13T16:30:00Z')).toBe('2026-02-26T23:59:59.999+08:00');
  });
  it('crosses the year boundary through the New Year holiday and its 调休 Sunday', () => {
    expect(iso('alert.verify.general', '2025-12-31T20:00:00+08:00')).toBe('2026-01-06T23:59:59.999+08:00'); // 01-04 Sun, 01-05, 01-06
    expect(iso('alert.verify.major', '2025-12-31T20:00:00+08:00')).toBe('2026-01-05T23:59:59.999+08:00');
  });
  it('warns when the clock runs into a year without holiday data', () => {
    const d = computeDeadline(rule('alert.verify.general'), '2026-12-30T10:00:00+08:00', cal);
    expect(d.dueDate).toBe('2027-01-04'); // Mon–Fri only: 12-31, 01-01, 01-04
    expect(d.issues).toEqual([{ code: 'calendar.year_not_covered', params: { year: 2027 } }]);
  });
});

describe('hour clocks', () => {
  it('are exact across midnight in Shanghai, whatever zone the start is written in', () => {
    expect(iso('ae.cluster.first_notice', '2026-02-16T20:30:00+08:00')).toBe('2026-02-17T08:30:00.000+08:00');
    expect(iso('ae.cluster.first_notice', '2026-02-16T12:30:00Z')).toBe('2026-02-17T08:30:00.000+08:00');
    expect(iso('ae.cluster.first_notice', '2026-02-16T07:30:00-05:00')).toBe('2026-02-17T08:30:00.000+08:00');
    expect(iso('ae.cluster.each_case', '2026-12-31T23:00:00+08:00')).toBe('2027-01-01T23:00:00.000+08:00');
  });
  it('run through holidays and weekends', () => {
    const d = computeDeadline(rule('alert.verify.critical'), '2026-09-30T18:00:00+08:00', cal);
    expect(d.iso).toBe('2026-10-01T18:00:00.000+08:00');
    expect(d.issues).toEqual([]);
  });
  it('need a time of day, not just a date', () => {
    expect(() => computeDeadline(rule('ae.cluster.first_notice'), '2026-02-16', cal)).toThrow(RangeError);
    expect(() => computeDeadline(rule('alert.verify.critical'), '2026-02-16T10:00:00', cal)).toThrow(RangeError);
  });
});

describe('lateness', () => {
  const death = computeDeadline(rule('ae.death'), '2026-02-13', cal); // 2026-02-20T23:59:59.999+08:00
  it('is on time up to and including the last millisecond', () => {
    expect(lateness(death, '2026-02-20T23:59:59.999+08:00')).toEqual({ late: false, byHours: 0, byDays: 0 });
    expect(lateness(death, '2026-02-14T08:00:00+08:00')).toEqual({ late: false, byHours: 0, byDays: 0 });
  });
  it('counts any started hour or day', () => {
    expect(lateness(death, '2026-02-21T00:00:00.000+08:00')).toEqual({ late: true, byHours: 1, byDays: 1 });
    expect(lateness(death, '2026-02-21T09:00:00+08:00')).toEqual({ late: true, byHours: 9, byDays: 1 });
    expect(lateness(death.at, '2026-02-21T01:00:00.001Z')).toEqual({ late: true, byHours: 10, byDays: 1 });
    expect(lateness(death.iso, '2026-02-22T00:00:00+08:00')).toEqual({ late: true, byHours: 24, byDays: 1 });
    expect(lateness(death, '2026-02-23T12:00:00+08:00')).toEqual({ late: true, byHours: 60, byDays: 3 });
  });
  it('works for hour clocks', () => {
    const notice = computeDeadline(rule('ae.cluster.first_notice'), '2026-02-16T20:30:00+08:00', cal);
    expect(lateness(notice, '2026-02-17T08:30:00+08:00').late).toBe(false);
    expect(lateness(notice, '2026-02-17T10:15:00+08:00')).toEqual({ late: true, byHours: 2, byDays: 1 });
  });
});
