import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchedBrowser } from './support/browser.ts';
import { demoApi } from './support/api.ts';
import { shanghaiMinute } from './support/clock.ts';
import { CJK, INTERFACE_TEXT, login, logout, screenshot } from './support/pages.ts';
import type { RunningServer } from './support/server.ts';
import { closeSession, openSession } from './support/session.ts';

// The EPCIS 导入 page as an integrator uses it before wiring a system to POST /epcis/capture: the demo
// distributor uploads a document of its own receiving with one broken event (proceed, then rollback),
// the national regulator uploads one of GS1's EPCIS 2.0 examples, and the page reads in English.
// Screenshots continue from 60 (the other files use 01–52).

/** Unique per run, so the tests also pass against a server that already has their events (LIANJIAN_E2E_URL). */
const RUN = Date.now().toString(36).toUpperCase();
/**
 * GS1's example of two ObjectEvents (shipping, receiving) from gs1/EPCIS, already in the repo with its
 * provenance (conformance/epcis/README.md) and captured by capture-conformance.test.ts; valid per
 * conformance/epcis/validation-results.tsv.
 */
const GS1_EXAMPLE = join(import.meta.dirname, '..', 'conformance', 'epcis', 'JSON', 'Example_9.6.1-ObjectEvent.jsonld');
const CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

let server: RunningServer;
let browser: LaunchedBrowser;
let page: Page;
let files: string;
const errors: string[] = [];
const { apiSession, getJson, ownOrganization } = demoApi(() => server.url);

beforeAll(async () => {
  ({ server, browser, page } = await openSession(errors));
  files = mkdtempSync(join(tmpdir(), 'lianjian-capture-'));
});

afterAll(async () => {
  await closeSession({ server, browser });
  if (files) rmSync(files, { recursive: true, force: true });
});

interface JobList { total: number; items: { id: string; status: string }[] }

const jobsTable = () => page.getByTestId('capture-jobs');
const jobRows = () => jobsTable().locator('tbody tr.ant-table-row');
const drawer = () => page.getByTestId('capture-job-drawer');
const uploadDialog = () => page.locator('.ant-modal').filter({ has: page.getByTestId('capture-send') });

/** The list's "共 N 条" (its total over every page: the rows on one page stop at its size); 0 when it says it is empty. */
async function listedTotal(): Promise<number> {
  await jobsTable().waitFor({ timeout: 15_000 });
  // The pagination is the table wrapper's, beside the element that carries the test id; an empty table has none, only its placeholder.
  const total = page.locator('.ant-table-wrapper:has([data-testid="capture-jobs"]) .ant-pagination-total-text');
  await total.or(jobsTable().locator('.ant-table-placeholder')).first().waitFor({ timeout: 15_000 });
  if ((await total.count()) === 0) return 0;
  const text = (await total.textContent()) ?? '';
  const match = /(\d+)/.exec(text);
  expect(match, text).not.toBeNull();
  return Number(match?.[1]);
}

/** A value of the drawer's counts, found by its label (the bordered Descriptions: a th, then its td). */
async function count(label: string): Promise<number> {
  const cell = drawer().locator('th.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::td[1]');
  return Number((await cell.textContent())?.trim());
}

/** The drawer's job id (its title is 导入任务 <uuid>). */
async function drawerJobId(): Promise<string> {
  const title = (await page.locator('.ant-drawer-title').textContent()) ?? '';
  const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(title)?.[0];
  expect(id, title).toBeDefined();
  return id as string;
}

/** Opens the upload dialog, chooses the file and the error behaviour as a user does, and sends it. */
async function upload(path: string, behaviour: RegExp): Promise<Locator> {
  await page.getByTestId('capture-upload').click();
  const dialog = uploadDialog();
  await dialog.waitFor();
  await dialog.locator('input[type="file"]').setInputFiles(path);
  await dialog.locator('.ant-upload-list').getByText(path.split('/').pop() as string).waitFor();
  await dialog.locator('.ant-radio-wrapper', { hasText: behaviour }).click();
  await expect.poll(() => dialog.locator('.ant-radio-wrapper-checked').textContent()).toMatch(behaviour);
  await dialog.getByTestId('capture-send').click();
  return dialog;
}

/**
 * Waits until the drawer's and the dialog's open or close animations are over (a screenshot mid-way
 * shows them half transparent): rc-motion drops its classes when one ends. Only those two, and
 * bounded: some other antd motion (an upload list item, a wave) may keep its class for long.
 */
async function settled(): Promise<void> {
  const moving = '.ant-drawer-content-wrapper[class*="-motion-"], .ant-drawer-mask[class*="ant-fade-"], .ant-modal[class*="ant-zoom-"], .ant-modal-mask[class*="ant-fade-"]';
  await page.waitForFunction((selector) => document.querySelector(selector) === null, moving, { timeout: 5_000 }).catch(() => undefined);
}

async function shot(name: string): Promise<void> {
  await settled();
  await screenshot(page, name);
}

async function closeDrawer(): Promise<void> {
  await page.locator('.ant-drawer-close').click();
  await drawer().waitFor({ state: 'detached' });
}

describe('EPCIS 导入 as the demo distributor: a document with a broken event', () => {
  let document: string;
  let partialJobId: string;

  beforeAll(async () => {
    const distributorSession = await apiSession('demo-distributor');
    const distributor = await getJson<{ gln: string | null; locations: { sgln: string }[] }>(`/api/organizations/${(await ownOrganization('demo-distributor')).id}`, distributorSession);
    const manufacturerSession = await apiSession('demo-manufacturer');
    const manufacturer = await getJson<{ gln: string | null }>(`/api/organizations/${(await ownOrganization('demo-manufacturer')).id}`, manufacturerSession);
    expect(distributor.gln).toMatch(/^\d{13}$/);
    expect(manufacturer.gln).toMatch(/^\d{13}$/);
    // A product the demo manufacturer makes: one of its own batches names it.
    const batches = await getJson<{ items: { productDi: string }[] }>('/api/batches?pageSize=1', manufacturerSession);
    const gtin = batches.items[0]?.productDi ?? '';
    expect(gtin).toMatch(/^\d{14}$/);
    // The distributor's own place: a registered location, else its GLN as a location.
    const place = distributor.locations[0]?.sgln ?? `https://id.gs1.org/414/${distributor.gln}`;
    const receiving = (serial: string) => ({
      type: 'ObjectEvent', eventTime: `${shanghaiMinute(-10)}:00+08:00`, eventTimeZoneOffset: '+08:00', action: 'OBSERVE',
      epcList: [`https://id.gs1.org/01/${gtin}/21/${serial}`], bizStep: 'receiving', disposition: 'in_progress',
      readPoint: { id: place }, bizLocation: { id: place },
      sourceList: [{ type: 'owning_party', source: `https://id.gs1.org/417/${manufacturer.gln}` }],
      destinationList: [{ type: 'owning_party', destination: `https://id.gs1.org/417/${distributor.gln}` }],
    });
    const { eventTimeZoneOffset: _dropped, ...broken } = receiving(`C${RUN}2`);
    document = join(files, `receiving-${RUN}.jsonld`);
    writeFileSync(document, JSON.stringify({
      '@context': [CONTEXT], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(),
      epcisBody: { eventList: [receiving(`C${RUN}1`), broken] },
    }, null, 2));
  });

  it('uploads it with 跳过错误事件: the job is 部分成功, 1 accepted, 1 rejected, the missing offset worded with its fix', async () => {
    await login(page, server.url, 'demo-distributor');
    await page.getByRole('menuitem', { name: 'EPCIS 导入' }).click();
    await page.waitForURL(/\/capture-jobs$/);
    const before = await listedTotal();
    await upload(document, /^跳过错误事件/);
    await drawer().waitFor({ timeout: 15_000 });
    await uploadDialog().waitFor({ state: 'hidden' });
    await expect.poll(() => drawer().getByTestId('capture-status').textContent(), { timeout: 15_000 }).toBe('部分成功');
    expect(await count('事件数')).toBe(2);
    expect(await count('已接收')).toBe(1);
    expect(await count('拒收')).toBe(1);
    expect(await count('重复')).toBe(0);
    const rows = drawer().locator('[data-testid="capture-errors"] tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells).toEqual(['2', 'eventTimeZoneOffset', '第 2 个事件缺少时区偏移 eventTimeZoneOffset', '请填写事件发生地的时区偏移，例如 +08:00']);
    partialJobId = await drawerJobId();
    await shot('60-capture-partial-job');
    await closeDrawer();
    // The list shows the new job, as 部分成功, one more than before.
    await expect.poll(listedTotal, { timeout: 15_000 }).toBe(before + 1);
    const row = jobRows().filter({ has: page.getByRole('button', { name: `查看任务 ${partialJobId}` }) });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['部分成功', 'JSON-LD', '跳过错误事件']));
    const api = await getJson<JobList>('/epcis/capture', await apiSession('demo-distributor'));
    expect(api.items.find((j) => j.id === partialJobId)?.status).toBe('partial');
    await shot('61-capture-jobs-list');
  });

  it('uploads the same file with 整体回滚: refused whole, the problem listed in Chinese, no new job', async () => {
    const rowsBefore = await jobRows().count();
    const totalBefore = await listedTotal();
    const apiBefore = (await getJson<JobList>('/epcis/capture', await apiSession('demo-distributor'))).total;
    const dialog = await upload(document, /^整体回滚/);
    const refused = dialog.getByTestId('capture-refused');
    await refused.waitFor({ timeout: 15_000 });
    expect(await dialog.getByText('文档未被接受，没有保存任何事件：').count()).toBe(1);
    const cells = await refused.locator('tbody tr.ant-table-row').first().locator('td').allTextContents();
    expect(cells).toEqual(['eventList.1.eventTimeZoneOffset', '第 2 个事件缺少时区偏移 eventTimeZoneOffset', '请填写事件发生地的时区偏移，例如 +08:00']);
    expect(await refused.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await drawer().count()).toBe(0); // no job to open
    await shot('62-capture-rollback-refused');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await jobRows().count()).toBe(rowsBefore);
    expect(await listedTotal()).toBe(totalBefore);
    expect((await getJson<JobList>('/epcis/capture', await apiSession('demo-distributor'))).total).toBe(apiBefore);
    await logout(page);
  });

  describe('as the national regulator (demo-national)', () => {
    it('uploads GS1’s EPCIS 2.0 example and sees the job succeed with its counts', async () => {
      await login(page, server.url, 'demo-national');
      await page.goto(`${server.url}/capture-jobs`);
      const before = await listedTotal();
      await upload(GS1_EXAMPLE, /^整体回滚/);
      await drawer().waitFor({ timeout: 15_000 });
      await expect.poll(() => drawer().getByTestId('capture-status').textContent(), { timeout: 15_000 }).toBe('成功');
      expect(await count('事件数')).toBe(2);
      expect(await count('拒收')).toBe(0);
      // Both events stored now, or (a server that already holds the example) named as duplicates.
      expect((await count('已接收')) + (await count('重复'))).toBe(2);
      expect(await drawer().locator('[data-testid="capture-errors"]').textContent()).toContain('没有被拒收的事件。');
      expect(await drawer().textContent()).toContain('EPCIS 版本 2.0');
      const id = await drawerJobId();
      const job = await getJson<{ status: string; accepted: number; duplicates: number; rejected: number }>(`/epcis/capture/${id}`, await apiSession('demo-national'));
      expect(job).toMatchObject({ status: 'succeeded', rejected: 0 });
      expect(job.accepted).toBe(await count('已接收'));
      await shot('63-capture-gs1-example');
      await closeDrawer();
      await expect.poll(listedTotal, { timeout: 15_000 }).toBe(before + 1);
    });

    it('switches to English: the list and the distributor’s job read with no Chinese left', async () => {
      await page.getByRole('button', { name: '切换到英文界面' }).click();
      await page.getByRole('heading', { name: 'EPCIS capture' }).waitFor();
      await jobRows().first().waitFor();
      // A national regulator sees every organisation's jobs: the distributor's partial one among the newest.
      await page.getByRole('button', { name: `Open job ${partialJobId}` }).click();
      await expect.poll(() => drawer().getByTestId('capture-status').textContent(), { timeout: 15_000 }).toBe('Partly accepted');
      const cells = await drawer().locator('[data-testid="capture-errors"] tbody tr.ant-table-row').first().locator('td').allTextContents();
      expect(cells).toEqual(['2', 'eventTimeZoneOffset', 'Event 2 has no eventTimeZoneOffset', 'Give the local offset where the event happened, e.g. +08:00']);
      const text = await page.evaluate<string>(INTERFACE_TEXT);
      expect(text).toContain('Rejected events');
      expect(text).toContain('Partly accepted');
      expect(text.match(CJK)).toBeNull();
      await shot('64-capture-job-en');
      await closeDrawer();
      expect((await page.evaluate<string>(INTERFACE_TEXT)).match(CJK)).toBeNull();
      await shot('65-capture-jobs-en');
      await page.getByRole('button', { name: 'Switch the interface to Chinese' }).click();
      await page.getByRole('heading', { name: 'EPCIS 导入' }).waitFor();
      await logout(page);
    });
  });
});

describe('the pages', () => {
  it('threw no uncaught error', () => {
    expect(errors).toEqual([]);
  });
});
