import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchedBrowser } from './support/browser.ts';
import { demoApi } from './support/api.ts';
import { chineseRenders, CJK, INTERFACE_TEXT, login, logout, screenshot } from './support/pages.ts';
import type { RunningServer } from './support/server.ts';
import { closeSession, openSession } from './support/session.ts';
import { shanghaiDay } from './support/clock.ts';

// README "Try it": the hip implant from its Hangzhou manufacturer through two distributors to the hospital.
const HIP = '(01)06990001001905(10)HJ03101(21)HJ031010001';
const HIP_DIGITAL_LINK = 'https://id.gs1.org/01/06990001001905/10/HJ03101/21/HJ031010001';

let server: RunningServer;
let browser: LaunchedBrowser;
let page: Page;
const errors: string[] = [];
const { apiSession, getJson } = demoApi(() => server.url);

beforeAll(async () => {
  ({ server, browser, page } = await openSession(errors));
});

afterAll(async () => {
  await closeSession({ server, browser });
});

describe('regulator workbench (demo-province, 浙江省局)', () => {
  it('logs in, shows the dashboard with KPIs, the province map and the trend, in Chinese that renders', async () => {
    await login(page, server.url, 'demo-province');
    await page.waitForURL(/\/dashboard$/);
    const orgs = page.getByTestId('kpi-organizations');
    await expect.poll(async () => Number((await orgs.locator('.ant-statistic-content-value').textContent()) ?? 0), { timeout: 15_000 }).toBeGreaterThan(100);
    await page.locator('[data-testid="region-map"][data-ready="true"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="ae-trend"][data-ready="true"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('last-login').textContent()).toMatch(/首次登录|上次登录/);
    const fonts = await chineseRenders(page);
    expect(fonts.fontAvailable).toBe(true);
    expect(fonts.distinctGlyphs).toBe(true);
    await screenshot(page, '01-dashboard-zh');
  });

  it('scans the hip implant (Digital Link) and sees the parse, the custody timeline and the chain graph', async () => {
    await page.getByRole('menuitem', { name: '扫码追溯' }).click();
    const box = page.getByRole('searchbox', { name: 'UDI 或标签内容' });
    await box.fill(HIP_DIGITAL_LINK);
    expect(await page.getByTestId('parse-di').textContent()).toBe('06990001001905');
    expect(await page.getByTestId('parse-serial').textContent()).toBe('HJ031010001');
    await box.press('Enter');
    await page.getByTestId('trace-result').waitFor();
    const steps = page.getByTestId('timeline-step');
    expect(await steps.count()).toBeGreaterThanOrEqual(6);
    const timeline = (await page.getByTestId('custody-timeline').textContent()) ?? '';
    expect(timeline).toContain('杭州鼎盛医疗器械有限公司'); // the manufacturer…
    expect(timeline).toMatch(/发货[\s\S]*收货[\s\S]*使用/); // …shipped, received, used
    await screenshot(page, '02-trace-timeline');
    await page.getByRole('tab', { name: '供应链图' }).click();
    await page.locator('[data-testid="chain-graph"][data-ready="true"]').waitFor({ timeout: 20_000 });
    await screenshot(page, '03-trace-chain-graph');
  });

  it('reads the same unit from its bracketed element string', async () => {
    await page.goto(`${server.url}/trace?code=${encodeURIComponent(HIP)}`);
    await page.getByTestId('trace-result').waitFor();
    expect(await page.getByTestId('parse-lot').textContent()).toBe('HJ03101');
  });

  it('computes the recall scope of the mask lot with its holders', async () => {
    await page.goto(`${server.url}/recall?di=06990001001004&lot=MK00101`);
    const rows = page.locator('[data-testid="recall-holders"] tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 15_000 });
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, '04-recall-scope');
  });

  it('lists organisations with the pro-table conventions (共 N 条)', async () => {
    await page.goto(`${server.url}/organizations`);
    await page.locator('[data-testid="organizations-list"] tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-pagination-total-text').textContent()).toMatch(/^共 \d+ 条$/);
    await screenshot(page, '05-organizations');
    await page.goto(`${server.url}/adverse-events`);
    await page.getByTestId('ae-list').waitFor();
    await screenshot(page, '06-adverse-events');
    // A report opens from its number.
    const first = page.locator('[data-testid^="ae-open-"]').first();
    const reportNo = (await first.textContent()) ?? '';
    await first.click();
    await page.waitForURL(/\/adverse-events\/\d+$/);
    await expect.poll(async () => (await page.evaluate<string>(INTERFACE_TEXT)) + (await page.locator('body').textContent()), { timeout: 10_000 }).toContain(reportNo);
  });

  it('says licence kinds and statuses and alert sources in words, not as API codes', async () => {
    await page.goto(`${server.url}/licenses`);
    await page.locator('[data-testid="licenses-list"] tbody tr.ant-table-row').first().waitFor();
    const licences = (await page.getByTestId('licenses-list').locator('tbody').textContent()) ?? '';
    expect(licences).toMatch(/生产许可证|经营许可证|经营备案凭证|质量管理体系证书/);
    expect(licences).not.toMatch(/production_license|distribution_license|distribution_filing|qms_certificate|\bvalid\b|expiring/);
    await page.goto(`${server.url}/alerts`);
    await page.locator('[data-testid="alerts-list"] tbody tr.ant-table-row').first().waitFor();
    const alerts = (await page.getByTestId('alerts-list').locator('tbody').textContent()) ?? '';
    expect(alerts).not.toMatch(/\b(rule|signal|indicator)\.[a-z_]+/);
    // The most severe first: the first row's grade is the highest grade in the queue.
    const worst = await (await fetch(`${server.url}/api/alerts?pageSize=1&sort=-grade`, { headers: { cookie: await pageCookie() } })).json() as { items: { grade: string }[] };
    const gradeWords: Record<string, string> = { critical: '重大', major: '较大', general: '一般' };
    expect(await page.getByTestId('alerts-list').locator('tbody tr.ant-table-row').first().locator('.ant-tag').first().textContent()).toBe(gradeWords[worst.items[0]?.grade ?? '']);
  });

  it('opens the mask lot’s dossier as a regulator reads it: the failed BFE item 93.1 %, released anyway, and the flag in words', async () => {
    await page.goto(`${server.url}/lots/06990001001004/MK00101`);
    const header = page.getByTestId('lot-header');
    await header.waitFor({ timeout: 15_000 });
    expect(await header.textContent()).toContain('医用外科口罩');
    expect(await page.getByTestId('release-decision').textContent()).toContain('带不合格项放行');
    const flag = page.getByTestId('quality-flag').first();
    expect(await flag.textContent()).toContain('批次 MK00101 放行检验有不合格项目，仍被放行'); // core/locales quality_flag.released_with_failed_item
    const failed = page.locator('[data-testid="section-release"] tr.row-failed');
    expect(await failed.count()).toBe(1);
    const failedText = (await failed.textContent()) ?? '';
    expect(failedText).toContain('细菌过滤效率（BFE）');
    expect(failedText).toContain('93.1');
    expect(failedText).toContain('≥ 95');
    expect(failedText).toContain('不合格');
    // Materials name their supplier with a link to its dossier; no raw ids or JSON anywhere.
    expect(await page.locator('[data-testid="section-materials"] a[href^="/organizations/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="section-distribution"] a[href^="/recall?di=06990001001004&lot=MK00101"]').count()).toBe(1);
    // Holders' regions by name and code (GB/T 2260), not the bare code.
    await expect.poll(async () => (await page.getByTestId('section-distribution').locator('tbody').textContent()) ?? '', { timeout: 10_000 }).toMatch(/[\u4e00-\u9fff]+ \d{6}/);
    const text = (await page.getByTestId('lot-dossier').textContent()) ?? '';
    expect(text).not.toMatch(/receiptId|\{"|organizationId/);
    await page.locator('[data-testid="environment-chart"][data-ready="true"]').waitFor({ timeout: 20_000 });
    await screenshot(page, '07-lot-dossier');
    await screenshot(page, '16-lot-dossier-regulator');
  });

  it('opens the mask’s product dossier from the lot: its lots with the recall, holdings by city, reports', async () => {
    await page.goto(`${server.url}/lots/06990001001004/MK00101`);
    await page.locator('[data-testid="lot-header"] a[href^="/products/"]').click();
    const header = page.getByTestId('product-header');
    await header.waitFor({ timeout: 15_000 });
    expect(await header.textContent()).toContain('医用外科口罩');
    const lots = page.getByTestId('section-lots');
    // The recalled lot is listed with its restriction and links back to its dossier.
    const recalled = lots.locator('tr', { has: page.locator('a[href="/lots/06990001001004/MK00101"]') });
    expect(await recalled.getByTestId('lot-restriction').textContent()).toMatch(/召回/);
    await page.locator('[data-testid="chart-regions"][data-ready="true"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('product-dossier').textContent()).not.toMatch(/\{"|organizationId|undefined|NaN/);
    await screenshot(page, '37-product-dossier');
  });

  it('opens the manufacturer’s dossier from the lot, and a county hospital’s assessment with its chart', async () => {
    await page.goto(`${server.url}/lots/06990001001004/MK00101`);
    await page.getByTestId('lot-header').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="lot-header"] a[href^="/organizations/"]').click();
    const licences = page.getByTestId('section-licences');
    await licences.waitFor({ timeout: 15_000 });
    expect(await licences.locator('.ant-tag').first().textContent()).toMatch(/有效|即将到期|已过期/);
    expect(await page.getByTestId('quality-flag').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="section-batches"] a[href="/lots/06990001001004/MK00101"]').count()).toBe(1);
    await screenshot(page, '17-organization-dossier');
    const hospitals = await (await fetch(`${server.url}/api/organizations?type=institution&q=${encodeURIComponent('安吉县人民医院')}`, { headers: { cookie: await pageCookie() } })).json() as { items: { id: number }[] };
    await page.goto(`${server.url}/organizations/${hospitals.items[0]?.id}/dossier`);
    await page.getByRole('tab', { name: '器械管理评估' }).click();
    await page.getByTestId('assessment-training').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('assessment').textContent()).toContain('报告及时率');
    expect(await page.getByTestId('assessment-training').locator('.ant-statistic-content').textContent()).toMatch(/^\d+\.\d %$/); // it has clinical uses
    await page.locator('[data-testid="assessment-chart"][data-ready="true"]').waitFor({ timeout: 20_000 });
    await screenshot(page, '18-institution-assessment');
  });

  it('acknowledges an alert, then dismisses it with a reason; the history says who and why', async () => {
    const list = await (await fetch(`${server.url}/api/alerts?pageSize=100&status=new`, { headers: { cookie: await pageCookie() } })).json() as { items: { id: number; source: string }[] };
    const alert = list.items.find((a) => a.source === 'signal.disproportionality') ?? list.items[0];
    expect(alert).toBeDefined();
    await page.goto(`${server.url}/alerts/${alert?.id}`);
    const evidence = page.getByTestId('alert-evidence');
    await evidence.waitFor({ timeout: 15_000 });
    expect(await evidence.textContent()).not.toMatch(/\{"/);
    await page.getByRole('button', { name: /签\s*收/ }).click();
    await page.getByRole('button', { name: /确\s*认/ }).click();
    await expect.poll(async () => page.getByTestId('history-entry').allTextContents(), { timeout: 10_000 }).toContainEqual(expect.stringContaining('已签收'));
    await page.locator('.ant-popover').waitFor({ state: 'hidden' });
    await screenshot(page, '19-alert-acknowledged');
    await page.getByRole('button', { name: /排\s*除/ }).click();
    await page.getByRole('textbox', { name: '理由' }).fill('经核查，为同一机构重复录入所致');
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*认/ }).click();
    await expect.poll(async () => (await page.getByTestId('alert-history').textContent()) ?? '', { timeout: 10_000 }).toContain('经核查，为同一机构重复录入所致');
    expect(await page.getByTestId('alert-history').textContent()).toContain('已排除');
    expect(await page.getByRole('button', { name: /签\s*收/ }).count()).toBe(0);
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await screenshot(page, '20-alert-dismissed');
  });

  it('switches to English with one click: no Chinese left on the page', async () => {
    await page.goto(`${server.url}/dashboard`);
    await page.getByTestId('kpi-organizations').waitFor();
    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.locator('[data-testid="region-map"][data-ready="true"]').waitFor({ timeout: 20_000 });
    // Every KPI drawn (a busy machine answers the six lists at different times).
    for (const kpi of ['kpi-organizations', 'kpi-products', 'kpi-licenses', 'kpi-ae', 'kpi-late', 'kpi-alerts']) await page.getByTestId(kpi).locator('.ant-statistic').waitFor({ timeout: 15_000 });
    const text = await page.evaluate<string>(INTERFACE_TEXT);
    expect(text).toContain('Open alerts');
    expect(text.match(CJK)).toBeNull();
    await screenshot(page, '08-dashboard-en');
    await page.goto(`${server.url}/trace?code=${encodeURIComponent(HIP)}`);
    await page.getByTestId('trace-result').waitFor();
    await page.getByRole('tab', { name: 'Custody timeline' }).waitFor();
    const traceText = await page.evaluate<string>(INTERFACE_TEXT);
    expect(traceText).toContain('Shipped');
    expect(traceText.match(CJK)).toBeNull(); // names of organisations and products are data, marked as such
    await screenshot(page, '09-trace-en');
    // The choice is remembered: a reload starts in English (its words load before the first paint).
    await page.reload();
    await page.getByRole('tab', { name: 'Custody timeline' }).waitFor();
    expect((await page.evaluate<string>(INTERFACE_TEXT)).match(CJK)).toBeNull();
    await page.getByRole('button', { name: 'Switch the interface to Chinese' }).click();
    await page.getByRole('tab', { name: '流通轨迹' }).waitFor();
    await logout(page);
  });
});

describe('submitters’ portal (demo-hospital, 杭州市第一人民医院)', () => {
  it('submits an adverse-event report with one field wrong, sees why next to the field, fixes it and submits', async () => {
    await login(page, server.url, 'demo-hospital');
    await page.waitForURL(/\/portal$/);
    await page.getByTestId('portal-home').waitFor();
    await screenshot(page, '10-portal-home');
    await page.getByRole('menuitem', { name: '不良事件报告' }).click();
    await page.getByTestId('field-udi').fill(HIP);
    expect(await page.getByTestId('udi-parsed').textContent()).toContain('HJ031010001');
    await page.getByTestId('field-patientName').fill('王某');
    await page.getByTestId('field-birthDate').fill('1958-03-02');
    await page.getByTestId('field-manifestation').fill('术后髋关节疼痛，活动受限');
    await page.getByTestId('field-eventDate').fill('2026-11-18');
    await page.getByTestId('field-dateKnown').fill('2026-11-19');
    await page.locator('label.ant-radio-button-wrapper', { hasText: '严重伤害' }).click(); // what a user clicks: the button's label
    await page.getByTestId('field-imdrfCodes').fill('A9999'); // well-formed, but not an IMDRF code: only the server knows
    await page.getByTestId('ae-submit').click();
    const error = page.getByTestId('error-imdrfCodes');
    await error.waitFor();
    expect(await error.textContent()).toContain('IMDRF 代码 A9999 不在术语表中');
    await screenshot(page, '11-ae-form-rejected');
    await page.getByTestId('field-imdrfCodes').fill('A0601');
    await error.waitFor({ state: 'detached' });
    await page.getByTestId('ae-submit').click();
    const done = page.getByTestId('ae-submitted');
    await done.waitFor();
    expect(await done.textContent()).toMatch(/报告已提交：\S+/);
    await screenshot(page, '12-ae-form-submitted');
    await page.getByRole('menuitem', { name: '报告时限' }).click();
    await page.getByTestId('deadlines').waitFor();
    await screenshot(page, '13-deadlines');
  });

  it('records a maintenance (the fault its result needs is asked for next to the field) and a clinical use with the server’s training verdict', async () => {
    await page.getByRole('menuitem', { name: '设备维护' }).click();
    await page.getByTestId('maintenance-form').waitFor(); // the AE form before it has a field-udi too
    await page.getByTestId('field-udi').fill(HIP);
    await page.getByTestId('field-startedOn').fill('2026-11-20');
    await page.getByTestId('field-technician').fill('王工');
    await page.locator('#maintenance-form-result').click();
    await page.locator('.ant-select-item-option[title="维修完成"]').click();
    await page.getByTestId('maintenance-form-submit').click();
    expect(await page.getByTestId('error-fault').textContent()).toContain('须填写故障现象'); // core maintenanceInputSchema, before any request
    await page.getByTestId('field-fault').fill('开机自检报警 E03');
    await page.getByTestId('field-downtimeHours').fill('6');
    await page.getByTestId('maintenance-form-submit').click();
    await page.getByTestId('maintenance-form-done').waitFor();
    expect(await page.getByTestId('maintenance-form-done').textContent()).toContain('停机 6 小时');
    await screenshot(page, '22-maintenance-form');
    await page.getByRole('menuitem', { name: '临床使用' }).click();
    await page.getByTestId('use-form').waitFor();
    await page.getByTestId('field-udi').fill(HIP);
    await page.getByTestId('field-usedOn').fill('2026-11-20');
    await page.getByTestId('field-department').fill('骨科');
    await page.getByTestId('field-operator').fill('张医生');
    await page.getByTestId('use-form-submit').click();
    await page.getByTestId('operator-trained').waitFor();
    expect(await page.getByTestId('operator-trained').textContent()).toBe('张医生：无有效培训记录'); // the demo hospital has no training record for him
    await screenshot(page, '23-clinical-use-form');
    await logout(page);
  });
});

/** The browser's session cookie, for API look-ups the page itself would do by clicking. */
async function pageCookie(): Promise<string> {
  return (await page.context().cookies(server.url)).map((c) => `${c.name}=${c.value}`).join('; ');
}

describe('live alert inbox', () => {
  it('receives the alert of a late death report while the dashboard is open, without a reload', async () => {
    await login(page, server.url, 'demo-province');
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('alert-inbox').or(page.getByText('暂无新预警')).first().waitFor({ timeout: 15_000 });
    const hrefs = async () => page.locator('[data-testid="inbox-item"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const before = new Set(await hrefs());
    // The demo hospital reports a death it learnt of 20 days ago: the 7-day clock has run out.
    const known = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    const cookie = await apiSession('demo-hospital');
    const res = await fetch(`${server.url}/api/adverse-events`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ udi: HIP, patient: { name: '李某', birthDate: '1950-05-05' }, manifestation: '假体松动后死亡', eventDate: known, dateKnown: known, outcome: 'death', deathDate: known }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).late).toBe(true);
    await expect.poll(async () => (await hrefs()).filter((h) => !before.has(h)).length, { timeout: 20_000, interval: 250 }).toBeGreaterThan(0);
    await screenshot(page, '15-inbox-live-alert');
    // A reload drops the event stream: the inbox loads again with the alert, reconnects and keeps receiving.
    const arrived = (await hrefs()).filter((h) => !before.has(h));
    await page.reload();
    await page.locator('[data-testid="alert-inbox"]').waitFor({ timeout: 15_000 });
    await expect.poll(async () => hrefs(), { timeout: 15_000 }).toEqual(expect.arrayContaining(arrived));
    await page.locator('.ant-badge-status-processing').waitFor({ timeout: 15_000 });
    const afterReload = new Set(await hrefs());
    const again = await fetch(`${server.url}/api/adverse-events`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ udi: HIP, patient: { name: '赵某', birthDate: '1948-02-02' }, manifestation: '假体周围骨折后死亡', eventDate: known, dateKnown: known, outcome: 'death', deathDate: known }),
    });
    expect(again.status).toBe(201);
    await expect.poll(async () => (await hrefs()).filter((h) => !afterReload.has(h)).length, { timeout: 20_000, interval: 250 }).toBeGreaterThan(0);
    await screenshot(page, '21-inbox-after-reconnect');
    await logout(page);
  });
});

describe('recalls, risk settings, administration and production records', () => {
  it('shows the mask lot’s level II recall on its dossier (demo-province)', async () => {
    await login(page, server.url, 'demo-province');
    await page.goto(`${server.url}/lots/06990001001004/MK00101`);
    const section = page.getByTestId('section-restrictions');
    await section.waitFor();
    await expect.poll(async () => (await section.textContent()) ?? '', { timeout: 15_000 }).toContain('二级召回');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, '24-lot-recall');
  });

  it('lists the built-in risk indicators with a run-now button (demo-province)', async () => {
    await page.goto(`${server.url}/risk`);
    await page.locator('[data-testid="risk-indicators"] tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('[data-testid="risk-indicators"] tbody tr.ant-table-row').count()).toBeGreaterThanOrEqual(9);
    await page.getByTestId('run-now').waitFor();
    await screenshot(page, '25-risk-indicators');
    await logout(page);
  });

  it('opens the users and the working-day calendar as the system admin', async () => {
    await login(page, server.url, 'demo-sysadmin');
    await page.goto(`${server.url}/admin/users`);
    await page.getByTestId('users-admin').waitFor();
    await page.getByTestId('create-user').waitFor();
    await screenshot(page, '26-admin-users');
    await page.goto(`${server.url}/admin/calendar`);
    await page.getByTestId('override-calendar').waitFor();
    await screenshot(page, '27-admin-calendar');
    await logout(page);
  });

  it('lists the manufacturer’s batches in its production records', async () => {
    await login(page, server.url, 'demo-manufacturer');
    await page.goto(`${server.url}/portal/production`);
    await page.locator('[data-testid="batches-list"] tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, '28-production-records');
    await logout(page);
  });
});

describe('patient identity on a report (demo-province, then demo-privacy)', () => {
  it('shows the patient masked with the key to ask for; after the privacy officer’s grant, the identity and the grant', async () => {
    const province = await apiSession('demo-province');
    const { items } = await getJson<{ items: { id: number }[] }>('/api/adverse-events?pageSize=1', province);
    const reportId = items[0]?.id;
    expect(reportId).toBeDefined();
    const report = await getJson<{ patientKey: string; patient: { nameMasked: string } }>(`/api/adverse-events/${reportId}`, province);
    await login(page, server.url, 'demo-province');
    await page.goto(`${server.url}/adverse-events/${reportId}`);
    const card = page.getByTestId('patient-card');
    await card.waitFor();
    expect(await page.getByTestId('patient-key').textContent()).toBe(report.patientKey);
    expect(await page.getByTestId('patient-name').textContent()).toBe(report.patient.nameMasked);
    await page.getByTestId('show-identity').click();
    expect(await page.getByTestId('identity-masked').textContent()).toContain('隐私官');
    await screenshot(page, '70-ae-patient-masked');
    await logout(page);

    // The privacy officer grants the investigator, picked by username, for the key the page showed.
    await login(page, server.url, 'demo-privacy');
    await page.goto(`${server.url}/admin/privacy`);
    const grantee = page.getByTestId('field-userId');
    await grantee.click();
    await page.locator('.ant-select', { has: grantee }).or(grantee).locator('input[role="combobox"]').first().pressSequentially('demo-prov', { delay: 15 });
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: 'demo-province' }).first().click({ timeout: 15_000 });
    await page.getByTestId('field-patientKey').fill(report.patientKey);
    await page.getByTestId('field-purpose').fill(`不良事件调查 报告 ${reportId}`);
    const expiry = page.getByTestId('field-expiresAt');
    const expiryInput = (await expiry.evaluate((el) => el.tagName)) === 'INPUT' ? expiry : expiry.locator('input');
    await expiryInput.click();
    await expiryInput.fill(`${shanghaiDay(7)} 18:00`);
    await expiryInput.press('Enter');
    await page.getByTestId('grant-submit').click();
    await page.getByTestId('grants').getByText(report.patientKey).first().waitFor();
    expect(await page.getByTestId('grants').textContent()).toContain('demo-province');
    await screenshot(page, '72-privacy-grant-listed');
    await logout(page);

    await login(page, server.url, 'demo-province');
    await page.goto(`${server.url}/adverse-events/${reportId}`);
    await page.getByTestId('show-identity').click();
    const unmasked = page.getByTestId('identity-unmasked');
    await unmasked.waitFor();
    expect(await unmasked.textContent()).toContain(`不良事件调查 报告 ${reportId}`);
    const name = (await page.getByTestId('patient-name').textContent()) ?? '';
    expect(name).not.toBe(report.patient.nameMasked);
    expect(name).not.toContain('*');
    await screenshot(page, '71-ae-patient-unmasked');
    await logout(page);
  });

  it('the investigator asks inside the platform; the privacy officer approves it from the pending list; the identity then shows with the grant’s purpose', async () => {
    // The test above grants the newest report's patient: ask about another patient, still masked and not waiting already (any order of the tests).
    const province = await apiSession('demo-province');
    const { items } = await getJson<{ items: { id: number }[] }>('/api/adverse-events?pageSize=30', province);
    type Report = { id: number; reportNo: string; patientKey: string; patient: { nameMasked: string } };
    const first = await getJson<Report>(`/api/adverse-events/${items[0]?.id}`, province);
    let report: Report | undefined;
    for (const { id } of items.slice(1)) {
      const r = await getJson<Report>(`/api/adverse-events/${id}`, province);
      if (r.patientKey === first.patientKey) continue;
      const identity = await getJson<{ masked: boolean; request: { status: string } | null }>(`/api/patients/${r.patientKey}/identity`, province);
      if (identity.masked && identity.request?.status !== 'pending') {
        report = r;
        break;
      }
    }
    if (!report) throw new Error('no report with a masked patient nobody has asked about');
    const purpose = `不良事件调查 ${report.reportNo} 需联系患者随访`;

    await login(page, server.url, 'demo-province');
    await page.goto(`${server.url}/adverse-events/${report.id}`);
    await page.getByTestId('show-identity').click();
    await page.getByTestId('identity-masked').waitFor();
    await page.getByTestId('request-identity').click();
    const asked = page.getByTestId('request-purpose');
    // Prefilled from the report the investigator asks from.
    expect(await asked.inputValue()).toBe(`不良事件调查 ${report.reportNo}`);
    await asked.fill(purpose);
    // Once the dialog's opening animation is over (mid-way it shows half transparent).
    await page.waitForFunction(() => document.querySelector('.ant-modal[class*="ant-zoom-"], .ant-modal-mask[class*="ant-fade-"]') === null, undefined, { timeout: 5_000 }).catch(() => undefined);
    await screenshot(page, '73-ae-identity-request');
    await page.getByTestId('request-submit').click();
    const waiting = page.locator('[data-testid="identity-request"][data-status="pending"]');
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain('已申请，等待隐私官审批');
    expect(await waiting.textContent()).toContain(purpose);
    expect(await page.getByTestId('patient-name').textContent()).toBe(report.patient.nameMasked);
    await screenshot(page, '74-ae-identity-requested');
    await logout(page);

    // The privacy officer finds it waiting (the menu counts it) and approves it with the default expiry.
    await login(page, server.url, 'demo-privacy');
    await page.goto(`${server.url}/admin/privacy`);
    await page.getByTestId('nav-pending-requests').waitFor();
    // Others may have asked about the same patient (the demo world's city regulator asks about one): this investigator's row.
    const rows = page.getByTestId('identity-requests').locator('tr.ant-table-row', { hasText: report.patientKey });
    const row = rows.filter({ hasText: 'demo-province' });
    await row.waitFor();
    expect(await row.textContent()).toContain('demo-province');
    expect(await row.textContent()).toContain(purpose);
    expect(await row.textContent()).toContain('待审批');
    await screenshot(page, '75-privacy-request-pending');
    await row.getByRole('button', { name: /批准申请/ }).click();
    await page.getByTestId('approve-submit').click();
    await page.locator('.ant-message').getByText(/已批准，授权 #\d+/).waitFor();
    await page.getByTestId('grants').getByText(report.patientKey).first().waitFor();
    // Decided, it leaves the pending list.
    await row.waitFor({ state: 'detached' });
    await logout(page);

    await login(page, server.url, 'demo-province');
    await page.goto(`${server.url}/adverse-events/${report.id}`);
    await page.getByTestId('show-identity').click();
    const unmasked = page.getByTestId('identity-unmasked');
    await unmasked.waitFor();
    expect(await unmasked.textContent()).toContain(purpose);
    const name = (await page.getByTestId('patient-name').textContent()) ?? '';
    expect(name).not.toBe(report.patient.nameMasked);
    expect(name).not.toContain('*');
    expect(await page.getByTestId('identity-request').count()).toBe(0);
    await screenshot(page, '76-ae-identity-approved');
    await logout(page);
  });
});

describe('city regulator (demo-city, 杭州市局 330100)', () => {
  it('sees only Hangzhou: no organisation of another city appears', async () => {
    await login(page, server.url, 'demo-city');
    await page.goto(`${server.url}/organizations`);
    await page.locator('[data-testid="organizations-list"] tbody tr.ant-table-row').first().waitFor();
    const regions = await page.locator('[data-testid="organizations-list"] tbody tr.ant-table-row td:nth-child(4)').allTextContents();
    expect(regions.length).toBeGreaterThan(5);
    for (const r of regions) expect(r).toMatch(/3301\d\d$/);
    // A Ningbo manufacturer the province sees is not there for the city, not even by name.
    await page.getByLabel('关键字').fill('宁波');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(async () => page.locator('.ant-pagination-total-text').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator('[data-testid="organizations-list"] tbody').textContent()).not.toContain('宁波');
    await screenshot(page, '14-city-organizations');
    await logout(page);
  });

  it('raised no uncaught errors in the pages', () => {
    expect(errors).toEqual([]);
  });
});
