/**
 * Errors are data (DESIGN.md decision 5): a stable `code`, the `path` of the offending field and
 * `params` for the message. The words live in `locales/`, so the server, the CLI and the browser
 * render the same problem in zh-CN or en.
 */
export interface Issue {
  /** Stable machine-readable code, e.g. `credit_code.check_char`. Keys into the locale tables. */
  code: string;
  /** Path of the offending field inside the submitted record, e.g. `['items', 3, 'gtin']`. */
  path?: (string | number)[];
  /** Values interpolated into the message and fix hint, e.g. `{ expected: 'X', actual: '5' }`. */
  params?: Record<string, string | number | boolean | null>;
}

/** Result type for pure parsers and validators: a value or the list of everything wrong with it. */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...issues: Issue[]): Result<T> => ({ ok: false, issues });

/**
 * Params that make an underlying issue the reason of another one: `reason` is its code, and its own
 * params come along so the locale tables can say the reason in words (`formatIssue` renders `{reason}`
 * with the reason's message). Keys the outer message owns (`code`, `field`, `reason`) are not copied.
 * @example causeParams({ code: 'gs1.check_digit', params: { ai: '01', position: 14 } }) // { reason: 'gs1.check_digit', ai: '01', position: 14 }
 */
export function causeParams(cause: Issue | undefined, fallback = 'udi.unrecognised'): NonNullable<Issue['params']> {
  const out: NonNullable<Issue['params']> = { reason: cause?.code ?? fallback };
  for (const [k, v] of Object.entries(cause?.params ?? {})) if (k !== 'code' && k !== 'field' && k !== 'reason') out[k] = v;
  return out;
}
