import type { FormInstance } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../api/problem.ts';
import { showServerFieldErrors, UnplacedProblems } from './server-fields.ts';

const problem = (errors: { code: string; path: string; params?: Record<string, number> }[]) =>
  new ApiProblem({ title: 'x', status: 422, code: 'validation.failed', errors: errors.map((e) => ({ ...e, message: 'x' })) });

describe('showServerFieldErrors', () => {
  it('puts the problems of a list’s members all under the list’s field, and hands the rest to the banner', () => {
    const setFields = vi.fn();
    const form = { setFields } as unknown as FormInstance;
    const left = showServerFieldErrors(form, problem([
      { code: 'generic.required', path: 'scopeClasses.0' },
      { code: 'generic.unknown_key', path: 'carrier' },
      { code: 'generic.too_big', path: 'scopeClasses.2', params: { maximum: 3 } },
    ]), 'zh-CN', ['scopeClasses', 'number']);
    expect(setFields).toHaveBeenCalledTimes(1);
    const fields = setFields.mock.calls[0]?.[0] as { name: string; errors: string[] }[];
    expect(fields.map((f) => f.name)).toEqual(['scopeClasses']);
    expect(fields[0]?.errors).toHaveLength(2);
    expect(fields[0]?.errors[0]).toContain('scopeClasses.0');
    expect(fields[0]?.errors[1]).toContain('3');
    expect(left).toBeInstanceOf(UnplacedProblems);
    expect((left as UnplacedProblems).unplaced.map((p) => p.path)).toEqual(['carrier']);
  });

  it('answers true when every problem found its field, false when the error has none', () => {
    const form = { setFields: vi.fn() } as unknown as FormInstance;
    expect(showServerFieldErrors(form, problem([{ code: 'generic.required', path: 'number' }]), 'en', ['number'])).toBe(true);
    expect(showServerFieldErrors(form, new Error('network'), 'en', ['number'])).toBe(false);
  });
});
