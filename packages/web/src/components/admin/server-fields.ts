import type { FormInstance } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldProblem } from '../../api/problem.ts';
import type { UiLanguage } from '../../i18n/i18n.ts';
import { serverIssues, type FieldLabel } from '../form-issues.ts';

/**
 * The part of the server's problem a form could not show by its fields (a refused path parameter,
 * an unknown key at the root): the same problem with only those field problems in `errors`, for
 * ErrorState to list in its banner. `placed` counts the problems shown by the fields, so the banner
 * points at field hints only when there are some; `fieldLabel` names each listed path as the form would.
 */
export class UnplacedProblems extends ApiProblem {
  readonly unplaced: FieldProblem[];
  readonly placed: number;
  readonly fieldLabel: FieldLabel | undefined;
  constructor(error: ApiProblem, unplaced: FieldProblem[], placed: number, fieldLabel?: FieldLabel) {
    super({ ...error.problem, errors: unplaced });
    this.unplaced = unplaced;
    this.placed = placed;
    this.fieldLabel = fieldLabel;
  }
}

/**
 * What a form's banner shows for the server's answer, for forms that show field problems themselves:
 * `shows` tells which paths land at a field (a list: those fields and what is under them, as
 * messageFor finds them). The error itself when it has no field problems, null when every one is
 * shown at a field (no banner), else an UnplacedProblems with the rest, so none is dropped.
 */
export function bannerProblem(error: unknown, shows: string[] | ((path: string) => boolean), fieldLabel?: FieldLabel): unknown {
  const problems = error instanceof ApiProblem ? (error.problem.errors ?? []) : [];
  if (!(error instanceof ApiProblem) || problems.length === 0) return error;
  const fits = typeof shows === 'function' ? shows : (path: string) => shows.some((f) => path === f || path.startsWith(`${f}.`));
  const rest = problems.filter((p) => !fits(p.path));
  return rest.length === 0 ? null : new UnplacedProblems(error, rest, problems.length - rest.length, fieldLabel);
}

/**
 * A useAction onError for a form that keeps its problems with useWordedIssues: the server's field
 * problems go to their boxes (`fromServer`), and the banner keeps what no box shows: nothing
 * (true), the leftovers, or the whole problem (false).
 */
export function placeAtFields(fromServer: (e: unknown) => void, shows: string[], fieldLabel?: FieldLabel) {
  return (e: unknown): boolean | UnplacedProblems => {
    fromServer(e);
    const left = bannerProblem(e, shows, fieldLabel);
    return left === null || (left instanceof UnplacedProblems && left);
  };
}

/** The server's field problems worded by antd field (the first segment of each path), every problem of a field under it. */
function fieldErrors(error: unknown, lang: UiLanguage, fields: string[], fieldLabel?: FieldLabel): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const [path, messages] of Object.entries(serverIssues(error, lang, fieldLabel))) {
    const name = path.split('.')[0] ?? '';
    if (!fields.includes(name)) continue;
    // Its own problems and its members', not only the last one set.
    byField.set(name, [...(byField.get(name) ?? []), ...messages.split('\n')]);
  }
  return byField;
}

/**
 * Puts the server's field problems (problem+json `errors`) next to their antd form fields. Answers
 * what is left for the banner, as useAction's onError expects: true when every problem landed on a
 * field, an UnplacedProblems with the rest when some did not, false when the error has no field problems.
 * `fieldLabel` (useFieldLabels of the form's labels) names each field in the words as the form shows it (姓名), not by its API path.
 */
export function showServerFieldErrors(form: FormInstance, error: unknown, lang: UiLanguage, fields: string[], fieldLabel?: FieldLabel): boolean | UnplacedProblems {
  return placeServerFieldErrors(form, error, lang, fields, fieldLabel).answer;
}

/** showServerFieldErrors, also answering the words it set per field (for re-wording them later). */
function placeServerFieldErrors(form: FormInstance, error: unknown, lang: UiLanguage, fields: string[], fieldLabel?: FieldLabel): { answer: boolean | UnplacedProblems; words: Map<string, string[]> } {
  const problems = error instanceof ApiProblem ? (error.problem.errors ?? []) : [];
  if (!(error instanceof ApiProblem) || problems.length === 0) return { answer: false, words: new Map() };
  const words = fieldErrors(error, lang, fields, fieldLabel);
  form.setFields([...words].map(([name, errors]) => ({ name, errors })));
  const fits = (path: string) => fields.includes(path.split('.')[0] ?? '');
  const rest = problems.filter((p) => !fits(p.path));
  return { answer: rest.length === 0 ? true : new UnplacedProblems(error, rest, problems.length - rest.length, fieldLabel), words };
}

const sameWords = (a: string[], b: string[]) => a.length === b.length && a.every((m, i) => m === b[i]);

/**
 * showServerFieldErrors as a form's useAction onError, for a form that can stay open while the
 * user switches language: the fields that still show the server's words are worded again in the
 * new language. A field the user has edited since shows its own state, so it is left alone.
 * `open` says whether the form is on screen (a closed modal's form must not be touched).
 */
export function useServerFieldErrors(form: FormInstance, fields: string[], fieldLabel: FieldLabel | undefined, open = true): (error: unknown) => boolean | UnplacedProblems {
  const { i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const shown = useRef<{ error: unknown; lang: UiLanguage; words: Map<string, string[]> } | null>(null);
  // useAction keeps the onError of the render that sent the request: an answer that arrives after a
  // language switch must still be worded in the language on screen then.
  const now = useRef({ lang, fieldLabel });
  now.current = { lang, fieldLabel };
  const signature = fields.join('|');
  useEffect(() => {
    const last = shown.current;
    if (!open) shown.current = null;
    if (!open || !last || last.lang === lang) return;
    const words = fieldErrors(last.error, lang, fields, fieldLabel);
    const still = [...words].filter(([name]) => sameWords(form.getFieldError(name), last.words.get(name) ?? []));
    form.setFields(still.map(([name, errors]) => ({ name, errors })));
    shown.current = { error: last.error, lang, words: new Map([...last.words, ...still]) };
    // `fields` is a fresh array on every render; its names are what matter (signature).
  }, [lang, fieldLabel, open, form, signature]);
  return useCallback((error: unknown) => {
    const { lang: current, fieldLabel: labels } = now.current;
    const { answer, words } = placeServerFieldErrors(form, error, current, fields, labels);
    shown.current = answer === false ? null : { error, lang: current, words };
    return answer;
  }, [form, signature]);
}
