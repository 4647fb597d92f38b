/**
 * Civil dates ('YYYY-MM-DD', a day on the wall calendar with no time and no zone).
 *
 * All arithmetic goes through a day number (days since 1970-01-01) computed with `Date.UTC`,
 * so nothing here reads the host time zone: the same code gives the same answers under
 * TZ=UTC, TZ=Asia/Shanghai and TZ=America/New_York.
 */

/** A civil date written 'YYYY-MM-DD', e.g. '2026-02-17'. */
export type CivilDate = string;

const MS_PER_DAY = 86_400_000;
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day of the week, ISO numbering: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** True for a real calendar date in 'YYYY-MM-DD' form. @example isCivilDate('2026-02-29') === false */
export function isCivilDate(value: unknown): value is CivilDate {
  if (typeof value !== 'string') return false;
  const m = CIVIL_DATE.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m.map(Number) as [number, number, number, number];
  // Round-tripping through Date.UTC rejects 2026-02-30 and friends, which Date would roll over.
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Days since 1970-01-01; throws RangeError on anything that is not a real date. @example toDayNumber('1970-01-02') === 1 */
export function toDayNumber(date: CivilDate): number {
  if (!isCivilDate(date)) throw new RangeError(`not a civil date (YYYY-MM-DD): ${String(date)}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

/** Inverse of `toDayNumber`. @example fromDayNumber(0) === '1970-01-01' */
export function fromDayNumber(day: number): CivilDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Shifts a date by whole calendar days. @example addCalendarDays('2025-12-31', 1) === '2026-01-01' */
export function addCalendarDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** ISO weekday of a date. @example isoWeekday('2026-02-14') === 6   // a Saturday */
export function isoWeekday(date: CivilDate): IsoWeekday {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1 as IsoWeekday;
}

/** Calendar year of a date. @example yearOf('2027-01-01') === 2027 */
export function yearOf(date: CivilDate): number {
  toDayNumber(date);
  return Number(date.slice(0, 4));
}
