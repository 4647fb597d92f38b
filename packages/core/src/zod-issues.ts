import type { Issue } from './errors.ts';

/** The parts of a zod 4 issue we read (structural, so the browser and server can pass either zod's or fastify's shape). */
export interface ZodIssueLike {
  code: string;
  path: readonly PropertyKey[];
  message?: string;
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  values?: readonly unknown[];
  format?: string;
  pattern?: string;
  keys?: readonly string[];
  /** What a size check measured: 'string', 'array', 'set', 'number', 'bigint', 'date', 'file'. */
  origin?: string;
  params?: Record<string, unknown>;
  input?: unknown;
}

const TYPE_CODES = new Set(['string', 'number', 'int', 'boolean', 'array', 'object', 'date']);

/** Marks "we cannot tell what was sent" apart from a value that was undefined. */
const UNKNOWN = Symbol('unknown');

/** The value at a zod path inside the parsed input, or UNKNOWN when there is no input to look in. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  if (root === UNKNOWN) return UNKNOWN;
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * Turns a zod issue into our error data. A custom check carries its own code and params
 * (`ctx.addIssue({ code: 'custom', params: { code: 'credit_code.check_char', expected: 'X' } })`),
 * so a domain rule keeps its precise message; built-in checks map to the generic catalogue.
 * Pass the parsed input as `root` when you have it: zod 4 does not report the value of an
 * enum issue, and an empty select must read "missing" rather than "not one of the options".
 */
export function issueFromZod(z: ZodIssueLike, prefix: (string | number)[] = [], root: unknown = UNKNOWN): Issue {
  const path = [...prefix, ...z.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  switch (z.code) {
    case 'invalid_type':
      if (z.input === undefined && /received undefined/.test(z.message ?? '')) return { code: 'generic.required', path };
      // The common types get their own words ("应为数字"); others name zod's type.
      return TYPE_CODES.has(String(z.expected)) ? { code: `generic.type_${String(z.expected)}`, path } : { code: 'generic.type', path, params: { expected: String(z.expected) } };
    case 'too_small':
      // A size is said as what it counts: an empty text, too few characters, too few entries; numbers as a minimum.
      if (z.origin === 'string') return Number(z.minimum) <= 1 ? { code: 'generic.empty', path } : { code: 'generic.too_short', path, params: { minimum: Number(z.minimum) } };
      if (z.origin === 'array' || z.origin === 'set') return { code: 'generic.too_few', path, params: { minimum: Number(z.minimum) } };
      return { code: 'generic.too_small', path, params: { minimum: Number(z.minimum) } };
    case 'too_big':
      if (z.origin === 'string') return { code: 'generic.too_long', path, params: { maximum: Number(z.maximum) } };
      if (z.origin === 'array' || z.origin === 'set') return { code: 'generic.too_many', path, params: { maximum: Number(z.maximum) } };
      return { code: 'generic.too_big', path, params: { maximum: Number(z.maximum) } };
    case 'invalid_value': {
      const given = 'input' in z ? z.input : valueAt(root, z.path);
      // Nothing chosen is a missing field, not a wrong choice.
      if (given === undefined || given === null || given === '') return { code: 'generic.required', path };
      // The options stay in params for API clients; messages do not list them (they are API codes).
      return { code: 'generic.enum', path, params: { options: (z.values ?? []).map(String).join(', ') } };
    }
    case 'invalid_format':
      return { code: 'generic.format', path, params: { format: z.format === 'regex' ? (z.pattern ?? 'regex') : (z.format ?? '') } };
    case 'unrecognized_keys':
      return { code: 'generic.unknown_key', path: [...path, ...(z.keys ?? []).slice(0, 1)] };
    case 'custom': {
      const { code, ...params } = (z.params ?? {}) as { code?: string } & Record<string, string | number | boolean | null>;
      return code ? { code, path, params } : { code: 'generic.invalid', path };
    }
    default:
      return { code: 'generic.invalid', path };
  }
}
