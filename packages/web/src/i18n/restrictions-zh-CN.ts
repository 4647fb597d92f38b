/** 批次暂停销售使用与召回（批次档案页）。键与 restrictions-en.ts 一一对应。 */
export const restrictionsZhCN = {
  title: '暂停销售使用与召回', empty: '本批次没有暂停销售使用或召回记录。', order: '暂停销售使用 / 责令召回', voluntary: '主动召回', lift: '解除',
  kinds: { suspension: '暂停销售使用', recall: '召回' },
  levels: { 1: '一级召回', 2: '二级召回', 3: '三级召回' },
  kind: '措施', level: '召回级别', reason: '原因', startedAt: '开始时间', notifyBy: '通知时限', status: '状态', office: '登记部门', liftedAt: '解除时间', liftReason: '解除原因',
  active: '生效中', lifted: '已解除', voluntaryTag: '注册人主动',
  levelHelp: '一级：可能或已经引起严重健康危害（1日内通知）；二级：暂时或可逆的健康危害（3日内）；三级：危害可能性较小（7日内）',
  reasonRequired: '请填写原因', levelRequired: '召回必须选择级别',
  confirmTitle: '确认对批次 {{lot}} 采取“{{measure}}”？', confirmBody: '措施生效后，此批次的发货、收货、使用都会触发预警（退回注册人的除外）。',
  liftTitle: '解除管控记录 {{id}}', liftConfirm: '确认解除', done: '已登记', liftedDone: '已解除',
};
export type RestrictionsMessages = typeof restrictionsZhCN;
