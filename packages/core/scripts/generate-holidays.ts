/**
 * Writes packages/core/src/rules/holidays-cn.generated.ts from the `chinese-days` npm package:
 * the public holidays and adjusted working days (调休) of the State Council's yearly notices.
 *
 *   npx tsx packages/core/scripts/generate-holidays.ts [fromYear] [toYear]    (default 2025 2027)
 *
 * The output is deterministic (no timestamp) so that regenerating with the same package
 * version changes nothing. Years the package has not published yet are listed in the header
 * and left out of `HOLIDAYS_CN_YEARS`, so the calendar knows it cannot speak for them.
 *
 * For those years the script writes the *statutory* days instead (`HOLIDAYS_CN_PROVISIONAL`): the
 * days off fixed by 全国年节及纪念日放假办法 (State Council, 2024 revision, in force 2025-01-01),
 * computed with the package's lunar calendar and solar terms. They are provisional: the yearly
 * notice adds bridging days and adjusted working days (调休) that no rule can predict, so the server
 * marks them and the administrator replaces them when the notice is published. The rule is checked
 * against every year the package does have: each statutory day must be a holiday there.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays?: Record<string, string>;
}

interface Row {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

// The package abbreviates three festivals; the State Council's notices use the full names.
const OFFICIAL_NAME: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

// The package's date functions read the host's zone; the calendar is Beijing's.
process.env.TZ = 'Asia/Shanghai';
const require = createRequire(import.meta.url);
const fromYear = Number(process.argv[2] ?? 2025);
const toYear = Number(process.argv[3] ?? 2027);
if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
  throw new Error(`usage: generate-holidays.ts [fromYear] [toYear], got ${fromYear} ${toYear}`);
}

const pkg = JSON.parse(readFileSync(require.resolve('chinese-days/package.json'), 'utf8')) as { version: string };
const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as ChineseDaysJson;

// Values look like "Spring Festival,春节,4": English name, Chinese name, days off.
function chineseName(value: string, date: string): string {
  const zh = value.split(',')[1]?.trim();
  if (!zh) throw new Error(`chinese-days: no Chinese name for ${date}: ${value}`);
  return OFFICIAL_NAME[zh] ?? zh;
}

const rows: Row[] = [];
for (const [kind, table] of [['holiday', data.holidays], ['workday', data.workdays]] as const) {
  for (const [date, value] of Object.entries(table)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`chinese-days: bad date ${date}`);
    const year = Number(date.slice(0, 4));
    if (year < fromYear || year > toYear) continue;
    rows.push({ date, kind, name: chineseName(value, date) });
  }
}
rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
for (let i = 1; i < rows.length; i++) {
  if (rows[i]?.date === rows[i - 1]?.date) throw new Error(`chinese-days: ${rows[i]?.date} is both a holiday and a workday`);
}

const requested = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
const present = requested.filter((y) => rows.some((r) => r.date.startsWith(`${y}-`)));
const missing = requested.filter((y) => !present.includes(y));

interface LunarApi {
  getSolarDateFromLunar(lunar: string): { date: string; leapMonthDate?: string };
  getSolarTerms(start: string, end: string): { date: string; term: string; name: string }[];
  getLunarDate(date: string): { lunarYear: number; lunarMon: number; lunarDay: number; isLeap: boolean };
}
const lunar = require('chinese-days') as LunarApi;

function shiftDay(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The solar date of a lunar month / day of a year (the ordinary month, never the leap one), checked both ways. */
function fromLunar(year: number, month: number, day: number): string {
  const date = lunar.getSolarDateFromLunar(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`).date;
  const back = lunar.getLunarDate(date);
  if (back.lunarYear !== year || back.lunarMon !== month || back.lunarDay !== day || back.isLeap) {
    throw new Error(`chinese-days: lunar ${year}-${month}-${day} → ${date} → ${JSON.stringify(back)}`);
  }
  return date;
}

/** The statutory days off of a year, 全国年节及纪念日放假办法 article 2 (2024 revision). */
function statutoryDays(year: number): Row[] {
  const springFestival = fromLunar(year, 1, 1);
  const qingming = lunar.getSolarTerms(`${year}-04-01`, `${year}-04-10`).find((t) => t.name === '清明');
  if (!qingming) throw new Error(`chinese-days: no 清明 solar term in April ${year}`);
  const holiday = (date: string, name: string): Row => ({ date, kind: 'holiday', name });
  return [
    holiday(`${year}-01-01`, '元旦'),
    // 春节 4 days: 除夕 (the last day of the twelfth lunar month, the eve of 正月初一) and 正月初一 to 初三.
    ...[-1, 0, 1, 2].map((d) => holiday(shiftDay(springFestival, d), '春节')),
    holiday(qingming.date, '清明节'),
    holiday(`${year}-05-01`, '劳动节'),
    holiday(`${year}-05-02`, '劳动节'),
    holiday(fromLunar(year, 5, 5), '端午节'),
    holiday(fromLunar(year, 8, 15), '中秋节'),
    ...[1, 2, 3].map((d) => holiday(`${year}-10-0${d}`, '国庆节')),
  ].sort(byDate);
}

// The rule must agree with every published year: each statutory day is a holiday there.
for (const y of present) {
  for (const s of statutoryDays(y)) {
    const published = rows.find((r) => r.date === s.date);
    if (published?.kind !== 'holiday') throw new Error(`statutory day ${s.date} (${s.name}) is not a holiday in chinese-days ${y}: the rule or the lunar data is wrong`);
  }
}
const provisional = missing.flatMap(statutoryDays);

const header = [
  '// Generated by packages/core/scripts/generate-holidays.ts — do not edit by hand. Regenerate with',
  `//   npx tsx packages/core/scripts/generate-holidays.ts ${fromYear} ${toYear}`,
  `// Source: chinese-days@${pkg.version} (npm, MIT), a transcription of the State Council (国务院办公厅)`,
  '// notices on the holiday arrangements of each year. The server loads these rows into the holiday',
  '// table, where an administrator can correct them or add a year as soon as the notice is out.',
  `// Years requested: ${fromYear}–${toYear}. In the package: ${present.join(', ') || 'none'}.` +
    (missing.length ? ` Not yet published there: ${missing.join(', ')}.` : ''),
  ...(missing.length ? [`// For ${missing.join(', ')}: the statutory days only (provisional), computed with the package's lunar calendar.`] : []),
];

const body = rows.map((r) => `  { date: '${r.date}', kind: '${r.kind}', name: '${r.name}' },`);
const out = [
  ...header,
  "import type { CalendarOverride } from './working-day-calendar.ts';",
  '',
  '/** Where the data came from, for the holiday table\'s provenance column. */',
  `export const HOLIDAYS_CN_SOURCE = { package: 'chinese-days', version: '${pkg.version}' } as const;`,
  '',
  '/** Years whose full arrangement is below; a calendar built from this data covers only these. */',
  `export const HOLIDAYS_CN_YEARS: readonly number[] = [${present.join(', ')}];`,
  '',
  '/** Public holidays (including the weekend days inside a break) and adjusted working days (调休上班). */',
  'export const HOLIDAYS_CN: readonly CalendarOverride[] = [',
  ...body,
  '];',
  '',
  '/** Years below whose State Council notice is not in the package: only their statutory days are known. */',
  `export const HOLIDAYS_CN_PROVISIONAL_YEARS: readonly number[] = [${missing.join(', ')}];`,
  '',
  '/**',
  ' * The statutory days off of those years (全国年节及纪念日放假办法, 2024 revision): 元旦 1 day, 春节 4 days',
  ' * (除夕 and 正月初一–初三), 清明节 (the solar term day), 劳动节 May 1–2, 端午节 (五月初五), 中秋节 (八月十五),',
  ' * 国庆节 Oct 1–3. Provisional: the notice adds bridging days and adjusted working days; replace them then.',
  ' */',
  'export const HOLIDAYS_CN_PROVISIONAL: readonly CalendarOverride[] = [',
  ...provisional.map((r) => {
    const l = lunar.getLunarDate(r.date);
    const note = r.name === '春节' || r.name === '端午节' || r.name === '中秋节' ? ` // lunar ${l.lunarYear}-${String(l.lunarMon).padStart(2, '0')}-${String(l.lunarDay).padStart(2, '0')}` : r.name === '清明节' ? ' // solar term 清明' : '';
    return `  { date: '${r.date}', kind: '${r.kind}', name: '${r.name}' },${note}`;
  }),
  '];',
  '',
].join('\n');

const target = fileURLToPath(new URL('../src/rules/holidays-cn.generated.ts', import.meta.url));
writeFileSync(target, out);
for (const y of present) {
  const inYear = rows.filter((r) => r.date.startsWith(`${y}-`));
  const holidays = inYear.filter((r) => r.kind === 'holiday').length;
  console.log(`${y}: ${holidays} holidays, ${inYear.length - holidays} adjusted working days`);
}
if (missing.length) console.warn(`chinese-days@${pkg.version} has no data for ${missing.join(', ')}; wrote their ${provisional.length} statutory days as provisional`);
console.log(`wrote ${target}`);
