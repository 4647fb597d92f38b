import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchedBrowser } from './support/browser.ts';
import { demoApi } from './support/api.ts';
import { shanghaiDay as day, shanghaiMinute } from './support/clock.ts';
import { fieldError, fillOrganization, pickOption, shownErrors, type OrgRef } from './support/forms.ts';
import { login, logout, screenshot } from './support/pages.ts';
import type { RunningServer } from './support/server.ts';
import { closeSession, openSession } from './support/session.ts';

// The supply-chain spine through the submitters' plain forms, as their users click and type it:
// the demo manufacturer commissions serialised units under a new lot and ships them with a delivery
// note, the demo distributor receives them, and a regulator traces one unit from two label forms.
// Then the institution's disposal and device-management facts, and a manufacturer's release report.
// Screenshots continue from 40 (workbench.e2e.ts and portal-forms.e2e.ts use 01–37).

const MASK_DI = '06990001001004';
/** Unique per run, so the tests also pass against a server that already has their records (LIANJIAN_E2E_URL). */
const RUN = Date.now().toString(36).toUpperCase();
const LOT = `E${RUN}`;
const NOTE = `DN-${RUN}`;

let server: RunningServer;
let browser: LaunchedBrowser;
let page: Page;
const errors: string[] = [];
const { apiSession, getJson, ownOrganization } = demoApi(() => server.url);

beforeAll(async () => {
  ({ server, browser, page } = await openSession(errors));
});

afterAll(async () => {
  await closeSession({ server, browser });
});

interface TraceStep { effect: string; organization: { name: string } | null; to: { name: string } | null; documents: { type: string | null; id: string | null }[] }

/** The status of a trace over the API as the provincial regulator asks it (404: nothing stored that names the code). */
async function traceStatus(code: string): Promise<number> {
  const res = await fetch(`${server.url}/api/trace/${encodeURIComponent(code)}`, { headers: { cookie: await apiSession('demo-province') } });
  return res.status;
}

/** The submissions the page posted, to tell a refusal in the browser from one by the server. */
function submissionPosts(p: Page): string[] {
  const posts: string[] = [];
  p.on('request', (r: Request) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/submissions/')) posts.push(new URL(r.url()).pathname);
  });
  return posts;
}

/** Shows a list's last page, where the newest record is (the lists sort by id, oldest first). */
async function lastPage(list: ReturnType<Page['getByTestId']>): Promise<void> {
  await list.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
  const pages = list.locator('.ant-pagination-item');
  if ((await pages.count()) > 1) {
    await pages.last().click();
    await list.locator('.ant-pagination-item-active').and(pages.last()).waitFor();
  }
}

/** Replaces a GTIN's check digit with a wrong one. */
const wrongCheckDigit = (gtin: string) => `${gtin.slice(0, 13)}${(Number(gtin[13]) + 1) % 10}`;

describe('supply chain through the submitters’ portal: commission → ship → receive → trace', () => {
  let manufacturer: OrgRef;
  let distributor: OrgRef;
  let di: string;
  const serials = [1, 2, 3].map((n) => `${LOT}${String(n).padStart(3, '0')}`);
  let labels: string[];

  beforeAll(async () => {
    [manufacturer, distributor] = [await ownOrganization('demo-manufacturer'), await ownOrganization('demo-distributor')];
    // A product the demo manufacturer makes: one of its own batches names it.
    const batches = await getJson<{ items: { productDi: string }[] }>('/api/batches?pageSize=1', await apiSession('demo-manufacturer'));
    di = batches.items[0]?.productDi ?? '';
    expect(di).toMatch(/^\d{14}$/);
    labels = serials.map((s) => `(01)${di}(10)${LOT}(21)${s}`);
  });

  it('the manufacturer’s commissioning with a wrong GTIN check digit is refused next to the labels, in Chinese, before anything is sent', async () => {
    await login(page, server.url, 'demo-manufacturer');
    const posts = submissionPosts(page);
    await page.getByRole('menuitem', { name: '生产赋码' }).click();
    await page.getByTestId('submission-commission').waitFor();
    const bad = `(01)${wrongCheckDigit(di)}(10)${LOT}(21)${LOT}X01`;
    await page.getByTestId('field-items').fill(bad);
    await page.getByTestId('submission-submit').click();
    const error = fieldError(page, 'items');
    await error.waitFor();
    // core's message in words (the label as typed, the rule it broke), then its hint; never the internal codes.
    // The check digit is the 18th character typed: "(01)" and the 13 digits before it come first.
    expect(await error.textContent()).toBe(`标签 ${bad} 无法识读：应用标识符 (01) 的校验码错误（第 18 个字符） 请扫描或完整复制标签，例如 (01)06901234567892(10)LOT1(21)SN1 或其数字链接、HIBC 标签（+…）或 MA 码（MA.…）`);
    await expect.poll(() => shownErrors(page)).toEqual(['items']);
    expect(await page.getByTestId('submission-result').count()).toBe(0);
    expect(posts).toEqual([]);
    await screenshot(page, '40-commission-check-digit-rejected');
    // Nothing stored under the right check digit either.
    expect(await traceStatus(`(01)${di}(10)${LOT}(21)${LOT}X01`)).toBe(404);
  });

  it('a commissioning dated tomorrow is refused by the server next to the time, in Chinese, and nothing is stored', async () => {
    const posts = submissionPosts(page);
    const label = `(01)${di}(10)${LOT}(21)${LOT}F01`;
    await page.getByTestId('field-items').fill(label);
    await fieldError(page, 'items').waitFor({ state: 'detached' });
    await page.getByTestId('field-time').fill(shanghaiMinute(24 * 60));
    await page.getByTestId('submission-submit').click();
    const error = fieldError(page, 'time');
    await error.waitFor({ timeout: 15_000 });
    expect(await error.textContent()).toMatch(/^时间 \S+ 晚于当前时间 请填写实际发生的时间/);
    expect(posts).toEqual(['/api/submissions/commission']); // the server said it, not the browser
    expect(await page.getByTestId('submission-result').count()).toBe(0);
    await screenshot(page, '41-commission-future-rejected');
    expect(await traceStatus(label)).toBe(404);
  });

  it('the manufacturer commissions three units of a new lot with their dates', async () => {
    await page.goto(`${server.url}/portal/commission`); // a fresh form
    await page.getByTestId('submission-commission').waitFor();
    await page.getByTestId('field-items').fill(labels.join('\n'));
    const read = (await page.getByTestId('read-items').textContent()) ?? '';
    for (const [i, s] of serials.entries()) expect(read).toContain(`${i + 1}. ${di} / ${LOT} / ${s}`);
    await page.getByTestId('field-productionDate').fill(day(-1));
    await page.getByTestId('field-expiryDate').fill(day(5 * 365));
    await expect.poll(() => shownErrors(page)).toEqual([]);
    await page.getByTestId('submission-submit').click();
    const result = page.getByTestId('submission-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toMatch(/^已登记（事件 \d+）/);
    await screenshot(page, '42-commission-stored');
  });

  it('ships them to the demo distributor, picked by name, with a delivery-note number', async () => {
    await page.getByRole('menuitem', { name: '发货' }).click();
    await page.getByTestId('submission-ship').waitFor();
    await page.getByTestId('field-items').fill(labels.join('\n'));
    await fillOrganization(page, 'field-toOrganizationId', distributor);
    expect(await page.getByTestId('field-toOrganizationId').textContent()).toContain(distributor.name); // a picker showing the name, not an id typed
    await page.getByTestId('field-documents').fill(NOTE);
    await expect.poll(() => shownErrors(page)).toEqual([]);
    await page.getByTestId('submission-submit').click();
    const result = page.getByTestId('submission-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toMatch(/^已登记（事件 \d+）/);
    await screenshot(page, '43-ship-stored');
    await logout(page);
  });

  it('the distributor receives them from the manufacturer, picked by name, citing the delivery note', async () => {
    await login(page, server.url, 'demo-distributor');
    await page.getByRole('menuitem', { name: '收货' }).click();
    await page.getByTestId('submission-receive').waitFor();
    await page.getByTestId('field-items').fill(labels.join('\n'));
    await fillOrganization(page, 'field-fromOrganizationId', manufacturer);
    expect(await page.getByTestId('field-fromOrganizationId').textContent()).toContain(manufacturer.name);
    await page.getByTestId('field-documents').fill(NOTE);
    await page.getByTestId('field-receivedQuantity').fill('3');
    await expect.poll(() => shownErrors(page)).toEqual([]);
    await page.getByTestId('submission-submit').click();
    const result = page.getByTestId('submission-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toMatch(/^已登记（事件 \d+）/);
    expect(await result.getAttribute('class')).toContain('ant-alert-success'); // a receipt that matches its shipment breaks no rule
    await screenshot(page, '44-receive-stored');
    await logout(page);
  });

  it('the provincial regulator traces a unit from its bracketed label and its Digital Link: commissioned, shipped, received, in order, with the names', async () => {
    await login(page, server.url, 'demo-province');
    await page.getByRole('menuitem', { name: '扫码追溯' }).click();
    const box = page.getByRole('searchbox', { name: 'UDI 或标签内容' });
    await box.fill(labels[1] as string);
    await box.press('Enter');
    await page.getByTestId('trace-result').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('parse-serial').textContent()).toBe(serials[1]);
    const steps = page.getByTestId('timeline-step');
    await expect.poll(() => steps.count(), { timeout: 10_000 }).toBe(3);
    const [commissioned, shipped, received] = await steps.allTextContents();
    expect(commissioned).toMatch(/^生产赋码/);
    expect(commissioned).toContain(manufacturer.name);
    expect(shipped).toMatch(/^发货/);
    expect(shipped).toContain(`${manufacturer.name} → ${distributor.name}`);
    expect(received).toMatch(/^收货/);
    expect(received).toContain(distributor.name);
    expect(received).not.toContain(manufacturer.name);
    // Both name the delivery note, by its number.
    expect(shipped).toContain(`单据: 送货单 ${NOTE}`);
    expect(received).toContain(`单据: 送货单 ${NOTE}`);
    expect(await page.getByTestId('trace-result').textContent()).toContain(distributor.name); // the current holder
    const bracketed = (await page.getByTestId('custody-timeline').textContent()) ?? '';
    await screenshot(page, '45-trace-bracketed');

    const link = `https://id.gs1.org/01/${di}/10/${LOT}/21/${serials[1]}`;
    await box.fill(link);
    await box.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('code') === link);
    await page.getByTestId('trace-result').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('parse-serial').textContent()).toBe(serials[1]);
    expect(await page.getByTestId('custody-timeline').textContent()).toBe(bracketed);
    await screenshot(page, '46-trace-digital-link');

    // The shipment and the receipt cite the delivery note by one identifier: the shipper issued it (CBV bt id names the issuer's GLN).
    const trace = await getJson<{ path: TraceStep[] }>(`/api/trace/${encodeURIComponent(link)}`, await apiSession('demo-province'));
    expect(trace.path.map((s) => s.effect)).toEqual(['commission', 'ship', 'receive']);
    const [, shipment, receipt] = trace.path as [TraceStep, TraceStep, TraceStep];
    expect(shipment.documents).toEqual([{ type: expect.stringMatching(/desadv$/), id: expect.stringMatching(new RegExp(`^urn:epcglobal:cbv:bt:\\d{13}:${NOTE}$`)) }]);
    expect(receipt.documents).toEqual(shipment.documents);
    await logout(page);
  });
});

describe('institution records (demo-hospital): disposal and device-management facts', () => {
  it('records a disposal of 20 masks and finds it in its disposal list', async () => {
    await login(page, server.url, 'demo-hospital');
    await page.getByRole('menuitem', { name: '培训/处置/管理制度' }).click();
    await page.getByRole('link', { name: '登记处置' }).click();
    await page.getByTestId('disposal-form').waitFor();
    await page.getByTestId('field-productDi').fill(MASK_DI);
    await page.getByTestId('field-lot').fill('MK00101');
    await page.getByTestId('field-quantity').fill('20');
    await page.getByTestId('field-disposedOn').fill(day(-1));
    await pickOption(page, 'disposal-form-method', '按医疗废物处置');
    await page.getByTestId('field-reason').fill(`召回批次，按医疗废物处置（${RUN}）`);
    await expect.poll(() => shownErrors(page)).toEqual([]);
    await page.getByTestId('disposal-form-submit').click();
    const done = page.getByTestId('disposal-form-done');
    await done.waitFor({ timeout: 15_000 });
    const text = (await done.textContent()) ?? '';
    expect(text).toMatch(/^已登记处置 #\d+：医用外科口罩.* × 20，按医疗废物处置$/);
    const id = /#(\d+)/.exec(text)?.[1];
    await screenshot(page, '47-disposal-saved');

    await page.goto(`${server.url}/portal/institution?tab=disposals`);
    const list = page.getByTestId('disposals-list');
    await lastPage(list);
    const row = list.locator('tbody tr.ant-table-row').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${id}$`) }) });
    await row.waitFor({ timeout: 15_000 });
    const cells = (await row.textContent()) ?? '';
    for (const part of [MASK_DI, 'MK00101', '20', day(-1), '按医疗废物处置']) expect(cells).toContain(part);
    await screenshot(page, '48-disposals-list');
  });

  it('states its device-management facts; the provincial regulator reads them in the hospital’s assessment', async () => {
    const hospital = await ownOrganization('demo-hospital');
    const person = `周${RUN.slice(-3)}`;
    await page.goto(`${server.url}/portal/institution`);
    await page.getByRole('link', { name: '医疗器械使用质量管理制度' }).click();
    await page.getByTestId('facts-form').waitFor();
    await pickOption(page, 'facts-form-managementSystem', /^是$/);
    await page.getByTestId('field-systemDocument').fill(`ZD-${RUN}《医疗器械使用质量管理制度》`);
    await page.getByTestId('field-responsiblePerson').fill(person);
    await page.getByTestId('field-responsiblePhone').fill('0571-8765 4321');
    await expect.poll(() => shownErrors(page)).toEqual([]);
    await page.getByTestId('facts-form-submit').click();
    const done = page.getByTestId('facts-form-done');
    await done.waitFor({ timeout: 15_000 });
    expect(await done.textContent()).toMatch(/^已更新（.+）$/);
    await screenshot(page, '49-device-facts-saved');
    await logout(page);

    await login(page, server.url, 'demo-province');
    await page.goto(`${server.url}/organizations/${hospital.id}/dossier`);
    await page.getByRole('tab', { name: '器械管理评估' }).click();
    const assessment = page.getByTestId('assessment');
    await assessment.waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await assessment.textContent()) ?? '', { timeout: 10_000 }).toContain(person);
    expect(await assessment.textContent()).toContain(`ZD-${RUN}《医疗器械使用质量管理制度》`);
    expect(await assessment.textContent()).toContain('已建立');
    await screenshot(page, '50-device-facts-in-assessment');
    await logout(page);
  });
});

describe('manufacturer (demo-manufacturer): release report', () => {
  const lot = `R${RUN}`;

  it('releases a pending batch with one test item and finds the report in its release list', async () => {
    // A pending batch to release: the demo world's batches are all released. Made over the API from
    // one of the manufacturer's own material receipts (the batch form has its own tests).
    const cookie = await apiSession('demo-manufacturer');
    const receipts = await getJson<{ items: { material: { code: string }; materialLot: string; unit: string }[] }>('/api/material-receipts?pageSize=1', cookie);
    const batches = await getJson<{ items: { productDi: string; productName: string }[] }>('/api/batches?pageSize=1', cookie);
    const receipt = receipts.items[0];
    const product = batches.items[0];
    expect(receipt && product).toBeTruthy();
    const made = await fetch(`${server.url}/api/batches`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        productDi: product?.productDi, lot, quantity: 50, productionDate: day(0), processRoute: 'E2E 工艺路线', processVersion: 'V1',
        materials: [{ materialCode: receipt?.material.code, materialLot: receipt?.materialLot, quantity: 1, unit: receipt?.unit }],
      }),
    });
    expect(made.status, await made.clone().text()).toBe(201);

    await login(page, server.url, 'demo-manufacturer');
    await page.getByRole('menuitem', { name: '生产记录' }).click();
    await page.getByRole('link', { name: '登记放行报告' }).click();
    await page.getByTestId('release-form').waitFor();
    await pickOption(page, 'release-form-batchId', new RegExp(`· ${lot} ·`));
    await page.getByTestId('field-reportNo').fill(`FX-${RUN}`);
    await page.getByTestId('field-inspector').fill('吴质检');
    await pickOption(page, 'release-form-decision', /^放行$/);
    await page.getByTestId('field-decidedAt').fill(shanghaiMinute(-5));
    await page.getByTestId('cell-items.0.name').fill('无菌试验（阳性管数）');
    await page.getByTestId('cell-items.0.upperLimit').fill('0');
    await page.getByTestId('cell-items.0.unit').fill('管');
    await page.getByTestId('cell-items.0.measuredValue').fill('0');
    expect(await page.getByTestId('verdict-items-0').textContent()).toBe('合格');
    await expect.poll(() => shownErrors(page)).toEqual([]);
    await page.getByTestId('release-form-submit').click();
    const done = page.getByTestId('release-form-done');
    await done.waitFor({ timeout: 15_000 });
    expect(await done.textContent()).toMatch(new RegExp(`^放行报告 #\\d+ 已登记：批号 ${lot}，放行$`));
    await screenshot(page, '51-release-report-saved');

    await page.goto(`${server.url}/portal/production?tab=releases`);
    const list = page.getByTestId('releases-list');
    await lastPage(list);
    const row = list.locator('tbody tr.ant-table-row', { hasText: `FX-${RUN}` });
    await row.waitFor({ timeout: 15_000 });
    const cells = (await row.textContent()) ?? '';
    for (const part of [lot, '吴质检', '放行']) expect(cells).toContain(part);
    await screenshot(page, '52-releases-list');
    await logout(page);
  });
});

describe('all pages', () => {
  it('raised no uncaught errors', () => {
    expect(errors).toEqual([]);
  });
});
