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
