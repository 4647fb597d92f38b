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
  'generic.empty': { message: '{field} 不能为空', hint: '请填写 {field}' },
  'generic.too_short': { message: '{field} 至少需要 {minimum} 个字符', hint: '请补全 {field}' },
  'generic.too_long': { message: '{field} 最多 {maximum} 个字符', hint: '请缩短到 {maximum} 个字符以内' },
  'generic.too_few': { message: '{field} 至少需要 {minimum} 项', hint: '请再添加一项或多项' },
  'generic.too_many': { message: '{field} 最多 {maximum} 项', hint: '请删去多余的项，或分多次提交' },
  'generic.type_string': { message: '{field} 应为文本', hint: '请以文字填写 {field}' },
  'generic.type_number': { message: '{field} 应为数字', hint: '请以数字填写 {field}' },
  'generic.type_int': { message: '{field} 应为整数', hint: '请以整数填写 {field}' },
  'generic.type_boolean': { message: '{field} 应为是或否', hint: '请选择是或否' },
  'generic.type_array': { message: '{field} 应为列表', hint: '请逐项填写 {field}' },
  'generic.type_object': { message: '{field} 的格式不正确（应为一组字段）', hint: '请按说明填写 {field} 的各项' },
  'generic.type_date': { message: '{field} 应为日期', hint: '请按 2026-03-01 的格式填写日期' },
};
