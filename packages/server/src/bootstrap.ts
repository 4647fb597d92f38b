import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDeps } from './app-context.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
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

/** Opens the database, applies migrations and reference data, and returns the shared dependencies. */
export async function bootstrap(config: Config, options: { migrate?: boolean } = {}): Promise<AppDeps> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite'), pgliteSharedBuffers: config.pgliteSharedBuffers });
  const deps: AppDeps = { database, db: database.db, audit: new AuditService(auditKeyFor(config)), config };
  if (options.migrate !== false) {
    await migrate(database);
    await syncRegions(database.db);
    await syncCalendar(database.db);
  }
  return deps;
}
