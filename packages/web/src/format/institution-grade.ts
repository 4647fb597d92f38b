import type { Locale } from '@lianjian/core/locales/index';

const LEVELS: Record<string, string> = { 一: '1', 二: '2', 三: '3' };
const CLASSES: Record<string, string> = { 甲: 'A', 乙: 'B', 丙: 'C' };

/**
 * A hospital's grade (医院等级, stored as written in China: 三级甲等, 二级, 未定级) in the UI
 * language. English uses the customary "Grade 3A" form; a grade written some other way is shown as stored.
 * @example institutionGradeText('三级甲等', 'en') === 'Grade 3A'; institutionGradeText('未定级', 'en') === 'Ungraded'
 */
export function institutionGradeText(grade: string | null | undefined, locale: Locale): string {
  if (!grade) return '';
  if (locale !== 'en') return grade;
  if (grade === '未定级') return 'Ungraded';
  const m = /^([一二三])级(?:([甲乙丙])等)?$/.exec(grade.trim());
  if (!m) return grade;
  return `Grade ${LEVELS[m[1] as string]}${m[2] ? CLASSES[m[2]] : ''}`;
}
