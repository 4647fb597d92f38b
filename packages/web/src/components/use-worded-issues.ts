import type { Locale } from '@lianjian/core/locales/index';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverIssues, type FieldLabel } from './form-issues.ts';

/** What found a form's problems, worded in a given language: the form's own check or the server's answer. */
export type IssueCheck = (locale: Locale, fieldLabel: FieldLabel) => Record<string, string>;

/**
 * A form's field problems (messages by path, as messageFor reads them) for forms that keep their
 * own values rather than an antd form's. They are kept as what found them and worded on render, so
 * switching language re-words what the form shows instead of leaving the old language behind.
 * `check` runs the form's own check now and answers its messages (none: go on and send);
 * `fromServer` shows the server's field problems; `clear(field)` drops a field's problems (and its
 * members') as the user edits it, `clear()` all of them.
 */
export function useWordedIssues(fieldLabel: FieldLabel) {
  const { i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [found, setFound] = useState<{ check: IssueCheck; cleared: string[] } | null>(null);
  const issues = useMemo(() => {
    if (!found) return {};
    const gone = (path: string) => found.cleared.some((f) => path === f || path.startsWith(`${f}.`));
    return Object.fromEntries(Object.entries(found.check(locale, fieldLabel)).filter(([path]) => !gone(path)));
  }, [found, locale, fieldLabel]);
  const check = useCallback((run: IssueCheck) => {
    setFound({ check: run, cleared: [] });
    return run(locale, fieldLabel);
  }, [locale, fieldLabel]);
  const fromServer = useCallback((error: unknown) => setFound({ check: (l, f) => serverIssues(error, l, f), cleared: [] }), []);
  const clear = useCallback((field?: string) => setFound((old) => (old && field !== undefined ? { ...old, cleared: [...old.cleared, field] } : null)), []);
  return { issues, check, fromServer, clear };
}
