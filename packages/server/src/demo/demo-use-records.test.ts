import { shanghaiDate } from '@lianjian/core';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { call, loginHeaders, useTestApp } from '../test/test-app.ts';
import { DEMO_PASSWORD, type DemoWorld } from './demo-world.ts';
import { loadDemoWorld } from './load-demo-world.ts';

// Building the app over a fresh database can take more than the default 10 s while other demo files load worlds.
vi.setConfig({ hookTimeout: 120_000 });
const t = useTestApp();
let world: DemoWorld;

beforeAll(async () => {
  world = (await loadDemoWorld(t().deps, { scale: 0.3, referenceDate: shanghaiDate(new Date()) })).world;
}, 300_000);

const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(t().deps.db)).rows;
const pumpDis = (model: string) => world.products.filter((p) => p.deviceKind === 'infusion_pump' && p.model === model).flatMap((p) => p.dis.map((d) => d.di));
interface PerHospital { organizationId: number; uses: number; trained: number }
const usesByHospital = (dis: string[]) => rows(sql<PerHospital>`
  select organization_id::int as "organizationId", count(*)::int as uses, count(*) filter (where operator_trained)::int as trained
  from clinical_uses where product_di in (${sql.join(dis)}) group by organization_id order by organization_id`);

describe('demo use records', () => {
  it('plants the use-related pump case: VP-300 at one hospital, by operators without pump training, no management system', async () => {
    const hospitals = await usesByHospital(pumpDis('VP-300'));
    expect(hospitals).toHaveLength(1);
    const [h] = hospitals as [PerHospital];
    expect(h.uses).toBeGreaterThanOrEqual(4);
    expect(h.trained).toBe(0);
    const facts = await rows(sql<{ managementSystem: boolean }>`select management_system as "managementSystem" from institution_device_facts where organization_id = ${h.organizationId} order by id desc limit 1`);
    expect(facts).toEqual([{ managementSystem: false }]);
    const city = await loginHeaders(t().app, 'demo-national', DEMO_PASSWORD);
    const a = await call(t().app, city, { method: 'GET', url: `/api/institutions/${h.organizationId}/assessment` });
    expect(a.statusCode).toBe(200);
    expect(a.json().facts.managementSystem).toBe(false);
    const pumpRow = (a.json().trainingByProduct as { productDi: string; coverage: number }[]).find((p) => pumpDis('VP-300').includes(p.productDi));
    expect(pumpRow?.coverage).toBe(0);
  });

  it('plants the quality pump case: VP-500 at several hospitals, all by trained operators, abnormal stops in maintenance', async () => {
    const hospitals = await usesByHospital(pumpDis('VP-500'));
    expect(hospitals.length).toBeGreaterThanOrEqual(3);
    for (const h of hospitals) expect(h.trained).toBe(h.uses);
    const failures = await rows(sql<{ organizationId: number }>`select distinct organization_id::int as "organizationId" from maintenance_records where product_di in (${sql.join(pumpDis('VP-500'))}) and fault is not null`);
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it('records uses of the chain\'s use events by linking them, not by capturing them again', async () => {
    const [linked] = await rows(sql<{ n: number; events: number }>`
      select count(*)::int as n, count(distinct u.epcis_event_id)::int as events from clinical_uses u join epcis_events e on e.event_id = u.epcis_event_id
      where e.biz_step = 'dispensing' and u.organization_id = any (e.involved_org_ids)`);
    expect(linked?.n).toBeGreaterThanOrEqual(20);
    expect(linked?.events).toBe(linked?.n);
    const [patients] = await rows(sql<{ n: number }>`select count(*)::int as n from clinical_uses where patient_identity_id is not null`);
    expect(patients?.n).toBeGreaterThan(0);
    const [mixed] = await rows(sql<{ trained: number; untrained: number }>`select count(*) filter (where operator_trained)::int as trained, count(*) filter (where not operator_trained)::int as untrained from clinical_uses`);
    expect(mixed?.trained).toBeGreaterThan(0);
    expect(mixed?.untrained).toBeGreaterThan(0);
  });

  it('records delivery notes linked to their shipping and receiving events, with acceptances and a discrepancy', async () => {
    const notes = await rows(sql<{ link: string; shipping: number | null; receiving: number | null }>`select event_link as link, shipping_event_id as shipping, receiving_event_id as receiving from distribution_documents`);
    expect(notes.length).toBeGreaterThanOrEqual(5);
    for (const n of notes) {
      expect(n.link).toBe('document_number');
      expect(n.shipping).not.toBeNull();
      expect(n.receiving).not.toBeNull();
    }
    const [acc] = await rows(sql<{ n: number; discrepancies: number }>`select count(*)::int as n, count(*) filter (where discrepancy)::int as discrepancies from receiving_acceptances`);
    expect(acc?.n).toBe(notes.length);
    expect(acc?.discrepancies).toBeGreaterThanOrEqual(1);
  });

  it('shows use records with the patients masked', async () => {
    const national = await loginHeaders(t().app, 'demo-national', DEMO_PASSWORD);
    const res = await call(t().app, national, { method: 'GET', url: '/api/use-records/uses?pageSize=500' });
    expect(res.statusCode).toBe(200);
    const patients = (res.json().items as { patient: { nameMasked: string; idNumberMasked: string } | null }[]).flatMap((u) => (u.patient ? [u.patient] : []));
    expect(patients.length).toBeGreaterThan(0);
    for (const p of patients) {
      expect(p.nameMasked).toMatch(/^.\*+$/u);
      expect(p.idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    }
  });
});
