import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssue } from './locales/index.ts';
import { issueFromZod } from './zod-issues.ts';

const schema = z.object({
  name: z.string().min(1), code: z.string().min(4).max(6), items: z.array(z.string()).min(1).max(2), quantity: z.number().min(1).max(10),
  count: z.number().int(), flag: z.boolean(), note: z.string().optional(),
}).strict();

/** The first issue at each path, worded in zh-CN, with the field named as a form would name it. */
function worded(input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const zi of r.error.issues) {
    const issue = issueFromZod(zi as never);
    const key = (issue.path ?? []).join('.');
    out[key] ??= `${issue.code} | ${formatIssue({ ...issue, params: { ...issue.params, field: '该字段' } }, 'zh-CN').message}`;
  }
  return out;
}

describe('zod issues in words', () => {
  it('says a size as what it counts: empty text, characters, entries; numbers keep their minimum and maximum', () => {
    expect(worded({ name: '', code: 'AB', items: [], quantity: 0, count: 1, flag: true })).toEqual({
      name: 'generic.empty | 该字段 不能为空',
      code: 'generic.too_short | 该字段 至少需要 4 个字符',
      items: 'generic.too_few | 该字段 至少需要 1 项',
      quantity: 'generic.too_small | 字段 该字段 小于允许的最小值 1',
    });
    expect(worded({ name: 'x', code: 'ABCDEFG', items: ['a', 'b', 'c'], quantity: 11, count: 1, flag: true })).toEqual({
      code: 'generic.too_long | 该字段 最多 6 个字符',
      items: 'generic.too_many | 该字段 最多 2 项',
      quantity: 'generic.too_big | 字段 该字段 超过允许的最大值 10',
    });
  });

  it('names the common types in words instead of zod’s type names', () => {
    const w = worded({ name: 5, code: 'ABCD', items: 'a', quantity: '3', count: 1, flag: 'yes' });
    expect(w).toMatchObject({ name: 'generic.type_string | 该字段 应为文本', items: 'generic.type_array | 该字段 应为列表', quantity: 'generic.type_number | 该字段 应为数字', flag: 'generic.type_boolean | 该字段 应为是或否' });
    expect(Object.values(w).join(' ')).not.toMatch(/\b(string|number|boolean|array)\b/);
    expect(worded({ code: 'ABCD', items: ['a'], quantity: 1, count: 1, flag: true })).toEqual({ name: 'generic.required | 缺少必填字段 该字段' });
  });
});

describe('choices and formats in words, not codes or regexes', () => {
  const form = z.object({ severity: z.enum(['death', 'serious_injury', 'other']), gln: z.string().regex(/^\d{13}$/), codes: z.array(z.string().regex(/^[A-G](\d{2}){1,3}$/)) });
  const say = (issue: ReturnType<typeof issueFromZod>, locale: 'zh-CN' | 'en' = 'zh-CN') => {
    const w = formatIssue({ ...issue, params: { ...issue.params, field: 'X' } }, locale);
    return `${w.message} ${w.hint ?? ''}`.trim();
  };
  const issuesOf = (input: Record<string, unknown>, root = true) => {
    const r = form.safeParse(input);
    return Object.fromEntries((r.error?.issues ?? []).map((zi) => {
      const issue = root ? issueFromZod(zi as never, [], input) : issueFromZod(zi as never);
      return [(issue.path ?? []).join('.'), issue];
    }));
  };

  it('says an unchosen select is missing, given the input (zod 4 does not report it)', () => {
    for (const severity of [undefined, null, '']) expect(issuesOf({ severity, gln: '1234567890123', codes: [] }).severity?.code).toBe('generic.required');
    // Without the input it cannot tell, and keeps the enum code.
    expect(issuesOf({ gln: '1234567890123', codes: [] }, false).severity?.code).toBe('generic.enum');
  });

  it('does not list API codes for a wrong choice, but keeps them in params', () => {
    const issue = issuesOf({ severity: 'bad', gln: '1234567890123', codes: [] }).severity!;
    expect(issue).toMatchObject({ code: 'generic.enum', params: { options: 'death, serious_injury, other' } });
    expect(say(issue)).toBe('字段 X 的取值不在允许范围内 请从列表中选择');
    expect(say(issue, 'en')).toBe('Field X has a value that is not allowed Choose one from the list');
  });

  it('says well-known patterns in words and keeps the regex in params', () => {
    const i = issuesOf({ severity: 'other', gln: '123', codes: ['Z1'] });
    expect(i.gln?.params).toEqual({ format: '/^\\d{13}$/' });
    expect(say(i.gln!)).toBe('字段 X 的格式不正确（应为 13 位数字） 请填写 13 位数字');
    expect(say(i.gln!, 'en')).toBe('Field X must be 13 digits Enter 13 digits');
    expect(say(i['codes.0']!)).toBe('字段 X 的格式不正确（应为 字母 A–G 加 2、4 或 6 位数字） 请填写 字母 A–G 加 2、4 或 6 位数字');
    expect(say(i['codes.0']!, 'en')).toBe('Field X must be a letter A–G followed by 2, 4 or 6 digits Enter a letter A–G followed by 2, 4 or 6 digits');
    expect(say({ code: 'generic.format', params: { format: '/^\\d{6,12}$/' } })).toContain('6–12 位数字');
    expect(say({ code: 'generic.format', params: { format: '/^\\d{14}$/' } }, 'en')).toBe('Field X must be 14 digits Enter 14 digits');
  });

  it('leaves other regexes out of the message, and keeps readable format names', () => {
    for (const format of ['/^[a-z][a-z0-9_.]{2,63}$/', '^[0-9+\\- ]{5,20}$', '\\d+-x']) {
      expect(say({ code: 'generic.format', params: { format } })).toBe('字段 X 的格式不正确 请检查后重新填写');
      expect(say({ code: 'generic.format', params: { format } }, 'en')).toBe('Field X is not in the expected format Check it and enter it again');
    }
    expect(say({ code: 'generic.format', params: { format: 'SH-NNNN-NN' } })).toBe('字段 X 的格式不正确（应为 SH-NNNN-NN） 请按 SH-NNNN-NN 格式填写');
    expect(say({ code: 'generic.format', params: { format: 'email' } }, 'en')).toBe('Field X is not in the format email Write it as email');
  });
});
