import type { Issue } from '@lianjian/core';

/**
 * The one error type services throw. `code` is stable and keys into the locale catalogues;
 * `issues` lists field-level problems (path, rule, params) when there are several.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly params: Issue['params'];
  readonly issues: Issue[];

  constructor(status: number, code: string, params: Issue['params'] = {}, issues: Issue[] = []) {
    super(code);
    this.status = status;
    this.code = code;
    this.params = params;
    this.issues = issues;
  }
}

export const badRequest = (code: string, params?: Issue['params']) => new AppError(400, code, params);
export const unauthenticated = (code = 'auth.unauthenticated', params?: Issue['params']) => new AppError(401, code, params);
export const forbidden = (code = 'auth.forbidden', params?: Issue['params']) => new AppError(403, code, params);
export const notFound = (objectType: string, id: string | number) => new AppError(404, 'not_found', { objectType, id: String(id) });
export const conflict = (code: string, params?: Issue['params']) => new AppError(409, code, params);
/** One or more field-level problems with the submitted record (422: the syntax was fine, the content is not). */
export const invalid = (issues: Issue[]) => new AppError(422, 'validation.failed', { count: issues.length }, issues);
