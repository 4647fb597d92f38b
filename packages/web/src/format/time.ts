import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every instant is shown in China Standard Time, whatever the browser's own time zone (DESIGN.md decision 6). */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

export function setDayjsLocale(lang: string): void {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
}

/** `2026-03-01 14:05` in Asia/Shanghai; '—' for nothing. */
export function formatInstant(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return dayjs(value).tz(DISPLAY_TIME_ZONE).format('YYYY-MM-DD HH:mm');
}

export function formatInstantSeconds(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return dayjs(value).tz(DISPLAY_TIME_ZONE).format('YYYY-MM-DD HH:mm:ss');
}

/** Whole days from now until an instant (negative when past). */
export function daysUntil(value: string, now: Date = new Date()): number {
  return Math.floor((Date.parse(value) - now.getTime()) / 86_400_000);
}

export { dayjs };
