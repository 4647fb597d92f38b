import { DEFAULT_DEADLINE_RULES, HOLIDAYS_CN, HOLIDAYS_CN_PROVISIONAL } from '@lianjian/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { syncCalendar } from './calendar.service.ts';

const t = useTestApp();
let admin: Record<string, string>;
let user: Record<string, string>;
let secadmin: Record<string, string>;

beforeAll(async () => {
  admin = await loginHeaders(t().app, await makeUser(t().deps, { role: 'sysadmin' }), PASSWORD);
  user = await loginHeaders(t().app, await makeUser(t().deps, { role: 'privacy_officer' }), PASSWORD);
  secadmin = await loginHeaders(t().app, await makeUser(t().deps, { role: 'secadmin' }), PASSWORD);
});

interface Workdays {
  items: { date: string; weekday: number; adjusted: boolean; name?: string; provisional?: true }[];
  total: number;
  coveredYears: number[];
  provisionalYears: number[];
  warnings: { code: string; message: string; hint?: string; params: Record<string, unknown> }[];
}

async function workdays(from: string, to: string, headers = user, lang = 'zh-CN') {
  return call(t().app, { ...headers, 'accept-language': lang }, { method: 'GET', url: `/api/calendar/workdays?from=${from}&to=${to}` });
}
async function workdayDates(from: string, to: string): Promise<string[]> {
  const res = await workdays(from, to);
  expect(res.statusCode).toBe(200);
  return (res.json() as Workdays).items.map((i) => i.date);
}
async function compute(rule: string, start: string, headers = user) {
  return call(t().app, headers, { method: 'POST', url: '/api/deadlines/compute', payload: { rule, start } });
}
const auditActions = async (action: string, objectId: string) =>
  t().deps.db.selectFrom('audit_log').select(['action', 'object_id as objectId', 'actor_type as actorType']).where('action', '=', action).where('object_id', '=', objectId).execute();

describe('GET /api/calendar/workdays', () => {
  it('knows Spring Festival 2026: Feb 15–23 off, Saturdays Feb 14 and Feb 28 worked', async () => {
    const res = await workdays('2026-02-09', '2026-03-01');
    expect(res.statusCode).toBe(200);
    const body = res.json() as Workdays;
    const dates = body.items.map((i) => i.date);
    for (let d = 15; d <= 23; d++) expect(dates).not.toContain(`2026-02-${d}`);
    expect(body.items.find((i) => i.date === '2026-02-14')).toEqual({ date: '2026-02-14', weekday: 6, adjusted: true, name: '春节' });
    expect(body.items.find((i) => i.date === '2026-02-28')).toEqual({ date: '2026-02-28', weekday: 6, adjusted: true, name: '春节' });
    expect(body.items.find((i) => i.date === '2026-02-13')).toEqual({ date: '2026-02-13', weekday: 5, adjusted: false });
    // Both ends are included: Mon 02-09 … Fri 02-13, Sat 02-14, Tue 02-24 … Fri 02-27, Sat 02-28; Sun 03-01 is off.
    expect(dates).toEqual(['2026-02-09', '2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']);
    expect(body.total).toBe(11);
    expect(body.coveredYears).toEqual([2025, 2026]);
    expect(body.warnings).toEqual([]);
  });

  it('knows National Day 2026: Oct 1–7 off, Sunday Sep 20 and Saturday Oct 10 worked', async () => {
    const res = await workdays('2026-09-14', '2026-10-11');
    const body = res.json() as Workdays;
    const dates = body.items.map((i) => i.date);
    for (let d = 1; d <= 7; d++) expect(dates).not.toContain(`2026-10-0${d}`);
    // 中秋节 Sep 25 (Fri) is off too.
    expect(dates).not.toContain('2026-09-25');
    expect(body.items.find((i) => i.date === '2026-09-20')).toEqual({ date: '2026-09-20', weekday: 7, adjusted: true, name: '国庆节' });
    expect(body.items.find((i) => i.date === '2026-10-10')).toEqual({ date: '2026-10-10', weekday: 6, adjusted: true, name: '国庆节' });
    expect(dates.filter((d) => d >= '2026-09-28')).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
  });

  it('lists a single day when from = to, and nothing for a holiday', async () => {
    expect(await workdayDates('2026-10-10', '2026-10-10')).toEqual(['2026-10-10']);
    expect(await workdayDates('2026-10-01', '2026-10-01')).toEqual([]);
  });

  it('knows the statutory days of 2027 (provisional, the notice is not out): 元旦, 春节 02-05…08, 国庆节 10-01…03', async () => {
    const zh = await workdays('2026-12-20', '2027-01-10');
    expect(zh.statusCode).toBe(200);
    const body = zh.json() as Workdays;
    expect(body.coveredYears).toEqual([2025, 2026]);
    expect(body.provisionalYears).toEqual([2027]);
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]).toMatchObject({ code: 'calendar.year_provisional', params: { year: 2027 } });
    expect(body.warnings[0]?.message).toBe('2027 年仅载入法定节假日（暂定），调休上班日和连休安排尚未确定');
    // 元旦 2027 (a Friday) is off; the working days of 2027 carry the provisional flag, those of 2026 do not.
    expect(body.items.map((i) => i.date)).not.toContain('2027-01-01');
    expect(body.items.find((i) => i.date === '2027-01-04')).toEqual({ date: '2027-01-04', weekday: 1, adjusted: false, provisional: true });
    expect(body.items.find((i) => i.date === '2026-12-31')).toEqual({ date: '2026-12-31', weekday: 4, adjusted: false });
    const en = (await workdays('2026-12-20', '2027-01-10', user, 'en')).json() as Workdays;
    expect(en.warnings[0]?.message).toMatch(/Only the statutory holidays of 2027 are loaded \(provisional\)/);
    expect(en.warnings[0]?.hint).toContain('PUT /api/calendar/years/2027');

    // 春节: 除夕 02-05 (Fri) and 正月初一–初三 02-06…08 (Sat–Mon); 02-04 (Thu) and 02-09 (Tue) are worked.
    expect(await workdayDates('2027-02-04', '2027-02-09')).toEqual(['2027-02-04', '2027-02-09']);
    // 国庆节 10-01…03 (Fri–Sun); 中秋节 09-15 (Wed); 端午节 06-09 (Wed); 清明节 04-05 (Mon); 劳动节 05-01…02 (Sat–Sun).
    expect(await workdayDates('2027-09-30', '2027-10-04')).toEqual(['2027-09-30', '2027-10-04']);
    for (const d of ['2027-09-15', '2027-06-09', '2027-04-05']) expect(await workdayDates(d, d)).toEqual([]);
  });

  it('answers a bad date with 422 naming the field, in zh-CN and en', async () => {
    const zh = await workdays('2026-02-30', '2026-03-10');
    expect(zh.statusCode).toBe(422);
    expect(zh.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(zh.json().errors).toHaveLength(1);
    expect(zh.json().errors[0].path).toMatch(/(^|\.)from$/);
    expect(zh.json().errors[0].message).toMatch(/from/);
    expect(zh.json().errors[0].message).toMatch(/格式/);
    const en = await workdays('2026-01-01', 'tomorrow', user, 'en');
    expect(en.statusCode).toBe(422);
    expect(en.json().errors[0].path).toMatch(/(^|\.)to$/);
    expect(en.json().errors[0].message).toMatch(/to must be a date/);
  });

  it('answers a range over three years or backwards with 422 on "to", in zh-CN and en', async () => {
    expect((await workdays('2025-01-01', '2027-12-31')).statusCode).toBe(200);
    const zh = await workdays('2025-01-01', '2028-01-01');
    expect(zh.statusCode).toBe(422);
    expect(zh.json().errors[0]).toMatchObject({ code: 'calendar.range_too_long', path: 'to', params: { maxYears: 3, last: '2027-12-31' } });
    expect(zh.json().errors[0].message).toBe('日期范围 2025-01-01 至 2028-01-01 超过 3 年');
    const en = await workdays('2025-01-01', '2028-01-01', user, 'en');
    expect(en.json().errors[0].message).toBe('The range 2025-01-01 to 2028-01-01 is longer than 3 years');
    expect(en.json().errors[0].hint).toContain('2027-12-31');
    const back = await workdays('2026-03-01', '2026-02-01', user, 'en');
    expect(back.statusCode).toBe(422);
    expect(back.json().errors[0]).toMatchObject({ code: 'calendar.range_reversed', path: 'to' });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t().app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of ['/api/calendar/workdays', '/api/calendar/overrides', '/api/calendar/overrides/{date}', '/api/calendar/years/{year}', '/api/deadline-rules', '/api/deadline-rules/{code}', '/api/deadlines/compute']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('needs a login', async () => {
    const res = await t().app.inject({ method: 'GET', url: '/api/calendar/workdays?from=2026-01-01&to=2026-01-31' });
    expect(res.statusCode).toBe(401);
  });
});

describe('deadline rules and POST /api/deadlines/compute', () => {
  it('lists the packaged rules to any logged-in user', async () => {
    const res = await call(t().app, user, { method: 'GET', url: '/api/deadline-rules' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(DEFAULT_DEADLINE_RULES.length);
    expect(body.items.find((r: { code: string }) => r.code === 'alert.verify.general')).toMatchObject({ amount: 3, unit: 'working_days', from: 'raised_at', responsible: 'city', configurable: true, extendPastHolidays: false, updatedBy: null });
    expect(body.items.find((r: { code: string }) => r.code === 'ae.death')).toMatchObject({ amount: 7, unit: 'calendar_days', configurable: false });
  });

  it('puts a general alert raised on 2026-09-30 due at the end of 2026-10-10 (+08:00)', async () => {
    const res = await compute('alert.verify.general', '2026-09-30');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ rule: 'alert.verify.general', amount: 3, unit: 'working_days', start: '2026-09-30', deadline: '2026-10-10T23:59:59.999+08:00', dueDate: '2026-10-10', warnings: [] });
    // An instant counts on its Shanghai date: 16:30Z on 09-29 is already 09-30 in Shanghai, 15:30Z is still 09-29.
    expect((await compute('alert.verify.general', '2026-09-30T23:30:00+08:00')).json().deadline).toBe('2026-10-10T23:59:59.999+08:00');
    expect((await compute('alert.verify.general', '2026-09-29T16:30:00Z')).json().deadline).toBe('2026-10-10T23:59:59.999+08:00');
    expect((await compute('alert.verify.general', '2026-09-29T15:30:00Z')).json().deadline).toBe('2026-10-09T23:59:59.999+08:00');
  });

  it('counts calendar days and hours as the rules say', async () => {
    expect((await compute('ae.death', '2026-02-13')).json().deadline).toBe('2026-02-20T23:59:59.999+08:00');
    expect((await compute('alert.verify.critical', '2026-10-01T09:00:00+08:00')).json().deadline).toBe('2026-10-02T09:00:00.000+08:00');
  });

  it('answers an unknown rule, a bad start and an hour clock without a time with 422', async () => {
    const unknown = await call(t().app, { ...user, 'accept-language': 'en' }, { method: 'POST', url: '/api/deadlines/compute', payload: { rule: 'ae.nothing', start: '2026-01-05' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0]).toMatchObject({ code: 'deadline_rule.unknown', path: 'rule', message: 'There is no deadline rule with code ae.nothing' });
    const bad = await compute('ae.death', '2026-13-45');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ code: 'deadline.invalid_start', path: 'start' });
    const noTime = await compute('ae.cluster.first_notice', '2026-01-05');
    expect(noTime.statusCode).toBe(422);
    expect(noTime.json().errors[0]).toMatchObject({ code: 'deadline.start_needs_time', path: 'start' });
  });

  it('warns when a working-day clock runs into a provisional year or an uncovered one', async () => {
    // 12-31, then 2027-01-01 (元旦, statutory) is off: 01-04, 01-05.
    const res = await compute('alert.verify.general', '2026-12-30');
    expect(res.json().dueDate).toBe('2027-01-05');
    expect(res.json().warnings).toMatchObject([{ code: 'calendar.year_provisional', params: { year: 2027 } }]);
    const later = await compute('alert.verify.general', '2027-12-30');
    expect(later.json().dueDate).toBe('2028-01-04');
    expect(later.json().warnings.map((w: { code: string }) => w.code)).toEqual(['calendar.year_provisional', 'calendar.year_not_covered']);
  });

  it('lets only the system admin change a configurable rule; statutory rules answer 422', async () => {
    expect((await call(t().app, user, { method: 'PATCH', url: '/api/deadline-rules/alert.verify.general', payload: { amount: 5 } })).statusCode).toBe(403);
    expect((await call(t().app, secadmin, { method: 'PATCH', url: '/api/deadline-rules/alert.verify.general', payload: { amount: 5 } })).statusCode).toBe(403);
    const statutory = await call(t().app, { ...admin, 'accept-language': 'en' }, { method: 'PATCH', url: '/api/deadline-rules/ae.death', payload: { amount: 10 } });
    expect(statutory.statusCode).toBe(422);
    expect(statutory.json().errors[0]).toMatchObject({ code: 'deadline_rule.not_configurable', path: 'code' });
    expect(statutory.json().errors[0].message).toMatch(/set by regulation/);
    const extend = await call(t().app, admin, { method: 'PATCH', url: '/api/deadline-rules/alert.verify.general', payload: { extendPastHolidays: true } });
    expect(extend.statusCode).toBe(422);
    expect(extend.json().errors[0]).toMatchObject({ code: 'deadline_rule.extend_needs_calendar_days', path: 'extendPastHolidays' });
    expect((await call(t().app, admin, { method: 'PATCH', url: '/api/deadline-rules/alert.nothing', payload: { amount: 5 } })).statusCode).toBe(404);

    const ok = await call(t().app, admin, { method: 'PATCH', url: '/api/deadline-rules/alert.verify.major', payload: { amount: 4 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code: 'alert.verify.major', amount: 4, unit: 'working_days' });
    expect(ok.json().updatedBy).toEqual(expect.any(Number));
    // 09-30 + 4 working days: 10-08, 10-09, 10-10 (Sat, adjusted), 10-12.
    expect((await compute('alert.verify.major', '2026-09-30')).json().deadline).toBe('2026-10-12T23:59:59.999+08:00');
    // The edit survives the start-up sync of the packaged defaults.
    await syncCalendar(t().deps.db);
    expect((await compute('alert.verify.major', '2026-09-30')).json().amount).toBe(4);
    expect(await auditActions('deadline_rule.update', 'alert.verify.major')).toEqual([{ action: 'deadline_rule.update', objectId: 'alert.verify.major', actorType: 'user' }]);
  });
});

describe('calendar overrides (system admin)', () => {
  it('lists the table for a year with its source', async () => {
    const res = await call(t().app, user, { method: 'GET', url: '/api/calendar/overrides?year=2026' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(HOLIDAYS_CN.filter((h) => h.date.startsWith('2026')).length);
    expect(body.items[0]).toMatchObject({ date: '2026-01-01', kind: 'holiday', name: '元旦', source: 'chinese-days@1.5.7', updatedBy: null });
  });

  it('refuses everyone but the system admin with 403', async () => {
    for (const headers of [user, secadmin]) {
      expect((await call(t().app, headers, { method: 'PUT', url: '/api/calendar/overrides/2026-12-31', payload: { kind: 'holiday' } })).statusCode).toBe(403);
      expect((await call(t().app, headers, { method: 'DELETE', url: '/api/calendar/overrides/2026-10-08' })).statusCode).toBe(403);
    }
    expect(await workdayDates('2026-12-31', '2026-12-31')).toEqual(['2026-12-31']);
  });

  it('rejects a day that does not exist with 422 naming the date, in zh-CN and en', async () => {
    const zh = await call(t().app, admin, { method: 'PUT', url: '/api/calendar/overrides/2026-02-30', payload: { kind: 'holiday' } });
    expect(zh.statusCode).toBe(422);
    expect(zh.json().errors[0]).toMatchObject({ code: 'calendar.invalid_date', path: 'date', message: '日期“2026-02-30”无效，应为 YYYY-MM-DD 格式的真实日期' });
    const en = await call(t().app, { ...admin, 'accept-language': 'en' }, { method: 'PUT', url: '/api/calendar/overrides/2026-2-3', payload: { kind: 'holiday' } });
    expect(en.json().errors[0]).toMatchObject({ code: 'calendar.invalid_date', path: 'date', message: 'Date "2026-2-3" is not a real date in YYYY-MM-DD form' });
    const kind = await call(t().app, admin, { method: 'PUT', url: '/api/calendar/overrides/2026-12-31', payload: { kind: 'day_off' } });
    expect(kind.statusCode).toBe(422);
    expect(kind.json().errors[0].path).toBe('kind');
  });

  it('declares 2026-12-31 a holiday: the answers change, the edit is audited and survives a re-sync', async () => {
    expect((await compute('alert.verify.general', '2026-12-28')).json().dueDate).toBe('2026-12-31');
    const res = await call(t().app, admin, { method: 'PUT', url: '/api/calendar/overrides/2026-12-31', payload: { kind: 'holiday', name: '跨年调整' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ date: '2026-12-31', kind: 'holiday', name: '跨年调整', source: 'admin', updatedBy: expect.any(Number) });
    expect(await workdayDates('2026-12-28', '2026-12-31')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30']);
    // 12-28 + 3 working days is now 12-29, 12-30, then 2027-01-04 (元旦 2027 is a statutory day off).
    const after = await compute('alert.verify.general', '2026-12-28');
    expect(after.json().dueDate).toBe('2027-01-04');
    expect(after.json().warnings[0].code).toBe('calendar.year_provisional');
    expect(await auditActions('calendar.override.set', '2026-12-31')).toHaveLength(1);

    await syncCalendar(t().deps.db);
    expect(await workdayDates('2026-12-28', '2026-12-31')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30']);
    const row = (await call(t().app, user, { method: 'GET', url: '/api/calendar/overrides?year=2026' })).json().items.find((o: { date: string }) => o.date === '2026-12-31');
    expect(row).toMatchObject({ kind: 'holiday', source: 'admin' });
  });

  it('keeps an admin change to a packaged day when a newer package is loaded, and refreshes the package rows', async () => {
    // The admin decides 2026-10-08 (a 国庆节 holiday in the package) is a working day.
    const put = await call(t().app, admin, { method: 'PUT', url: '/api/calendar/overrides/2026-10-08', payload: { kind: 'workday' } });
    expect(put.statusCode).toBe(200);
    expect(await workdayDates('2026-10-07', '2026-10-08')).toEqual(['2026-10-08']);
    // A newer package changes both 10-07 and 10-08: only the package's own row follows it.
    const newer = HOLIDAYS_CN.map((h) => (h.date === '2026-10-07' || h.date === '2026-10-08' ? { ...h, name: '国庆节（更正）' } : h));
    await syncCalendar(t().deps.db, newer, DEFAULT_DEADLINE_RULES, 'chinese-days@9.9.9');
    const rows = (await call(t().app, user, { method: 'GET', url: '/api/calendar/overrides?year=2026' })).json().items as { date: string; kind: string; name: string | null; source: string }[];
    expect(rows.find((r) => r.date === '2026-10-07')).toMatchObject({ kind: 'holiday', name: '国庆节（更正）', source: 'chinese-days@9.9.9' });
    expect(rows.find((r) => r.date === '2026-10-08')).toMatchObject({ kind: 'workday', name: null, source: 'admin' });
    await syncCalendar(t().deps.db);
    expect(await workdayDates('2026-10-07', '2026-10-08')).toEqual(['2026-10-08']);
  });

  it('returns a day to the plain week with DELETE, and a packaged day stays that way after a re-sync', async () => {
    // 2026-10-05 is a Monday inside the 国庆节 break.
    expect(await workdayDates('2026-10-05', '2026-10-05')).toEqual([]);
    const del = await call(t().app, admin, { method: 'DELETE', url: '/api/calendar/overrides/2026-10-05' });
    expect(del.statusCode).toBe(204);
    expect(await workdayDates('2026-10-05', '2026-10-05')).toEqual(['2026-10-05']);
    await syncCalendar(t().deps.db);
    expect(await workdayDates('2026-10-05', '2026-10-05')).toEqual(['2026-10-05']);
    expect(await auditActions('calendar.override.delete', '2026-10-05')).toHaveLength(1);

    // An admin's own day disappears altogether; a day that was never set is 404.
    expect((await call(t().app, admin, { method: 'DELETE', url: '/api/calendar/overrides/2026-12-31' })).statusCode).toBe(204);
    expect(await workdayDates('2026-12-31', '2026-12-31')).toEqual(['2026-12-31']);
    expect((await call(t().app, admin, { method: 'DELETE', url: '/api/calendar/overrides/2026-12-31' })).statusCode).toBe(404);
  });
});

describe('provisional 2027 and entering the official arrangement (system admin)', () => {
  const overrides = async (year: number) =>
    (await call(t().app, user, { method: 'GET', url: `/api/calendar/overrides?year=${year}` })).json().items as { date: string; kind: string; name: string | null; source: string; provisional: boolean }[];

  it('lists the 13 statutory days of 2027 as provisional rows', async () => {
    const rows = await overrides(2027);
    expect(rows.map((r) => r.date)).toEqual(HOLIDAYS_CN_PROVISIONAL.map((h) => h.date));
    expect(rows.every((r) => r.source === 'statutory-provisional' && r.provisional && r.kind === 'holiday')).toBe(true);
    expect(rows.find((r) => r.date === '2027-02-05')).toMatchObject({ name: '春节', provisional: true });
    expect((await overrides(2026)).some((r) => r.provisional)).toBe(false);
  });

  it('lets the admin override a provisional day; the edit replaces the provisional row and survives a re-sync', async () => {
    expect(await workdayDates('2027-10-01', '2027-10-01')).toEqual([]);
    const put = await call(t().app, admin, { method: 'PUT', url: '/api/calendar/overrides/2027-10-01', payload: { kind: 'workday', name: '测试' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ date: '2027-10-01', kind: 'workday', source: 'admin', provisional: false });
    expect(await workdayDates('2027-10-01', '2027-10-01')).toEqual(['2027-10-01']);
    await syncCalendar(t().deps.db);
    expect((await overrides(2027)).find((r) => r.date === '2027-10-01')).toMatchObject({ kind: 'workday', source: 'admin', provisional: false });
    // The rest of the year is still provisional.
    expect(((await workdays('2027-10-01', '2027-10-08')).json() as Workdays).provisionalYears).toEqual([2027]);
    // DELETE of a provisional day keeps a plain-day admin row, so the sync does not load it again.
    expect((await call(t().app, admin, { method: 'DELETE', url: '/api/calendar/overrides/2027-10-01' })).statusCode).toBe(204);
    await syncCalendar(t().deps.db);
    expect((await overrides(2027)).find((r) => r.date === '2027-10-01')).toMatchObject({ kind: 'workday', source: 'admin', name: null });
  });

  it('replaces the whole year with PUT /api/calendar/years/2027: no provisional row is left, and the sync does not bring them back', async () => {
    // A made-up notice for the test: 春节 02-05…02-11 off, Sunday 02-14 worked; 国庆节 10-01…07 off, Saturday 10-09 worked.
    const days = [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      ...['05', '06', '07', '08', '09', '10', '11'].map((d) => ({ date: `2027-02-${d}`, kind: 'holiday', name: '春节' })),
      { date: '2027-02-14', kind: 'workday', name: '春节' },
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, kind: 'holiday', name: '国庆节' })),
      { date: '2027-10-09', kind: 'workday', name: '国庆节' },
    ];
    for (const headers of [user, secadmin]) expect((await call(t().app, headers, { method: 'PUT', url: '/api/calendar/years/2027', payload: { days } })).statusCode).toBe(403);
    const outside = await call(t().app, { ...admin, 'accept-language': 'en' }, { method: 'PUT', url: '/api/calendar/years/2027', payload: { days: [...days, { date: '2028-01-01', kind: 'holiday' }] } });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0]).toMatchObject({ code: 'calendar.date_outside_year', path: `days.${days.length}.date`, message: 'Date 2028-01-01 is not in 2027, the year being entered' });
    expect((await overrides(2027)).filter((r) => r.provisional)).toHaveLength(HOLIDAYS_CN_PROVISIONAL.length - 1);

    const res = await call(t().app, admin, { method: 'PUT', url: '/api/calendar/years/2027', payload: { days } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.filter((r: { provisional: boolean }) => r.provisional)).toEqual([]);
    const after = await workdays('2027-02-01', '2027-02-28');
    const body = after.json() as Workdays;
    expect(body.provisionalYears).toEqual([]);
    expect(body.coveredYears).toContain(2027);
    expect(body.warnings).toEqual([]);
    expect(body.items.map((i) => i.date).filter((d) => d <= '2027-02-15')).toEqual(['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04', '2027-02-12', '2027-02-14', '2027-02-15']);
    // Statutory days the notice left out would stay plain days; here 清明节 04-05 was not listed, so it is a working Monday now.
    expect(await workdayDates('2027-04-05', '2027-04-05')).toEqual(['2027-04-05']);
    await syncCalendar(t().deps.db);
    expect((await overrides(2027)).filter((r) => r.source !== 'admin')).toEqual([]);
    expect(await workdayDates('2027-04-05', '2027-04-05')).toEqual(['2027-04-05']);
    expect(await auditActions('calendar.year.replace', '2027')).toHaveLength(1);
  });

  it('drops the provisional rows when a newer package brings the notice', async () => {
    // 2028 stands in for a year that is provisional now and published later.
    const provisional2028 = [{ date: '2028-01-03', kind: 'holiday' as const, name: '元旦（测试）' }, { date: '2028-10-02', kind: 'holiday' as const, name: '国庆节' }];
    await syncCalendar(t().deps.db, HOLIDAYS_CN, DEFAULT_DEADLINE_RULES, 'chinese-days@1.5.7', { days: provisional2028, years: [2028] });
    expect((await overrides(2028)).map((r) => r.source)).toEqual(['statutory-provisional', 'statutory-provisional']);
    const published = [...HOLIDAYS_CN, { date: '2028-10-02', kind: 'holiday' as const, name: '国庆节' }, { date: '2028-10-03', kind: 'holiday' as const, name: '国庆节' }];
    await syncCalendar(t().deps.db, published, DEFAULT_DEADLINE_RULES, 'chinese-days@9.9.9', { days: [], years: [] });
    expect((await overrides(2028)).map((r) => `${r.date} ${r.source}`)).toEqual(['2028-10-02 chinese-days@9.9.9', '2028-10-03 chinese-days@9.9.9']);
  });
});
