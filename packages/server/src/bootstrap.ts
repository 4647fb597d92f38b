import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDeps } from './app-context.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { backfillNameSortKeys } from './db/name-sort-backfill.ts';
import { AuditService } from './features/audit/audit.service.ts';
import { syncCalendar } from './features/calendar/calendar.service.ts';
import { syncRegions } from './features/regions/regions.service.ts';

/**
 * The audit key: from LIANJIAN_AUDIT_KEY, or (embedded database only) generated once and kept in the
 * data directory with owner-only permissions. It is never logged.
 */
function auditKeyFor(config: Config): string {
  if (config.auditKey) return config.auditKey;
  const file = join(config.dataDir, 'audit.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * The key of patients' personal data: from LIANJIAN_PII_KEY, or (embedded database) generated once
 * into the data directory like the audit key. On PostgreSQL without it, it is derived from the audit
 * key (HMAC-SM3 with its own label), so it never lives on the database server either. Changing the
 * key later makes stored identities unreadable and new pseudonyms differ from old ones: set it once.
 */
function piiKeyFor(config: Config, auditKey: string): string {
  if (config.piiKey) return config.piiKey;
  if (config.databaseUrl) return createHmac('sm3', auditKey).update('lianjian/pii-key/v1').digest('hex');
  const file = join(config.dataDir, 'pii.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** Opens the database, applies migrations and reference data, and returns the shared dependencies. */
export async function bootstrap(config: Config, options: { migrate?: boolean; relaxedDurability?: boolean } = {}): Promise<AppDeps> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite'), pgliteSharedBuffers: config.pgliteSharedBuffers, relaxedDurability: options.relaxedDurability });
  const auditKey = auditKeyFor(config);
  const deps: AppDeps = { database, db: database.db, audit: new AuditService(auditKey), config: { ...config, piiKey: piiKeyFor(config, auditKey) } };
  if (options.migrate !== false) {
    await migrate(database);
    await backfillNameSortKeys(database.db);
    await syncRegions(database.db);
    await syncCalendar(database.db);
  }
  return deps;
}
