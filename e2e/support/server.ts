import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A real server as `npm start` runs it (the CLI's `serve`), on a free port and a fresh temporary
 * data dir, with the demo world loaded; the web app it serves is the built packages/web/dist.
 * LIANJIAN_E2E_URL points the suite at a server that is already running instead.
 */
export async function startServer(): Promise<RunningServer> {
  if (process.env.LIANJIAN_E2E_URL) return { url: process.env.LIANJIAN_E2E_URL, close: async () => undefined };
  if (!existsSync(join(ROOT, 'packages/web/dist/index.html'))) throw new Error('packages/web/dist is missing: run `npx vite build packages/web` first');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'lianjian-e2e-'));
  // The embedded database, whatever the calling shell has set.
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: { ...env, LIANJIAN_PORT: String(port), LIANJIAN_DATA_DIR: dataDir, LIANJIAN_DEMO: 'true', LIANJIAN_LOG_LEVEL: 'warn', LIANJIAN_LOGIN_RATE_LIMIT_PER_MINUTE: '600' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (Date.now() - started < 540_000) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!(await fetch(`${url}/readyz`).then((r) => r.ok, () => false))) throw new Error(`the server did not get ready:\n${log}`);
  return {
    url,
    async close() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
