import { describe, expect, it } from 'vitest';
import { formatIssue } from '../locales/index.ts';
import { GS } from './gs1-element-string.ts';
import { parseUdi } from './parse-udi.ts';

const now = new Date('2026-01-01T00:00:00Z');

/** The check-digit issue of a text and the character (counted from 1) its message names. */
function checkDigitAt(text: string): { offset: number; zh: string; en: string } {
  const r = parseUdi(text, { now });
  if (r.ok) throw new Error(`${text} parsed`);
  const issue = r.issues.find((i) => i.code === 'gs1.check_digit');
  if (!issue) throw new Error(JSON.stringify(r.issues));
  return { offset: Number(issue.params?.position), zh: formatIssue(issue, 'zh-CN').message, en: formatIssue(issue, 'en').message };
}

describe('identifier issue positions: the character a person counts to, in the text as typed', () => {
  it.each([
    ['bracketed', '(01)12345678901234(21)X'],
    ['a raw scan with ]d2 and GS', `]d20112345678901234${GS}21X`],
    ['a raw scan with ]C1', `]C10112345678901234${GS}21X`],
    ['FNC1 written as ^', '^0112345678901234^21X'],
    ['FNC1 sent as GS', `${GS}0112345678901234${GS}21X`],
    ['raw AI data without a symbology identifier', `0112345678901234${GS}21X`],
  ])('%s: names the check digit’s own place', (_form, text) => {
    const { offset, zh, en } = checkDigitAt(text);
    // The wrong check digit is the last of the GTIN's 14 digits, the `4` before (21).
    const n = text.indexOf('12345678901234') + 14;
    expect(text[offset]).toBe('4');
    expect(offset + 1).toBe(n);
    expect(zh).toBe(`应用标识符 (01) 的校验码错误（第 ${n} 个字符）`);
    expect(en).toContain(`character ${n}`);
  });

  it('says the bracketed example from the trace page as the 18th character', () => {
    expect(checkDigitAt('(01)12345678901234(21)X').zh).toContain('第 18 个字符');
  });

  it('counts a malformed start from 1 too', () => {
    const r = parseUdi('(01', { now });
    expect(!r.ok && formatIssue(r.issues[0] ?? { code: '' }, 'zh-CN').message).toContain('第 1 个字符');
  });
});
