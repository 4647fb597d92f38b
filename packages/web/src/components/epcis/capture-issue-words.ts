import { formatIssue, isKnownCode, type Locale } from '../../i18n/issue-words.ts';

interface WordedIssue {
  code: string;
  path?: string;
  params?: Record<string, string | number | boolean | null>;
  message?: string;
  hint?: string;
}

/**
 * A capture problem's message and fix in the current UI language: worded again from its code and
 * params with core's catalogue (so a job opened after switching language reads in that language),
 * or the server's own words for a code this build does not know.
 */
export function captureIssueWords(issue: WordedIssue, locale: Locale): { message: string; hint?: string } {
  if (isKnownCode(issue.code, locale)) {
    return formatIssue({ code: issue.code, ...(issue.path ? { path: issue.path.split('.') } : {}), ...(issue.params ? { params: issue.params } : {}) }, locale);
  }
  return { message: issue.message ?? issue.code, ...(issue.hint ? { hint: issue.hint } : {}) };
}

/** The field inside the event (`epcList.0`), without the `eventList.3.` the event # column already says. */
export function fieldInEvent(path: string, eventIndex: number | null): string {
  if (eventIndex === null) return path;
  const prefix = `eventList.${eventIndex}`;
  if (path === prefix) return '';
  return path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;
}
