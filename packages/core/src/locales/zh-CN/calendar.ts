import type { Catalogue } from '../index.ts';

export const calendar: Catalogue = {
  'calendar.range_reversed': { message: '结束日期 {to} 早于开始日期 {from}', hint: '请把结束日期设为不早于 {from} 的日期' },
  'calendar.range_too_long': { message: '日期范围 {from} 至 {to} 超过 {maxYears} 年', hint: '请把结束日期设为不晚于 {last} 的日期，或分段查询' },
  'calendar.date_outside_year': { message: '日期 {date} 不在正在录入的 {year} 年内', hint: '只录入 {year} 年的日期；其他年份请分别录入' },
  'deadline_rule.unknown': { message: '没有代码为 {rule} 的期限规则', hint: '请从期限规则列表（GET /api/deadline-rules）中选择' },
  'deadline_rule.not_configurable': { message: '期限规则 {rule} 由法规规定，不能在本地修改', hint: '只有标记为可配置的规则（如预警核查时限）可以修改' },
  'deadline_rule.extend_needs_calendar_days': { message: '“遇节假日顺延”只适用于按自然日计算的规则，当前单位为 {unit}', hint: '请把单位改为 calendar_days，或取消顺延' },
  'deadline.invalid_start': { message: '起算时间“{value}”无效', hint: '请填写日期（如 2026-09-30）或带时区的时间（如 2026-09-30T10:00:00+08:00）' },
  'deadline.start_needs_time': { message: '规则 {rule} 按小时计算，起算时间“{value}”缺少时刻', hint: '请填写带时区的时间，如 2026-09-30T10:00:00+08:00' },
};
