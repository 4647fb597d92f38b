// Bundles the server and core (our TypeScript only; node_modules stay external) into one ESM file,
// so `npm start` runs plain Node without a TypeScript loader: faster start, less memory.
import { build } from 'esbuild';

const started = Date.now();
await build({
  entryPoints: ['packages/server/src/cli.ts'],
  outfile: 'packages/server/dist/cli.mjs',
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
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@lianjian/') ? undefined : { path: args.path, external: true }));
      },
    },
  ],
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __lianjianCreateRequire } from 'node:module'; const require = __lianjianCreateRequire(import.meta.url);" },
});
console.log(`server built in ${Date.now() - started} ms`);
