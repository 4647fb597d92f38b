import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root, found by walking up from this module to the folder holding
 * `packages/server`. The same answer whether the server runs from source (tsx, vitest) or from
 * the bundle in packages/server/dist, so files shipped beside the code are found either way.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'packages', 'server', 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the Lianjian repository root');
}

export const ROOT = findRoot();
export const MIGRATIONS_DIR = join(ROOT, 'packages/server/src/db/migrations');
/** The built web app (`vite build` in packages/web); served at `/` when present. */
export const WEB_ROOT = join(ROOT, 'packages/web/dist');
export const CONFORMANCE_DIR = join(ROOT, 'conformance');
