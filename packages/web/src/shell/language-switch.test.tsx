import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app.tsx';
import { dayjs } from '../format/time.ts';
import { en } from '../i18n/en.ts';
import { changeLanguage } from '../i18n/i18n.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { CJK } from '../test/render.tsx';
import { interfaceText } from '../test/visible-text.ts';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
}
function placeholders(o: object): string[] {
  return keys(o).map((k) => `${k}:${(String(k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o)).match(/\{\{\w+\}\}/g) ?? []).sort().join(',')}`);
}

describe('language', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('zh-CN and en have the same keys and the same placeholders', () => {
    expect(keys(en)).toEqual(keys(zhCN));
    expect(placeholders(en)).toEqual(placeholders(zhCN));
    expect(keys(en).length).toBeGreaterThan(200);
  });

  it('starts in zh-CN and switches everything to English with one click: no Chinese left', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(JSON.stringify({ title: 'x', status: 401, code: 'auth.unauthenticated' }), { status: 401, headers: { 'content-type': 'application/problem+json' } })));
    render(<App />);
    await waitFor(() => expect(screen.getByRole('button', { name: '切换到英文界面' })).toBeTruthy());
    expect(document.body.textContent).toContain('用户名');
    expect(CJK.test(interfaceText(document.body))).toBe(true);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: '切换到英文界面' })));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Switch the interface to Chinese' })).toBeTruthy());
    const text = interfaceText(document.body);
    expect(text).toContain('Username');
    expect(text).toContain('Passwords have at least 8 characters');
    expect(text.match(new RegExp(CJK.source, 'g'))).toBeNull();
    expect(document.documentElement.lang).toBe('en');
    expect(dayjs.locale()).toBe('en');
    expect(localStorage.getItem('lianjian.language')).toBe('en');

    // …and back: the switch names the other language in that language.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Switch the interface to Chinese' })));
    await waitFor(() => expect(document.body.textContent).toContain('用户名'));
    expect(dayjs.locale()).toBe('zh-cn');
  });
});
