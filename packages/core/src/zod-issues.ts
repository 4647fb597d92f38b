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
  params?: Record<string, unknown>;
  input?: unknown;
}

/**
 * Turns a zod issue into our error data. A custom check carries its own code and params
 * (`ctx.addIssue({ code: 'custom', params: { code: 'credit_code.check_char', expected: 'X' } })`),
 * so a domain rule keeps its precise message; built-in checks map to the generic catalogue.
 */
export function issueFromZod(z: ZodIssueLike, prefix: (string | number)[] = []): Issue {
  const path = [...prefix, ...z.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  switch (z.code) {
    case 'invalid_type':
      if (z.input === undefined && /received undefined/.test(z.message ?? '')) return { code: 'generic.required', path };
      return { code: 'generic.type', path, params: { expected: String(z.expected) } };
    case 'too_small':
      return { code: 'generic.too_small', path, params: { minimum: Number(z.minimum) } };
    case 'too_big':
      return { code: 'generic.too_big', path, params: { maximum: Number(z.maximum) } };
    case 'invalid_value':
      return { code: 'generic.enum', path, params: { options: (z.values ?? []).map(String).join(', ') } };
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
