import type { AppDeps } from '../app-context.ts';
import type { RequestContext } from '../features/auth/actor.ts';
import { LotRestrictionsService } from '../features/lot-restrictions/lot-restrictions.service.ts';
import { usersRepository } from '../features/users/users.repository.ts';
import type { DemoChain } from './demo-chain.ts';
import type { DemoWorld } from './demo-world.ts';

/**
 * The recall part of the demo world (issue 5): the Zhejiang provincial office ordered a level II
 * recall of THE mask lot (the one released with a failed filtration test) — recorded just before the
 * lot's last movement the chain has, so the alert engine finds exactly one holder that moved the lot
 * on after the recall (rule.restricted_lot_moving, one alert) when the load runs it. No event is
 * added: the per-lot truth of the chain stays as it is.
 */
export interface DemoRestrictionPlan {
  di: string;
  lot: string;
  /** RFC 3339: one minute before the movement that breaks the recall. */
  startedAt: string;
  /** The organisation that moved the lot on (the alert's subject). */
  moverKey: string;
  step: string;
}

const MOVING = new Set(['shipping', 'receiving', 'dispensing', 'retail_selling']);
const gln = (uri: unknown) => String(uri ?? '').replace(/^https:\/\/id\.gs1\.org\/41[47]\//, '');

/** The recall to record, chosen deterministically from the world and its chain; null when the world has no mask lot. */
export function planDemoRestriction(world: DemoWorld, chain: DemoChain): DemoRestrictionPlan | null {
  const mask = chain.wellKnown.find((w) => w.key === 'mask-lot');
  const product = mask && world.products.find((p) => p.dis.some((d) => d.di === mask.di));
  const registrant = product && world.organizations.find((o) => o.key === product.holderKey);
  if (!mask?.lot || !registrant) return null;
  const byParty = new Map(world.organizations.filter((o) => o.gln).map((o) => [o.gln as string, o]));
  const byLocation = new Map(world.organizations.flatMap((o) => o.locations.map((l) => [l.gln, o] as const)));
  const lotClass = `/01/${mask.di}/10/${mask.lot}`;
  let last: { time: number; moverKey: string; step: string } | null = null;
  for (const e of chain.events) {
    if (!MOVING.has(e.bizStep) || !(e.quantityList as { epcClass: string }[] | undefined)?.some((q) => q.epcClass.endsWith(lotClass))) continue;
    const to = gln((e.destinationList as { destination: string }[] | undefined)?.[0]?.destination);
    const place = byLocation.get(gln((e.readPoint as { id?: string } | undefined)?.id));
    // The flow back to the registrant is what a recall asks for: never the movement that breaks it.
    if (e.disposition === 'returned' || to === registrant.gln || (e.bizStep === 'receiving' && place?.key === registrant.key)) continue;
    const mover = e.bizStep === 'shipping' ? byParty.get(gln((e.sourceList as { source: string }[] | undefined)?.[0]?.source)) : e.bizStep === 'receiving' ? (byParty.get(to) ?? place) : place;
    const time = Date.parse(e.eventTime);
    if (mover && (!last || time > last.time)) last = { time, moverKey: mover.key, step: e.bizStep };
  }
  if (!last) return null;
  return { di: mask.di, lot: mask.lot, startedAt: new Date(last.time - 60_000).toISOString(), moverKey: last.moverKey, step: last.step };
}

/** Records the recall as the demo provincial regulator (through the service, audited like any other). */
export async function loadDemoRestrictions(deps: AppDeps, world: DemoWorld, chain: DemoChain): Promise<DemoRestrictionPlan | null> {
  const plan = planDemoRestriction(world, chain);
  const province = world.users.find((u) => u.role === 'regulator' && u.regulatorLevel === 'province' && u.jurisdictionCode === '330000');
  // A reference date ahead of the clock would put the recall in the future, which the service refuses: no recall then.
  if (!plan || !province || Date.parse(plan.startedAt) > Date.now()) return null;
  const user = await usersRepository.findByUsernameWithSecret(deps.db, province.username);
  if (!user) throw new Error(`demo account ${province.username} missing`);
  const ctx: RequestContext = {
    actor: { type: 'user', id: Number(user.id), name: user.username, role: 'regulator', organizationId: null, organizationType: null, jurisdictionCode: '330000', regulatorLevel: 'province', department: province.department },
    ip: '127.0.0.1', userAgent: 'lianjian demo loader', locale: 'zh-CN',
  };
  await new LotRestrictionsService(deps).create(ctx, {
    di: plan.di, lot: plan.lot, kind: 'recall', recallLevel: 2, startedAt: plan.startedAt,
    reason: '熔喷层细菌过滤效率检验不合格仍放行，责令注册人实施二级召回（演示）',
  });
  return plan;
}
