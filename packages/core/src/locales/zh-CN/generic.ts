import type { Catalogue } from '../index.ts';

export const generic: Catalogue = {
  'generic.invalid': { message: '字段 {field} 不符合规则 {code}', hint: '请检查该字段后重新提交' },
  'generic.required': { message: '缺少必填字段 {field}', hint: '请填写 {field}' },
  'generic.type': { message: '字段 {field} 的类型应为 {expected}', hint: '请将 {field} 按 {expected} 格式填写' },
  'generic.too_small': { message: '字段 {field} 小于允许的最小值 {minimum}', hint: '请填写不小于 {minimum} 的值' },
  'generic.too_big': { message: '字段 {field} 超过允许的最大值 {maximum}', hint: '请填写不大于 {maximum} 的值' },
  'generic.enum': { message: '字段 {field} 的取值不在允许范围内（{options}）', hint: '请从 {options} 中选择' },
  'generic.format': { message: '字段 {field} 的格式不正确（应为 {format}）', hint: '请按 {format} 格式填写' },
  'generic.unknown_key': { message: '不认识的字段 {field}', hint: '请删除该字段或检查拼写' },
};
