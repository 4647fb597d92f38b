import { ApiProblem } from '../api/problem.ts';
import { formatIssue, isKnownCode as isKnown, type Locale } from '../i18n/issue-words.ts';

/**
 * The words for a problem in the current UI language: rendered again from its code and params with
 * the same catalogue the server uses (core/locales), so switching language re-words old errors too.
 * Codes the catalogue does not know keep the server's own title.
 */
export function problemText(error: unknown, locale: Locale): { message: string; hint?: string } {
  if (error instanceof ApiProblem) {
    const { code, params, title, detail } = error.problem;
    if (isKnown(code, locale)) return formatIssue({ code, ...(params ? { params } : {}) }, locale);
    return { message: title, ...(detail ? { hint: detail } : {}) };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/** A field's visible label for an issue's API path (`receivedQuantity`), or undefined to keep the path. */
export type FieldLabel = (path: string) => string | undefined;

/**
 * A field issue's words in the current language (code + params from the server or from zod).
 * `fieldLabel`: a form names the field `{field}` as it shows it (实收数量), not by its API path,
 * which is only what API clients read.
 */
export function issueText(issue: { code: string; path?: string; message?: string; hint?: string; params?: Record<string, string | number | boolean | null> }, locale: Locale, fieldLabel?: FieldLabel): string {
  if (!isKnown(issue.code, locale) && issue.message) return issue.hint ? `${issue.message} ${issue.hint}` : issue.message;
  const label = issue.path && fieldLabel ? fieldLabel(issue.path) : undefined;
  const params = label ? { ...issue.params, field: label } : issue.params;
  const text = formatIssue({ code: issue.code, ...(issue.path ? { path: issue.path.split('.') } : {}), ...(params ? { params } : {}) }, locale);
  const message = text.message;
  const hint = text.hint ?? issue.hint;
  return hint ? `${message} ${hint}` : message;
}
