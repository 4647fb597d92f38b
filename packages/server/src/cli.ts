import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { migrate } from './db/migrate.ts';
import type { Readiness } from './features/health/health.routes.ts';
import { DEMO_PASSWORD } from './demo/demo-world.ts';
import { loadDemoWorld } from './demo/load-demo-world.ts';

/**
 * `lianjian <command>`: serve (default), migrate, demo [--scale N], verify-audit.
 * Exit codes: 0 ok, 1 failure, 2 bad configuration or usage, 3 audit chain broken.
 */
const USAGE = `usage: lianjian <serve|migrate|demo|verify-audit> [--scale N] [--seed N]`;

function progressBar(done: number, total: number, stage: string): void {
  if (!process.stdout.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${stage.padEnd(14)}`);
  if (done === total) process.stdout.write('\n');
}

async function serve(config: Config): Promise<void> {
  const started = Date.now();
  const readiness: Readiness = { ready: false, stage: 'migrating' };
  const deps = await bootstrap(config, { migrate: false });
  const app = await buildApp({ deps, readiness, logger: config.logLevel !== 'silent' });
  await app.listen({ port: config.port, host: config.host });
  const address = `http://localhost:${(app.server.address() as { port: number }).port}`;
  console.log(`Lianjian 链监 listening on ${address} (database: ${deps.database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})`);
  const close = async () => {
    await app.close();
    await deps.database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);

  await migrate(deps.database);
  const { syncRegions } = await import('./features/regions/regions.service.ts');
  await syncRegions(deps.db);
  if (config.demo) {
    readiness.stage = 'loading demo world';
    const result = await loadDemoWorld(deps, { scale: config.demoScale, onProgress: progressBar });
    if (result.loaded) console.log(`Demo world loaded: ${result.counts.organizations} organisations, ${result.counts.products} products, ${result.counts.users} accounts.`);
    console.log(`\nDemo accounts (password ${DEMO_PASSWORD}):`);
    for (const u of result.world.users) console.log(`  ${u.username.padEnd(18)} ${u.description}`);
  }
  readiness.ready = true;
  delete readiness.stage;
  console.log(`\nReady in ${((Date.now() - started) / 1000).toFixed(1)} s — open ${address}/ (API docs: ${address}/docs)`);
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { scale: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const command = positionals[0] ?? 'serve';
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keep running
    case 'migrate': {
      const deps = await bootstrap(config, { migrate: false });
      const applied = await migrate(deps.database);
      const { syncRegions } = await import('./features/regions/regions.service.ts');
      const regions = await syncRegions(deps.db);
      console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
      console.log(`Regions: ${regions.added} added, ${regions.closed} withdrawn.`);
      await deps.database.close();
      return 0;
    }
    case 'demo': {
      const deps = await bootstrap(config);
      const scale = values.scale ? Number(values.scale) : config.demoScale;
      const result = await loadDemoWorld(deps, { scale, ...(values.seed ? { seed: Number(values.seed) } : {}), onProgress: progressBar });
      console.log(result.loaded ? `Demo world loaded: ${JSON.stringify(result.counts)}` : 'The demo world was already loaded in this database.');
      await deps.database.close();
      return 0;
    }
    case 'verify-audit': {
      const deps = await bootstrap(config, { migrate: false });
      const result = await deps.audit.verify(deps.db);
      await deps.database.close();
      if (result.broken) {
        console.error(`Audit chain BROKEN at entry ${result.broken.id} (${result.broken.reason}); ${result.checked} entries before it are intact.`);
        console.error(`审计日志链在第 ${result.broken.id} 条断开（${result.broken.reason}）。`);
        return 3;
      }
      console.log(`Audit chain intact: ${result.checked} entries verified (HMAC-SM3). 审计日志链完整。`);
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
