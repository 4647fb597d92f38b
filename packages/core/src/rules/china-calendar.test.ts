import { describe, expect, it } from 'vitest';
// Only the package's JSON is used: its date functions read the host zone (under
// TZ=America/New_York its getDayDetail('2026-10-10') answers for 2026-10-09).
import chineseDaysJson from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { CHINA_CALENDAR as cal } from './china-calendar.ts';
import { HOLIDAYS_CN, HOLIDAYS_CN_PROVISIONAL, HOLIDAYS_CN_PROVISIONAL_YEARS, HOLIDAYS_CN_SOURCE, HOLIDAYS_CN_YEARS } from './holidays-cn.generated.ts';

const adjustedWorkdays = (year: number) => HOLIDAYS_CN.filter((o) => o.kind === 'workday' && o.date.startsWith(`${year}-`)).map((o) => o.date);

describe('Chinese holiday data 2026 (State Council notice, gov.cn/zhengce/zhengceku/202511/content_7047091.htm, via chinese-days)', () => {
  it('has exactly these adjusted working days (调休上班), all on weekends', () => {
    expect(adjustedWorkdays(2026)).toEqual([
      '2026-01-04', // Sun, 元旦
      '2026-02-14', // Sat, 春节
      '2026-02-28', // Sat, 春节
      '2026-05-09', // Sat, 劳动节
      '2026-09-20', // Sun, 国庆节
      '2026-10-10', // Sat, 国庆节
    ]);
    for (const d of adjustedWorkdays(2026)) expect(cal.isWorkingDay(d)).toBe(true);
  });
  it('Spring Festival: 02-15 (Sun) to 02-23 (Mon) off, 02-14 and 02-28 (Sat) worked', () => {
    expect(cal.workingDaysBetween('2026-02-12', '2026-03-02')).toEqual(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-02']);
    expect(cal.overrideFor('2026-02-17')).toEqual({ date: '2026-02-17', kind: 'holiday', name: '春节' });
    expect(cal.overrideFor('2026-02-28')).toEqual({ date: '2026-02-28', kind: 'workday', name: '春节' });
    expect(cal.nextWorkingDay('2026-02-14')).toBe('2026-02-24');
  });
  it('National Day: 10-01 (Thu) to 10-07 (Wed) off, 09-20 (Sun) and 10-10 (Sat) worked; 中秋 09-25 to 09-27', () => {
    expect(cal.isWorkingDay('2026-09-20')).toBe(true);
    expect(cal.isWorkingDay('2026-09-25')).toBe(false); // a Friday, 中秋节
    expect(cal.overrideFor('2026-09-25')?.name).toBe('中秋节');
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-12')).toEqual(['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
    expect(cal.isWorkingDay('2026-10-11')).toBe(false);
  });
  it('New Year 2026: 01-01 to 01-03 off, Sunday 01-04 worked', () => {
    expect(cal.workingDaysBetween('2025-12-30', '2026-01-05')).toEqual(['2025-12-31', '2026-01-04', '2026-01-05']);
  });
  it('2025 is there too: Spring Festival 01-28 to 02-04, 01-26 (Sun) and 02-08 (Sat) worked', () => {
    expect(adjustedWorkdays(2025)).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(cal.isWorkingDay('2025-10-08')).toBe(false);
  });
});

describe('coverage of the generated data', () => {
  it('records its source and the years it covers (chinese-days has not published 2027)', () => {
    expect(HOLIDAYS_CN_SOURCE.package).toBe('chinese-days');
    expect(HOLIDAYS_CN_YEARS).toEqual([2025, 2026]);
    expect(cal.covers('2026-12-31')).toBe(true);
    expect(cal.covers('2027-01-01')).toBe(false);
  });
  it('matches the installed chinese-days data for the covered years (regenerate after an upgrade)', () => {
    const inYears = (table: Record<string, string>) => Object.keys(table).filter((d) => HOLIDAYS_CN_YEARS.includes(Number(d.slice(0, 4)))).sort();
    expect(HOLIDAYS_CN.filter((o) => o.kind === 'holiday').map((o) => o.date)).toEqual(inYears(chineseDaysJson.holidays));
    expect(HOLIDAYS_CN.filter((o) => o.kind === 'workday').map((o) => o.date)).toEqual(inYears(chineseDaysJson.workdays));
  });
  it('names every day in Chinese', () => {
    const names = new Set(HOLIDAYS_CN.map((o) => o.name));
    expect([...names].sort()).toEqual(['中秋节', '元旦', '劳动节', '国庆节', '春节', '清明节', '端午节'].sort());
  });
});

describe('2027 statutory days (provisional until the State Council notice; 全国年节及纪念日放假办法, 2024 revision)', () => {
  it('are the 13 statutory days, computed from the lunar calendar and the 清明 solar term', () => {
    expect(HOLIDAYS_CN_PROVISIONAL_YEARS).toEqual([2027]);
    expect(HOLIDAYS_CN_PROVISIONAL.map((o) => `${o.date} ${o.name}`)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节', // 除夕: 腊月廿九 of 丙午 (that twelfth month has 29 days)
      '2027-02-06 春节', // 正月初一 of 丁未
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节', // 五月初五
      '2027-09-15 中秋节', // 八月十五
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
    expect(HOLIDAYS_CN_PROVISIONAL.every((o) => o.kind === 'holiday')).toBe(true);
  });
  it('never overlap a published year', () => {
    for (const y of HOLIDAYS_CN_PROVISIONAL_YEARS) expect(HOLIDAYS_CN_YEARS).not.toContain(y);
    // The built-in calendar stays with the published years; the server's table adds the provisional ones.
    expect(cal.coveredYears).toEqual(HOLIDAYS_CN_YEARS);
  });
});
