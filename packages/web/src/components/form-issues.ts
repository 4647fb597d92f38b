import { issueFromZod } from '@lianjian/core/zod-issues';
import type { Locale } from '@lianjian/core/locales/index';
import type { z } from 'zod';
import { fieldProblems } from '../api/problem.ts';
import { issueText } from './problem-text.ts';

/**
 * Messages by field path (`patient.idNumber`) from a core zod schema, worded by the same
 * catalogue as the server's problems; the first issue per field wins.
 */
export function schemaIssues(schema: z.ZodType, input: unknown, locale: Locale): Record<string, string> {
  const result = schema.safeParse(input);
  const out: Record<string, string> = {};
  if (result.success) return out;
  for (const zi of result.error.issues) {
    const issue = issueFromZod(zi as never);
    const path = (issue.path ?? []).join('.');
    out[path] ??= issueText({ code: issue.code, path, ...(issue.params ? { params: issue.params } : {}) }, locale);
  }
  return out;
}

/**
 * Field-by-field checking as the user types. A zod object runs its cross-field rules
 * (superRefine) only once every field has the right shape, so while a form is half filled
 * the rules of what *is* filled would stay silent: run the schema a second time with harmless
 * stand-ins for the empty fields, and keep the rule issues of the fields the user did fill.
 */
export function issuesAsTyped(schema: z.ZodType, input: Record<string, unknown>, standIns: Record<string, unknown>, locale: Locale): Record<string, string> {
  const first = schemaIssues(schema, input, locale);
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
  const second = schemaIssues(schema, filled, locale);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(second)) if (!usedStandIns.has(path)) out[path] = message;
  return { ...out, ...first };
}

/** The server's field problems (problem+json `errors`) as messages by path, in the current language. */
export function serverIssues(error: unknown, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, p] of Object.entries(fieldProblems(error))) out[path] = issueText(p, locale);
  return out;
}

/** The message for a field, also matching array members (`imdrfCodes.1` → `imdrfCodes`). */
export function messageFor(issues: Record<string, string>, field: string): string | undefined {
  if (issues[field]) return issues[field];
  const key = Object.keys(issues).find((k) => k.startsWith(`${field}.`));
  return key ? issues[key] : undefined;
}
