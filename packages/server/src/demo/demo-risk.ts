import { residentIdCheckChar, type AdverseEventInput } from '@lianjian/core/records/adverse-event';
import type { AppDeps } from '../app-context.ts';
import type { RequestContext } from '../features/auth/actor.ts';
import { AdverseEventsService } from '../features/adverse-events/adverse-events.service.ts';
import { riskFactsRepository } from '../features/risk/risk-facts.repository.ts';
import { riskSignalsRepository } from '../features/risk/risk-signals.repository.ts';
import { riskRunsRepository } from '../features/risk/risk-runs.repository.ts';
import { RiskRunsService, runView, type RunView } from '../features/risk/risk-runs.service.ts';
import { usersRepository } from '../features/users/users.repository.ts';
import type { DemoWorld } from './demo-world.ts';
import { SeededRandom } from './seeded-random.ts';

/**
 * The risk engine's part of the demo world (issue 5 §6): ordinary adverse-event noise, and three
 * planted signals the first risk run turns into alerts —
 * - the blood-glucose meter (血糖仪, the first GM model) surge in one city of Zhejiang (宁波 when it
 *   has a hospital): one report every two or three weeks for most of a year, then 5 and 6 a week;
 * - a VP-300 infusion pump (输液泵) stopping abnormally (IMDRF A141204 "Pumping Stopped") eight
 *   times at one hospital: use-related. Aligned with the use-records demo through its data: the
 *   VP-300 DI and hospital where it recorded uses by untrained nurses (else the first VP-300 and
 *   `hosp-0`);
 * - a VP-500 pump stopping the same way once each at nine hospitals in several cities: quality —
 *   the VP-500 DI and hospitals where the use-records demo recorded trained use, topped up to nine.
 * Reports go through the adverse-event service (the same validation as the API), filed for each
 * hospital by the demo loader's national account as a legacy import, and a risk run closes the load.
 */
export const DEMO_RISK = {
  pumpStop: 'A141204',
  meterDeviation: 'A0908',
  noiseCodes: ['A0201', 'A0202', 'A0203', 'A0204', 'A0205', 'A0401', 'A0404', 'A0406', 'A0414', 'A0501', 'A0902'],
  noiseReports: 90,
  weeks: 38,
} as const;

export interface DemoRiskPlan {
  useHospitalGln: string;
  qualityHospitalGlns: string[];
  surgeHospitalGln: string;
  surgeCity: string;
  pumpUseDi: string;
  pumpQualityDi: string;
  meterDi: string;
  reports: { hospitalGln: string; di: string; eventDate: string; code: string; serial: string }[];
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Where the use-records demo put the pump cases (DIs and hospital GLNs), when it ran. */
export interface PumpAlignment {
  pumpUseDi?: string;
  useHospitalGln?: string;
  pumpQualityDi?: string;
  qualityHospitalGlns?: string[];
}

/** The reports to file, chosen deterministically from the world (seeded noise) and the alignment. */
export function planDemoRisk(world: DemoWorld, align: PumpAlignment = {}, seed = 20261126): DemoRiskPlan {
  const rng = new SeededRandom(seed);
  const unitDi = (p: DemoWorld['products'][number]) => p.dis[0]?.di ?? '';
  const hospitals = world.organizations.filter((o) => o.type === 'institution' && o.gln);
  const useHospital = hospitals.find((o) => o.gln === align.useHospitalGln) ?? hospitals.find((o) => o.key === 'hosp-0') ?? hospitals[0]!;
  const pumps = world.products.filter((p) => p.deviceKind === 'infusion_pump');
  const pumpUse = pumps.find((p) => unitDi(p) === align.pumpUseDi) ?? pumps.find((p) => p.model === 'VP-300') ?? pumps[0]!;
  const pumpQuality = pumps.find((p) => unitDi(p) === align.pumpQualityDi && p !== pumpUse) ?? pumps.find((p) => p.model === 'VP-500' && p !== pumpUse) ?? pumps.find((p) => p !== pumpUse)!;
  const meter = world.products.find((p) => p.deviceKind === 'glucose_meter')!;
  const surgeHospital = hospitals.find((o) => o.regionCode.startsWith('3302') && o !== useHospital) ?? hospitals.find((o) => o.regionCode.startsWith('33') && o !== useHospital)!;
  const surgeCity = `${surgeHospital.regionCode.slice(0, 4)}00`;
  // Nine hospitals, one per city first, so the quality problem is visibly spread.
  const byCity = new Map<string, typeof hospitals>();
  for (const h of hospitals.filter((x) => x !== useHospital && x !== surgeHospital)) {
    const c = h.regionCode.slice(0, 4);
    byCity.set(c, [...(byCity.get(c) ?? []), h]);
  }
  const spread: typeof hospitals = hospitals.filter((h) => align.qualityHospitalGlns?.includes(h.gln ?? '') && h !== useHospital && h !== surgeHospital).slice(0, 9);
  for (let round = 0; spread.length < 9 && round < 10; round++) for (const list of byCity.values()) if (list[round] && spread.length < 9 && !spread.includes(list[round]!)) spread.push(list[round]!);

  const today = world.referenceDate;
  const reports: DemoRiskPlan['reports'] = [];
  let serial = 0;
  const add = (h: { gln: string | null }, p: DemoWorld['products'][number], daysAgo: number, code: string) =>
    reports.push({ hospitalGln: h.gln ?? '', di: unitDi(p), eventDate: addDays(today, -daysAgo), code, serial: `RK${String(++serial).padStart(5, '0')}` });

  const planted = new Set([pumpUse, pumpQuality, meter]);
  const others = world.products.filter((p) => !planted.has(p));
  for (let i = 0; i < DEMO_RISK.noiseReports; i++) add(rng.pick(hospitals), rng.pick(others), rng.int(3, DEMO_RISK.weeks * 7), rng.pick(DEMO_RISK.noiseCodes));
  for (let week = DEMO_RISK.weeks - 1; week >= 3; week -= rng.int(2, 3)) add(surgeHospital, meter, week * 7 + rng.int(0, 6), DEMO_RISK.meterDeviation);
  for (let i = 0; i < 5; i++) add(surgeHospital, meter, 7 + rng.int(1, 6), DEMO_RISK.meterDeviation);
  for (let i = 0; i < 6; i++) add(surgeHospital, meter, rng.int(1, 6), DEMO_RISK.meterDeviation);
  for (let i = 0; i < 8; i++) add(useHospital, pumpUse, 4 + i * 6 + rng.int(0, 3), DEMO_RISK.pumpStop);
  for (const [i, h] of spread.entries()) add(h, pumpQuality, 5 + i * 5 + rng.int(0, 3), DEMO_RISK.pumpStop);
  return {
    useHospitalGln: useHospital.gln ?? '', qualityHospitalGlns: spread.map((h) => h.gln ?? ''), surgeHospitalGln: surgeHospital.gln ?? '', surgeCity,
    pumpUseDi: unitDi(pumpUse), pumpQualityDi: unitDi(pumpQuality), meterDi: unitDi(meter), reports,
  };
}

/** Files the planned reports and runs the risk engine once; returns the plan and the run. */
export async function loadDemoRisk(deps: AppDeps, world: DemoWorld): Promise<{ plan: DemoRiskPlan; reports: number; run: RunView }> {
  const plan = planDemoRisk(world, await pumpAlignment(deps));
  const national = world.users.find((u) => u.regulatorLevel === 'national')!;
  const user = await usersRepository.findByUsernameWithSecret(deps.db, national.username);
  if (!user) throw new Error(`demo account ${national.username} missing`);
  const ids = await riskSignalsRepository.organizationIdsByGln(deps.db, [...new Set(plan.reports.map((r) => r.hospitalGln))]);
  const service = new AdverseEventsService(deps);
  const yesterday = addDays(world.referenceDate, -1);
  let n = 0;
  for (const r of plan.reports) {
    const organizationId = ids.get(r.hospitalGln);
    if (organizationId === undefined) throw new Error(`demo hospital ${r.hospitalGln} missing`);
    const ctx: RequestContext = {
      actor: { type: 'user', id: Number(user.id), name: 'lianjian demo loader', role: 'institution', organizationId, organizationType: 'institution', jurisdictionCode: null, regulatorLevel: null, department: null },
      ip: '127.0.0.1', userAgent: 'lianjian demo loader', locale: 'zh-CN',
    };
    const first17 = `330106${1950 + (n % 50)}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`;
    const input: AdverseEventInput = {
      kind: 'initial', productDi: r.di, serial: r.serial, manifestation: r.code === DEMO_RISK.pumpStop ? '输液过程中泵体报警后停止输注' : r.code === DEMO_RISK.meterDeviation ? '血糖仪读数与静脉血检测结果偏差超过 20%' : '使用中发现器械异常',
      patient: { name: `患者${n}`, idNumber: `${first17}${residentIdCheckChar(first17)}`, sex: n % 2 ? 'male' : 'female', age: 30 + (n % 50) },
      // Known shortly before filing: the statutory clocks of these ordinary reports are all met.
      eventDate: r.eventDate, dateKnown: r.eventDate > yesterday ? r.eventDate : yesterday, outcome: 'other', operatorType: 'professional',
      imdrfCodes: [r.code], abroad: false, cluster: false,
    } as AdverseEventInput;
    await service.create(ctx, input);
    n++;
  }
  const run = await new RiskRunsService(deps).startRun('demo');
  await run.done;
  const ended = await riskRunsRepository.findById(deps.db, run.run.id);
  return { plan, reports: n, run: ended ? runView(ended) : run.run };
}

/** Reads where the use-records demo planted the pump cases (nothing when it has not run). */
export async function pumpAlignment(deps: AppDeps): Promise<PumpAlignment> {
  const missing = await riskFactsRepository.missingTables(deps.db, ['clinical_uses']);
  if (missing.length) return {};
  const rows = await riskSignalsRepository.pumpUse(deps.db);
  const use = rows.filter((r) => r.model === 'VP-300' && r.untrained > 0).sort((a, b) => b.untrained - a.untrained || a.organizationId - b.organizationId)[0];
  const byDi = new Map<string, typeof rows>();
  for (const r of rows.filter((x) => x.model === 'VP-500' && x.untrained < x.uses)) byDi.set(r.di, [...(byDi.get(r.di) ?? []), r]);
  const quality = [...byDi.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0];
  return {
    ...(use && { pumpUseDi: use.di, ...(use.gln && { useHospitalGln: use.gln }) }),
    ...(quality && { pumpQualityDi: quality[0], qualityHospitalGlns: quality[1].map((r) => r.gln).filter((g): g is string => g !== null) }),
  };
}
