import { z } from 'zod';

/**
 * Shared list parameters: 1-based `page`, `pageSize` (≤ 500), `sort` as a field name with an
 * optional leading '-' for descending, and `format=csv` for an export of the same filter (≤ 50,000 rows).
 */
export const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  sort: z.string().regex(/^-?[a-zA-Z]+$/).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type ListQuery = z.infer<typeof listQuery>;

export const CSV_EXPORT_LIMIT = 50_000;

export interface Page {
  limit: number;
  offset: number;
}

export function pageOf(q: ListQuery): Page {
  return q.format === 'csv' ? { limit: CSV_EXPORT_LIMIT, offset: 0 } : { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

/** Resolves `sort` against the columns a list allows; unknown fields fall back to the default. */
export function sortOf<K extends string>(sort: string | undefined, allowed: Record<string, K>, fallback: K): { column: K; direction: 'asc' | 'desc' } {
  if (!sort) return { column: fallback, direction: 'asc' };
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  const column = allowed[key];
  return column ? { column, direction: desc ? 'desc' : 'asc' } : { column: fallback, direction: 'asc' };
}

export const listResponse = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
