// CPU cost of capturing one 1,000-event EPCIS JSON document, stage by stage, without a database
// (issue 3): JSON.parse, schema + rule validation, the event hash of every event and the identity of
// every distinct EPC, as capture.service runs them. Documents have the shape of trace-bench's
// capture documents: units commissioned, packed into cartons, cartons into pallets, pallets shipped
// and received (~4,800 distinct EPCs, Digital Links).
//
// Run: npm run bench:capture-cpu -- --docs 12 --warmup 3
import { parseArgs } from 'node:util';
import { withGs1CheckDigit } from '@lianjian/core';
import { validateEpcisJson } from '@lianjian/core/epcis/index';
import { listObjects, objectIdentity } from '../packages/server/src/features/epcis/epcis-identifiers.ts';
import { serverEventHash } from '../packages/server/src/features/epcis/event-hash.ts';
import { captureDocument } from './capture-document.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '12' }, warmup: { type: 'string', default: '3' } } });
const DOCS = Math.max(10, Number(values.docs));
const WARMUP = Number(values.warmup);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const gtin = withGs1CheckDigit('0698009900001');
const mfrGln = withGs1CheckDigit('698009900000');
const distGln = withGs1CheckDigit('698009900010');
const texts = Array.from({ length: WARMUP + DOCS }, (_, d) => captureDocument(d, gtin, mfrGln, distGln).text);

const stages = ['JSON.parse', 'validateEpcisJson', 'serverEventHash ×1000', 'objectIdentity (distinct)', 'total'] as const;
const times: Record<(typeof stages)[number], number[]> = Object.fromEntries(stages.map((s) => [s, []])) as never;
// CPU time of the process (user + system, ms) next to wall time: other processes share this
// machine's cores, and CPU time is what they disturb least.
const cpuTimes: Record<(typeof stages)[number], number[]> = Object.fromEntries(stages.map((s) => [s, []])) as never;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let epcs = 0;
let checksum = 0;
texts.forEach((text, d) => {
  const c0 = cpu();
  const t0 = performance.now();
  const json = JSON.parse(text) as unknown;
  const t1 = performance.now();
  const c1 = cpu();
  const validated = validateEpcisJson(json);
  if (!validated.ok) throw new Error(`document ${d} invalid: ${JSON.stringify(validated.issues.slice(0, 3))}`);
  const doc = validated.value;
  const t2 = performance.now();
  const c2 = cpu();
  const options = { namespaces: doc.namespaces, ignoreFields: doc.ignoreFields };
  for (const e of doc.events) checksum += serverEventHash(e.event, options).charCodeAt(20);
  const t3 = performance.now();
  const c3 = cpu();
  // capture-rules caches identities per document, so each distinct code is resolved once.
  const identities = new Map<string, ReturnType<typeof objectIdentity>>();
  for (const e of doc.events) for (const o of listObjects(e.event)) if (!identities.has(o.code)) identities.set(o.code, objectIdentity(o.code));
  const t4 = performance.now();
  const c4 = cpu();
  for (const id of identities.values()) if (id.kind === 'other') throw new Error(`unparsed code ${id.code}`);
  if (d < WARMUP) return;
  epcs = identities.size;
  times['JSON.parse'].push(t1 - t0);
  times.validateEpcisJson.push(t2 - t1);
  times['serverEventHash ×1000'].push(t3 - t2);
  times['objectIdentity (distinct)'].push(t4 - t3);
  times.total.push(t4 - t0);
  cpuTimes['JSON.parse'].push(c1 - c0);
  cpuTimes.validateEpcisJson.push(c2 - c1);
  cpuTimes['serverEventHash ×1000'].push(c3 - c2);
  cpuTimes['objectIdentity (distinct)'].push(c4 - c3);
  cpuTimes.total.push(c4 - c0);
});

console.log(`capture CPU per 1,000-event document (${DOCS} documents after ${WARMUP} warm-up, ${epcs} distinct EPCs each; checksum ${checksum})`);
console.log(`  ${'stage'.padEnd(28)} ${'wall median'.padStart(12)} ${'wall min'.padStart(9)} ${'CPU median'.padStart(11)}   (ms)`);
for (const s of stages) {
  console.log(`  ${s.padEnd(28)} ${median(times[s]).toFixed(1).padStart(12)} ${Math.min(...times[s]).toFixed(1).padStart(9)} ${median(cpuTimes[s]).toFixed(1).padStart(11)}`);
}
const total = median(times.total);
console.log(`  → ${Math.round(1_000_000 / total).toLocaleString()} events/s for these stages on one core`);
