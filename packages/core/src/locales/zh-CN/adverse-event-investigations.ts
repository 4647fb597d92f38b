import type { Catalogue } from '../index.ts';

/** 注册人对不良事件的调查（issue 4 §4）。 */
export const adverseEventInvestigations: Catalogue = {
  'ae_investigation.code_repeated': { message: '调查 {field}：IMDRF 编码 {imdrfCode} 重复列出', hint: '每个 IMDRF 编码只列一次' },
  'ae_investigation.final_needs_conclusion': { message: '调查 conclusionCodes：最终调查至少需要一个 IMDRF 附录 D 结论编码', hint: '填写原因对应的附录 D 编码，如 D1102（使用错误）或 D0301（生产缺陷）；原因未明前按"调查中"提交' },
  'ae_investigation.final_not_concluded': { message: '调查 conclusionCodes：{imdrfCode}（尚无结论）不能作为最终调查结论', hint: '按"调查中"提交，或填写已查明原因的附录 D 编码' },
  'ae_investigation.final_needs_actions': { message: '调查 correctiveActions：最终调查必须说明纠正措施', hint: '说明已采取的措施（如再培训、设计变更、召回），或写明"无需措施"及理由' },
  'ae_investigation.root_cause_mismatch': { message: '调查 rootCause："{rootCause}"与所给附录 D 结论均不相符', hint: '选择与结论相符的原因类别，或填写 {expected} 下的结论编码' },
  'ae_investigation.imdrf_unknown': { message: '调查 {field}：{imdrfCode} 不是 IMDRF 附录 C / D 编码', hint: '使用 IMDRF AET 编码表中的编码（附录 C 调查发现、附录 D 调查结论），如 C23、D1102' },
  'ae_investigation.not_registrant': { message: '不良事件报告 {id}：只有该器械的注册人可以提交调查', hint: '由注册人调查；报告单位请通过跟踪报告补充信息' },
  'ae_investigation.already_final': { message: '不良事件报告 {id}：最终调查已提交', hint: '最终调查不可替换；如有新信息请提交跟踪报告' },
};
