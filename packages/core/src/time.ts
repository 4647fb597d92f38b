import { formatShanghaiInstant, shanghaiDateOf } from './rules/shanghai-time.ts';

/**
 * Display helpers over the one Asia/Shanghai implementation in rules/shanghai-time.ts (China Standard
 * Time: a fixed +08:00 offset, DESIGN.md decision 6).
 */

/** An instant as RFC 3339 with the +08:00 offset, to the second. @example toShanghaiIso(new Date('2026-01-01T00:00:00Z')) === '2026-01-01T08:00:00+08:00' */
export function toShanghaiIso(instant: Date): string {
  return formatShanghaiInstant(instant).replace(/\.\d{3}(?=\+08:00$)/, '');
}

/** The civil date in Asia/Shanghai of an instant. @example shanghaiDate(new Date('2026-01-01T17:00:00Z')) === '2026-01-02' */
export function shanghaiDate(instant: Date): string {
  return shanghaiDateOf(instant);
}
