import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { daysUntil } from '../format/time.ts';

export type DeadlineState = { kind: 'none' } | { kind: 'late'; hours: number } | { kind: 'due'; days: number } | { kind: 'on_time' };

/** Where a report stands against its statutory clock: late (by how much), due in N days, or on time. */
export function deadlineState(r: { deadline: string | null; late: boolean; lateByHours: number; submittedAt?: string | null }, now: Date = new Date()): DeadlineState {
  if (r.late) return { kind: 'late', hours: Math.round(r.lateByHours) };
  if (!r.deadline) return { kind: 'none' };
  if (Date.parse(r.deadline) > now.getTime() && !r.submittedAt) return { kind: 'due', days: daysUntil(r.deadline, now) };
  return { kind: 'on_time' };
}

export function DeadlineTag({ report }: { report: { deadline: string | null; late: boolean; lateByHours: number; submittedAt?: string | null } }) {
  const { t } = useTranslation();
  const s = deadlineState(report);
  switch (s.kind) {
    case 'late':
      return <Tag color="red">{t('ae.overdueBy', { hours: s.hours })}</Tag>;
    case 'due':
      return <Tag color={s.days <= 3 ? 'orange' : 'blue'}>{s.days <= 0 ? t('ae.dueToday') : t('ae.due', { days: s.days })}</Tag>;
    case 'on_time':
      return <Tag color="green">{t('ae.onTime')}</Tag>;
    default:
      return <Tag>{t('ae.noDeadline')}</Tag>;
  }
}
