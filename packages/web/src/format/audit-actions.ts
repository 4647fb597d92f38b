import type { Locale } from '@lianjian/core/locales/index';

/**
 * The audit log's actions and outcomes in words, by the code the server writes (`organization.read`).
 * The codes stay what the API filters by; an action not listed here (a newer server) shows its code.
 * Kept as one table of both languages rather than i18next keys: the codes contain dots, which
 * i18next would read as nesting.
 */
const ACTIONS: Record<string, readonly [zh: string, en: string]> = {
  'auth.login': ['登录', 'Log in'],
  'auth.logout': ['退出登录', 'Log out'],
  'auth.password_change': ['修改本人密码', 'Change own password'],
  'session.force_logout': ['强制结束会话', 'End sessions of a user'],
  'user.create': ['新建用户', 'Create user'],
  'user.read': ['查看用户', 'View user'],
  'user.update': ['修改用户', 'Update user'],
  'user.password_reset': ['重置用户密码', 'Reset a user’s password'],
  'api_token.create': ['新建接口令牌', 'Create API token'],
  'api_token.revoke': ['吊销接口令牌', 'Revoke API token'],
  'security_policy.update': ['修改安全策略', 'Update security policy'],
  'audit.read': ['查看审计日志', 'View audit log'],
  'audit.verify': ['校验审计日志完整性', 'Verify audit-log integrity'],
  'organization.create': ['新建单位', 'Create organisation'],
  'organization.read': ['查看单位（含联系人）', 'View organisation (with contacts)'],
  'organization.update': ['修改单位', 'Update organisation'],
  'organization.location_add': ['新增单位地点', 'Add organisation location'],
  'license.create': ['登记许可证/备案', 'Register licence / filing'],
  'license.status': ['变更许可证状态', 'Change licence status'],
  'registration.create': ['登记注册证', 'Register registration certificate'],
  'product.create': ['登记产品', 'Register product'],
  'dossier.lot.read': ['查看批次档案', 'View lot dossier'],
  'dossier.organization.read': ['查看单位档案', 'View organisation dossier'],
  'dossier.product.read': ['查看产品档案', 'View product dossier'],
  'trace.read': ['追溯查询', 'Trace'],
  'recall.scope': ['计算召回范围', 'Compute recall scope'],
  'epcis.capture': ['EPCIS 事件导入', 'EPCIS capture'],
  'submission.commission': ['提交生产赋码', 'Submit commissioning'],
  'submission.pack': ['提交装箱', 'Submit packing'],
  'submission.unpack': ['提交拆箱', 'Submit unpacking'],
  'submission.ship': ['提交发货', 'Submit shipping'],
  'submission.receive': ['提交收货', 'Submit receiving'],
  'submission.store': ['提交储存', 'Submit storing'],
  'submission.use': ['提交使用', 'Submit use'],
  'submission.return': ['提交退货', 'Submit return'],
  'submission.destroy': ['提交销毁', 'Submit destruction'],
  'batch.create': ['登记生产批次', 'Record production batch'],
  'release_report.create': ['登记放行报告', 'Record release report'],
  'material_receipt.create': ['登记原材料入库', 'Record raw-material receipt'],
  'distribution_document.create': ['登记流通单据', 'Record distribution document'],
  'receiving_acceptance.create': ['登记验收记录', 'Record receiving acceptance'],
  'clinical_use.create': ['登记临床使用', 'Record clinical use'],
  'maintenance_record.create': ['登记设备维护', 'Record maintenance'],
  'operator_training.create': ['登记操作培训', 'Record operator training'],
  'device_disposal.create': ['登记设备处置', 'Record device disposal'],
  'device_facts.state': ['变更设备状态', 'Change device state'],
  'attachment.upload': ['上传附件', 'Upload attachment'],
  'attachment.download': ['下载附件', 'Download attachment'],
  'adverse_event.create': ['提交不良事件报告', 'Submit adverse-event report'],
  'adverse_event.read': ['查看不良事件报告', 'View adverse-event report'],
  'adverse_event.investigate': ['登记不良事件调查', 'Record adverse-event investigation'],
  'adverse_event.link': ['关联不良事件报告', 'Link adverse-event reports'],
  'adverse_event.unlink': ['取消关联不良事件报告', 'Unlink adverse-event reports'],
  'analysis.disproportionality': ['不成比例信号分析', 'Disproportionality analysis'],
  'alert.raise': ['产生预警', 'Raise alert'],
  'alert.recur': ['预警再次发生', 'Alert recurred'],
  'alert.read': ['查看预警', 'View alert'],
  'alert.escalate': ['预警升级', 'Escalate alert'],
  'alert.resolve': ['预警办结', 'Resolve alert'],
  'alert.acknowledge': ['签收预警', 'Acknowledge alert'],
  'alert.dismiss': ['排除预警', 'Dismiss alert'],
  'alert.confirm': ['确认预警', 'Confirm alert'],
  'alert.verify': ['核查预警', 'Verify alert'],
  'alert.verify.major': ['重大预警核查', 'Verify major alert'],
  'alert.subscription.create': ['订阅预警', 'Subscribe to alerts'],
  'alert.subscription.deactivate': ['取消预警订阅', 'End alert subscription'],
  'risk_indicator.create': ['新建风险指标', 'Create risk indicator'],
  'risk_indicator.update': ['修改风险指标', 'Update risk indicator'],
  'risk_run.start': ['开始风险研判运行', 'Start risk run'],
  'risk_run.finish': ['完成风险研判运行', 'Finish risk run'],
  'deadline_rule.update': ['修改时限规则', 'Update deadline rule'],
  'calendar.override.set': ['设置工作日调整', 'Set working-day override'],
  'calendar.override.delete': ['删除工作日调整', 'Delete working-day override'],
  'calendar.year.replace': ['导入全年工作日历', 'Replace a year’s calendar'],
  'lot_restriction.create': ['登记批次暂停/召回', 'Record lot restriction'],
  'lot_restriction.lift': ['解除批次暂停/召回', 'Lift lot restriction'],
  'patient_identity.grant': ['授权查看患者身份', 'Grant patient-identity access'],
  'patient_identity.revoke': ['撤销患者身份授权', 'Revoke patient-identity access'],
  'patient_identity.unmask': ['查看患者身份（未遮蔽）', 'View patient identity unmasked'],
  'patient_identity.read_masked': ['查看患者信息（已遮蔽）', 'View patient data masked'],
  'patient_identity.request': ['申请查看患者身份', 'Request patient-identity access'],
  'patient_identity.request_approve': ['批准患者身份查看申请', 'Approve patient-identity request'],
  'patient_identity.request_decline': ['驳回患者身份查看申请', 'Decline patient-identity request'],
  'patient_identity.request_withdraw': ['撤回患者身份查看申请', 'Withdraw patient-identity request'],
};

const OUTCOMES: Record<string, readonly [zh: string, en: string]> = {
  success: ['成功', 'Success'],
  failure: ['失败', 'Failure'],
  denied: ['拒绝（无权限）', 'Denied'],
};

const pick = (pair: readonly [string, string] | undefined, locale: Locale, code: string) => (pair ? pair[locale === 'en' ? 1 : 0] : code);

/** An audit action in words; the code itself when unknown. */
export const auditActionText = (code: string, locale: Locale): string => pick(ACTIONS[code], locale, code);

/** An audit outcome in words; the code itself when unknown. */
export const auditOutcomeText = (code: string, locale: Locale): string => pick(OUTCOMES[code], locale, code);

/** Every known action as select options (value: the code the API filters by). */
export const auditActionOptions = (locale: Locale): Record<string, { text: string }> =>
  Object.fromEntries(Object.keys(ACTIONS).map((code) => [code, { text: auditActionText(code, locale) }]));

/** Every outcome as select options. */
export const auditOutcomeOptions = (locale: Locale): Record<string, { text: string }> =>
  Object.fromEntries(Object.keys(OUTCOMES).map((code) => [code, { text: auditOutcomeText(code, locale) }]));
