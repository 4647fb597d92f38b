import type { Catalogue } from '../index.ts';

export const stats: Catalogue = {
  'stats.empty_input': { message: '{field} 中没有可分析的数据', hint: '请至少提交一条报告或一个非零计数' },
  'stats.id_invalid': { message: '报告编号 {field} 为空或无效（{value}）', hint: '请为每行填写报告编号' },
  'stats.text_invalid': { message: '字段 {field} 应为非空名称（{value}）', hint: '请填写产品或事件名称' },
  'stats.count_invalid': { message: '计数 {field} 应为不小于 0 的整数（{value}）', hint: '请以整数填写报告数' },
  'stats.prior_invalid': { message: '先验参数 {field} 超出范围（{value}）', hint: 'α、β 须为正数，P 须介于 0 与 1 之间；或不提供先验，由系统拟合' },
  'stats.prior_fit_failed': { message: '无法拟合 MGPS 先验：{reason}', hint: '请提供更多的产品–事件组合，或直接给出先验参数' },
  'stats.input_both': { message: '报告行与计数表只能提交其一（{field}）', hint: '请提交 rows 或 counts，去掉另一项' },
  'stats.input_missing': { message: '没有可分析的数据：缺少 {field}', hint: '请以 rows 提交报告行，或以 counts 提交计数表' },
  'stats.too_many_rows': { message: '上传的数据有 {count} 行，超过上限 {limit} 行', hint: '请先汇总为计数表，或拆分后分别分析' },
};
