// Bundles the server and core (our TypeScript only; node_modules stay external) into one ESM file,
// so `npm start` runs plain Node without a TypeScript loader: faster start, less memory.
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const OUTFILE = 'packages/server/dist/cli.mjs';
const fromDist = createRequire(resolve(OUTFILE));
/**
 * A workspace package may depend on another major version of a package than the one hoisted to the
 * root node_modules (core uses ajv 8 from packages/core/node_modules; the root has eslint's ajv 6).
 * The bundle imports bare names from dist/, which would pick the root copy: import such a package by
 * its path relative to dist/ instead, so each workspace package keeps its own dependency.
 */
function ownCopy(name, resolveDir) {
  try {
    const own = createRequire(join(resolveDir, 'index.js')).resolve(name);
    if (own === fromDist.resolve(name)) return null;
    const path = relative(dirname(resolve(OUTFILE)), own).split('\\').join('/');
    return path.startsWith('.') ? path : `./${path}`;
  } catch {
    return null; // ESM-only or not installed where we look: leave the bare name
  }
}

const started = Date.now();
await build({
  entryPoints: ['packages/server/src/cli.ts'],
  outfile: OUTFILE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [
    {
      // Third-party packages stay in node_modules (native addons, WebAssembly, JSON data); our
      // workspace packages (@lianjian/*) are TypeScript sources and get bundled.
      name: 'externalise-dependencies',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@lianjian/') ? undefined : { path: ownCopy(args.path, args.resolveDir) ?? args.path, external: true }));
      },
    },
  ],
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __lianjianCreateRequire } from 'node:module'; const require = __lianjianCreateRequire(import.meta.url);" },
});
console.log(`server built in ${Date.now() - started} ms`);
