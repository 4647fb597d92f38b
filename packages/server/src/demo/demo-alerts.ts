import { residentIdCheckChar, type AdverseEventInput } from '@lianjian/core/records/adverse-event';
import type { AppDeps } from '../app-context.ts';
import { AdverseEventsService } from '../features/adverse-events/adverse-events.service.ts';
import { AlertEngine, type TickReport } from '../features/alerts/alert-engine.ts';
import type { RequestContext } from '../features/auth/actor.ts';
import { CaptureService } from '../features/epcis/capture.service.ts';
import { DEFAULT_CAPTURE_LIMITS } from '../features/epcis/epcis-limits.ts';
import { usersRepository } from '../features/users/users.repository.ts';
import { DEMO_EPCIS_CONTEXT, type DemoChain } from './demo-chain.ts';
import type { DemoWorld } from './demo-world.ts';

/**
 * The compliance-rule part of the demo world (issue 5 §6): three facts the chain generator keeps
 * out of the ordinary world, captured through the same services as everything else, then one pass
 * of the alert engine so the regulators' inboxes hold the rule alerts when the server starts:
 *  - a Hangzhou distributor (dist-0) selling a glucose meter (血糖仪 GM-202) whose registration
 *    expired 40 days before the reference date — a serial never in the chain, so no lot's recall
 *    truth changes;
 *  - a glucose meter serial already used at one hospital dispensed again three days later at the
 *    demo hospital (hosp-0) — a serial-only unit, outside the per-lot truth as well;
 *  - a death known 20 days ago reported by the demo hospital today (statutory 7 days: late);
 *  - plus what the chain already has: the IVD lot's cold-chain excursion (a distributor in 广州).
 */
export const DEMO_ALERT_EVENTS = 2;

export interface DemoAlertPlan {
  events: Record<string, unknown>[];
  expiredDi: string;
  sellerKey: string;
  twinCode: string;
  twinHospitalKey: string;
  lateReportHospitalKey: string;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const location = (gln: string) => ({ id: `https://id.gs1.org/414/${gln}` });
const party = (gln: string) => `https://id.gs1.org/417/${gln}`;

/** The planted events, chosen deterministically from the world and its chain. */
export function planDemoAlerts(world: DemoWorld, chain: DemoChain): DemoAlertPlan {
  const org = (key: string) => world.organizations.find((o) => o.key === key);
  const seller = org('dist-0');
  const hospital = org('hosp-0');
  const expired = world.products.find((p) => p.registration.validTo !== null && p.registration.validTo < world.referenceDate && p.piElements.includes('serial'));
  if (!seller?.gln || !hospital?.gln || !expired) throw new Error('demo alerts: the demo world lacks dist-0, hosp-0 or the expired registration');
  const expiredDi = expired.dis[0]?.di as string;
  const sellDay = addDays(world.referenceDate, -5);
  const sale = {
    type: 'ObjectEvent', eventTime: `${sellDay}T10:30:00+08:00`, eventTimeZoneOffset: '+08:00', action: 'OBSERVE',
    epcList: [`https://id.gs1.org/01/${expiredDi}/21/GM202X0001`], bizStep: 'shipping', disposition: 'in_transit',
    readPoint: location(seller.gln), sourceList: [{ type: 'owning_party', source: party(seller.gln) }], destinationList: [{ type: 'owning_party', destination: party(hospital.gln) }],
    bizTransactionList: [{ type: 'inv', bizTransaction: `urn:lianjian:demo:inv:${sellDay}-0001` }],
  };
  // The first serial-only unit dispensed at a hospital other than the demo hospital.
  const locationOwner = new Map(world.organizations.flatMap((o) => o.locations.map((l) => [l.gln, o] as const)));
  const hospitalLocations = new Set(hospital.locations.map((l) => l.gln));
  const used = chain.events.find((e) => {
    const code = (e.epcList as string[] | undefined)?.[0];
    const at = String((e.readPoint as { id?: string } | undefined)?.id ?? '').replace('https://id.gs1.org/414/', '');
    return e.bizStep === 'dispensing' && code !== undefined && !code.includes('/10/') && locationOwner.get(at)?.type === 'institution' && !hospitalLocations.has(at);
  });
  const code = (used?.epcList as string[] | undefined)?.[0];
  const department = hospital.locations.find((l) => l.kind === 'department') ?? hospital.locations[0];
  if (!used || !code || !department) throw new Error('demo alerts: no serial-only unit was dispensed in the demo chain');
  const again = new Date(Date.parse(used.eventTime) + 3 * 86_400_000 + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const twin = {
    type: 'ObjectEvent', eventTime: again, eventTimeZoneOffset: '+08:00', action: 'OBSERVE', epcList: [code], bizStep: 'dispensing', disposition: 'dispensed',
    readPoint: location(department.gln), bizLocation: location(department.gln),
  };
  return { events: [sale, twin], expiredDi, sellerKey: seller.key, twinCode: code, twinHospitalKey: hospital.key, lateReportHospitalKey: hospital.key };
}

/** Captures the planted facts, files the late death report, and runs the alert engine once. */
export async function loadDemoAlerts(deps: AppDeps, world: DemoWorld, chain: DemoChain): Promise<{ plan: DemoAlertPlan; tick: TickReport; violations: number }> {
  const plan = planDemoAlerts(world, chain);
  const national = world.users.find((u) => u.regulatorLevel === 'national') as DemoWorld['users'][number];
  const user = await usersRepository.findByUsernameWithSecret(deps.db, national.username);
  if (!user) throw new Error(`demo account ${national.username} missing`);
  const ctx: RequestContext = {
    actor: { type: 'user', id: Number(user.id), name: user.username, role: 'regulator', organizationId: null, organizationType: null, jurisdictionCode: national.jurisdictionCode, regulatorLevel: 'national', department: national.department },
    ip: '127.0.0.1', userAgent: 'lianjian demo loader', locale: 'zh-CN',
  };
  const doc = { '@context': DEMO_EPCIS_CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: `${world.referenceDate}T00:00:00+08:00`, epcisBody: { eventList: plan.events } };
  const captured = await new CaptureService(deps, DEFAULT_CAPTURE_LIMITS).capture(ctx, { body: JSON.stringify(doc), format: 'json', errorBehaviour: 'rollback' });

  const hospital = await deps.db.selectFrom('organizations').select('id').where('gln', '=', world.organizations.find((o) => o.key === plan.lateReportHospitalKey)?.gln ?? '').executeTakeFirstOrThrow();
  const known = addDays(world.referenceDate, -20);
  const first17 = '33010619520314231';
  const report: AdverseEventInput = {
    kind: 'initial', productDi: plan.expiredDi, serial: 'GM202X0001', manifestation: '患者使用血糖仪自测读数偏低，延误胰岛素调整后死亡',
    patient: { name: '王某某', idNumber: `${first17}${residentIdCheckChar(first17)}`, sex: 'male', age: 74 },
    eventDate: known, dateKnown: known, outcome: 'death', deathDate: known, operatorType: 'lay', imdrfCodes: ['A0908'], abroad: false, cluster: false,
  } as AdverseEventInput;
  await new AdverseEventsService(deps).create({ ...ctx, actor: { ...ctx.actor, role: 'institution', organizationId: hospital.id, organizationType: 'institution', jurisdictionCode: null, regulatorLevel: null } }, report);

  const tick = await new AlertEngine(deps, { periodicMs: 0 }).tick();
  return { plan, tick, violations: captured.violations };
}
