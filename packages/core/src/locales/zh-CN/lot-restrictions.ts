import type { Catalogue } from '../index.ts';

/** 批次暂停销售使用与召回（issue 5；《医疗器械召回管理办法》总局令第29号）。 */
export const lotRestrictions: Catalogue = {
  'lot_restriction.recall_level_required': { message: '批次管控 recallLevel：召回必须注明召回级别（1、2 或 3）', hint: '一级：使用可能或已经引起严重健康危害；二级：可能引起暂时或可逆的健康危害；三级：引起危害的可能性较小' },
  'lot_restriction.level_on_suspension': { message: '批次管控 recallLevel：暂停销售使用没有召回级别（收到 {recallLevel}）', hint: '暂停销售使用时不填 recallLevel，或将类型选为"召回"' },
  'lot_restriction.lot_unknown': { message: '批次管控 {field}：平台中不存在产品标识 {di} 的批号 {lot}（既无生产批记录，也无追溯记录）', hint: '按标签核对产品标识（AI 01）和批号（AI 10）' },
  'lot_restriction.started_in_future': { message: '批次管控 startedAt：{startedAt} 晚于当前时间', hint: '措施生效后再登记；不填 startedAt 即按当前时间' },
  'lot_restriction.already_open': { message: '产品标识 {di} 批号 {lot} 已有生效中的 {kind}（管控记录 {id}）', hint: '先解除管控记录 {id}，或保留现有措施：每个批次每类措施只能有一条生效记录' },
  'lot_restriction.not_registrant': { message: '产品标识 {di} 批号 {lot}：只有注册人/备案人可以发起主动召回', hint: '请联系注册人/备案人或负责的监管部门处理' },
  'lot_restriction.suspension_by_regulator': { message: '批次管控 kind：暂停销售使用由监管部门决定', hint: '注册人/备案人可登记主动召回（kind 为 "recall"）并注明级别' },
  'lot_restriction.already_lifted': { message: '批次管控 {id} 已于 {liftedAt} 解除', hint: '已解除的措施不再变更；如需再次管控，请新建一条记录' },
  'lot_restriction.lift_not_allowed': { message: '批次管控 {id}：只有登记该措施的部门（或其上级部门），或发起主动召回的注册人，才能解除', hint: '请联系区划 {regionCode} 的监管部门解除' },
  'alerts.rule.restricted_lot_moving': { message: '已暂停或召回的批次仍在流通：{label}' },
};
