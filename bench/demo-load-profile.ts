/**
 * Where the quick start's demo load spends its time: loads the demo world into an in-memory PGlite
 * and reports, per stage, the statements that took the most time in total (text normalised, counts,
 * total and max milliseconds). `npm run bench:demo-load` (`-- --top N`, `-- --scale S`).
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../packages/server/src/config.ts';
import { bootstrap } from '../packages/server/src/bootstrap.ts';
import { loadDemoWorld } from '../packages/server/src/demo/load-demo-world.ts';

const { values } = parseArgs({ options: { top: { type: 'string', default: '12' }, scale: { type: 'string' } } });
const top = Number(values.top);
const config = { ...loadConfig(), databaseUrl: undefined, dataDir: `/tmp/lianjian-demo-profile-${process.pid}` };
const deps = await bootstrap(config, { relaxedDurability: true });
const pglite = deps.database.pglite;
if (!pglite) throw new Error('PGlite only');

let stage = 'masterData';
const stats = new Map<string, { stage: string; text: string; n: number; ms: number; max: number }>();
const wrap = (name: 'query' | 'exec') => {
  const original = (pglite[name] as (...a: unknown[]) => Promise<unknown>).bind(pglite);
  (pglite as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await original(...args);
    } finally {
      const ms = performance.now() - started;
      const text = String(args[0]).replace(/\s+/g, ' ').replace(/\$\d+/g, '$').slice(0, 160);
      const key = `${stage}|${text}`;
      const s = stats.get(key) ?? { stage, text, n: 0, ms: 0, max: 0 };
      s.n++;
      s.ms += ms;
      s.max = Math.max(s.max, ms);
      stats.set(key, s);
    }
  };
};
wrap('query');
wrap('exec');

const result = await loadDemoWorld(deps, {
  ...(values.scale ? { scale: Number(values.scale) } : {}),
  onStage: (s) => { stage = s; },
});
console.log(`Stage times: ${Object.entries(result.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
const byStage = new Map<string, typeof stats extends Map<string, infer V> ? V[] : never>();
for (const s of stats.values()) byStage.set(s.stage, [...(byStage.get(s.stage) ?? []), s]);
for (const [name, list] of byStage) {
  const total = list.reduce((a, s) => a + s.ms, 0);
  console.log(`\n== ${name}: ${list.reduce((a, s) => a + s.n, 0)} statements, ${(total / 1000).toFixed(2)} s in the database`);
  for (const s of list.sort((a, b) => b.ms - a.ms).slice(0, top)) console.log(`${s.ms.toFixed(0).padStart(7)} ms ${String(s.n).padStart(5)}× max ${s.max.toFixed(1).padStart(6)}  ${s.text}`);
}
await deps.database.close();
rmSync(config.dataDir, { recursive: true, force: true });
