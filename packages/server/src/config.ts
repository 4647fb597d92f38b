import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Typed settings from the environment, validated once at start. Every problem is listed with the
 * variable's name and what it expects, so a misconfigured deployment fails loudly and clearly.
 */
const boolean = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const schema = z.object({
  LIANJIAN_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LIANJIAN_HOST: z.string().default('0.0.0.0'),
  LIANJIAN_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  LIANJIAN_DEMO: boolean.optional(),
  LIANJIAN_DEMO_SCALE: z.coerce.number().min(0.01).max(1000).default(1),
  LIANJIAN_AUDIT_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  LIANJIAN_PII_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  LIANJIAN_COOKIE_SECURE: boolean.default(false),
  LIANJIAN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LIANJIAN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LIANJIAN_LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  LIANJIAN_TRUST_PROXY: boolean.default(false),
  LIANJIAN_PGLITE_SHARED_BUFFERS: z.string().regex(/^\d+(kB|MB|GB)$/, 'must be a size such as 16MB').default('16MB'),
  LIANJIAN_ALERT_TICK_MS: z.coerce.number().int().min(100).max(600_000).default(1000),
  LIANJIAN_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  LIANJIAN_ALERT_MAIL_FROM: z.string().default('链监预警 <alerts@lianjian.local>'),
  LIANJIAN_ATTACHMENT_DIR: z.string().optional(),
  LIANJIAN_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(20 * 1024 * 1024),
  LIANJIAN_RISK_RUN_MINUTES: z.coerce.number().min(0).max(7 * 24 * 60).default(15),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Load the demo world on first start (default: on for the embedded database only). */
  demo: boolean;
  demoScale: number;
  /** Key of the audit chain's HMAC-SM3. Derived and stored in the data dir when not given (embedded use only). */
  auditKey: string | undefined;
  /**
   * Key of the patients' personal data (SM4 encryption, HMAC-SM3 pseudonyms). Generated and stored in
   * the data dir when not given (embedded use); on PostgreSQL without it, derived from the audit key.
   */
  piiKey: string | undefined;
  cookieSecure: boolean;
  logLevel: string;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  trustProxy: boolean;
  pgliteSharedBuffers: string;
  /** Minutes between scheduled statistical risk runs under `serve` (0 = none); default 15. */
  riskRunMinutes?: number;
  /** Alert engine loop interval (ms): rule alerts reach the inbox within about one interval. */
  alertTickMs?: number;
  /** SMTP server for alert e-mail (smtp://user:pass@host:port); no e-mail without it. Never logged. */
  smtpUrl?: string | undefined;
  alertMailFrom?: string;
  /** Where attachments (process documents) are stored, by content hash; default `<data dir>/attachments`. */
  attachmentDir: string;
  /** Largest accepted attachment (413 beyond). */
  attachmentMaxBytes: number;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration / 配置错误:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Reads the configuration from an environment (process.env by default). Throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !e.LIANJIAN_AUDIT_KEY) {
    throw new ConfigError(['LIANJIAN_AUDIT_KEY: required with DATABASE_URL (the audit chain key must not live on the database server)']);
  }
  return {
    port: e.LIANJIAN_PORT,
    host: e.LIANJIAN_HOST,
    dataDir: resolve(e.LIANJIAN_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.LIANJIAN_DEMO ?? !e.DATABASE_URL,
    demoScale: e.LIANJIAN_DEMO_SCALE,
    auditKey: e.LIANJIAN_AUDIT_KEY,
    piiKey: e.LIANJIAN_PII_KEY,
    cookieSecure: e.LIANJIAN_COOKIE_SECURE,
    logLevel: e.LIANJIAN_LOG_LEVEL,
    rateLimitPerMinute: e.LIANJIAN_RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.LIANJIAN_LOGIN_RATE_LIMIT_PER_MINUTE,
    trustProxy: e.LIANJIAN_TRUST_PROXY,
    pgliteSharedBuffers: e.LIANJIAN_PGLITE_SHARED_BUFFERS,
    alertTickMs: e.LIANJIAN_ALERT_TICK_MS,
    smtpUrl: e.LIANJIAN_SMTP_URL,
    alertMailFrom: e.LIANJIAN_ALERT_MAIL_FROM,
    attachmentDir: resolve(e.LIANJIAN_ATTACHMENT_DIR ?? `${resolve(e.LIANJIAN_DATA_DIR)}/attachments`),
    attachmentMaxBytes: e.LIANJIAN_ATTACHMENT_MAX_BYTES,
    riskRunMinutes: e.LIANJIAN_RISK_RUN_MINUTES,
  };
}
