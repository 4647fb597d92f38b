import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { watchPageErrors } from './pages.ts';
import { startServer, type RunningServer } from './server.ts';

export interface E2eSession {
  server: RunningServer;
  browser: LaunchedBrowser;
  /** The file's page, its uncaught errors collected into the list given to openSession. */
  page: Page;
}

/** What every browser file starts with: a real server on a fresh PGlite with the demo world, Chromium, one watched page. */
export async function openSession(errors: string[]): Promise<E2eSession> {
  const server = await startServer();
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  watchPageErrors(page, errors);
  return { server, browser, page };
}

/** Closes what openSession opened (either may be missing when it failed half-way). */
export async function closeSession(s: Partial<E2eSession>): Promise<void> {
  await s.browser?.close();
  await s.server?.close();
}
