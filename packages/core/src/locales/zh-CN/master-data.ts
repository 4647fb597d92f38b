import type { Catalogue } from '../index.ts';

export const masterData: Catalogue = {
  'credit_code.length': { message: '统一社会信用代码应为 18 位，实际为 {actual} 位', hint: '请核对营业执照上的 18 位代码' },
  'credit_code.charset': { message: '统一社会信用代码第 {position} 位的字符“{char}”不合法（不使用 I、O、Z、S、V）', hint: '请核对该位字符，注意数字 0 与字母 O、数字 1 与字母 I 的区别' },
  'credit_code.region': { message: '统一社会信用代码第 3–8 位应为行政区划代码，实际为“{region}”', hint: '请核对代码第 3–8 位' },
  'credit_code.check_char': { message: '统一社会信用代码校验位错误：应为“{expected}”，实际为“{actual}”（GB 32100）', hint: '请逐位核对营业执照上的代码，通常是某一位抄错' },
  'registration_number.format': { message: '“{number}”不是有效的注册证编号或备案编号格式', hint: '注册证编号形如“国械注准20193140001”，备案编号形如“浙杭械备20200012号”' },
  'registration_number.issuer': { message: '注册证编号的发证机关简称“{issuer}”不存在', hint: '应为“国”或省级简称，如“浙”“苏”“粤”' },
  'registration_number.class_one_registered': { message: '第一类医疗器械实行备案管理，不应有注册证编号“{number}”', hint: '第一类产品请填写备案编号' },
  'registration_number.class_three_provincial': { message: '第三类医疗器械由国家药监局注册，省级编号“{number}”不成立', hint: '第三类产品的编号以“国械注”开头' },
  'registration_number.category': { message: '分类编码“{category}”不在《医疗器械分类目录》范围（01–22，体外诊断试剂 40）内', hint: '请核对注册证编号第 10–11 位' },
  'registration_number.year': { message: '注册年份 {year} 不合理', hint: '请核对注册证编号第 5–8 位' },
};
