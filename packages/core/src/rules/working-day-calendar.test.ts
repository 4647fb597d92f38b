import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHINA_CALENDAR } from './china-calendar.ts';
import { addCalendarDays, fromDayNumber, toDayNumber } from './civil-date.ts';
import { createWorkingDayCalendar, validateCalendarOverrides } from './working-day-calendar.ts';

// A made-up week around 2026-03-02 (Mon): Wednesday off, the Saturday after it worked.
const small = createWorkingDayCalendar([
  { date: '2026-03-04', kind: 'holiday', name: '测试假日' },
  { date: '2026-03-07', kind: 'workday', name: '测试假日' },
]);

describe('working-day calendar', () => {
  it('applies overrides on top of Monday–Friday', () => {
    expect(small.isWorkingDay('2026-03-02')).toBe(true);
    expect(small.isWorkingDay('2026-03-04')).toBe(false);
    expect(small.isWorkingDay('2026-03-07')).toBe(true);
    expect(small.isWorkingDay('2026-03-08')).toBe(false);
    expect(small.overrideFor('2026-03-04')).toEqual({ date: '2026-03-04', kind: 'holiday', name: '测试假日' });
    expect(small.overrideFor('2026-03-05')).toBeUndefined();
  });
  it('adds working days forwards and backwards, never counting the start', () => {
    expect(small.addWorkingDays('2026-03-03', 1)).toBe('2026-03-05');
    expect(small.addWorkingDays('2026-03-03', 3)).toBe('2026-03-07');
    expect(small.addWorkingDays('2026-03-04', 1)).toBe('2026-03-05');
    expect(small.addWorkingDays('2026-03-08', 0)).toBe('2026-03-08');
    expect(small.addWorkingDays('2026-03-09', -1)).toBe('2026-03-07');
    expect(small.addWorkingDays('2026-03-07', -2)).toBe('2026-03-05');
    expect(() => small.addWorkingDays('2026-03-07', 1.5)).toThrow(RangeError);
  });
  it('lists working days in (from, to]', () => {
    expect(small.workingDaysBetween('2026-03-02', '2026-03-09')).toEqual(['2026-03-03', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-09']);
    expect(small.workingDaysBetween('2026-03-09', '2026-03-02')).toEqual([]);
    expect(small.workingDaysBetween('2026-03-09', '2026-03-09')).toEqual([]);
  });
  it('finds the next working day', () => {
    expect(small.nextWorkingDay('2026-03-03')).toBe('2026-03-05');
    expect(small.nextWorkingDay('2026-03-06')).toBe('2026-03-07');
    expect(small.nextWorkingDay('2026-03-07')).toBe('2026-03-09');
  });
  it('knows which years its data covers', () => {
    expect(small.coveredYears).toEqual([2026]);
    expect(small.covers('2026-12-31')).toBe(true);
    expect(small.covers('2027-01-01')).toBe(false);
    expect(createWorkingDayCalendar([], { coveredYears: [2030, 2029, 2030] }).coveredYears).toEqual([2029, 2030]);
  });
  it('rejects broken data', () => {
    expect(validateCalendarOverrides([{ date: '2026-02-30', kind: 'holiday' }])).toEqual([
      { code: 'calendar.invalid_date', path: [0, 'date'], params: { value: '2026-02-30' } },
    ]);
    expect(
      validateCalendarOverrides([
        { date: '2026-10-01', kind: 'holiday' },
        { date: '2026-10-01', kind: 'workday' },
      ]),
    ).toEqual([{ code: 'calendar.duplicate_date', path: [1, 'date'], params: { date: '2026-10-01', first: 1, row: 2 } }]);
    expect(validateCalendarOverrides([{ date: '2026-10-01', kind: 'off' as 'holiday' }])[0]?.code).toBe('calendar.invalid_kind');
    expect(() => createWorkingDayCalendar([{ date: '2026/10/01', kind: 'holiday' }])).toThrow(RangeError);
    expect(() => small.isWorkingDay('2026-3-4')).toThrow(RangeError);
  });
  it('stops instead of looping forever on a calendar with no working days', () => {
    const allOff = Array.from({ length: 4000 }, (_, i) => ({ date: fromDayNumber(toDayNumber('2026-01-01') + i), kind: 'holiday' as const }));
    expect(() => createWorkingDayCalendar(allOff).nextWorkingDay('2026-01-01')).toThrow(RangeError);
  });
});

describe('working-day calendar properties (built-in Chinese data)', () => {
  const date = fc.integer({ min: toDayNumber('2024-12-01'), max: toDayNumber('2027-12-31') }).map(fromDayNumber);
  const cal = CHINA_CALENDAR;

  it('addWorkingDays(d, n) is a working day for n > 0, and lies after d', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const r = cal.addWorkingDays(d, n);
        return cal.isWorkingDay(r) && r > d;
      }),
    );
  });
  it('workingDaysBetween(d, addWorkingDays(d, n)) has exactly n days, all working, ending there', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const r = cal.addWorkingDays(d, n);
        const list = cal.workingDaysBetween(d, r);
        return list.length === n && list.at(-1) === r && list.every((x) => cal.isWorkingDay(x));
      }),
    );
  });
  it('workingDaysBetween counts what isWorkingDay says, day by day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), (d, span) => {
        const to = addCalendarDays(d, span);
        let count = 0;
        for (let i = 1; i <= span; i++) if (cal.isWorkingDay(addCalendarDays(d, i))) count++;
        return cal.workingDaysBetween(d, to).length === count;
      }),
    );
  });
  it('going back n working days returns to d, or to the working day before it', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const back = cal.addWorkingDays(cal.addWorkingDays(d, n), -n);
        return back === (cal.isWorkingDay(d) ? d : cal.addWorkingDays(d, -1));
      }),
    );
  });
  it('nextWorkingDay is addWorkingDays(d, 1)', () => {
    fc.assert(fc.property(date, (d) => cal.nextWorkingDay(d) === cal.addWorkingDays(d, 1)));
  });
});
