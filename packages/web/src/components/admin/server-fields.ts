import type { FormInstance } from 'antd';
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
 * Puts the server's field problems (problem+json `errors`) next to their antd form fields. Answers
 * what is left for the banner, as useAction's onError expects: true when every problem landed on a
 * field, an UnplacedProblems with the rest when some did not, false when the error has no field problems.
 * `fieldLabel` (useFieldLabels of the form's labels) names each field in the words as the form shows it (姓名), not by its API path.
 */
export function showServerFieldErrors(form: FormInstance, error: unknown, lang: UiLanguage, fields: string[], fieldLabel?: FieldLabel): boolean | UnplacedProblems {
  const problems = error instanceof ApiProblem ? (error.problem.errors ?? []) : [];
  if (!(error instanceof ApiProblem) || problems.length === 0) return false;
  const fits = (path: string) => fields.includes(path.split('.')[0] ?? '');
  // Every problem of a field (its own and its members') under it, not only the last one set.
  const byField = new Map<string, string[]>();
  for (const [path, messages] of Object.entries(serverIssues(error, lang, fieldLabel))) {
    if (!fits(path)) continue;
    const name = path.split('.')[0] as string;
    byField.set(name, [...(byField.get(name) ?? []), ...messages.split('\n')]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  const rest = problems.filter((p) => !fits(p.path));
  return rest.length === 0 ? true : new UnplacedProblems(error, rest, problems.length - rest.length, fieldLabel);
}
