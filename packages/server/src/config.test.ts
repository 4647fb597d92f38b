import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from LIANJIAN_* variables', () => {
  it('has the documented defaults: port 8080, ./data, demo on for the embedded database', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, databaseUrl: undefined, demo: true, demoScale: 1, cookieSecure: false });
    expect(c.dataDir.endsWith('/data')).toBe(true);
  });

  it('turns the demo off by default on PostgreSQL and requires an audit key there', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/lianjian' })).toThrow(/LIANJIAN_AUDIT_KEY/);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/lianjian', LIANJIAN_AUDIT_KEY: 'k'.repeat(32) }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/lianjian', LIANJIAN_AUDIT_KEY: 'k'.repeat(32), LIANJIAN_DEMO: 'on' }).demo).toBe(true);
  });

  it('lists every invalid variable with what it expects', () => {
    try {
      loadConfig({ LIANJIAN_PORT: 'eighty', DATABASE_URL: 'mysql://x', LIANJIAN_DEMO: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/LIANJIAN_PORT/);
      expect(problems).toMatch(/DATABASE_URL: must be a postgres/);
      expect(problems).toMatch(/LIANJIAN_DEMO/);
    }
  });
});
