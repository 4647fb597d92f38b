import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'e2e');
mkdirSync(SCREENSHOTS, { recursive: true });

export const DEMO_PASSWORD = 'Demo#2026';

/** Collects a page's uncaught errors with where they happened (each file asserts none at its end). */
export function watchPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}\n${(e.stack ?? '').split('\n').slice(0, 6).join('\n')}`));
}

/** Logs in through the login form (a fresh page: the cookie jar is the context's). */
export async function login(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.context().clearCookies(); // whoever was logged in before (a failed test may not have logged out)
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录|Log in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: /退出登录|Log out/ }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The interface's own text (same rule as packages/web/src/test/visible-text.ts, as plain JS for
 * the page): everything except `[data-content]` (names as registered) and text tagged with another
 * `lang` (the language switch says 中文 in Chinese).
 */
export const INTERFACE_TEXT = `(() => {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === 3) parts.push(node.textContent || '');
    if (node.nodeType !== 1) return;
    if (node.hasAttribute('data-content')) return;
    const lang = node.getAttribute('lang');
    if (lang && !lang.startsWith('en')) return;
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(node.tagName)) return;
    const style = getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden') return;
    for (const c of node.childNodes) walk(c);
    for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) { const v = node.getAttribute(attr); if (v) parts.push(v); }
  };
  walk(document.body);
  return parts.join(' ');
})()`;

export const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/g;

/**
 * Whether Chinese renders with a real font: the CJK font is available to the page, and a
 * string of distinct ideographs is not drawn as identical "tofu" boxes (a missing glyph has the
 * same width for every character; real glyphs differ from the replacement box's width).
 */
export async function chineseRenders(page: Page): Promise<{ fontAvailable: boolean; distinctGlyphs: boolean; widths: number[] }> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const fontAvailable = document.fonts.check('16px "Noto Sans CJK SC"');
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    ctx.font = '32px "Noto Sans CJK SC", sans-serif';
    const widths = ['链', '监', '医', '\u{10FFFF}'].map((c) => ctx.measureText(c).width);
    // Each ideograph must differ in pixels from the missing-glyph box drawn for a non-character.
    const draw = (c: string) => {
      ctx.clearRect(0, 0, 64, 64);
      ctx.fillText(c, 0, 40);
      return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(',');
    };
    canvas.width = 64;
    canvas.height = 64;
    ctx.font = '32px "Noto Sans CJK SC", sans-serif';
    const tofu = draw('\u{10FFFF}');
    const distinctGlyphs = ['链', '监', '医'].every((c) => draw(c) !== tofu) && draw('链') !== draw('监');
    return { fontAvailable, distinctGlyphs, widths };
  });
}
