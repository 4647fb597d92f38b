import { describe, expect, it } from 'vitest';
import * as enModules from './en/index.ts';
import { formatIssue, knownCodes, negotiateLocale, type Catalogue } from './index.ts';
import * as zhModules from './zh-CN/index.ts';
import { submissionObject } from '../records/submissions.ts';
import { withGs1CheckDigit } from '../identifiers/check-digit.ts';

const zh = zhModules as Record<string, Catalogue>;
const en = enModules as Record<string, Catalogue>;
const placeholders = (text: string | undefined) => [...new Set([...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('locale catalogues', () => {
  it('split into the same modules in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(Object.keys(zh).length).toBeGreaterThan(3);
  });

  it('define exactly the same codes, module by module', () => {
    for (const name of Object.keys(zh)) expect(Object.keys(en[name] ?? {}).sort(), name).toEqual(Object.keys(zh[name] ?? {}).sort());
    expect(knownCodes('en')).toEqual(knownCodes('zh-CN'));
    expect(knownCodes('zh-CN')).toEqual(expect.arrayContaining(['validation.failed', 'credit_code.check_char', 'organization.region_out_of_scope', 'product.not_holder']));
  });

  it('never define one code in two modules (the merge would silently drop one)', () => {
    for (const modules of [zh, en]) {
      const all = Object.values(modules).flatMap((c) => Object.keys(c));
      expect(all.filter((code, i) => all.indexOf(code) !== i)).toEqual([]);
    }
  });

  it('use the same {placeholders} in message and hint in both languages', () => {
    const mismatches: string[] = [];
    for (const name of Object.keys(zh)) {
      for (const [code, z] of Object.entries(zh[name] ?? {})) {
        const e = en[name]?.[code];
        if (!e) continue;
        if (placeholders(z.message).join() !== placeholders(e.message).join()) mismatches.push(`${code} message: zh {${placeholders(z.message)}} en {${placeholders(e.message)}}`);
        if (placeholders(z.hint).join() !== placeholders(e.hint).join()) mismatches.push(`${code} hint: zh {${placeholders(z.hint)}} en {${placeholders(e.hint)}}`);
        if ((z.hint === undefined) !== (e.hint === undefined)) mismatches.push(`${code}: hint in one language only`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('write zh-CN messages in Chinese and en messages without Chinese wording of their own', () => {
    const han = /\p{Script=Han}/u;
    for (const [code, m] of Object.entries(Object.assign({}, ...Object.values(zh)) as Catalogue)) {
      expect(han.test(m.message), `${code}: ${m.message}`).toBe(true);
      if (m.hint !== undefined) expect(m.hint.trim().length, code).toBeGreaterThan(0);
    }
    for (const [code, m] of Object.entries(Object.assign({}, ...Object.values(en)) as Catalogue)) {
      expect(m.message.trim().length, code).toBeGreaterThan(0);
      // English may quote Chinese examples (e.g. 国械注准…), but must contain Latin words too.
      expect(/[A-Za-z]{3,}/.test(m.message), `${code}: ${m.message}`).toBe(true);
    }
  });

  it('render an issue with its params in either language, defaulting to zh-CN', () => {
    const issue = { code: 'credit_code.check_char', path: ['creditCode'], params: { expected: '3', actual: 'X' } };
    expect(formatIssue(issue, 'zh-CN').message).toBe('统一社会信用代码校验位错误：应为“3”，实际为“X”（GB 32100）');
    expect(formatIssue(issue, 'en').message).toBe('Wrong check character in the credit code: expected "3", found "X" (GB 32100)');
    expect(formatIssue({ code: 'no.such.code', path: ['a', 0] }, 'en').message).toBe('Field a.0 breaks rule no.such.code');
    expect(negotiateLocale(undefined)).toBe('zh-CN');
    expect(negotiateLocale('fr-FR,en;q=0.8')).toBe('en');
    expect(negotiateLocale('en;q=0.5,zh-TW;q=0.9')).toBe('zh-CN');
    expect(negotiateLocale('de')).toBe('zh-CN');
  });
});

describe('a reason that is an issue code', () => {
  const gtin = withGs1CheckDigit('0690123456789');
  const wrong = `${gtin.slice(0, 13)}${(Number(gtin[13]) + 1) % 10}`;
  it('is said in words with its own params, in both languages, never as the code', () => {
    const label = `(01)${wrong}(21)S1`;
    const o = submissionObject(label);
    if (o.ok) throw new Error('a wrong check digit parsed');
    const issue = { code: o.code, path: ['items', 0], params: o.params };
    const zh = formatIssue(issue, 'zh-CN').message;
    const en = formatIssue(issue, 'en').message;
    expect(zh).toBe(`标签 ${label} 无法识读：应用标识符 (01) 的校验码错误（第 18 个字符）`); // the check digit is the label's 18th character
    expect(en).toMatch(new RegExp(`^The label \\(01\\)${wrong}\\(21\\)S1 cannot be read: .*check digit`, 'i'));
    expect(`${zh} ${en}`).not.toMatch(/gs1\.|items\.0|\{\w+\}/);
  });
  it('stays a code when its params did not come along (issues stored before), rather than show blanks', () => {
    expect(formatIssue({ code: 'adverse_event.udi_unreadable', path: ['udi'], params: { reason: 'gs1.check_digit' } }, 'zh-CN').message).toBe('UDI 无法识别：gs1.check_digit');
    expect(formatIssue({ code: 'adverse_event.udi_unreadable', path: ['udi'], params: { reason: 'udi.unrecognised' } }, 'zh-CN').message).toBe('UDI 无法识别：无法识别该编码为 UDI（GS1、HIBC 或 MA）');
  });
});
