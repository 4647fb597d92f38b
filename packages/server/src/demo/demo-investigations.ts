import { residentIdCheckChar, type AdverseEventInput } from '@lianjian/core/records/adverse-event';
import type { AeInvestigationInput } from '@lianjian/core/records/adverse-event-investigation';
import { addCalendarDays } from '@lianjian/core';
import type { AppDeps } from '../app-context.ts';
import type { RequestContext } from '../features/auth/actor.ts';
import { adverseEventsRepository } from '../features/adverse-events/adverse-events.repository.ts';
import { AdverseEventsService } from '../features/adverse-events/adverse-events.service.ts';
import { InvestigationsService } from '../features/adverse-events/investigations.service.ts';
import { riskSignalsRepository } from '../features/risk/risk-signals.repository.ts';
import { usersRepository } from '../features/users/users.repository.ts';
import { DEMO_RISK, planDemoRisk, pumpAlignment } from './demo-risk.ts';
import type { DemoWorld } from './demo-world.ts';

/**
 * Two registrant investigations (issue 4 §4), loaded before the risk run so its attribution weighs
 * their IMDRF Annex D conclusions: a serious pump stop of the VP-300 at the hospital whose operators
 * were untrained, concluded as use error (D1102, training D08); and one of the VP-500 at the first of
 * the nine hospitals of the quality signal, traced to a component failure (D02). Each report is filed
 * by the hospital, each investigation by the pump's registrant, through the services the API uses.
 */
export const DEMO_INVESTIGATIONS: readonly { case: 'use' | 'quality'; investigation: AeInvestigationInput }[] = [
  {
    case: 'use',
    investigation: {
      status: 'final', findings: '现场复核：操作护士未接受 VP-300 操作培训，将流速单位 mL/h 误设为 mL/min，触发阻塞报警后停止输注；设备自检与返厂检测均正常。',
      findingCodes: ['C23'], conclusionCodes: ['D1102', 'D08'], rootCause: 'use_error',
      correctiveActions: '对该院使用科室全部操作人员开展培训并考核；在快速操作指南中突出流速单位设置步骤。',
    },
  },
  {
    case: 'quality',
    investigation: {
      status: 'final', findings: '返厂拆解：泵体步进电机驱动板电容批次性失效，导致输注中途停止；同批驱动板已追溯至供应商批次。',
      findingCodes: [], conclusionCodes: ['D02'], rootCause: 'component',
      correctiveActions: '更换该批次驱动板供应商并加严来料检验；对已售设备开展驱动板更换。',
    },
  },
];

export async function loadDemoInvestigations(deps: AppDeps, world: DemoWorld): Promise<{ reports: number; investigations: number }> {
  const plan = planDemoRisk(world, await pumpAlignment(deps));
  const national = world.users.find((u) => u.regulatorLevel === 'national');
  const user = national && (await usersRepository.findByUsernameWithSecret(deps.db, national.username));
  if (!user) throw new Error('demo national account missing');
  const cases = { use: { gln: plan.useHospitalGln, di: plan.pumpUseDi }, quality: { gln: plan.qualityHospitalGlns[0] ?? '', di: plan.pumpQualityDi } };
  const ids = await riskSignalsRepository.organizationIdsByGln(deps.db, [cases.use.gln, cases.quality.gln]);
  const reports = new AdverseEventsService(deps);
  const investigations = new InvestigationsService(deps);
  const ctx = (role: 'institution' | 'enterprise', organizationId: number): RequestContext => ({
    actor: { type: 'user', id: Number(user.id), name: 'lianjian demo loader', role, organizationId, organizationType: role === 'institution' ? 'institution' : 'manufacturer', jurisdictionCode: null, regulatorLevel: null, department: null },
    ip: '127.0.0.1', userAgent: 'lianjian demo loader', locale: 'zh-CN',
  });
  let n = 0;
  for (const c of DEMO_INVESTIGATIONS) {
    const { gln, di } = cases[c.case];
    const hospitalId = ids.get(gln);
    const product = await adverseEventsRepository.findDi(deps.db, di);
    if (hospitalId === undefined || !product) throw new Error(`demo investigation: hospital ${gln} or DI ${di} missing`);
    const first17 = `33010619720${3 + n}15${String(701 + n).padStart(3, '0')}`;
    const input = {
      kind: 'initial', productDi: di, serial: `INV${String(n + 1).padStart(4, '0')}`, manifestation: '输液过程中泵体报警后停止输注，患者延误用药',
      patient: { name: `调查患者${n}`, idNumber: `${first17}${residentIdCheckChar(first17)}`, sex: n % 2 ? 'male' : 'female', age: 61 + n },
      eventDate: addCalendarDays(world.referenceDate, -12), dateKnown: addCalendarDays(world.referenceDate, -11), outcome: 'serious_injury',
      operatorType: 'professional', imdrfCodes: [DEMO_RISK.pumpStop], abroad: false, cluster: false,
    } as AdverseEventInput;
    const report = await reports.create(ctx('institution', hospitalId), input);
    await investigations.file(ctx('enterprise', product.holderId), report.body.id, c.investigation);
    n++;
  }
  return { reports: n, investigations: n };
}
