import { addCalendarDays, shanghaiDate } from '@lianjian/core';
import { residentIdCheckChar } from '@lianjian/core/records/adverse-event';
import { receivingAcceptanceInputSchema, distributionDocumentInputSchema } from '@lianjian/core/records/distribution';
import {
  clinicalUseInputSchema, deviceManagementFactsSchema, disposalInputSchema, maintenanceInputSchema, trainingInputSchema, type ClinicalUseInput,
} from '@lianjian/core/records/use-records';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../app-context.ts';
import type { DB } from '../db/schema.ts';
import type { AuditWho } from '../features/audit/audit.service.ts';
import { DistributionDocumentsService, type Writer } from '../features/distribution-documents/distribution-documents.service.ts';
import { ReceivingAcceptancesService } from '../features/distribution-documents/receiving-acceptances.service.ts';
import { demoSourcesRepository as sources } from '../features/use-records/demo-sources.repository.ts';
import { useRecordsRepository } from '../features/use-records/use-records.repository.ts';
import { UseRecordsService, type Recorder } from '../features/use-records/use-records.service.ts';
import { PERSON_GIVEN, PERSON_SURNAMES } from './demo-catalogue.ts';
import type { DemoWorld } from './demo-world.ts';
import { SeededRandom } from './seeded-random.ts';

/**
 * Use records of the demo world (issue 4, items 2 and 3), recorded through the services against the
 * captured demo chain: training and clinical use at the demo hospitals (linked to the chain's use
 * events), maintenance with some failures, delivery notes and receiving acceptances for some
 * shipments, and the hospitals' device-management facts.
 *
 * It plants the two sides of the infusion-pump case:
 *   - use-related: one pump model (输液泵 VP-300) used at one hospital by nurses with no training
 *     record for infusion pumps, at a hospital without a device-management system;
 *   - quality: another model (VP-500) used at many hospitals by trained nurses, with "abnormal stop"
 *     faults found in maintenance across those hospitals.
 * The adverse-event reports of both are planted by the risk engine's demo.
 */

export interface DemoPumpCase {
  model: string;
  productName: string;
  di: string;
  hospitals: { organizationId: number; name: string }[];
  uses: number;
  usesByTrained: number;
  units: number;
}

export interface DemoUseRecordsResult {
  infusionPumps: { useRelated: DemoPumpCase | null; quality: DemoPumpCase | null };
  counts: { trainings: number; uses: number; maintenance: number; failures: number; disposals: number; deliveryNotes: number; acceptances: number; discrepancies: number; facts: number };
}

const SYSTEM: AuditWho = { actorType: 'system', actorId: null, actorName: 'demo-loader', ip: null, userAgent: null };
const USE_EVENTS = 60;
const SHIPMENTS = 16;
const PUMP_UNITS_PER_HOSPITAL = 4;
const QUALITY_HOSPITALS = 8;

export async function loadDemoUseRecords(deps: AppDeps, world: DemoWorld): Promise<DemoUseRecordsResult> {
  const db = deps.db;
  const rng = new SeededRandom(20261126 ^ 0x05e);
  const ref = world.referenceDate;
  const uses = new UseRecordsService(deps);
  const counts: DemoUseRecordsResult['counts'] = { trainings: 0, uses: 0, maintenance: 0, failures: 0, disposals: 0, deliveryNotes: 0, acceptances: 0, discrepancies: 0, facts: 0 };
  const recorders = new Map<number, Recorder>();
  const recorder = async (organizationId: number): Promise<Recorder> => {
    let r = recorders.get(organizationId);
    if (!r) {
      const org = await useRecordsRepository.organization(db, organizationId);
      if (!org) throw new Error(`demo organisation ${organizationId} missing`);
      r = { organizationId, regionCode: org.regionCode, who: SYSTEM, createdByType: 'system', createdBy: null, today: null };
      recorders.set(organizationId, r);
    }
    return r;
  };
  const person = () => `${rng.pick(PERSON_SURNAMES)}${rng.pick(PERSON_GIVEN)}`;
  const staff = new Map<number, string[]>();
  /** Each hospital's nurses, named deterministically in the order hospitals come up. */
  const nursesOf = (organizationId: number) => {
    let list = staff.get(organizationId);
    if (!list) staff.set(organizationId, (list = Array.from({ length: 4 }, () => `护士 ${person()}`)));
    return list;
  };
  const trained = new Set<string>();
  const train = async (trx: Kysely<DB>, organizationId: number, operator: string, subject: { deviceKind: string } | { productDi: string }) => {
    const key = `${organizationId}|${operator}|${JSON.stringify(subject)}`;
    if (trained.has(key)) return;
    trained.add(key);
    await uses.recordTrainingIn(trx, await recorder(organizationId), trainingInputSchema.parse({
      operator, ...subject, trainedOn: addCalendarDays(ref, -200 - rng.int(0, 60)), trainer: `设备科 ${person()}`, validUntil: addCalendarDays(ref, 500),
    }));
    counts.trainings++;
  };
  let patientSeq = 0;
  const patient = () => {
    const birth = `19${rng.int(40, 99)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
    const first17 = `330106${birth}${String(++patientSeq % 1000).padStart(3, '0')}`;
    return { name: person(), idNumber: `${first17}${residentIdCheckChar(first17)}` };
  };
  const record = async (trx: Kysely<DB>, organizationId: number, input: ClinicalUseInput) => {
    // Parsed like an API request, so the demo passes the same validation.
    const u = await uses.recordUseIn(trx, await recorder(organizationId), clinicalUseInputSchema.parse(input));
    counts.uses++;
    return u;
  };
  const kindOf = new Map(world.products.flatMap((p) => p.dis.map((d) => [d.di, p.deviceKind] as const)));

  const infusionPumps = await plantPumpCase(db, world, { rng, ref, record, train, nursesOf, recorder, uses, counts });

  // Clinical uses of the chain's use events at hospitals, most by trained staff.
  for (const e of await sources.usesAtInstitutions(db, USE_EVENTS)) {
    const kind = kindOf.get(e.di) ?? 'other';
    const nurse = rng.pick(nursesOf(e.organizationId));
    if (rng.chance(0.85)) await train(db, e.organizationId, nurse, { deviceKind: kind });
    const u = await record(db, e.organizationId, {
      productDi: e.di, ...(e.serial !== null ? { serial: e.serial } : { lot: e.lot ?? undefined }), department: e.department ?? '门诊',
      ...(kind === 'hip_implant' && { procedure: '人工髋关节置换术' }), usedOn: shanghaiDate(e.eventTime), operator: nurse, eventId: e.eventId,
      ...(rng.chance(0.35) && { patient: patient() }),
    });
    if (u.serial === null && counts.disposals < 5) {
      await uses.recordDisposalIn(db, await recorder(e.organizationId), disposalInputSchema.parse({
        productDi: u.productDi, lot: u.lot, quantity: 1, disposedOn: u.usedOn, method: 'medical_waste', reason: '一次性使用后按医疗废物处置',
      }));
      counts.disposals++;
    }
  }

  // Delivery notes for some shipments (recorded by the supplier), accepted by the buyer on arrival.
  const documents = new DistributionDocumentsService(deps);
  const acceptances = new ReceivingAcceptancesService(deps);
  const writer = (organizationId: number): Writer => ({ organizationId, who: SYSTEM, createdByType: 'system', createdBy: null });
  let i = 0;
  for (const s of await sources.shipmentsWithDespatchAdvice(db, SHIPMENTS)) {
    const lines = await sources.linesOf(db, s.eventId);
    if (lines.length === 0 || s.supplierId === s.buyerId) continue;
    const day = shanghaiDate(s.eventTime);
    const note = await documents.createIn(db, writer(s.supplierId), distributionDocumentInputSchema.parse({
      kind: 'delivery_note', number: s.number, supplierOrganizationId: s.supplierId, buyerOrganizationId: s.buyerId, documentDate: day, deliveryDate: day,
      lines: lines.map((l) => ({ productDi: l.di, ...(l.lot !== null && { lot: l.lot }), quantity: l.quantity })),
    }));
    counts.deliveryNotes++;
    const short = i % 6 === 2 && (lines[0]?.quantity ?? 0) > 1;
    const damaged = i % 6 === 4;
    const a = await acceptances.createIn(db, writer(s.buyerId), receivingAcceptanceInputSchema.parse({
      deliveryNoteId: note.id, receivedAt: (s.receivedAt ?? s.eventTime).toISOString(), inspector: `质管员 ${person()}`,
      condition: damaged ? 'damaged' : 'good', ...(i % 3 === 0 && { temperatureC: Math.round((3 + rng.next() * 4) * 10) / 10 }), accepted: true,
      ...(damaged && { reason: '外箱轻微破损，内包装完好，验收合格' }),
      lines: lines.map((l, k) => ({ productDi: l.di, ...(l.lot !== null && { lot: l.lot }), checkedQuantity: short && k === 0 ? l.quantity - 1 : l.quantity })),
    }));
    counts.acceptances++;
    if (a.discrepancy) counts.discrepancies++;
    i++;
  }

  // Device-management facts: every hospital with records states them; the VP-300 hospital has no system in place.
  const careless = new Set(infusionPumps.useRelated?.hospitals.map((h) => h.organizationId) ?? []);
  for (const organizationId of [...staff.keys()].sort((a, b) => a - b)) {
    const none = careless.has(organizationId);
    await uses.stateFactsIn(db, await recorder(organizationId), deviceManagementFactsSchema.parse({
      managementSystem: !none, ...(!none && { systemDocument: '医疗器械临床使用管理制度（2025 年修订）' }), responsiblePerson: `设备科 ${person()}`,
    }));
    counts.facts++;
  }
  return { infusionPumps, counts };
}

interface Helpers {
  rng: SeededRandom;
  ref: string;
  record: (trx: Kysely<DB>, organizationId: number, input: ClinicalUseInput) => Promise<{ operatorTrained: boolean }>;
  train: (trx: Kysely<DB>, organizationId: number, operator: string, subject: { deviceKind: string } | { productDi: string }) => Promise<void>;
  nursesOf: (organizationId: number) => string[];
  recorder: (organizationId: number) => Promise<Recorder>;
  uses: UseRecordsService;
  counts: DemoUseRecordsResult['counts'];
}

/** The two infusion-pump models of the case and where their units are in service. */
async function plantPumpCase(db: Kysely<DB>, world: DemoWorld, h: Helpers): Promise<DemoUseRecordsResult['infusionPumps']> {
  const pumps = world.products.filter((p) => p.deviceKind === 'infusion_pump');
  const unitDi = (p: DemoWorld['products'][number]) => (p.dis.find((d) => d.packageLevel === 0) ?? p.dis[0])?.di ?? '';
  const held = await sources.unitsAtInstitutions(db, pumps.map(unitDi));
  const at = (di: string) => {
    const byOrg = new Map<number, string[]>();
    for (const u of held.filter((x) => x.di === di)) byOrg.set(u.organizationId, [...(byOrg.get(u.organizationId) ?? []), u.serial]);
    return byOrg;
  };
  const pick = (model: string, score: (byOrg: Map<number, string[]>) => number) => {
    const candidates = pumps.filter((p) => p.model === model).map((p) => ({ p, di: unitDi(p), byOrg: at(unitDi(p)) })).filter((c) => c.byOrg.size > 0);
    return candidates.sort((a, b) => score(b.byOrg) - score(a.byOrg) || a.di.localeCompare(b.di))[0];
  };
  const name = async (id: number) => (await useRecordsRepository.organization(db, id))?.name ?? String(id);
  const day = (offset: number) => addCalendarDays(h.ref, -offset);

  // Use-related: the hospital holding the most units of one VP-300 product; its nurses have no pump training.
  const vp300 = pick('VP-300', (byOrg) => Math.max(...[...byOrg.values()].map((s) => s.length)));
  let useRelated: DemoPumpCase | null = null;
  if (vp300) {
    const [orgId, serials] = [...vp300.byOrg.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0])[0]!;
    const nurses = h.nursesOf(orgId);
    // Trained, but for glucose meters only: the record shows training exists, just not for this device type.
    await h.train(db, orgId, nurses[0]!, { deviceKind: 'glucose_meter' });
    let n = 0;
    let trainedUses = 0;
    for (const serial of serials.slice(0, PUMP_UNITS_PER_HOSPITAL)) {
      for (let k = 0; k < 4; k++) {
        const u = await h.record(db, orgId, { productDi: vp300.di, serial, department: h.rng.pick(['ICU', '心内科', '肿瘤科']), procedure: '静脉输液（输液泵）', usedOn: day(50 - n * 2), operator: nurses[(n + k) % 3]! });
        if (u.operatorTrained) trainedUses++;
        n++;
      }
      await h.uses.recordMaintenanceIn(db, await h.recorder(orgId), maintenanceInputSchema.parse({ productDi: vp300.di, serial, startedOn: day(60), completedOn: day(60), downtimeHours: 2, result: 'serviced', technician: '设备科 工程师' }));
      h.counts.maintenance++;
    }
    useRelated = { model: 'VP-300', productName: vp300.p.name, di: vp300.di, hospitals: [{ organizationId: orgId, name: await name(orgId) }], uses: n, usesByTrained: trainedUses, units: Math.min(serials.length, PUMP_UNITS_PER_HOSPITAL) };
  }

  // Quality: the VP-500 product in service at the most hospitals; trained nurses; abnormal stops found in maintenance.
  const vp500 = pick('VP-500', (byOrg) => byOrg.size);
  let quality: DemoPumpCase | null = null;
  if (vp500) {
    const hospitals = [...vp500.byOrg.entries()].sort((a, b) => a[0] - b[0]).slice(0, QUALITY_HOSPITALS);
    let n = 0;
    let trainedUses = 0;
    let units = 0;
    for (const [orgId, serials] of hospitals) {
      const nurses = h.nursesOf(orgId).slice(2);
      for (const nurse of nurses) await h.train(db, orgId, nurse, { productDi: vp500.di });
      for (const [j, serial] of serials.slice(0, PUMP_UNITS_PER_HOSPITAL).entries()) {
        units++;
        for (let k = 0; k < 2; k++) {
          const u = await h.record(db, orgId, { productDi: vp500.di, serial, department: h.rng.pick(['ICU', '急诊科', '普外科']), procedure: '静脉输液（输液泵）', usedOn: day(40 - k * 10 - j), operator: nurses[k % nurses.length]! });
          if (u.operatorTrained) trainedUses++;
          n++;
        }
        const r = await h.recorder(orgId);
        await h.uses.recordMaintenanceIn(db, r, maintenanceInputSchema.parse({ productDi: vp500.di, serial, startedOn: day(70), completedOn: day(70), downtimeHours: 2, result: 'serviced', technician: '设备科 工程师' }));
        h.counts.maintenance++;
        if (j % 2 === 0) {
          const hours = 24 + h.rng.int(0, 48);
          await h.uses.recordMaintenanceIn(db, r, maintenanceInputSchema.parse({
            productDi: vp500.di, serial, fault: '输注中异常停机，报警“管路阻塞”，检查管路通畅', startedOn: day(20 + j), completedOn: day(20 + j - Math.ceil(hours / 24) + 1),
            downtimeHours: hours, parts: j % 4 === 0 ? ['压力传感器'] : [], result: j % 4 === 0 ? 'repaired' : 'sent_back', technician: '厂家工程师',
          }));
          h.counts.maintenance++;
          h.counts.failures++;
        }
      }
    }
    quality = {
      model: 'VP-500', productName: vp500.p.name, di: vp500.di, hospitals: await Promise.all(hospitals.map(async ([id]) => ({ organizationId: id, name: await name(id) }))),
      uses: n, usesByTrained: trainedUses, units,
    };
  }
  return { useRelated, quality };
}
