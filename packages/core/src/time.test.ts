import { describe, expect, it } from 'vitest';
import { shanghaiDate, toShanghaiIso } from './time.ts';

describe('Asia/Shanghai display helpers', () => {
  it('formats instants with +08:00 to the second and finds the Shanghai civil date', () => {
    expect(toShanghaiIso(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01T08:00:00+08:00');
    expect(toShanghaiIso(new Date('2026-02-20T15:59:59.999Z'))).toBe('2026-02-20T23:59:59+08:00');
    expect(shanghaiDate(new Date('2026-01-01T17:00:00Z'))).toBe('2026-01-02');
    expect(shanghaiDate(new Date('2026-01-01T15:59:59Z'))).toBe('2026-01-01');
  });
});
