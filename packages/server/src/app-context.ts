import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { DB } from './db/schema.ts';
import type { AuditService } from './features/audit/audit.service.ts';

/** What services share: the database, the audit chain and the configuration. Built once in app.ts. */
export interface AppDeps {
  database: Database;
  db: Kysely<DB>;
  audit: AuditService;
  config: Config;
}
