/**
 * Instants and the Asia/Shanghai civil calendar (DESIGN.md decision 6: stored in UTC, shown in
 * Asia/Shanghai). China has observed no daylight saving time since 1991, so Shanghai time is
 * UTC+8 for every instant this platform handles, and a fixed offset is exact — no tz database,
 * no dependence on the host's zone.
 *
 * `formatShanghaiInstant` keeps the milliseconds, unlike `toShanghaiIso` in core's time.ts: a day
 * clock ends at 23:59:59.999, and its string must parse back to the same instant.
 */
import { fromDayNumber, toDayNumber, type CivilDate } from './civil-date.ts';

const OFFSET_MS = 8 * 3_600_000;
const MS_PER_DAY = 86_400_000;
// An offset is mandatory: a bare '2026-02-17T10:00' would be read in the host's zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** Something that names one instant: a valid Date, or an ISO 8601 string with 'Z' or an offset. */
export type InstantInput = Date | string;

/**
 * Reads an instant; throws RangeError for invalid Dates and for strings without a zone offset.
 * @example parseInstant('2026-02-17T10:00:00+08:00').toISOString() === '2026-02-17T02:00:00.000Z'
 */
export function parseInstant(input: InstantInput): Date {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new RangeError('invalid Date');
    return new Date(input.getTime());
  }
  if (!ISO_INSTANT.test(input)) throw new RangeError(`not an ISO 8601 instant with a zone offset: ${input}`);
  const t = Date.parse(input);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO 8601 instant: ${input}`);
  return new Date(t);
}

/** The Shanghai calendar date on which an instant falls. @example shanghaiDateOf('2026-01-31T17:00:00Z') === '2026-02-01' */
export function shanghaiDateOf(instant: InstantInput): CivilDate {
  return fromDayNumber(Math.floor((parseInstant(instant).getTime() + OFFSET_MS) / MS_PER_DAY));
}

/** 00:00:00.000 Shanghai time on a date. @example startOfShanghaiDay('2026-02-17').toISOString() === '2026-02-16T16:00:00.000Z' */
export function startOfShanghaiDay(date: CivilDate): Date {
  return new Date(toDayNumber(date) * MS_PER_DAY - OFFSET_MS);
}

/** 23:59:59.999 Shanghai time on a date, the last instant that still counts as "on" that day. @example formatShanghaiInstant(endOfShanghaiDay('2026-02-20')) === '2026-02-20T23:59:59.999+08:00' */
export function endOfShanghaiDay(date: CivilDate): Date {
  return new Date((toDayNumber(date) + 1) * MS_PER_DAY - OFFSET_MS - 1);
}

/** ISO 8601 in Shanghai wall time with an explicit +08:00 offset. @example formatShanghaiInstant('2026-02-16T16:00:00Z') === '2026-02-17T00:00:00.000+08:00' */
export function formatShanghaiInstant(instant: InstantInput): string {
  return new Date(parseInstant(instant).getTime() + OFFSET_MS).toISOString().replace('Z', '+08:00');
}
