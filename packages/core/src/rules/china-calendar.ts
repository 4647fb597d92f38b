import { HOLIDAYS_CN, HOLIDAYS_CN_YEARS } from './holidays-cn.generated.ts';
import { createWorkingDayCalendar, type WorkingDayCalendar } from './working-day-calendar.ts';

/**
 * The calendar of the built-in holiday data (see holidays-cn.generated.ts for the years it covers).
 * The server builds its calendar from the editable holiday table instead; this one serves the
 * browser before it has loaded that table, the CLI's demo data and the tests.
 * @example CHINA_CALENDAR.isWorkingDay('2026-10-10') === true   // 调休 Saturday after 国庆节
 */
export const CHINA_CALENDAR: WorkingDayCalendar = createWorkingDayCalendar(HOLIDAYS_CN, { coveredYears: HOLIDAYS_CN_YEARS });
