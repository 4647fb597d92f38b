/**
 * Web app performance in a real browser (issue 6): Debian's Chromium against the production
 * build served by the app, on a fresh PGlite data dir with the demo world.
 *   - dashboard first load: cold cache, logged in, from navigation until the KPIs, the map and the
 *     trend chart are drawn (target < 2 s);
 *   - trace ready after the scan: Enter in the scan box until the trace result shows (target < 500 ms);
 *   - JavaScript for the first page, gzipped (target < 600 kB): what the login page and the
 *     dashboard load before and with their lazy chunks (echarts, the map).
 * Run: `npm run bench:web` (`-- --runs 5`); LIANJIAN_E2E_URL=http://… measures a running server instead.
 */
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '../e2e/support/browser.ts';
import { startServer } from '../e2e/support/server.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const CODES = [
  '(01)06990001001905(10)HJ03101(21)HJ031010001',
  'https://id.gs1.org/01/06990001001905/10/HJ03101/21/HJ031010001',
  'urn:epc:id:sgtin:6990001.000190.HJ031010001',
  '(01)06990011002206(10)IV04101',
  '(01)06990001001004(10)MK00101',
];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

/** Every script the page loads, with its size as sent and gzipped. */
function recordScripts(page: Page): Map<string, { raw: number; gzip: number }> {
  const scripts = new Map<string, { raw: number; gzip: number }>();
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return;
    try {
      const body = await res.body();
      scripts.set(new URL(res.url()).pathname, { raw: body.length, gzip: gzipSync(body).length });
    } catch {
      /* redirected or aborted */
    }
  });
  return scripts;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const sum = (m: Map<string, { gzip: number }>) => [...m.values()].reduce((a, b) => a + b.gzip, 0);

async function loggedInContext(browser: Awaited<ReturnType<typeof chromium.launch>>, url: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const res = await context.request.post(`${url}/api/auth/login`, { data: { username: 'demo-province', password: 'Demo#2026' } });
  if (!res.ok()) throw new Error(`login failed: ${res.status()}`);
  return context;
}

const server = await startServer();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  // JavaScript of the first page: the login page, and the dashboard opened cold by a logged-in user.
  const loginContext = await browser.newContext();
  const loginPage = await loginContext.newPage();
  const loginScripts = recordScripts(loginPage);
  await loginPage.goto(`${server.url}/login`, { waitUntil: 'networkidle' });
  const loginJs = sum(loginScripts);
  await loginContext.close();
  const jsContext = await loggedInContext(browser, server.url);
  const jsPage = await jsContext.newPage();
  const dashboardScripts = recordScripts(jsPage);
  await jsPage.goto(`${server.url}/dashboard`);
  await jsPage.locator('[data-testid="region-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
  await jsPage.waitForLoadState('networkidle');
  const dashboardJs = sum(dashboardScripts);
  // What React.lazy / import() fetch only for the charts: echarts and the map's GeoJSON.
  const MAP_CHUNK = /\/(china|beijing|tianjin|hebei|shanxi1?|neimenggu|liaoning|jilin|heilongjiang|shanghai|jiangsu|zhejiang|anhui|fujian|jiangxi|shandong|henan|hubei|hunan|guangdong|guangxi|hainan|chongqing|sichuan|guizhou|yunnan|xizang|gansu|qinghai|ningxia|xinjiang|taiwan|xianggang|aomen)-[\w-]+\.js$/;
  const lazy = [...dashboardScripts].filter(([p]) => /\/echarts-setup-/.test(p) || MAP_CHUNK.test(p));
  const lazyJs = lazy.reduce((a, [, v]) => a + v.gzip, 0);
  await jsContext.close();

  // Dashboard first load, cold cache each run.
  const dashboard: number[] = [];
  const kpis: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await loggedInContext(browser, server.url);
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${server.url}/dashboard`);
    await page.locator('[data-testid="kpi-organizations"] .ant-statistic-content-value').waitFor({ timeout: 30_000 });
    kpis.push(Date.now() - t0);
    await page.locator('[data-testid="region-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="ae-trend"][data-ready="true"]').waitFor({ timeout: 30_000 });
    dashboard.push(Date.now() - t0);
    await context.close();
  }

  // Trace ready after the scan (the trace page already open, as at a scanning desk).
  const trace: number[] = [];
  const context = await loggedInContext(browser, server.url);
  const page = await context.newPage();
  await page.goto(`${server.url}/trace`);
  for (let i = 0; i < runs * CODES.length; i++) {
    const code = CODES[i % CODES.length] as string;
    const box = page.getByRole('searchbox', { name: 'UDI 或标签内容' });
    await box.fill(code);
    const t0 = Date.now();
    await box.press('Enter');
    // The page was reset to an empty /trace: the first result shown is this scan's.
    await page.getByTestId('trace-result').waitFor({ timeout: 10_000 });
    trace.push(Date.now() - t0);
    await page.goto(`${server.url}/trace`);
  }
  await context.close();

  console.log(`web bench against ${server.url} (production build, demo world), ${runs} runs`);
  console.log(`dashboard first load (cold cache), everything drawn: median ${quantile(dashboard, 0.5)} ms, max ${Math.max(...dashboard)} ms (target < 2000 ms) [${dashboard.join(', ')}]`);
  console.log(`  first KPIs shown: median ${quantile(kpis, 0.5)} ms [${kpis.join(', ')}]`);
  console.log(`trace ready after the scan: median ${quantile(trace, 0.5)} ms, p90 ${quantile(trace, 0.9)} ms, max ${Math.max(...trace)} ms over ${trace.length} scans (target < 500 ms)`);
  console.log(`JS for the first page (gzipped, target < 600 kB): login page ${kb(loginJs)}; dashboard ${kb(dashboardJs - lazyJs)} + lazy chart chunks ${kb(lazyJs)} = ${kb(dashboardJs)}`);
  console.log(`  lazy on the dashboard: ${lazy.map(([p, v]) => `${p.replace(/^\/assets\//, '')} ${kb(v.gzip)}`).join(', ')}`);
  console.log(`  machine load average while measuring: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
} finally {
  await browser.close();
  await server.close();
}
