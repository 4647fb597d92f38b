import type { Catalogue } from '../index.ts';

export const rules: Catalogue = {
  'calendar.invalid_date': { message: '日期“{value}”无效，应为 YYYY-MM-DD 格式的真实日期', hint: '例如 2026-10-01' },
  'calendar.invalid_kind': { message: '日期类型“{value}”无效，只能是 holiday（放假）或 workday（调休上班）', hint: '请选择放假或调休上班' },
  'calendar.duplicate_date': { message: '日期 {date} 重复设置（第 {first} 行与第 {row} 行）', hint: '每个日期只能设置一次，请删除多余的一行' },
  'calendar.year_provisional': { message: '{year} 年仅载入法定节假日（暂定），调休上班日和连休安排尚未确定', hint: '国务院办公厅公布 {year} 年放假安排后，请在节假日管理中录入（PUT /api/calendar/years/{year}）' },
  'calendar.year_not_covered': { message: '尚未载入 {year} 年的节假日安排，期限暂按周一至周五计算', hint: '请在节假日管理中录入国务院办公厅公布的 {year} 年放假安排' },
};
