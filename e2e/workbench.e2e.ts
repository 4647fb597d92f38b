import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from './support/browser.ts';
import { chineseRenders, CJK, INTERFACE_TEXT, login, logout, screenshot } from './support/pages.ts';
import { startServer, type RunningServer } from './support/server.ts';

// README "Try it": the hip implant from its Hangzhou manufacturer through two distributors to the hospital.
const HIP = '(01)06990001001905(10)HJ03101(21)HJ031010001';
const HIP_DIGITAL_LINK = 'https://id.gs1.org/01/06990001001905/10/HJ03101/21/HJ031010001';

let server: RunningServer;
let browser: LaunchedBrowser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}\n${(e.stack ?? '').split('\n').slice(0, 6).join('\n')}`));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
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
  });

  it('opens the mask lot’s dossier', async () => {
    await page.goto(`${server.url}/lots/06990001001004/MK00101`);
    await page.getByTestId('lot-dossier').waitFor();
    await expect.poll(async () => (await page.getByTestId('lot-dossier').textContent()) ?? '', { timeout: 15_000 }).toContain('医用外科口罩');
    await screenshot(page, '07-lot-dossier');
  });

  it('switches to English with one click: no Chinese left on the page', async () => {
    await page.goto(`${server.url}/dashboard`);
    await page.getByTestId('kpi-organizations').waitFor();
    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.locator('[data-testid="region-map"][data-ready="true"]').waitFor({ timeout: 20_000 });
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
    await logout(page);
  });
});

/** Logs a demo user in over the API (no browser) and returns the session cookie. */
async function apiSession(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo#2026' }) });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
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
