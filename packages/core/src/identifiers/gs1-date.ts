/**
 * GS1 two-digit years (GS1 General Specifications §7.12): the century is chosen so the date lies
 * within 49 years before and 50 years after the current year. DD = 00 means the last day of the month.
 */

/** Full year for a two-digit GS1 year, relative to `now`. @example gs1FullYear(99, new Date('2025-01-01')) === 1999 */
export function gs1FullYear(yy: number, now: Date = new Date()): number {
  const current = now.getUTCFullYear();
  const century = current - (current % 100);
  const diff = yy - (current % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * ISO date (YYYY-MM-DD) from GS1 YYMMDD; null when it is not a valid date.
 * @example gs1DateToIso('150700', new Date('2024-01-01')) === '2015-07-31'
 */
export function gs1DateToIso(yymmdd: string, now: Date = new Date()): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return null;
  const year = gs1FullYear(Number(m[1]), now);
  const month = Number(m[2]);
  let day = Number(m[3]);
  if (month < 1 || month > 12) return null;
  if (day === 0) day = lastDay(year, month);
  if (day > lastDay(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * ISO date from 6 (YYMMDD, century by the GS1 rule) or 8 (YYYYMMDD) digits; DD = 00 is not accepted here.
 * @example isoFromDigits('20250131') === '2025-01-31'
 */
export function isoFromDigits(digits: string, now: Date = new Date()): string | null {
  if (/^\d{6}$/.test(digits)) return digits.endsWith('00') ? null : gs1DateToIso(digits, now);
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(digits);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > lastDay(year, month)) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** YYMMDD for an ISO date (for building element strings). @example isoToGs1Date('2025-01-31') === '250131' */
export function isoToGs1Date(iso: string): string {
  return iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}
