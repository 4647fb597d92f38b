import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { migrate } from './db/migrate.ts';
import { backfillNameSortKeys } from './db/name-sort-backfill.ts';
import { syncRegions } from './features/regions/regions.service.ts';
import { DEMO_PASSWORD, generateDemoWorld } from './demo/demo-world.ts';
import { loadDemoWorld } from './demo/load-demo-world.ts';
import { rebuildProjections } from './features/trace/projections.ts';
import { startAlertWorker } from './features/alerts/alert-worker.ts';
import { startRiskScheduler } from './features/risk/risk-scheduler.ts';

/**
 * `lianjian <command>`: serve (default), migrate, demo [--scale N], verify-audit, rebuild-projections.
 * Exit codes: 0 ok, 1 failure, 2 bad configuration or usage, 3 audit chain broken.
 */
const USAGE = `usage: lianjian <serve|migrate|demo|verify-audit|rebuild-projections> [--scale N] [--seed N]`;

function progressBar(done: number, total: number, stage: string): void {
  if (!process.stdout.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${stage.padEnd(14)}`);
  if (done === total) process.stdout.write('\n');
}

/**
 * While the embedded database is being prepared in a child process, answer /healthz (up) and
 * everything else with 503 "starting", so a load balancer or a curious user sees progress.
 */
function startingServer(port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    const up = req.url === '/healthz';
    res.writeHead(up ? 200 : 503, { 'content-type': up ? 'application/json' : 'application/problem+json; charset=utf-8', 'retry-after': '2' });
    res.end(JSON.stringify(up ? { status: 'ok' } : { status: 503, code: 'starting', title: '平台正在启动 / The platform is starting', stage: 'preparing the database' }));
  });
  return new Promise((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve(server)));
}

/** Runs `lianjian demo` in a child process: the bulk load's memory (PGlite's WebAssembly heap never shrinks) leaves with it. */
function loadDemoInChild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? '', 'demo'], { stdio: 'inherit', env: process.env });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`demo loading failed with exit code ${code}`))));
  });
}

async function serve(config: Config): Promise<void> {
  const started = Date.now();
  if (config.demo && !config.databaseUrl) {
    const placeholder = await startingServer(config.port, config.host);
    await loadDemoInChild();
    await new Promise((r) => placeholder.close(r));
  }
  const deps = await bootstrap(config);
  if (config.demo && config.databaseUrl) {
    const result = await loadDemoWorld(deps, { scale: config.demoScale, onProgress: progressBar });
    if (result.loaded) console.log(`Demo world loaded: ${JSON.stringify(result.counts)}`);
  }
  const app = await buildApp({ deps, logger: config.logLevel !== 'silent' });
  await app.listen({ port: config.port, host: config.host });
  // Compliance rules as data arrives, escalation and outbound delivery (issue 5).
  const alertWorker = startAlertWorker(deps);
  // Statistical risk runs on a schedule (issue 5 §5; LIANJIAN_RISK_RUN_MINUTES, 0 = off).
  const riskScheduler = config.riskRunMinutes ? startRiskScheduler(deps, config.riskRunMinutes, (m) => app.log.info(m)) : undefined;
  const address = `http://localhost:${(app.server.address() as { port: number }).port}`;
  const close = async () => {
    riskScheduler?.stop();
    await alertWorker.stop();
    await app.close();
    await deps.database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  console.log(`Lianjian 链监 listening on ${address} (database: ${deps.database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})`);
  if (config.demo) {
    console.log(`\nDemo accounts (password ${DEMO_PASSWORD}):`);
    for (const u of generateDemoWorld({ scale: config.demoScale }).users) console.log(`  ${u.username.padEnd(18)} ${u.description}`);
  }
  console.log(`\nReady in ${((Date.now() - started) / 1000).toFixed(1)} s — open ${address}/ (API docs: ${address}/docs); memory ${Math.round(process.memoryUsage().rss / 1e6)} MB RSS`);
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
      const keyed = await backfillNameSortKeys(deps.db);
      const regions = await syncRegions(deps.db);
      console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
      if (keyed) console.log(`Pinyin sort keys: ${keyed} names keyed.`);
      console.log(`Regions: ${regions.added} added, ${regions.closed} withdrawn.`);
      await deps.database.close();
      return 0;
    }
    case 'demo': {
      // A bulk load that closes cleanly at the end: PGlite need not flush after every statement.
      const deps = await bootstrap(config, { relaxedDurability: true });
      const scale = values.scale ? Number(values.scale) : config.demoScale;
      const result = await loadDemoWorld(deps, { scale, ...(values.seed ? { seed: Number(values.seed) } : {}), onProgress: progressBar });
      console.log(result.loaded ? `Demo world loaded: ${result.counts.organizations} organisations, ${result.counts.products} products, ${result.counts.users} accounts.` : 'Demo world already loaded in this database.');
      if (result.loaded) {
        const c = result.capture;
        console.log(`EPCIS events captured: ${c.accepted} accepted, ${c.duplicates} duplicates, ${c.rejected} rejected, ${c.violations} rule violations kept as evidence (${c.documents} documents).`);
        console.log(`Stage times: ${Object.entries(result.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}.`);
      }
      await deps.database.close();
      return 0;
    }
    case 'rebuild-projections': {
      const deps = await bootstrap(config);
      const started = Date.now();
      const result = await rebuildProjections(deps.db, { onProgress: (p) => progressBar(p.done, p.total, p.stage) });
      console.log(`Projections rebuilt from the event store: ${result.lots} lots, objects up to id ${result.objects}, in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
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
