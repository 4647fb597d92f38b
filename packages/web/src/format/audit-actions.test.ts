import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT_ACTIONS } from '@lianjian/core/rules/compliance/alert-policy';
import { describe, expect, it } from 'vitest';
import { auditActionOptions, auditActionText, auditOutcomeText } from './audit-actions.ts';

const SERVER = join(import.meta.dirname, '../../../server/src');
const sources = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
});

/** The audit actions the server writes: literal `action: 'x.y'` codes, and the two families built from a variable. */
function serverActions(): string[] {
  const found = new Set<string>();
  for (const file of sources(SERVER)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/action: '([a-z_]+(?:\.[a-z_]+)+)'/g)) found.add(m[1] as string);
  }
  for (const a of ALERT_ACTIONS) found.add(`alert.${a}`);
  for (const k of ['commission', 'pack', 'unpack', 'ship', 'receive', 'store', 'use', 'return', 'destroy']) found.add(`submission.${k}`);
  return [...found].sort();
}

describe('audit actions in words', () => {
  it('has words in both languages for every action the server writes', () => {
    const actions = serverActions();
    expect(actions.length).toBeGreaterThan(50);
    const missing = actions.filter((a) => auditActionText(a, 'zh-CN') === a || auditActionText(a, 'en') === a);
    expect(missing).toEqual([]);
    expect(Object.keys(auditActionOptions('en'))).toEqual(expect.arrayContaining(actions));
  });

  it('keeps an unknown code as it is, and words outcomes', () => {
    expect(auditActionText('widget.polish', 'zh-CN')).toBe('widget.polish');
    expect(auditActionText('organization.read', 'zh-CN')).toBe('查看单位（含联系人）');
    expect(auditOutcomeText('denied', 'en')).toBe('Denied');
    expect(auditOutcomeText('success', 'zh-CN')).toBe('成功');
  });
});
