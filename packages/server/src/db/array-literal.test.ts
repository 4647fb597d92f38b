import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/test-database.ts';
import { bareTextArray, boolArray, floatArray, intArray, textArray } from './array-literal.ts';

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

  it('round-trips any text (quoted, escaping only what needs it), booleans and floats', async () => {
    const texts = ['plain', '', 'NULL', 'null', 'a,b', '{x}', 'with space', 'quote " inside', 'back\\slash', '\\"', '换行\n和制表\t', 'https://id.gs1.org/01/06980099000012/21/A1', '{"type":"ObjectEvent"}', ' padded ', null];
    expect(textArray(['a', null, 'b c', 'x"y', ' padded '])).toBe('{"a",NULL,"b c","x\\"y"," padded "}');
    // Without nulls or characters to escape, the same literal by one join.
    expect(textArray(['a', 'b c', ' padded '])).toBe('{"a","b c"," padded "}');
    expect(textArray(['only'])).toBe('{"only"}');
    expect(textArray([])).toBe('{}');
    const testDb = await createTestDatabase();
    try {
      const r = await sql<{ t: string | null; b: boolean | null; f: number | null }>`
        select * from unnest(${textArray(texts)}::text[], ${boolArray(texts.map((_, i) => (i % 3 === 2 ? null : i % 3 === 0)))}::boolean[],
          ${floatArray(texts.map((_, i) => (i === 1 ? null : i === 2 ? Number.POSITIVE_INFINITY : i * 0.25 - 1)))}::float8[]) as x(t, b, f)`.execute(testDb.database.db);
      expect(r.rows.map((x) => x.t)).toEqual(texts);
      const plain = ['a', 'b c', ' padded ', 'https://id.gs1.org/01/06980099000012/21/A1', '换行\n', 'NULL', ''];
      const back = await sql<{ t: string }>`select unnest(${textArray(plain)}::text[]) as t`.execute(testDb.database.db);
      expect(back.rows.map((x) => x.t)).toEqual(plain);
      expect(r.rows.map((x) => x.b)).toEqual(texts.map((_, i) => (i % 3 === 2 ? null : i % 3 === 0)));
      expect(r.rows.map((x) => (x.f === null ? null : Number(x.f)))).toEqual(texts.map((_, i) => (i === 1 ? null : i === 2 ? Number.POSITIVE_INFINITY : i * 0.25 - 1)));
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
