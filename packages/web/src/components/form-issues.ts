import { issueFromZod } from '@lianjian/core/zod-issues';
import type { Locale } from '@lianjian/core/locales/index';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiProblem } from '../api/problem.ts';
import { issueText, type FieldLabel } from './problem-text.ts';

export type { FieldLabel } from './problem-text.ts';

const INDEX = /^\d+$/;

/**
 * A FieldLabel from the labels a form shows, keyed by API path with `*` for a list index
 * (`lines`, `lines.*.lot`). The exact path wins; a member of a list is named by its own label
 * (a table cell: the column's) or the list's, with its position counted from 1 the way the user
 * counts rows: `position` words it, as a row when the list is a table (its members have labels),
 * else as an item. Paths no label covers give undefined, so the issue keeps its API path.
 * @example labelLookup({ lines: '明细', 'lines.*.lot': '批号' }, pos)('lines.2.lot') → pos('批号', 3, true)
 */
export function labelLookup(labels: Record<string, string>, position: (label: string, n: number, row: boolean) => string): FieldLabel {
  const own = (key: string) => (Object.hasOwn(labels, key) && labels[key] ? labels[key] : undefined);
  return (path) => {
    if (own(path)) return own(path);
    const parts = path.split('.');
    const last = parts.findLastIndex((p) => INDEX.test(p));
    if (last < 0) return undefined;
    // The innermost index is the row the user looks at (nested lists count from their own start).
    const n = Number(parts[last]) + 1;
    const pattern = parts.map((p) => (INDEX.test(p) ? '*' : p));
    const member = own(pattern.join('.'));
    if (member) return position(member, n, true);
    if (last !== parts.length - 1) return undefined;
    const listPath = pattern.slice(0, -1).join('.');
    const list = own(parts.slice(0, -1).join('.')) ?? own(listPath);
    if (!list) return undefined;
    return position(list, n, Object.keys(labels).some((k) => k.startsWith(`${listPath}.*.`)));
  };
}

/**
 * labelLookup in the current language, for a form's render: the labels are built anew on every
 * render, the lookup only when their words change (a language switch), so memos that depend on it
 * (checking the whole input against a schema) do not run on every keystroke's render again.
 */
export function useFieldLabels(labels: Record<string, string>): FieldLabel {
  const { t, i18n } = useTranslation();
  const signature = JSON.stringify(labels);
  return useMemo(
    () => labelLookup(labels, (label, n, row) => t(row ? 'common.issueRow' : 'common.issueItem', { label, n })),
    // `labels` is new on every render; its words are what matter (signature).
    [signature, t, i18n.language],
  );
}

/**
 * Messages by field path (`patient.idNumber`) from a core zod schema, worded by the same
 * catalogue as the server's problems; the first issue per field wins.
 */
export function schemaIssues(schema: z.ZodType, input: unknown, locale: Locale, fieldLabel?: FieldLabel): Record<string, string> {
  const result = schema.safeParse(input);
  const out: Record<string, string> = {};
  if (result.success) return out;
  for (const zi of result.error.issues) {
    // The input lets an empty select read "missing" rather than "not one of the options".
    const issue = issueFromZod(zi as never, [], input);
    const path = (issue.path ?? []).join('.');
    out[path] ??= issueText({ code: issue.code, path, ...(issue.params ? { params: issue.params } : {}) }, locale, fieldLabel);
  }
  return out;
}

/**
 * Field-by-field checking as the user types. A zod object runs its cross-field rules
 * (superRefine) only once every field has the right shape, so while a form is half filled
 * the rules of what *is* filled would stay silent: run the schema a second time with harmless
 * stand-ins for the empty fields, and keep the rule issues of the fields the user did fill.
 */
export function issuesAsTyped(schema: z.ZodType, input: Record<string, unknown>, standIns: Record<string, unknown>, locale: Locale, fieldLabel?: FieldLabel): Record<string, string> {
  const first = schemaIssues(schema, input, locale, fieldLabel);
  const filled: Record<string, unknown> = { ...input };
  const usedStandIns = new Set<string>();
  for (const [k, v] of Object.entries(standIns)) {
    const own = filled[k];
    if (own !== undefined && typeof own === 'object' && own !== null && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const merged: Record<string, unknown> = { ...(own as Record<string, unknown>) };
      for (const [ck, cv] of Object.entries(v)) {
        if (merged[ck] === undefined || merged[ck] === '') {
          merged[ck] = cv;
          usedStandIns.add(`${k}.${ck}`);
        }
      }
      filled[k] = merged;
    } else if (own === undefined || own === '') {
      filled[k] = v;
      usedStandIns.add(k);
    }
  }
  const second = schemaIssues(schema, filled, locale, fieldLabel);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(second)) if (!usedStandIns.has(path)) out[path] = message;
  return { ...out, ...first };
}

/**
 * The server's field problems (problem+json `errors`) as messages by path, in the current language.
 * Several problems at one path (a label with a wrong check digit and an unknown DI) are all kept,
 * one per line.
 */
export function serverIssues(error: unknown, locale: Locale, fieldLabel?: FieldLabel): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiProblem)) return out;
  for (const p of error.problem.errors ?? []) out[p.path] = joinMessages(out[p.path], issueText(p, locale, fieldLabel));
  return out;
}

/**
 * The messages for a field: its own and its members' (`imdrfCodes.1`, `items.3` → `imdrfCodes`,
 * `items`), one per line in the order they came, so a list with three wrong entries shows all three
 * at once instead of one per attempt.
 */
export function messageFor(issues: Record<string, string>, field: string): string | undefined {
  let out: string | undefined;
  for (const [path, message] of Object.entries(issues)) {
    if (path === field || path.startsWith(`${field}.`)) out = joinMessages(out, message);
  }
  return out;
}

/** `message` added to `lines` (messages one per line) unless it is there already. */
export function joinMessages(lines: string | undefined, message: string): string {
  if (lines === undefined || lines === '') return message;
  return lines.split('\n').includes(message) ? lines : `${lines}\n${message}`;
}
