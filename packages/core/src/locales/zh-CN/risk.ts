import type { Catalogue } from '../index.ts';

export const risk: Catalogue = {
  'risk.rate_needs_denominator': { message: '风险指标字段 {field}：{numerator} 的比率需要分母', hint: '请选择分母（例如 units_used），或把指标改为计数' },
  'risk.count_has_denominator': { message: '风险指标字段 {field}：计数指标不应有分母，但填写了 {denominator}', hint: '请把分母设为 null，或把指标改为比率' },
  'risk.fact_grouping': { message: '风险指标字段 {field}：{fact} 不能按 {grouping} 分组', hint: '{fact} 可按以下方式分组：{groupings}' },
  'risk.method_needs_rate': { message: '风险指标字段 {field}：方法 {method} 比较的是比率，但指标是计数', hint: '请把指标改为带分母的比率，或改用阈值法（threshold）' },
  'risk.method_needs_count': { message: '风险指标字段 {field}：方法 {method} 监测每周计数，但指标是比率', hint: '请把指标改为计数，或对比率改用 poisson_exact' },
  'risk.threshold_p_value': { message: '风险指标字段 {field}：poisson_exact 的阈值是小于 1 的 P 值，而不是 {threshold}', hint: '请填写显著性水平，例如 0.001' },
  'risk.threshold_arl': { message: '风险指标字段 {field}：cusum 的阈值是受控平均运行长度（周），至少 100（当前 {threshold}）', hint: '请填写运行长度，例如 50000 周' },
  'risk.cusum_window': { message: '风险指标字段 {field}：cusum 需要至少 30 周的窗口（26 周基线加监测周），当前为 {length} {unit}', hint: '请把窗口设为按周，例如 38 周' },
  'risk.indicator_exists': { message: '风险指标 {code} 已存在', hint: '请换一个编码，或用 PATCH 修改已有指标' },
  'risk.run.skipped_missing_table': { message: '指标 {indicator} 已跳过：数据表 {table} 尚不存在', hint: '记录这些数据的模块安装后即可运行' },
  'risk.run.too_few_reports': { message: '比例失衡分析已跳过：报告过少（{detail}）', hint: '报告涉及至少两个产品和两个问题编码后即可运行' },
  'risk.run.disproportionality_failed': { message: '比例失衡分析无法计算（{detail}）', hint: '请检查该时间窗内的报告；下次运行会重试' },
  'risk.manage_level': { message: '只有国家级和省级监管部门可以修改风险指标（您的级别：{level}）', hint: '请联系省级药品监管部门修改该指标' },
};
