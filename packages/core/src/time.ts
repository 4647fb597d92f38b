/** China Standard Time has no daylight saving: a fixed +08:00 offset (DESIGN.md decision 6). */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** An instant as RFC 3339 with the Asia/Shanghai offset. @example toShanghaiIso(new Date('2026-01-01T00:00:00Z')) === '2026-01-01T08:00:00+08:00' */
export function toShanghaiIso(instant: Date): string {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}

/** The civil date in Asia/Shanghai of an instant. @example shanghaiDate(new Date('2026-01-01T17:00:00Z')) === '2026-01-02' */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
