import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from './support/browser.ts';
import { fakeCameraShowing } from './support/fake-camera.ts';
import { demoApi } from './support/api.ts';
import { shanghaiDay as day } from './support/clock.ts';
import { fieldError, fillOrganization, pickOption, shownErrors, type OrgRef } from './support/forms.ts';
import { login, logout, screenshot, watchPageErrors } from './support/pages.ts';
import type { RunningServer } from './support/server.ts';
import { closeSession, openSession } from './support/session.ts';

// The submitters' portal forms, filled and submitted as their users do, and the camera scan on the
// trace page with Chromium's fake camera. Screenshots continue workbench.e2e.ts's numbering (29…).

const HIP = '(01)06990001001905(10)HJ03101(21)HJ031010001';
const HIP_DI = '06990001001905';
const MASK_DI = '06990001001004';
/** Unique per run, so the tests also pass against a server that already has their records (LIANJIAN_E2E_URL). */
const RUN = Date.now().toString(36).toUpperCase();

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

describe('manufacturer (demo-manufacturer): material receipt', () => {
  const lot = `MB${RUN}`;

  it('refuses an inspection dated before the purchase next to the date, saves once it is fixed, and lists the receipt', async () => {
    // A supplier the manufacturer already buys from (the demo world's receipts name theirs).
    const receipts = await getJson<{ items: { supplier: { id: number; name: string } }[] }>('/api/material-receipts?pageSize=1', await apiSession('demo-manufacturer'));
    const supplier = receipts.items[0]?.supplier;
    expect(supplier).toBeDefined();

    await login(page, server.url, 'demo-manufacturer');
    await page.goto(`${server.url}/portal/production`);
    await page.getByRole('link', { name: '登记原材料入库' }).click();
    await page.getByTestId('receipt-form').waitFor();
    await fillOrganization(page, 'field-supplierOrganizationId', supplier as OrgRef);
    await page.getByTestId('field-material.name').fill('熔喷布 BFE99');
    await page.getByTestId('field-material.code').fill('MB-E2E-01');
    await pickOption(page, 'receipt-form-material.kind', '熔喷布');
    await page.getByTestId('field-materialLot').fill(lot);
    await page.getByTestId('field-quantity').fill('120');
    await page.getByTestId('field-unit').fill('kg');
    await page.getByTestId('field-purchaseDate').fill(day(-5));
    await page.getByTestId('field-incomingInspection.inspector').fill('陈质检');
    await page.getByTestId('field-incomingInspection.date').fill(day(-7)); // wrong: inspected before it was bought
    await pickOption(page, 'receipt-form-incomingInspection.result', /^合格$/);
    await page.getByTestId('cell-incomingInspection.items.0.name').fill('细菌过滤效率');
    await page.getByTestId('cell-incomingInspection.items.0.lowerLimit').fill('95');
    await page.getByTestId('cell-incomingInspection.items.0.unit').fill('%');
    await page.getByTestId('cell-incomingInspection.items.0.measuredValue').fill('99.2');
    expect(await page.getByTestId('verdict-incomingInspection.items-0').textContent()).toBe('合格');
    await page.getByTestId('receipt-form-submit').click();

    const error = fieldError(page, 'incomingInspection.date');
    expect(await error.textContent()).toContain(`进货检验日期 ${day(-7)} 早于采购日期 ${day(-5)}`); // core's message, then its hint
    // That field only: the rest is filled right (polled: a message that no longer applies leaves with an animation).
    await expect.poll(() => shownErrors(page)).toEqual(['incomingInspection.date']);
    expect(await page.getByTestId('receipt-form-done').count()).toBe(0);
    await screenshot(page, '29-receipt-form-rejected');

    await page.getByTestId('field-incomingInspection.date').fill(day(-4));
    await error.waitFor({ state: 'detached' });
    await page.getByTestId('receipt-form-submit').click();
    const done = page.getByTestId('receipt-form-done');
    await done.waitFor({ timeout: 15_000 });
    expect(await done.textContent()).toMatch(new RegExp(`^已登记入库 #\\d+：熔喷布 BFE99，批号 ${lot}$`));
    await screenshot(page, '30-receipt-form-saved');

    await page.goto(`${server.url}/portal/production?tab=receipts`);
    const list = page.getByTestId('receipts-list');
    await list.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    // The list's search form starts folded: the lot is behind 展开.
    const expand = list.getByText('展开');
    if (await expand.isVisible()) await expand.click();
    await list.getByLabel('物料批号').fill(lot);
    await list.getByRole('button', { name: /查\s*询/ }).click();
    const row = list.locator('tbody tr.ant-table-row', { hasText: lot });
    await row.waitFor({ timeout: 15_000 });
    await expect.poll(() => list.locator('tbody tr.ant-table-row').count(), { timeout: 10_000 }).toBe(1); // the search applied
    const cells = (await row.textContent()) ?? '';
    for (const part of [supplier?.name ?? '?', '熔喷布 BFE99', 'MB-E2E-01', '120 kg', day(-5), '合格']) expect(cells).toContain(part);
    expect(cells).not.toContain('不合格');
    await screenshot(page, '31-receipts-list');
    await logout(page);
  });
});

describe('distributor (demo-distributor) and its buyer (demo-hospital): delivery note and receiving acceptance', () => {
  const note = `SH-E2E-${RUN}`;

  it('the distributor records a delivery note of two lines to the demo hospital', async () => {
    const [distributor, hospital] = [await ownOrganization('demo-distributor'), await ownOrganization('demo-hospital')];
    await login(page, server.url, 'demo-distributor');
    await page.goto(`${server.url}/portal/documents/new`);
    await page.getByTestId('document-form').waitFor();
    await page.getByTestId('field-number').fill(note);
    await page.getByTestId('field-documentDate').fill(day(-3));
    await page.getByTestId('field-deliveryDate').fill(day(-2));
    await fillOrganization(page, 'field-supplierOrganizationId', distributor);
    await fillOrganization(page, 'field-buyerOrganizationId', hospital);
    await page.getByTestId('cell-lines.0.productDi').fill(HIP_DI);
    await page.getByTestId('cell-lines.0.lot').fill('HJ03101');
    await page.getByTestId('cell-lines.0.quantity').fill('5');
    await page.getByTestId('add-lines').click();
    await page.getByTestId('cell-lines.1.productDi').fill(MASK_DI);
    await page.getByTestId('cell-lines.1.lot').fill('MK00101');
    await page.getByTestId('cell-lines.1.quantity').fill('200');
    await expect.poll(() => shownErrors(page)).toEqual([]);
    await page.getByTestId('document-form-submit').click();
    const done = page.getByTestId('document-form-done');
    await done.waitFor({ timeout: 15_000 });
    expect(await done.textContent()).toMatch(new RegExp(`已登记送货单 ${note}（#\\d+，2 行）`));
    await screenshot(page, '32-delivery-note-saved');
    await logout(page);
  });

  it('the hospital accepts it counting 20 masks short: the discrepancy shows, line by line', async () => {
    await login(page, server.url, 'demo-hospital');
    await page.goto(`${server.url}/portal/acceptances/new`);
    await page.getByTestId('acceptance-form').waitFor();
    await pickOption(page, 'acceptance-form-deliveryNoteId', note); // the hospital is the note's buyer: it is offered
    await page.getByTestId('field-receivedAt').fill(`${day(-2)}T10:30`);
    await page.getByTestId('field-inspector').fill('设备科 王工');
    await page.getByTestId('field-temperatureC').fill('18');
    await page.getByTestId('cell-lines.0.productDi').fill(HIP_DI);
    await page.getByTestId('cell-lines.0.lot').fill('HJ03101');
    await page.getByTestId('cell-lines.0.checkedQuantity').fill('5');
    await page.getByTestId('add-lines').click();
    await page.getByTestId('cell-lines.1.productDi').fill(MASK_DI);
    await page.getByTestId('cell-lines.1.lot').fill('MK00101');
    await page.getByTestId('cell-lines.1.checkedQuantity').fill('180');
    await page.getByTestId('acceptance-form-submit').click();
    const result = page.getByTestId('acceptance-result');
    await result.waitFor({ timeout: 15_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(new RegExp(`验收记录 #\\d+ 已登记，但清点数量与送货单 ${note} 不一致`));
    expect(text).toContain(`${MASK_DI} 批号 MK00101：送货单 200，清点 180（差 -20）`);
    expect(text).not.toContain(`${HIP_DI} 批号`); // the hip implants were all there
    expect(await result.getAttribute('class')).toContain('ant-alert-warning');
    await screenshot(page, '33-acceptance-discrepancy');
  });
});

describe('hospital (demo-hospital): training, then a clinical use by the trained operator', () => {
  it('records a nurse’s training on the hip implant; her later use of one counts as trained', async () => {
    // Still logged in as demo-hospital (the acceptance above); log in again so this test also runs alone.
    await login(page, server.url, 'demo-hospital');
    await page.goto(`${server.url}/portal/trainings/new`);
    await page.getByTestId('training-form').waitFor();
    await page.getByTestId('field-operator').fill('李护士');
    await page.getByTestId('field-trainer').fill('设备科 周工');
    await page.getByTestId('field-productDi').fill(HIP_DI);
    await page.getByTestId('field-trainedOn').fill(day(-30));
    await page.getByTestId('field-validUntil').fill(day(335));
    await page.getByTestId('field-certificateNo').fill(`PX-${RUN}`);
    await page.getByTestId('training-form-submit').click();
    const trained = page.getByTestId('training-form-done');
    await trained.waitFor({ timeout: 15_000 });
    expect(await trained.textContent()).toMatch(new RegExp(`^已登记培训 #\\d+：李护士，有效期至 ${day(335)}$`));
    await screenshot(page, '34-training-saved');

    await page.getByRole('menuitem', { name: '临床使用' }).click();
    await page.getByTestId('use-form').waitFor();
    await page.getByTestId('field-udi').fill(HIP);
    await page.getByTestId('field-usedOn').fill(day(-1));
    await page.getByTestId('field-department').fill('骨科');
    await page.getByTestId('field-operator').fill('李护士');
    await page.getByTestId('use-form-submit').click();
    const verdict = page.getByTestId('operator-trained');
    await verdict.waitFor({ timeout: 15_000 });
    expect(await verdict.textContent()).toBe('李护士：已培训'); // derived by the server from the training just recorded
    await screenshot(page, '35-clinical-use-trained');
    await logout(page);
  });
});

describe('camera scanning (Chromium’s fake camera showing a GS1 DataMatrix)', () => {
  let camera: LaunchedBrowser | undefined;
  let dir: string;

  afterAll(async () => {
    await camera?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the hip implant’s DataMatrix through the camera button and traces it as if typed, with the decoder’s .wasm from the app itself', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lianjian-camera-'));
    camera = await launchBrowser(await fakeCameraShowing(HIP, join(dir, 'hip-datamatrix.y4m')));
    await camera.context.grantPermissions(['camera'], { origin: server.url });
    const cam = await camera.context.newPage();
    watchPageErrors(cam, errors);
    await login(cam, server.url, 'demo-province');

    // The chain as typed, to compare with what the camera gives.
    await cam.goto(`${server.url}/trace?code=${encodeURIComponent(HIP)}`);
    await cam.getByTestId('trace-result').waitFor({ timeout: 15_000 });
    const typed = (await cam.getByTestId('custody-timeline').textContent()) ?? '';
    expect(typed).toContain('杭州鼎盛医疗器械有限公司');

    const requests: string[] = [];
    cam.on('request', (r) => requests.push(r.url()));
    await cam.goto(`${server.url}/trace`);
    // Chromium on Linux has no BarcodeDetector: the zxing-wasm ponyfill is the path under test.
    expect(await cam.evaluate(() => 'BarcodeDetector' in globalThis)).toBe(false);
    await cam.getByRole('button', { name: '摄像头扫码' }).click();
    await cam.getByTestId('trace-result').waitFor({ timeout: 30_000 });

    // A raw GS1 scan: element strings without brackets, the lot ended by the GS separator.
    expect(await cam.getByTestId('scan-input').inputValue()).toBe('010699000100190510HJ03101\u001d21HJ031010001');
    expect(new URL(cam.url()).searchParams.get('code')).toBe('010699000100190510HJ03101\u001d21HJ031010001');
    expect(await cam.getByTestId('parse-di').textContent()).toBe(HIP_DI);
    expect(await cam.getByTestId('parse-serial').textContent()).toBe('HJ031010001');
    expect(await cam.getByTestId('custody-timeline').textContent()).toBe(typed);
    expect(await cam.locator('.ant-modal').filter({ has: cam.locator('video') }).count()).toBe(0); // the scanner closed itself

    const wasm = requests.filter((u) => new URL(u).pathname.endsWith('.wasm'));
    expect(wasm.length).toBeGreaterThan(0);
    for (const u of wasm) expect(new URL(u).origin).toBe(server.url);
    const elsewhere = requests.filter((u) => /^https?:/.test(u) && new URL(u).origin !== server.url);
    expect(elsewhere).toEqual([]); // no CDN, for the decoder or anything else
    await screenshot(cam, '36-camera-scan-trace');
    await logout(cam);
  });
});

describe('all pages', () => {
  it('raised no uncaught errors', () => {
    expect(errors).toEqual([]);
  });
});
