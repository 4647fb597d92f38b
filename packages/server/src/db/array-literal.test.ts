import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/test-database.ts';
import { bareTextArray, intArray } from './array-literal.ts';

describe('array literals', () => {
  it('round-trips integers, nulls, timestamps and codes through the database', async () => {
    const testDb = await createTestDatabase();
    const { database } = testDb;
    try {
      const r = await sql<{ i: string | null; t: Date | null; c: string | null }>`
        select * from unnest(${intArray([1, null, 9007199254740991])}::bigint[], ${bareTextArray(['2026-03-01T00:00:00.123Z', null, '2026-03-01T08:00:00+08:00'])}::timestamptz[],
          ${bareTextArray(['child', 'in_transit', null])}::text[]) as x(i, t, c)`.execute(database.db);
      expect(r.rows.map((x) => [x.i === null ? null : String(x.i), x.t === null ? null : new Date(x.t).toISOString(), x.c])).toEqual([
        ['1', '2026-03-01T00:00:00.123Z', 'child'], [null, null, 'in_transit'], ['9007199254740991', '2026-03-01T00:00:00.000Z', null],
      ]);
    } finally {
      await testDb.drop();
    }
  });

  it('refuses values that would need quoting instead of sending them unescaped', () => {
    expect(() => bareTextArray(['a,b'])).toThrow(RangeError);
    expect(() => bareTextArray(['x"y'])).toThrow(RangeError);
    expect(() => bareTextArray(['NULL'])).toThrow(RangeError);
    expect(() => bareTextArray(['with space'])).toThrow(RangeError);
    expect(() => intArray([1.5])).toThrow(RangeError);
    expect(intArray([])).toBe('{}');
  });
});
