import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/problem.ts';
import { isUnavailable } from './page-states.tsx';

describe('isUnavailable', () => {
  it('tells an API the server does not have yet from an object that does not exist', () => {
    expect(isUnavailable(new ApiProblem({ title: 'x', status: 404, code: 'route.not_found' }))).toBe(true);
    expect(isUnavailable(new ApiProblem({ title: 'x', status: 404, code: 'not_found' }))).toBe(false);
    expect(isUnavailable(new ApiProblem({ title: 'x', status: 403, code: 'auth.forbidden' }))).toBe(false);
    expect(isUnavailable(new Error('network'))).toBe(false);
  });
});
