import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, useTestApp } from '../../test/test-app.ts';
import { submissionClock } from './adverse-events.service.ts';

const t = useTestApp();

type Who = 'hospHz' | 'distHz' | 'mfrNb' | 'mfrOther' | 'cityHz' | 'cityNj' | 'national';
const w = {} as { headers: Record<Who, Record<string, string>>; di: string; mfrNb: number };

function residentId(seq: number): string {
  const first17 = `11010519700101${String(seq).padStart(3, '0')}`;
  return `${first17}${residentIdCheckChar(first17)}`;
}

beforeAll(async () => {
  const { deps, app } = t();
  const hospHz = await makeOrganization(deps, { type: 'institution', regionCode: '330106' });
  const distHz = await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  const mfrNb = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330212' });
  const mfrOther = await makeOrganization(deps, { type: 'manufacturer', regionCode: '320102' });
  w.mfrNb = mfrNb.id;
  w.di = (await makeProduct(deps, mfrNb.id, mfrNb.gs1CompanyPrefix ?? '')).di ?? '';
  const users: Record<Who, Promise<string>> = {
    hospHz: makeUser(deps, { role: 'institution', organizationId: hospHz.id }),
    distHz: makeUser(deps, { role: 'enterprise', organizationId: distHz.id }),
    mfrNb: makeUser(deps, { role: 'enterprise', organizationId: mfrNb.id }),
    mfrOther: makeUser(deps, { role: 'enterprise', organizationId: mfrOther.id }),
    cityHz: makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    cityNj: makeUser(deps, { role: 'regulator', jurisdictionCode: '320100', regulatorLevel: 'city' }),
    national: makeUser(deps, { role: 'regulator', jurisdictionCode: '000000', regulatorLevel: 'national' }),
  };
  w.headers = {} as typeof w.headers;
  for (const who of Object.keys(users) as Who[]) w.headers[who] = await loginHeaders(app, await users[who], PASSWORD);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Submissions and filings made next are stamped with this instant. */
function at(instant: string) {
  vi.spyOn(submissionClock, 'now').mockImplementation(() => new Date(instant));
}

let seq = 1;
function report(over: Record<string, unknown> = {}) {
  return {
    productDi: w.di, lot: 'VP300-2501', patient: { name: '王五', idNumber: residentId(seq++), sex: 'male', age: 70 },
    manifestation: '输液泵流速异常导致过量输注', eventDate: '2026-02-12', dateKnown: '2026-02-13', outcome: 'serious_injury',
    operatorType: 'professional', imdrfCodes: ['A0601'], ...over,
  };
}
const useError = { status: 'final', findings: '操作人员未经培训，误设流速单位', findingCodes: ['C23'], conclusionCodes: ['D1102'], rootCause: 'use_error', correctiveActions: '对使用科室操作人员再培训，修订快速操作指南' };

const req = (who: Who, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  call(t().app, { ...w.headers[who], ...headers }, { method, url, ...(payload !== undefined && { payload: payload as Record<string, unknown> }) });
async function submit(over: Record<string, unknown> = {}, who: Who = 'hospHz'): Promise<number> {
  const res = await req(who, 'POST', '/api/adverse-events', report(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
const investigations = async () => Number((await t().deps.db.selectFrom('adverse_event_investigations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('investigation due dates', () => {
  it('a serious injury known 2026-02-13 is due 20 working days later, Spring Festival skipped and the adjusted Saturdays counted', async () => {
    at('2026-02-14T10:00:00+08:00');
    const id = await submit();
    const detail = await req('cityHz', 'GET', `/api/adverse-events/${id}`);
    expect(detail.statusCode).toBe(200);
    // 02-14 (调休 Saturday) is working day 1; 02-15…02-23 are the holiday; 02-24…02-27 are 2–5, 02-28 (调休) is 6, then 14 weekdays to 03-19.
    expect(detail.json().investigation).toEqual({ status: 'none', dueAt: '2026-03-19T23:59:59.999+08:00', dueRule: 'ae.registrant_investigation', overdue: false, late: false, lateByHours: 0, latest: null });
  });

  it('a cluster event runs on the regulation\'s 7 calendar days; an "other" outcome has no investigation clock', async () => {
    at('2026-03-02T12:00:00+08:00');
    const cluster = await submit({ cluster: true, eventDate: '2026-03-02', dateKnown: '2026-03-02', knownAt: '2026-03-02T08:00:00+08:00' });
    expect((await req('mfrNb', 'GET', `/api/adverse-events/${cluster}`)).json().investigation).toMatchObject({ dueAt: '2026-03-09T23:59:59.999+08:00', dueRule: 'ae.cluster.registrant_investigation' });
    const other = await submit({ outcome: 'other' });
    expect((await req('mfrNb', 'GET', `/api/adverse-events/${other}`)).json().investigation).toMatchObject({ dueAt: null, dueRule: null, overdue: false, status: 'none' });
  });
});

describe('filing an investigation', () => {
  it('files an interim then a final one, late by the hours past the due date; the detail and list show the latest', async () => {
    at('2026-04-01T09:00:00+08:00');
    const id = await submit({ eventDate: '2026-03-31', dateKnown: '2026-04-01' });
    const due = (await req('mfrNb', 'GET', `/api/adverse-events/${id}`)).json().investigation.dueAt as string;
    expect(due).toBe('2026-04-30T23:59:59.999+08:00');

    at('2026-04-10T10:00:00+08:00');
    const interim = await req('mfrNb', 'POST', `/api/adverse-events/${id}/investigations`, { status: 'in_progress', findings: '已召回同批次 3 台进行检测', findingCodes: [], conclusionCodes: ['D16'], rootCause: 'not_established' });
    expect(interim.statusCode, interim.body).toBe(201);
    expect(interim.json()).toMatchObject({ reportId: id, registrantOrganizationId: w.mfrNb, status: 'in_progress', conclusionCodes: ['D16'], late: false, lateByHours: 0, dueAt: due, filedAt: '2026-04-10T10:00:00.000+08:00' });

    at('2026-05-01T05:00:00+08:00');
    const pending = (await req('cityHz', 'GET', `/api/adverse-events/${id}`)).json().investigation;
    expect(pending).toMatchObject({ status: 'in_progress', overdue: true, late: true, lateByHours: 5 });
    const final = await req('mfrNb', 'POST', `/api/adverse-events/${id}/investigations`, useError);
    expect(final.statusCode).toBe(201);
    expect(final.json()).toMatchObject({ status: 'final', conclusionCodes: ['D1102'], findingCodes: ['C23'], rootCause: 'use_error', late: true, lateByHours: 5 });

    at('2026-06-01T00:00:00+08:00');
    const list = await req('hospHz', 'GET', `/api/adverse-events/${id}/investigations`);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    expect(list.json().items.map((i: { status: string }) => i.status)).toEqual(['in_progress', 'final']);
    expect(list.json().summary).toMatchObject({ status: 'final', overdue: false, late: true, lateByHours: 5, latest: { id: final.json().id, conclusionCodes: ['D1102'] } });
    const csv = await req('cityHz', 'GET', `/api/adverse-events/${id}/investigations?format=csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.trim().split('\n')).toHaveLength(3);
    expect(csv.body).toContain('D1102');

    const again = await req('mfrNb', 'POST', `/api/adverse-events/${id}/investigations`, useError);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ae_investigation.already_final');

    const audit = await t().deps.db.selectFrom('audit_log').select(['details']).where('action', '=', 'adverse_event.investigate').where('object_id', '=', String(id)).orderBy('id').execute();
    expect(audit.map((a) => (a.details as { status: string }).status)).toEqual(['in_progress', 'final']);
  });

  it('stores a filing against a follow-up report on the initial report', async () => {
    at('2026-04-02T09:00:00+08:00');
    const initial = await submit({ eventDate: '2026-04-01', dateKnown: '2026-04-02' });
    const followUp = await submit({ kind: 'follow_up', initialReportId: initial, eventDate: '2026-04-01', dateKnown: '2026-04-02' });
    const res = await req('mfrNb', 'POST', `/api/adverse-events/${followUp}/investigations`, useError);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ reportId: initial, late: false });
    expect((await req('cityHz', 'GET', `/api/adverse-events/${followUp}`)).json().investigation).toMatchObject({ status: 'final', dueRule: 'ae.registrant_investigation' });
  });

  it('replays an idempotent retry without a second filing', async () => {
    at('2026-04-03T09:00:00+08:00');
    const id = await submit({ eventDate: '2026-04-02', dateKnown: '2026-04-03' });
    const key = { 'idempotency-key': `inv-${id}` };
    const first = await req('mfrNb', 'POST', `/api/adverse-events/${id}/investigations`, useError, key);
    const before = await investigations();
    const retry = await req('mfrNb', 'POST', `/api/adverse-events/${id}/investigations`, useError, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await investigations()).toBe(before);
  });

  const bad: [string, Record<string, unknown>, string, string][] = [
    ['an unknown Annex D code', { conclusionCodes: ['D1199'], rootCause: 'use_error' }, 'conclusionCodes.0', 'ae_investigation.imdrf_unknown'],
    ['a final filing without a conclusion', { conclusionCodes: [] }, 'conclusionCodes', 'ae_investigation.final_needs_conclusion'],
    ['a root cause contradicting the conclusion', { rootCause: 'manufacturing' }, 'rootCause', 'ae_investigation.root_cause_mismatch'],
    ['a final filing without corrective actions', { correctiveActions: undefined }, 'correctiveActions', 'ae_investigation.final_needs_actions'],
  ];
  it.each(bad)('rejects %s with field, rule and hint in zh-CN and en, writing nothing', async (_name, over, path, code) => {
    at('2026-04-04T09:00:00+08:00');
    const id = await submit({ eventDate: '2026-04-03', dateKnown: '2026-04-04' });
    const before = await investigations();
    for (const lang of ['zh-CN', 'en']) {
      const res = await req('mfrNb', 'POST', `/api/adverse-events/${id}/investigations`, { ...useError, ...over }, { 'accept-language': lang });
      expect(res.statusCode).toBe(422);
      const error = (res.json().errors as { path: string; code: string; message: string; hint?: string }[]).find((e) => e.path === path);
      expect(error, JSON.stringify(res.json().errors)).toMatchObject({ code });
      expect(error?.hint).toBeTruthy();
      expect(/\p{Script=Han}/u.test(error?.message ?? '')).toBe(lang === 'zh-CN');
    }
    expect(await investigations()).toBe(before);
  });
});

describe('who files and who reads', () => {
  it('only the registrant files; another registrant does not see the report; regulators read in their jurisdiction', async () => {
    at('2026-04-05T09:00:00+08:00');
    const byHospital = await submit({ eventDate: '2026-04-04', dateKnown: '2026-04-05' });
    const byDistributor = await submit({ eventDate: '2026-04-04', dateKnown: '2026-04-05' }, 'distHz');
    const url = (id: number) => `/api/adverse-events/${id}/investigations`;
    expect((await req('hospHz', 'POST', url(byHospital), useError)).statusCode).toBe(403);
    expect((await req('national', 'POST', url(byHospital), useError)).statusCode).toBe(403);
    const distributor = await req('distHz', 'POST', url(byDistributor), useError);
    expect(distributor.statusCode).toBe(403);
    expect(distributor.json().code).toBe('ae_investigation.not_registrant');
    expect((await req('mfrOther', 'POST', url(byHospital), useError)).statusCode).toBe(404);
    expect((await req('mfrOther', 'GET', url(byHospital))).statusCode).toBe(404);
    expect((await req('distHz', 'GET', url(byHospital))).statusCode).toBe(404);
    expect((await req('cityNj', 'GET', url(byHospital))).statusCode).toBe(404);
    expect((await req('cityHz', 'GET', url(byHospital))).statusCode).toBe(200);
    expect((await req('distHz', 'GET', url(byDistributor))).statusCode).toBe(200);
    expect((await req('mfrNb', 'POST', url(byDistributor), useError)).statusCode).toBe(201);
    expect(await investigations()).toBeGreaterThan(0);
  });
});

describe('overdue filter', () => {
  it('lists the reports whose investigation is past due without a final filing', async () => {
    at('2026-07-01T09:00:00+08:00');
    const open = await submit({ eventDate: '2026-06-30', dateKnown: '2026-07-01', lot: 'OVERDUE-1' });
    const closed = await submit({ eventDate: '2026-06-30', dateKnown: '2026-07-01', lot: 'OVERDUE-1' });
    expect((await req('mfrNb', 'POST', `/api/adverse-events/${closed}/investigations`, useError)).statusCode).toBe(201);
    const ids = async (q: string) => ((await req('cityHz', 'GET', `/api/adverse-events?lot=OVERDUE-1&${q}`)).json().items as { id: number }[]).map((r) => r.id);
    expect(await ids('investigationOverdue=true')).toEqual([]);
    at('2026-09-01T09:00:00+08:00');
    expect(await ids('investigationOverdue=true')).toEqual([open]);
    expect(await ids('investigationOverdue=false')).toEqual([closed]);
  });
});

describe('open investigations on the list', () => {
  it('lists each case with a due date and no final filing once, nearest due first, with its due date and latest status', async () => {
    at('2026-08-03T09:00:00+08:00');
    const injury = await submit({ eventDate: '2026-08-02', dateKnown: '2026-08-03', lot: 'OPEN-1' });
    const cluster = await submit({ cluster: true, eventDate: '2026-08-03', dateKnown: '2026-08-03', knownAt: '2026-08-03T08:00:00+08:00', lot: 'OPEN-1' });
    const other = await submit({ outcome: 'other', eventDate: '2026-08-02', dateKnown: '2026-08-03', lot: 'OPEN-1' });
    const closed = await submit({ eventDate: '2026-08-02', dateKnown: '2026-08-03', lot: 'OPEN-1' });
    const followUp = await submit({ kind: 'follow_up', initialReportId: injury, eventDate: '2026-08-02', dateKnown: '2026-08-03', lot: 'OPEN-1' });
    expect((await req('mfrNb', 'POST', `/api/adverse-events/${injury}/investigations`, { ...useError, status: 'in_progress' })).statusCode).toBe(201);
    expect((await req('mfrNb', 'POST', `/api/adverse-events/${closed}/investigations`, useError)).statusCode).toBe(201);
    const dueOf = async (id: number) => (await req('mfrNb', 'GET', `/api/adverse-events/${id}`)).json().investigation.dueAt as string;

    const open = await req('mfrNb', 'GET', '/api/adverse-events?lot=OPEN-1&investigationDue=open&sort=investigationDueAt');
    expect(open.statusCode, open.body).toBe(200);
    const rows = open.json().items as { id: number; investigationDueAt: string | null; investigationStatus: string }[];
    expect(rows.map((r) => [r.id, r.investigationStatus])).toEqual([[cluster, 'none'], [injury, 'in_progress']]);
    expect(rows[0]?.investigationDueAt).toBe('2026-08-10T23:59:59.999+08:00');
    expect(rows[1]?.investigationDueAt).toBe(await dueOf(injury));
    expect(open.json().total).toBe(2);
    const desc = await req('mfrNb', 'GET', '/api/adverse-events?lot=OPEN-1&investigationDue=open&sort=-investigationDueAt');
    expect((desc.json().items as { id: number }[]).map((r) => r.id)).toEqual([injury, cluster]);

    // Unfiltered, every report carries its case's state: the follow-up its initial report's, "other" none.
    const all = new Map(((await req('mfrNb', 'GET', '/api/adverse-events?lot=OPEN-1')).json().items as { id: number; investigationDueAt: string | null; investigationStatus: string }[]).map((r) => [r.id, r]));
    expect(all.get(followUp)).toMatchObject({ investigationDueAt: await dueOf(injury), investigationStatus: 'in_progress' });
    expect(all.get(other)).toMatchObject({ investigationDueAt: null, investigationStatus: 'none' });
    expect(all.get(closed)).toMatchObject({ investigationStatus: 'final' });

    // Scope stays as it is: another registrant sees none of them, the regulator of the reporter sees them.
    expect((await req('mfrOther', 'GET', '/api/adverse-events?lot=OPEN-1&investigationDue=open')).json().total).toBe(0);
    expect((await req('cityHz', 'GET', '/api/adverse-events?lot=OPEN-1&investigationDue=open')).json().total).toBe(2);
    expect((await req('mfrNb', 'GET', '/api/adverse-events?investigationDue=closed')).statusCode).toBe(422);
    const csv = await req('mfrNb', 'GET', '/api/adverse-events?lot=OPEN-1&investigationDue=open&format=csv');
    expect(csv.body).toContain('调查时限 investigation due');
    expect(csv.body).toContain('2026-08-10T23:59:59.999+08:00');
  });
});
