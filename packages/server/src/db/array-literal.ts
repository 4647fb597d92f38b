/**
 * PostgreSQL array literals for the bulk `unnest` writes. node-postgres serialises a JS array
 * element by element, quoting and escaping each; for columns whose values need no quoting (numbers,
 * booleans, RFC 3339 timestamps, CBV codes) one join does the same work several times faster,
 * which matters when a capture sends tens of thousands of values. Send the result as text and cast
 * it (`${intArray(ids)}::bigint[]`).
 */

/** `{a,b,NULL}`: each non-null value written by `element`, nulls as NULL. */
function arrayLiteral<T>(values: readonly (T | null | undefined)[], element: (v: T) => string | number): string {
  // One join, not `+=` per element: appending builds a rope of tens of thousands of nodes, which
  // the driver flattens into a second copy to measure and send it. The braces ride on the first and
  // last elements so that the join's result is the literal itself, a flat string, not a rope of three.
  if (values.length === 0) return '{}';
  const parts = new Array<string | number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null || v === undefined ? 'NULL' : element(v);
  }
  parts[0] = `{${parts[0]}`;
  parts[parts.length - 1] = `${parts[parts.length - 1]}}`;
  return parts.join(',');
}

/**
 * `[a,b]` from JSON texts, flat (see arrayLiteral), for one `jsonb` parameter that carries many
 * documents (a capture's events).
 */
export function jsonArray(texts: readonly string[]): string {
  if (texts.length === 0) return '[]';
  const parts = [...texts];
  parts[0] = `[${parts[0]}`;
  parts[parts.length - 1] = `${parts[parts.length - 1]}]`;
  return parts.join(',');
}

/** `{1,2,NULL}` from integers or nulls. */
export function intArray(values: readonly (number | null)[]): string {
  return arrayLiteral(values, (v) => {
    if (!Number.isSafeInteger(v)) throw new RangeError(`intArray: ${v} is not an integer`);
    return v;
  });
}

/** Characters that never need quoting inside an array literal. */
const BARE = /^[A-Za-z0-9_.:+-]+$/;
/** Characters escaped inside a quoted element. */
const QUOTED = /["\\]/g;
const isBare = (v: string) => BARE.test(v) && v.toUpperCase() !== 'NULL';

/**
 * `{a,b,NULL}` from strings made of letters, digits and `_ . : + -` only (timestamps, codes);
 * anything else throws, so a caller can never send an unescaped value.
 */
export function bareTextArray(values: readonly (string | null)[]): string {
  return arrayLiteral(values, (v) => {
    if (!isBare(v)) throw new RangeError(`bareTextArray: ${JSON.stringify(v)} needs quoting`);
    return v;
  });
}

/**
 * `{"a","b c","x\\"y",NULL}` from any strings: every element quoted (always valid, and `"NULL"` is
 * the text NULL), `\\` and `"` escaped only in the few values that hold one, the rules node-postgres
 * applies. node-postgres quotes and runs two regular expressions over every element (a tenth of a
 * capture's JavaScript time); deciding bare or quoted per element by a regular expression still
 * cost three times what two `includes` do.
 */
export function textArray(values: readonly (string | null)[]): string {
  // Mostly no value is null or needs escaping (codes, URIs, lots): then one join with `","` between
  // the values writes the literal without a quoted copy of each.
  if (values.length > 0 && values.every((v) => v !== null && v !== undefined && !v.includes('"') && !v.includes('\\'))) {
    const parts = [...(values as string[])];
    parts[0] = `{"${parts[0]}`;
    parts[parts.length - 1] = `${parts[parts.length - 1]}"}`;
    return parts.join('","');
  }
  return arrayLiteral(values, (v) => (v.includes('"') || v.includes('\\') ? `"${v.replace(QUOTED, '\\$&')}"` : `"${v}"`));
}

/** `{t,f,NULL}` from booleans or nulls. */
export function boolArray(values: readonly (boolean | null)[]): string {
  return arrayLiteral(values, (v) => (v ? 't' : 'f'));
}

/** `{1.5,-2,NULL}` from numbers or nulls (float8 columns; NaN and ±Infinity are float8 input too). */
export function floatArray(values: readonly (number | null)[]): string {
  return arrayLiteral(values, (v) => v);
}

/**
 * Integers from a bigint[] column as either driver returns it: node-postgres parses int8 arrays into
 * arrays, PGlite (and a json-built row) may hand over the literal `{1,2}`.
 */
export function readIntArray(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  return typeof value === 'string' ? value.replace(/[{}]/g, '').split(',').filter(Boolean).map(Number) : [];
}
