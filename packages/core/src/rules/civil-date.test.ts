// Run under TZ=UTC and TZ=America/New_York too: nothing here may depend on the host's zone.
import { describe, expect, it } from 'vitest';
import { addCalendarDays, fromDayNumber, isCivilDate, isoWeekday, toDayNumber, yearOf } from './civil-date.ts';
import { endOfShanghaiDay, parseInstant, shanghaiDateOf, startOfShanghaiDay, formatShanghaiInstant } from './shanghai-time.ts';

describe('civil dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isCivilDate('2026-02-28')).toBe(true);
    expect(isCivilDate('2028-02-29')).toBe(true);
    expect(isCivilDate('2026-02-29')).toBe(false);
    expect(isCivilDate('2026-13-01')).toBe(false);
    expect(isCivilDate('2026-2-1')).toBe(false);
    expect(isCivilDate('2026-02-01T00:00:00Z')).toBe(false);
    expect(isCivilDate(20260201)).toBe(false);
    expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
  });
  it('counts days without the host zone', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('2026-10-10'))).toBe('2026-10-10');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(yearOf('2027-01-01')).toBe(2027);
  });
  it('knows the weekday', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-28')).toBe(7);
    expect(isoWeekday('2026-02-14')).toBe(6);
    expect(isoWeekday('2026-09-20')).toBe(7);
    expect(isoWeekday('2026-10-01')).toBe(4);
  });
});

describe('Shanghai time (UTC+8, no DST)', () => {
  it('puts an instant on the Shanghai calendar', () => {
    expect(shanghaiDateOf('2026-01-31T15:59:59.999Z')).toBe('2026-01-31');
    expect(shanghaiDateOf('2026-01-31T16:00:00Z')).toBe('2026-02-01');
    expect(shanghaiDateOf('2026-01-31T12:00:00-05:00')).toBe('2026-02-01');
    expect(shanghaiDateOf(new Date(Date.UTC(2025, 11, 31, 16)))).toBe('2026-01-01');
  });
  it('bounds a Shanghai day', () => {
    expect(startOfShanghaiDay('2026-02-17').toISOString()).toBe('2026-02-16T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-02-20').toISOString()).toBe('2026-02-20T15:59:59.999Z');
    expect(formatShanghaiInstant(endOfShanghaiDay('2026-02-20'))).toBe('2026-02-20T23:59:59.999+08:00');
    expect(formatShanghaiInstant('2026-02-16T16:00:00Z')).toBe('2026-02-17T00:00:00.000+08:00');
  });
  it('refuses instants whose meaning depends on the host zone', () => {
    expect(() => parseInstant('2026-02-17T10:00:00')).toThrow(RangeError);
    expect(() => parseInstant('2026-02-17')).toThrow(RangeError);
    expect(() => parseInstant(new Date(Number.NaN))).toThrow(RangeError);
    expect(parseInstant('2026-02-17T10:00+08:00').toISOString()).toBe('2026-02-17T02:00:00.000Z');
  });
});
