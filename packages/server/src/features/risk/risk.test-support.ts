import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { withGs1CheckDigit } from '@lianjian/core';
import { sql } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import { makeOrganization } from '../../test/fixtures.ts';
import { ProductsService } from '../products/products.service.ts';

/** A small world for the risk engine's tests: the facts every built-in indicator counts. */
let seq = 500;
export const nextSeq = () => ++seq;

export function residentId(seqNo: number): string {
  const first17 = `110105${'19600101'}${String(seqNo % 1000).padStart(3, '0')}`;
  return `${first17}${residentIdCheckChar(first17)}`;
}

/** A date `days` before today (UTC), YYYY-MM-DD. */
export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

export async function makeRiskProduct(deps: AppDeps, holderId: number, prefix: string, p: { name: string; model: string; deviceKind: string; storage?: [number, number]; singleUse?: boolean }) {
  const n = nextSeq();
  const svc = new ProductsService(deps);
  const reg = await svc.createRegistration(null, { number: `国械注准2024314${String(n).padStart(4, '0')}`, holderId, managementClass: 3, productName: p.name, issuer: '国家药品监督管理局', validFrom: '2024-01-01', validTo: '2028-12-31' });
  return svc.create(null, {
    registrationId: reg.id, name: p.name, model: p.model, deviceKind: p.deviceKind, singleUse: p.singleUse ?? false,
    storageMinC: p.storage?.[0] ?? null, storageMaxC: p.storage?.[1] ?? null,
    dis: [{ di: withGs1CheckDigit(`0${prefix}${String(n).padStart(5, '0')}`), agency: 'GS1', packageLevel: 0 }],
  });
}

export async function makeOrg(deps: AppDeps, type: 'manufacturer' | 'distributor' | 'institution', regionCode: string) {
  return makeOrganization(deps, { type, regionCode });
}

/** Durable units in service at an institution (the projection a receiving event leaves). */
export async function placeUnits(deps: AppDeps, di: string, holderOrgId: number, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const serial = `S${nextSeq()}`;
    const o = await sql<{ object_id: number }>`insert into epc_objects (kind, code, di, serial) values ('sgtin', ${`gs1:01/${di}/21/${serial}`}, ${di}, ${serial}) returning object_id`.execute(deps.db);
    await sql`insert into object_state (object_id, kind, di, holder_org_id, status) values (${o.rows[0]?.object_id}, 'sgtin', ${di}, ${holderOrgId}, 'in_stock')`.execute(deps.db);
  }
}

export async function materialReceipts(deps: AppDeps, mfr: { id: number; regionCode: string }, supplierId: number, results: ('pass' | 'fail')[]): Promise<void> {
  for (const r of results) {
    const n = nextSeq();
    await sql`insert into material_receipts (organization_id, region_code, supplier_organization_id, material_name, material_code, material_kind, material_lot, quantity, unit,
      purchase_date, inspection_result, inspector, inspection_date, created_by_type)
      values (${mfr.id}, ${mfr.regionCode}, ${supplierId}, '聚丙烯粒料', ${`PP${n}`}, 'resin', ${`ML${n}`}, 100, 'kg', ${daysAgo(20)}, ${r}, '检验员', ${daysAgo(15)}, 'system')`.execute(deps.db);
  }
}

export async function releases(deps: AppDeps, mfr: { id: number; regionCode: string }, product: { id: number; di: string | null }, decisions: ('released' | 'rejected')[]): Promise<void> {
  for (const d of decisions) {
    const n = nextSeq();
    const b = await sql<{ id: number }>`insert into production_batches (organization_id, region_code, product_id, product_di, lot, quantity, production_date, process_route, process_version, created_by_type)
      values (${mfr.id}, ${mfr.regionCode}, ${product.id}, ${product.di}, ${`B${n}`}, 100, ${daysAgo(40)}, '注塑-组装-灭菌', 'v1', 'system') returning id`.execute(deps.db);
    await sql`insert into release_reports (batch_id, organization_id, region_code, inspector, decision, decided_at, items, failed_count, created_by_type)
      values (${b.rows[0]?.id}, ${mfr.id}, ${mfr.regionCode}, '检验员', ${d}, ${new Date(Date.now() - 30 * 86_400_000)}, '[]', ${d === 'rejected' ? 1 : 0}, 'system')`.execute(deps.db);
  }
}

export async function maintenanceRecords(deps: AppDeps, hospital: { id: number; regionCode: string }, product: { id: number; di: string | null }, faults: (string | null)[]): Promise<void> {
  for (const f of faults) {
    await sql`insert into maintenance_records (organization_id, region_code, product_di, product_id, serial, fault, started_on, result, technician, created_by_type)
      values (${hospital.id}, ${hospital.regionCode}, ${product.di}, ${product.id}, ${`M${nextSeq()}`}, ${f}, ${daysAgo(10)}, ${f === null ? 'serviced' : 'repaired'}, '工程师', 'system')`.execute(deps.db);
  }
}

/** A storing event at a warehouse with temperature readings (°C) of a product's lot. */
export async function storingEvent(deps: AppDeps, warehouseOrgId: number, di: string, lot: string, readings: number[]): Promise<void> {
  const n = nextSeq();
  const code = `gs1:01/${di}/10/${lot}`;
  await sql`insert into epc_objects (kind, code, di, lot) values ('lgtin', ${code}, ${di}, ${lot}) on conflict (code) do nothing`.execute(deps.db);
  const obj = await sql<{ object_id: number }>`select object_id from epc_objects where code = ${code}`.execute(deps.db);
  const time = new Date(Date.now() - 5 * 86_400_000 + n * 1000);
  const e = await sql<{ event_id: number }>`insert into epcis_events (event_hash, event_type, event_time, event_time_zone_offset, biz_step, biz_location_org_id, capture_job_id, event)
    values (${`ni:///sha-256;risk-test-${n}`}, 'ObjectEvent', ${time}, '+08:00', 'storing', ${warehouseOrgId}, gen_random_uuid(), '{}') returning event_id`.execute(deps.db);
  const eventId = e.rows[0]?.event_id;
  await sql`insert into event_objects (event_id, object_id, event_time, role, quantity) values (${eventId}, ${obj.rows[0]?.object_id}, ${time}, 'quantity', 10)`.execute(deps.db);
  let i = 0;
  for (const v of readings) await sql`insert into sensor_readings (event_id, reading_index, time, type, value, uom) values (${eventId}, ${i++}, ${time}, 'gs1:Temperature', ${v}, 'CEL')`.execute(deps.db);
}
