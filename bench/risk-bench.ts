// Risk engine benchmark (issue 5): a full recomputation of every risk indicator, the weekly surge
// charts and disproportionality over N adverse-event reports (default 1,000,000) plus a
// traceability / production / use world, generated with SQL (generate_series) straight into a
// scratch database — not through the API. Then the EBGM prior fit on the CAERS table.
// Medians of 3 runs.
//
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:risk
//      (creates and drops a scratch database next to the one named; targets: ≤ 60 s, prior fit ≤ 10 s)
//      npm run bench:risk -- --reports 100000      (a smaller world; PGlite when DATABASE_URL is unset)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { withGs1CheckDigit } from '@lianjian/core';
import { BUILTIN_INDICATORS } from '@lianjian/core/risk/index';
import { readConformanceCsv } from '../packages/core/src/stats/conformance.test-support.ts';
import { fitGammaMixturePrior, processReports } from '../packages/core/src/stats/index.ts';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../packages/server/src/db/database.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { backfillNameSortKeys } from '../packages/server/src/db/name-sort-backfill.ts';
import type { DB } from '../packages/server/src/db/schema.ts';
import { RiskEngine } from '../packages/server/src/features/risk/risk-engine.ts';
import { riskIndicatorsRepository } from '../packages/server/src/features/risk/risk-indicators.repository.ts';

const { values } = parseArgs({ options: { reports: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } } });
const REPORTS = Number(values.reports);
const RUNS = Number(values.runs);
const TARGET_S = 60;
const FIT_TARGET_S = 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

// World size, scaled with the reports (1M reports ↔ 600 products, 3,000 institutions, 600,000 units in service or used).
const k = REPORTS / 1_000_000;
const PRODUCTS = Math.max(20, Math.round(600 * Math.sqrt(k)));
const MANUFACTURERS = Math.max(5, Math.round(PRODUCTS / 10));
const DISTRIBUTORS = Math.max(5, Math.round(200 * Math.sqrt(k)));
const INSTITUTIONS = Math.max(20, Math.round(3000 * Math.sqrt(k)));
const UNITS = Math.max(1000, Math.round(600_000 * k));
const LOT_HOLDINGS = Math.max(1000, Math.round(200_000 * k));
const RECEIPTS = Math.max(100, Math.round(50_000 * k));
const BATCHES = Math.max(100, Math.round(30_000 * k));
const MAINTENANCE = Math.max(100, Math.round(50_000 * k));
const STORING_EVENTS = Math.max(100, Math.round(30_000 * k));
const CITIES = ['330100', '330200', '330300', '330500', '320100', '320500', '440100', '440300', '440600', '110100', '310100', '510100'];

async function open(): Promise<{ database: Database; cleanup: () => Promise<void>; label: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `lianjian_risk_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
    return { database, label: 'PostgreSQL', cleanup: async () => { await database.close(); await admin.query(`drop database if exists ${name} with (force)`); await admin.end(); } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lianjian-risk-bench-'));
  const database = await openDatabase({ dataDir: dir, pgliteSharedBuffers: '128MB' });
  return { database, label: 'PGlite (file-backed)', cleanup: async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Every row from SQL: organisations, products, 1M reports, units, lots, production, maintenance, cold-chain events. */
async function generate(db: Kysely<DB>): Promise<number> {
  const started = performance.now();
  const orgs = async (type: string, n: number) => {
    await sql`insert into organizations (type, name, region_code, gln)
      select ${type}, ${type} || ' ' || g, (${CITIES}::text[])[1 + (g * 7) % ${CITIES.length}]::text, null
      from generate_series(1, ${n}) g`.execute(db);
  };
  await orgs('manufacturer', MANUFACTURERS);
  await orgs('distributor', DISTRIBUTORS);
  await orgs('institution', INSTITUTIONS);
  await sql`create table bench_org as select row_number() over (partition by type order by id) as i, id, type, region_code from organizations`.execute(db);
  const kinds = ['syringe', 'mask', 'infusion_pump', 'glucose_meter', 'ivd_reagent', 'hip_implant', 'ultrasound', 'cotton_swab'];
  await sql`insert into registrations (number, kind, holder_organization_id, management_class, product_name, issuer, valid_from)
    select '国械注准2024' || lpad(g::text, 6, '0'), 'registration', (select id from bench_org where type = 'manufacturer' and i = 1 + g % ${MANUFACTURERS}), 3, '产品' || g, '国家药品监督管理局', date '2024-01-01'
    from generate_series(1::bigint, ${PRODUCTS}::bigint) g`.execute(db);
  await sql`insert into products (registration_id, name, model, device_kind, single_use, storage_min_c, storage_max_c)
    select r.id, r.product_name, 'M' || r.id, (${kinds}::text[])[1 + r.id % ${kinds.length}],
           (${kinds}::text[])[1 + r.id % ${kinds.length}] in ('syringe', 'mask', 'ivd_reagent', 'cotton_swab', 'hip_implant'),
           case when (${kinds}::text[])[1 + r.id % ${kinds.length}] = 'ivd_reagent' then 2 end, case when (${kinds}::text[])[1 + r.id % ${kinds.length}] = 'ivd_reagent' then 8 end
    from registrations r`.execute(db);
  // The names' pinyin sort keys, which the app writes with each name and SQL cannot compute.
  await backfillNameSortKeys(db);
  const dis = Array.from({ length: PRODUCTS }, (_, i) => withGs1CheckDigit(`0699${String(i + 1).padStart(9, '0')}`));
  await sql`insert into product_dis (di, product_id, agency, package_level)
    select d.di, p.id, 'GS1', 0 from unnest(${dis}::text[]) with ordinality as d(di, i) join (select id, row_number() over (order by id) as i from products) p on p.i = d.i`.execute(db);
  await sql`create table bench_product as select row_number() over (order by p.id) as i, p.id, pd.di, g.holder_organization_id as holder, p.single_use from products p
    join product_dis pd on pd.product_id = p.id join registrations g on g.id = p.registration_id`.execute(db);
  await sql`insert into patient_identities (patient_key, name_ciphertext, name_masked) values ('bench', 'x', '*')`.execute(db);
  // Reports: product, institution, date, code and lot by hashing the row number (deterministic; plain
  // multiplicative picks left lattice patterns, a product's reports every tenth day, that look like surges).
  const codes = ['A0201', 'A0202', 'A0203', 'A0401', 'A0404', 'A0601', 'A0902', 'A0908', 'A141204', 'A0501', 'A0205'];
  for (let from = 1; from <= REPORTS; from += 250_000) {
    const to = Math.min(REPORTS, from + 249_999);
    await sql`insert into adverse_event_reports (report_no, kind, reporter_organization_id, reporter_type, region_code, registrant_organization_id, product_di, product_id, lot,
        patient_key, patient_identity_id, manifestation, event_date, date_known, outcome, imdrf_codes, submitted_at, late, created_by_type)
      select 'B' || g, 'initial', h.id, 'institution', h.region_code, p.holder, p.di, p.id, case when not p.single_use then null else 'L' || (abs(hashint8extended(g, 6)) % 40) end,
        'pk' || (g % 200000), (select min(id) from patient_identities), '测试', current_date - (abs(hashint8extended(g, 4)) % 730)::int, current_date - (abs(hashint8extended(g, 4)) % 730)::int, 'other',
        array[(${codes}::text[])[1 + abs(hashint8extended(g, 5)) % ${codes.length}]], now(), abs(hashint8extended(g, 7)) % 53 = 0, 'system'
      from generate_series(${from}::bigint, ${to}::bigint) g
      join bench_product p on p.i = 1 + abs(hashint8extended(g, 1)) % ${PRODUCTS}
      join bench_org h on h.type = 'institution' and h.i = 1 + abs(hashint8extended(g, 2)) % ${INSTITUTIONS}`.execute(db);
  }
  // Traceability projections: units in service or used, lots consumed per holder.
  await sql`insert into object_state (object_id, kind, di, holder_org_id, status)
    select g, 'sgtin', p.di, h.id, case when g % 3 = 0 then 'used' else 'in_stock' end
    from generate_series(1::bigint, ${UNITS}::bigint) g join bench_product p on p.i = 1 + abs(hashint8extended(g, 1)) % ${PRODUCTS}
    join bench_org h on h.type = 'institution' and h.i = 1 + abs(hashint8extended(g, 2)) % ${INSTITUTIONS}`.execute(db);
  await sql`insert into lot_holdings (di, lot, holder_org_id, received, used)
    select p.di, 'L' || (g % 40), h.id, 100, 20 + g % 80 from generate_series(1::bigint, ${LOT_HOLDINGS}::bigint) g
    join bench_product p on p.i = 1 + abs(hashint8extended(g, 1)) % ${PRODUCTS} join bench_org h on h.type = 'institution' and h.i = 1 + abs(hashint8extended(g, 3)) % ${INSTITUTIONS}
    on conflict do nothing`.execute(db);
  // Production: incoming inspections, batches with release decisions.
  await sql`insert into material_receipts (organization_id, region_code, supplier_organization_id, material_name, material_code, material_kind, material_lot, quantity, unit,
      purchase_date, inspection_result, inspector, inspection_date, created_by_type)
    select m.id, m.region_code, m.id, '原料', 'MC' || g, 'resin', 'ML' || g, 10, 'kg', current_date - (g % 300)::int, case when g % 29 = 0 then 'fail' else 'pass' end, 'x', current_date - (g % 300)::int, 'system'
    from generate_series(1::bigint, ${RECEIPTS}::bigint) g join bench_org m on m.type = 'manufacturer' and m.i = 1 + g % ${MANUFACTURERS}`.execute(db);
  await sql`insert into production_batches (organization_id, region_code, product_id, product_di, lot, quantity, production_date, process_route, process_version, created_by_type)
    select p.holder, o.region_code, p.id, p.di, 'PB' || g, 1000, current_date - (g % 300)::int, 'r', 'v1', 'system'
    from generate_series(1::bigint, ${BATCHES}::bigint) g join bench_product p on p.i = 1 + g % ${PRODUCTS} join organizations o on o.id = p.holder`.execute(db);
  await sql`insert into release_reports (batch_id, organization_id, region_code, inspector, decision, decided_at, items, failed_count, created_by_type)
    select b.id, b.organization_id, b.region_code, 'x', case when b.id % 37 = 0 then 'rejected' else 'released' end, b.production_date + 2, '[]', case when b.id % 37 = 0 then 1 else 0 end, 'system'
    from production_batches b`.execute(db);
  await sql`insert into maintenance_records (organization_id, region_code, product_di, product_id, serial, fault, started_on, result, technician, created_by_type)
    select h.id, h.region_code, p.di, p.id, 'S' || g, case when g % 19 = 0 then '故障' end, current_date - (g % 170)::int, case when g % 19 = 0 then 'repaired' else 'serviced' end, 'x', 'system'
    from generate_series(1::bigint, ${MAINTENANCE}::bigint) g join bench_product p on p.i = 1 + abs(hashint8extended(g, 1)) % ${PRODUCTS} join bench_org h on h.type = 'institution' and h.i = 1 + g % ${INSTITUTIONS}`.execute(db);
  // Cold chain: storing events at distributors carrying an IVD lot, four readings each, a few out of range.
  await sql`insert into epc_objects (kind, code, di, lot) select 'lgtin', 'gs1:01/' || p.di || '/10/L' || l, p.di, 'L' || l
    from bench_product p, generate_series(0, 39) l`.execute(db);
  await sql`insert into epcis_events (event_hash, event_type, event_time, event_time_zone_offset, biz_step, biz_location_org_id, capture_job_id, event)
    select 'bench-' || g, 'ObjectEvent', now() - ((g % 29) || ' days')::interval, '+08:00', 'storing', d.id, '00000000-0000-0000-0000-000000000000', '{}'
    from generate_series(1::bigint, ${STORING_EVENTS}::bigint) g join bench_org d on d.type = 'distributor' and d.i = 1 + g % ${DISTRIBUTORS}`.execute(db);
  await sql`insert into event_objects (event_id, object_id, event_time, role, quantity)
    select e.event_id, o.object_id, e.event_time, 'quantity', 10 from epcis_events e
    join epc_objects o on o.code = 'gs1:01/' || (select di from bench_product where i = 1 + abs(hashint8extended(e.event_id, 1)) % ${PRODUCTS}) || '/10/L' || (e.event_id % 40)`.execute(db);
  await sql`insert into sensor_readings (event_id, reading_index, time, type, value, uom)
    select e.event_id, r, e.event_time, 'gs1:Temperature', case when e.event_id % 97 = 0 and r = 2 then 11.5 else 4 + r end, 'CEL'
    from epcis_events e, generate_series(0, 3) r`.execute(db);
  await sql`analyze`.execute(db);
  return (performance.now() - started) / 1000;
}

const { database, cleanup, label } = await open();
try {
  await migrate(database);
  const db = database.db;
  console.log(`${label}: generating ${REPORTS.toLocaleString('en')} reports, ${PRODUCTS} products, ${INSTITUTIONS} institutions, ${UNITS.toLocaleString('en')} units, ${LOT_HOLDINGS.toLocaleString('en')} lot holdings…`);
  const generated = await generate(db);
  console.log(`generated in ${generated.toFixed(1)} s`);
  for (const b of BUILTIN_INDICATORS) await riskIndicatorsRepository.insert(db, b, { type: 'system', id: null }, true);
  const indicators = await riskIndicatorsRepository.all(db);
  const times: number[] = [];
  let last: Awaited<ReturnType<RiskEngine['run']>> | undefined;
  const stages = new Map<string, number[]>();
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    let stageStart = started;
    let stage = '';
    last = await new RiskEngine(db, new Date()).run(indicators, (s) => {
      const now = performance.now();
      if (stage) stages.set(stage, [...(stages.get(stage) ?? []), now - stageStart]);
      stage = s.startsWith('indicator:') ? s.slice(10) : s;
      stageStart = now;
    });
    times.push((performance.now() - started) / 1000);
    console.log(`run ${run + 1}: ${times.at(-1)?.toFixed(1)} s, ${last.candidates.length} signals, ${last.skipped.length} skipped`);
  }
  for (const [stage, ms] of stages) console.log(`  ${stage.padEnd(36)} median ${(median(ms) / 1000).toFixed(2)} s`);
  console.log(`full recomputation (${indicators.length} indicators + surge + disproportionality over ${REPORTS.toLocaleString('en')} reports): median ${median(times).toFixed(1)} s (target ≤ ${TARGET_S} s at 1,000,000)`);
  console.log(`summary ${JSON.stringify(last?.summary)}`);
} finally {
  await cleanup();
}

// The EBGM prior fit on the CAERS table (bench/stats-prior-fit.ts does the same with five runs and more detail).
const caers = readConformanceCsv('openEBGM/caers.csv').map((r) => ({ id: r['id'] ?? '', product: r['var1'] ?? '', event: r['var2'] ?? '' }));
const pairs = processReports(caers);
const fits: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  fitGammaMixturePrior({ n: pairs.map((p) => p.n), e: pairs.map((p) => p.expected) });
  fits.push((performance.now() - started) / 1000);
}
console.log(`EBGM prior fit on CAERS (${pairs.length} pairs): median ${median(fits).toFixed(2)} s (target ≤ ${FIT_TARGET_S} s)`);
