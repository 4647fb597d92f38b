import type { AppDeps } from '../app-context.ts';
import { AdverseEventsService } from '../features/adverse-events/adverse-events.service.ts';
import type { RequestContext } from '../features/auth/actor.ts';
import { actorFromUser } from '../features/auth/auth.service.ts';
import { IdentityRequestsService } from '../features/privacy/identity-requests.service.ts';
import { usersRepository } from '../features/users/users.repository.ts';
import type { DemoWorld } from './demo-world.ts';

/**
 * One request waiting for the privacy officer: the city regulator asks to see the patient of the
 * city's first serious report (or its first report), through the service the API uses, so demo-privacy's queue is
 * not empty on first login and the approve path can be tried at once.
 */
export async function loadDemoIdentityRequest(deps: AppDeps, world: DemoWorld): Promise<{ requests: number }> {
  const city = world.users.find((u) => u.role === 'regulator' && u.regulatorLevel === 'city');
  const user = city && (await usersRepository.findByUsernameWithSecret(deps.db, city.username));
  if (!user) throw new Error('demo city regulator missing');
  const ctx: RequestContext = { actor: actorFromUser(user), ip: '127.0.0.1', userAgent: 'lianjian demo loader', locale: 'zh-CN' };
  const service = new AdverseEventsService(deps);
  // A serious report where the scale has one in the city, else the city's first report.
  const first = async (f: { outcome?: 'serious_injury' | 'death' }) => (await service.list(ctx, f, { limit: 1, offset: 0 }, { column: 'r.id', direction: 'asc' })).items[0];
  const report = (await first({ outcome: 'serious_injury' })) ?? (await first({ outcome: 'death' })) ?? (await first({}));
  if (!report) return { requests: 0 };
  await new IdentityRequestsService(deps).request(ctx, { patientKey: report.patientKey, purpose: `不良事件调查 ${report.reportNo}：核实患者身份以开展随访` });
  return { requests: 1 };
}
