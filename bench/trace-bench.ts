// Trace and recall-scope benchmark (issue 3). Generates a synthetic chain straight into the event
// store with INSERT … SELECT unnest (not through HTTP): units commissioned per carton, cartons packed
// into pallets, pallets shipped to tier-1 distributors, cartons to tier-2 distributors and on to
// hospitals, units used there; some cartons left in stock or in transit. Then rebuilds the
// projections and measures trace of 1,000 random units (p50 / p99) and recall scope of one lot.
//
// Run: npm run bench:trace -- --scale 200000            (PGlite in a temporary data directory)
//      DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:trace -- --scale 200000
//      (creates and drops a scratch database next to the one named; `--keep` keeps it and prints its
//      name, `--reuse NAME` measures a kept one again without generating (`--rebuild` re-derives its
//      projections first): a 5-million-event world
//      takes half an hour to generate and project, its measurements a minute)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { withGs1CheckDigit } from '@lianjian/core';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { AppDeps } from '../packages/server/src/app-context.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { openDatabase, type Database } from '../packages/server/src/db/database.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { backfillNameSortKeys } from '../packages/server/src/db/name-sort-backfill.ts';
import type { DB } from '../packages/server/src/db/schema.ts';
import { AuditService } from '../packages/server/src/features/audit/audit.service.ts';
import type { RequestContext } from '../packages/server/src/features/auth/actor.ts';
import { rebuildProjections } from '../packages/server/src/features/trace/projections.ts';
import { RecallScopeService } from '../packages/server/src/features/trace/recall-scope.service.ts';
import { TraceService } from '../packages/server/src/features/trace/trace.service.ts';
import { buildApp } from '../packages/server/src/app.ts';
import { syncRegions } from '../packages/server/src/features/regions/regions.service.ts';
import { makeLicense, makeOrganization, makeProduct, makeUser, PASSWORD, reserveFixtureNumbers } from '../packages/server/src/test/fixtures.ts';
import { traceRepository } from '../packages/server/src/features/trace/trace.repository.ts';
import { captureDocument } from './capture-document.ts';
import { ownCpuMs, postgresCpuMs } from './process-cpu.ts';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '200000' }, samples: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' }, 'capture-docs': { type: 'string', default: '10' }, 'capture-clients': { type: 'string', default: '1' }, keep: { type: 'boolean', default: false }, reuse: { type: 'string' }, rebuild: { type: 'boolean', default: false } },
});
const CAPTURE_DOCS = Number(values['capture-docs']);
const CAPTURE_CLIENTS = Math.max(1, Number(values['capture-clients']));
const TARGET_EVENTS = Number(values.scale);
const SAMPLES = Number(values.samples);
const RUNS = Number(values.runs);

const UNITS_PER_CARTON = 10;
const CARTONS_PER_PALLET = 10;
const PALLETS_PER_LOT = 100; // 10,000 units per lot
const TIER1 = 10;
const TIER2 = 40;
const HOSPITALS = 300;
// Events per carton: commission, pack, ship t1→t2, receive, ship t2→hospital, receive, unpack, ~5 uses; per pallet 4 more.
const EVENTS_PER_CARTON = 12 + 4 / CARTONS_PER_PALLET;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? Number.NaN;

async function open(): Promise<{ database: Database; cleanup: () => Promise<void>; label: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = values.reuse ?? `lianjian_bench_${process.pid}`;
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`--reuse takes a database name of [a-z0-9_], got ${name}`);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    if (!values.reuse) await admin.query(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
    const keep = values.keep || values.reuse !== undefined;
    return {
      database, label: 'PostgreSQL',
      cleanup: async () => {
        await database.close();
        if (keep) console.log(`kept database ${name} (measure again: --reuse ${name}; drop it with: psql -c 'drop database ${name}')`);
        else await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  if (values.reuse) throw new Error('--reuse needs DATABASE_URL (PostgreSQL)');
  const dir = mkdtempSync(join(tmpdir(), 'lianjian-bench-'));
  const database = await openDatabase({ dataDir: dir, pgliteSharedBuffers: '128MB' });
  return { database, label: 'PGlite (file-backed)', cleanup: async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); } };
}

interface Ev { id: number; type: string; time: number; action: string; step: string; disp: string; loc: number; src: number | null; dst: number | null }

async function generate(db: Kysely<DB>): Promise<{ events: number; eventObjects: number; units: number; lots: string[]; gtin: string; seconds: number }> {
  const started = performance.now();
  const orgIds: number[] = [];
  const mkOrgs = async (type: string, n: number, region: (i: number) => string) => {
    const r = await sql<{ id: number }>`
      insert into organizations (type, name, region_code, gln)
      select ${type}, ${type} || ' ' || i, r, g from unnest(${Array.from({ length: n }, (_, i) => i)}::int[], ${Array.from({ length: n }, (_, i) => region(i))}::text[],
        ${Array.from({ length: n }, () => withGs1CheckDigit(`69${String(orgIds.length + Math.floor(Math.random() * 1e10)).padStart(10, '0')}`))}::text[]) as x(i, r, g)
      returning id`.execute(db);
    const ids = r.rows.map((x) => Number(x.id));
    orgIds.push(...ids);
    return ids;
  };
  const regions = ['330106', '330212', '330302', '320102', '440103', '110101'];
  const [mfr] = await mkOrgs('manufacturer', 1, () => '330106');
  const t1 = await mkOrgs('distributor', TIER1, (i) => regions[i % regions.length] as string);
  const t2 = await mkOrgs('distributor', TIER2, (i) => regions[i % regions.length] as string);
  const hospitals = await mkOrgs('institution', HOSPITALS, (i) => regions[i % regions.length] as string);
  // The names' pinyin sort keys, which the app writes with each name and SQL cannot compute.
  await backfillNameSortKeys(db);
  const gtin = withGs1CheckDigit('0698000099999');

  const cartons = Math.max(CARTONS_PER_PALLET, Math.round(TARGET_EVENTS / EVENTS_PER_CARTON / CARTONS_PER_PALLET) * CARTONS_PER_PALLET);
  const pallets = cartons / CARTONS_PER_PALLET;
  const units = cartons * UNITS_PER_CARTON;
  // Objects: units 1..units, cartons, pallets (ids assigned here, inserted with OVERRIDING SYSTEM VALUE).
  const cartonId = (c: number) => units + 1 + c;
  const palletId = (p: number) => units + cartons + 1 + p;
  const lotOf = (p: number) => `B${String(Math.floor(p / PALLETS_PER_LOT)).padStart(5, '0')}`;
  const CHUNK = 50_000;
  const objCols = { id: [] as number[], kind: [] as string[], code: [] as string[], di: [] as (string | null)[], lot: [] as (string | null)[], serial: [] as (string | null)[] };
  const flushObjects = async () => {
    if (objCols.id.length === 0) return;
    await sql`insert into epc_objects (object_id, kind, code, di, lot, serial) overriding system value
      select * from unnest(${objCols.id}::bigint[], ${objCols.kind}::text[], ${objCols.code}::text[], ${objCols.di}::text[], ${objCols.lot}::text[], ${objCols.serial}::text[])`.execute(db);
    for (const k of Object.keys(objCols) as (keyof typeof objCols)[]) objCols[k].length = 0;
  };
  for (let u = 0; u < units; u++) {
    const p = Math.floor(u / (UNITS_PER_CARTON * CARTONS_PER_PALLET));
    objCols.id.push(u + 1); objCols.kind.push('sgtin'); objCols.code.push(`gs1:01/${gtin}/21/U${u}`); objCols.di.push(gtin); objCols.lot.push(lotOf(p)); objCols.serial.push(`U${u}`);
    if (objCols.id.length >= CHUNK) await flushObjects();
  }
  for (let c = 0; c < cartons; c++) { objCols.id.push(cartonId(c)); objCols.kind.push('sscc'); objCols.code.push(`gs1:00/C${c}`); objCols.di.push(null); objCols.lot.push(null); objCols.serial.push(null); }
  for (let p = 0; p < pallets; p++) { objCols.id.push(palletId(p)); objCols.kind.push('sscc'); objCols.code.push(`gs1:00/P${p}`); objCols.di.push(null); objCols.lot.push(null); objCols.serial.push(null); }
  await flushObjects();

  const evs: Ev[] = [];
  const eo = { e: [] as number[], o: [] as number[], t: [] as number[], r: [] as string[] };
  let nextEvent = 1;
  let eventCount = 0;
  let eoCount = 0;
  const job = randomUUID();
  const flushEvents = async () => {
    if (evs.length > 0) {
      const c = <T>(f: (e: Ev) => T) => evs.map(f);
      await sql`insert into epcis_events (event_id, event_hash, event_type, event_time, event_time_zone_offset, action, biz_step, disposition, biz_location,
          biz_location_org_id, read_point_org_id, source_org_ids, destination_org_ids, involved_org_ids, capture_job_id, event) overriding system value
        select id, 'bench:' || id, ty, to_timestamp(t), '+08:00', a, s, d, 'urn:epc:id:sgln:bench.' || l, l, l,
          case when src is null then '{}'::bigint[] else array[src] end, case when dst is null then '{}'::bigint[] else array[dst] end,
          array_remove(array[l, src, dst], null), ${job}::uuid,
          case when s = 'shipping' then jsonb_build_object('bizTransactionList', jsonb_build_array(jsonb_build_object('type', 'desadv', 'bizTransaction', 'urn:bench:desadv:' || id))) else '{}'::jsonb end
        from unnest(${c((e) => e.id)}::bigint[], ${c((e) => e.type)}::text[], ${c((e) => e.time)}::float8[], ${c((e) => e.action)}::text[], ${c((e) => e.step)}::text[],
          ${c((e) => e.disp)}::text[], ${c((e) => e.loc)}::bigint[], ${c((e) => e.src)}::bigint[], ${c((e) => e.dst)}::bigint[]) as x(id, ty, t, a, s, d, l, src, dst)`.execute(db);
      eventCount += evs.length;
      evs.length = 0;
    }
    if (eo.e.length > 0) {
      await sql`insert into event_objects (event_id, object_id, event_time, role)
        select e, o, to_timestamp(t), r from unnest(${eo.e}::bigint[], ${eo.o}::bigint[], ${eo.t}::float8[], ${eo.r}::text[]) as x(e, o, t, r)`.execute(db);
      eoCount += eo.e.length;
      for (const k of Object.keys(eo) as (keyof typeof eo)[]) eo[k].length = 0;
    }
  };
  const event = async (type: string, time: number, action: string, step: string, disp: string, loc: number, src: number | null, dst: number | null, objects: [number, string][]) => {
    const id = nextEvent++;
    evs.push({ id, type, time, action, step, disp, loc, src, dst });
    for (const [o, r] of objects) { eo.e.push(id); eo.o.push(o); eo.t.push(time); eo.r.push(r); }
    if (eo.e.length >= CHUNK) await flushEvents();
  };
  const T0 = Date.UTC(2026, 0, 1) / 1000;
  const H = 3600;
  let seed = 42;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let p = 0; p < pallets; p++) {
    const t = T0 + p * 60;
    const d1 = t1[p % TIER1] as number;
    for (let ci = 0; ci < CARTONS_PER_PALLET; ci++) {
      const c = p * CARTONS_PER_PALLET + ci;
      const us = Array.from({ length: UNITS_PER_CARTON }, (_, k) => c * UNITS_PER_CARTON + k + 1);
      await event('ObjectEvent', t + ci, 'ADD', 'commissioning', 'active', mfr as number, null, null, us.map((u) => [u, 'epc']));
      await event('AggregationEvent', t + 20 + ci, 'ADD', 'packing', 'in_progress', mfr as number, null, null, [[cartonId(c), 'parent'], ...us.map((u): [number, string] => [u, 'child'])]);
    }
    const cs = Array.from({ length: CARTONS_PER_PALLET }, (_, ci) => cartonId(p * CARTONS_PER_PALLET + ci));
    await event('AggregationEvent', t + 40, 'ADD', 'packing', 'in_progress', mfr as number, null, null, [[palletId(p), 'parent'], ...cs.map((c): [number, string] => [c, 'child'])]);
    await event('ObjectEvent', t + 1 * H, 'OBSERVE', 'shipping', 'in_transit', mfr as number, mfr as number, d1, [[palletId(p), 'epc']]);
    await event('ObjectEvent', t + 20 * H, 'OBSERVE', 'receiving', 'in_progress', d1, mfr as number, d1, [[palletId(p), 'epc']]);
    await event('AggregationEvent', t + 21 * H, 'DELETE', 'unpacking', 'in_progress', d1, null, null, [[palletId(p), 'parent']]);
    for (let ci = 0; ci < CARTONS_PER_PALLET; ci++) {
      const c = p * CARTONS_PER_PALLET + ci;
      const d2 = t2[rnd(TIER2)] as number;
      const h = hospitals[rnd(HOSPITALS)] as number;
      await event('ObjectEvent', t + 30 * H + ci, 'OBSERVE', 'shipping', 'in_transit', d1, d1, d2, [[cartonId(c), 'epc']]);
      await event('ObjectEvent', t + 50 * H + ci, 'OBSERVE', 'receiving', 'in_progress', d2, d1, d2, [[cartonId(c), 'epc']]);
      if (c % 20 === 0) continue; // stays in stock at tier 2
      await event('ObjectEvent', t + 60 * H + ci, 'OBSERVE', 'shipping', 'in_transit', d2, d2, h, [[cartonId(c), 'epc']]);
      if (c % 20 === 1) continue; // still in transit to the hospital
      await event('ObjectEvent', t + 80 * H + ci, 'OBSERVE', 'receiving', 'in_progress', h, d2, h, [[cartonId(c), 'epc']]);
      const us = Array.from({ length: UNITS_PER_CARTON }, (_, k) => c * UNITS_PER_CARTON + k + 1);
      await event('AggregationEvent', t + 81 * H + ci, 'DELETE', 'unpacking', 'in_progress', h, null, null, [[cartonId(c), 'parent'], ...us.map((u): [number, string] => [u, 'child'])]);
      for (const u of us.slice(0, 5)) await event('ObjectEvent', t + 100 * H + u, 'OBSERVE', 'dispensing', 'dispensed', h, null, null, [[u, 'epc']]);
    }
  }
  await flushEvents();
  await sql`select setval(pg_get_serial_sequence('epcis_events', 'event_id'), ${nextEvent})`.execute(db);
  await sql`select setval(pg_get_serial_sequence('epc_objects', 'object_id'), ${palletId(pallets)})`.execute(db);
  const lots = [...new Set(Array.from({ length: pallets }, (_, p) => lotOf(p)))];
  return { events: eventCount, eventObjects: eoCount, units, lots, gtin, seconds: (performance.now() - started) / 1000 };
}

/** The world of a kept benchmark database, read back from it (units are objects 1…n, as generate() numbers them). */
async function describeKept(db: Kysely<DB>): Promise<Awaited<ReturnType<typeof generate>>> {
  const r = await sql<{ events: number; eo: number; units: number; gtin: string }>`
    select (select count(*) from epcis_events)::bigint as events, (select count(*) from event_objects)::bigint as eo,
      (select count(*) from epc_objects where kind = 'sgtin' and code like 'gs1:01/%/21/U%')::bigint as units, (select di from epc_objects where object_id = 1) as gtin`.execute(db);
  const row = r.rows[0];
  if (!row?.gtin) throw new Error('not a trace-benchmark database: object 1 is missing');
  const lots = await sql<{ lot: string }>`select distinct lot from epc_objects where di = ${row.gtin} and lot like 'B%' order by lot`.execute(db);
  return { events: Number(row.events), eventObjects: Number(row.eo), units: Number(row.units), lots: lots.rows.map((x) => x.lot), gtin: row.gtin, seconds: 0 };
}

/**
 * Capture through the HTTP endpoint (a real socket, 1,000-event documents, fully validated, stored
 * and projected), then raw copies of the same stored rows into empty tables with the same columns
 * and indexes, in the same run (see rawCopy): the events with their (event, object) rows, and every
 * row the capture wrote. The second is the ceiling: no capture that stores those rows can be faster.
 */
async function captureBench(deps: AppDeps, postgres: boolean): Promise<void> {
  const { db } = deps;
  await syncRegions(db);
  // A reused database has the parties and documents of earlier rounds: new fixture numbers, and document
  // numbers 100 apart per round (a document's events are dated by its number, inside the product's registration).
  const earlier = await sql<{ n: number }>`select count(*)::int as n from organizations where name like '测试单位%'`.execute(db);
  const round = Math.floor(Number(earlier.rows[0]?.n ?? 0) / 2);
  reserveFixtureNumbers(round * 10);
  const mfr = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const dist = await makeOrganization(deps, { type: 'distributor', regionCode: '330106' });
  await makeLicense(deps, mfr.id);
  await makeLicense(deps, dist.id, { kind: 'distribution_license' });
  const product = await makeProduct(deps, mfr.id, '6980099');
  const gtin = product.di as string;
  const username = await makeUser(deps, { role: 'regulator', jurisdictionCode: '100000', regulatorLevel: 'national' });
  const app = await buildApp({ deps });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const docs = Array.from({ length: CAPTURE_DOCS + 1 }, (_, d) => captureDocument(round * 100 + d, gtin, mfr.gln as string, dist.gln as string));
    const jobs: string[] = [];
    const post = async (d: { text: string }) => {
      const res = await fetch(`${base}/epcis/capture`, { method: 'POST', headers: { 'content-type': 'application/ld+json', cookie }, body: d.text });
      const body = (await res.json()) as { captureId?: string; accepted?: number; violations?: number };
      if (res.status !== 202 || body.accepted !== 1000) throw new Error(`capture answered ${res.status}: ${JSON.stringify(body).slice(0, 1500)}`);
      jobs.push(body.captureId as string);
      return body;
    };
    await post(docs[0] as { text: string }); // warm-up (JIT, caches), not counted
    // Objects interned from here on are the counted documents' own (the raw copy counts their rows).
    const firstNewObject = Number((await sql<{ n: string }>`select coalesce(max(object_id), 0) + 1 as n from epc_objects`.execute(db)).rows[0]?.n ?? 1);
    const times: number[] = [];
    let violations = 0;
    const started = performance.now();
    const cpuStarted = { node: ownCpuMs(), postgres: postgres ? postgresCpuMs() : null, loop: performance.eventLoopUtilization() };
    // CAPTURE_CLIENTS clients post the documents concurrently (each waits for its answer before the next).
    const queue = docs.slice(1);
    await Promise.all(Array.from({ length: CAPTURE_CLIENTS }, async () => {
      for (let d = queue.shift(); d !== undefined; d = queue.shift()) {
        const s = performance.now();
        violations += (await post(d)).violations ?? 0;
        times.push(performance.now() - s);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    const nodeCpu = (ownCpuMs() - cpuStarted.node) / CAPTURE_DOCS;
    const mainThread = performance.eventLoopUtilization(cpuStarted.loop).active / CAPTURE_DOCS;
    const pgNow = postgres ? postgresCpuMs() : null;
    const pgCpu = pgNow !== null && cpuStarted.postgres !== null ? (pgNow - cpuStarted.postgres) / CAPTURE_DOCS : null;
    const events = CAPTURE_DOCS * 1000;
    console.log(`capture via HTTP (${CAPTURE_CLIENTS} client${CAPTURE_CLIENTS > 1 ? 's' : ''}): ${CAPTURE_DOCS} documents × 1,000 events in ${seconds.toFixed(2)} s = ${Math.round(events / seconds).toLocaleString()} events/s (median document ${median(times).toFixed(0)} ms; ${violations} rule violations)`);
    // The benchmark's client runs in the server's process: its share (posting a prepared 1 MB text) is small.
    console.log(`  CPU per document: Node ${nodeCpu.toFixed(0)} ms (main thread busy ${mainThread.toFixed(0)} ms)${pgCpu !== null ? `, PostgreSQL ${pgCpu.toFixed(0)} ms (all its processes), together ${(nodeCpu + pgCpu).toFixed(0)} ms` : ' (PGlite runs inside it)'}`);

    // The raw baselines: the same rows, copied without validation, hashing or projections. First
    // the events and their (event, object) rows alone (the figure earlier sessions reported), then
    // every row the capture wrote (objects, states, containment, transfers too), once on one
    // connection and once split over two (the capture ran two clients on two cores).
    const counted = jobs.slice(1);
    const core = await rawCopy(db, postgres, rowsWritten(firstNewObject).slice(0, 2), [counted]);
    console.log(`raw copy of the same ${events.toLocaleString()} events (+ their ${core.rows.toLocaleString()} rows in all) by ${core.how}: ${core.seconds.toFixed(2)} s = ${Math.round(events / core.seconds).toLocaleString()} events/s; capture / raw = ${((events / seconds) / (events / core.seconds) * 100).toFixed(1)} %`);
    const all = await rawCopy(db, postgres, rowsWritten(firstNewObject), [counted]);
    console.log(`    per table on one connection (ms per 1,000 events): ${[...all.perTable].map(([t, sec]) => `${t} ${((sec * 1000) / (events / 1000)).toFixed(0)}`).join(', ')}`);
    const halves = [counted.filter((_, i) => i % 2 === 0), counted.filter((_, i) => i % 2 === 1)];
    const split = postgres ? await rawCopy(db, postgres, rowsWritten(firstNewObject), halves) : null;
    console.log(`  every row the capture wrote (${all.rows.toLocaleString()} rows in ${all.tables} tables): ${Math.round(events / all.seconds).toLocaleString()} events/s on one connection${split ? `, ${Math.round(events / split.seconds).toLocaleString()} events/s split over two` : ''}; capture / raw = ${((events / seconds) / (events / (split ?? all).seconds) * 100).toFixed(1)} %`);
  } finally {
    await app.close();
  }
}

interface RowSet {
  table: string;
  /** The rows of the capture jobs in `$JOBS` (a uuid[] literal). */
  select: string;
}

/** Every row the capture of these jobs wrote, table by table (objects from `firstObject` on: all of them are new in these documents). */
function rowsWritten(firstObject: number): RowSet[] {
  const ofJobs = 'e.capture_job_id = any($JOBS)';
  return [
    { table: 'epcis_events', select: `select * from epcis_events e where ${ofJobs}` },
    { table: 'event_objects', select: `select eo.* from event_objects eo join epcis_events e on e.event_id = eo.event_id where ${ofJobs}` },
    { table: 'epc_objects', select: `select o.* from epc_objects o where o.object_id >= ${firstObject} and exists (select 1 from event_objects eo join epcis_events e on e.event_id = eo.event_id where eo.object_id = o.object_id and ${ofJobs})` },
    { table: 'object_state', select: `select s.* from object_state s where s.object_id >= ${firstObject} and exists (select 1 from event_objects eo join epcis_events e on e.event_id = eo.event_id where eo.object_id = s.object_id and ${ofJobs})` },
    { table: 'containment', select: `select c.* from containment c join epcis_events e on e.event_id = c.add_event_id where c.child_id >= ${firstObject} and ${ofJobs}` },
    // By object id range (its primary key leads with it): custody_transfers has no index on event_id.
    { table: 'custody_transfers', select: `select t.* from custody_transfers t join epcis_events e on e.event_id = t.event_id where t.object_id >= ${firstObject} and ${ofJobs}` },
  ];
}

/**
 * Copies the row sets of each group of jobs into empty tables with the same columns and indexes,
 * the groups concurrently (one connection each), and times the copies alone: `COPY … FROM` a file
 * the server wrote with `COPY … TO` on PostgreSQL, `INSERT … SELECT` on PGlite.
 */
async function rawCopy(db: Kysely<DB>, postgres: boolean, sets: RowSet[], groups: string[][]): Promise<{ seconds: number; rows: number; tables: number; how: string; perTable: Map<string, number> }> {
  const copyOf = (table: string) => `${table}_copy_bench`;
  // A run stopped half-way leaves its copies behind: start from none.
  for (const { table } of sets) {
    await sql.raw(`drop table if exists ${copyOf(table)}`).execute(db);
    await sql.raw(`create table ${copyOf(table)} (like ${table} including all excluding identity)`).execute(db);
  }
  try {
    // Job ids are UUIDs the server generated, safe to inline in the COPY statements (which take no parameters).
    const selectFor = (set: RowSet, jobs: string[]) => set.select.replace('$JOBS', `'{${jobs.join(',')}}'::uuid[]`);
    const file = (g: number, table: string) => `/tmp/lianjian-copy-bench-${process.pid}-${g}-${table}.csv`;
    // The rows are read out before the clock starts (to files, or on PGlite to staging tables): only writing them is timed.
    const staged = (g: number, table: string) => `${table}_staged_bench_${g}`;
    for (const [g, jobs] of groups.entries()) {
      for (const set of sets) {
        if (postgres) await sql.raw(`copy (${selectFor(set, jobs)}) to '${file(g, set.table)}' with (format csv)`).execute(db);
        else await sql.raw(`create temp table ${staged(g, set.table)} as ${selectFor(set, jobs)}`).execute(db);
      }
    }
    const perTable = new Map<string, number>();
    const timed = async (table: string, run: () => Promise<unknown>) => {
      const s = performance.now();
      await run();
      perTable.set(table, (perTable.get(table) ?? 0) + (performance.now() - s) / 1000);
    };
    const started = performance.now();
    await Promise.all(groups.map(async (_jobs, g) => {
      if (!postgres) {
        for (const set of sets) await timed(set.table, () => sql.raw(`insert into ${copyOf(set.table)} select * from ${staged(g, set.table)}`).execute(db));
        for (const set of sets) await sql.raw(`drop table ${staged(g, set.table)}`).execute(db);
        return;
      }
      // One connection per group: a transaction pins it.
      await db.transaction().execute(async (trx) => {
        for (const set of sets) await timed(set.table, () => sql.raw(`copy ${copyOf(set.table)} from '${file(g, set.table)}' with (format csv)`).execute(trx));
      });
    }));
    const seconds = (performance.now() - started) / 1000;
    if (postgres) {
      const files = groups.flatMap((_, g) => sets.map((set) => file(g, set.table))).join(' ');
      await sql.raw(`copy (select 1) to program 'rm -f ${files}'`).execute(db).catch(() => undefined);
    }
    let rows = 0;
    for (const { table } of sets) rows += Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(copyOf(table))}`.execute(db)).rows[0]?.n ?? 0);
    const how = postgres ? 'server-side COPY FROM file' : 'INSERT … SELECT of the stored rows, staged first (PGlite has no server-side COPY from a file)';
    return { seconds, rows, tables: sets.length, how, perTable };
  } finally {
    for (const { table } of sets) await sql.raw(`drop table if exists ${copyOf(table)}`).execute(db);
  }
}

async function main() {
  const { database, cleanup, label } = await open();
  try {
    await migrate(database);
    const db = database.db;
    console.log(`Lianjian trace benchmark on ${label}, target ${TARGET_EVENTS.toLocaleString()} events`);
    const world = values.reuse ? await describeKept(db) : await generate(db);
    console.log(`${values.reuse ? 'reused' : 'generated'} ${world.events.toLocaleString()} events, ${world.eventObjects.toLocaleString()} (event, object) rows, ${world.units.toLocaleString()} units, ${world.lots.length} lots in ${world.seconds.toFixed(1)} s`);
    if (!values.reuse || values.rebuild) {
      const rb = performance.now();
      let lastPrint = 0;
      await rebuildProjections(db, {
        onProgress: (p) => {
          const now = performance.now();
          if (p.done === p.total || now - lastPrint > 30_000) {
            lastPrint = now;
            console.log(`  rebuild ${p.stage} ${p.done}/${p.total} at ${((now - rb) / 1000).toFixed(1)} s`);
          }
        },
      });
      console.log(`rebuildProjections (with ANALYZE) ${((performance.now() - rb) / 1000).toFixed(1)} s`);
    }

    const deps: AppDeps = { database, db, audit: new AuditService('bench-audit-key-0123456789abcdef'), config: loadConfig({ LIANJIAN_RATE_LIMIT_PER_MINUTE: '100000' }) };
    if (CAPTURE_DOCS > 0) await captureBench(deps, label === 'PostgreSQL');
    const ctx: RequestContext = {
      actor: { type: 'user', id: 1, name: 'bench', role: 'regulator', organizationId: null, organizationType: null, jurisdictionCode: '100000', regulatorLevel: 'national', department: null },
      ip: '127.0.0.1', userAgent: 'bench', locale: 'en',
    };
    const trace = new TraceService(deps);
    const recall = new RecallScopeService(deps);
    const bigLot = world.lots[0] as string;
    const results: { p50: number; p99: number; pathP50: number; pathP99: number; stmtP50: number; stmtP99: number; recall: number; holders: number; pathLen: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const full: number[] = [];
      const pathOnly: number[] = [];
      const statementOnly: number[] = [];
      let pathLen = 0;
      for (let i = 0; i < SAMPLES; i++) {
        const u = Math.floor(Math.random() * world.units);
        const code = `(01)${world.gtin}(21)U${u}`;
        let s = performance.now();
        const r = await trace.trace(ctx, code);
        full.push(performance.now() - s);
        pathLen += r.path.length;
        s = performance.now();
        await traceRepository.path(db, u + 1);
        pathOnly.push(performance.now() - s);
        s = performance.now();
        await traceRepository.bundle(db, [`gs1:01/${world.gtin}/21/U${u}`], { di: null, lot: null }, { kind: 'all' });
        statementOnly.push(performance.now() - s);
      }
      const recallTimes: number[] = [];
      let holders = 0;
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        const r = await recall.scope(ctx, { lots: [{ di: world.gtin, lot: bigLot }] });
        recallTimes.push(performance.now() - s);
        holders = r.holders.length;
      }
      results.push({ p50: quantile(full, 0.5), p99: quantile(full, 0.99), pathP50: quantile(pathOnly, 0.5), pathP99: quantile(pathOnly, 0.99), stmtP50: quantile(statementOnly, 0.5), stmtP99: quantile(statementOnly, 0.99), recall: median(recallTimes), holders, pathLen: pathLen / SAMPLES });
    }
    const m = (f: (r: (typeof results)[number]) => number) => median(results.map(f)).toFixed(2);
    console.log(`trace (GET /api/trace service call; its audit entry is queued and written in batches), ${SAMPLES} random units × ${RUNS} runs: p50 ${m((r) => r.p50)} ms, p99 ${m((r) => r.p99)} ms (target p99 ≤ 20 ms); mean path ${m((r) => r.pathLen)} steps`);
    console.log(`  path query alone: p50 ${m((r) => r.pathP50)} ms, p99 ${m((r) => r.pathP99)} ms`);
    console.log(`  trace statement alone (traceRepository.bundle, prepared): p50 ${m((r) => r.stmtP50)} ms, p99 ${m((r) => r.stmtP99)} ms`);
    console.log(`recall scope of one ${(PALLETS_PER_LOT * CARTONS_PER_PALLET * UNITS_PER_CARTON).toLocaleString()}-unit lot over ${results[0]?.holders} holders: median ${m((r) => r.recall)} ms (target ≤ 500 ms)`);
    await deps.audit.drain();
    console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (benchmark and server in one process; PGlite's database lives in it too)`);
  } finally {
    await cleanup();
  }
}

await main();
