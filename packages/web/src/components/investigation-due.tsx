import { List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdverseEventReport } from '../api/types.ts';
import { formatInstant } from '../format/time.ts';
import { EmptyState } from './page-states.tsx';

export type InvestigationDueState = { kind: 'overdue'; hours: number } | { kind: 'left'; days: number };

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * How far a registrant's open investigation is from its due date: whole days left (rounded down, so
 * "0 days left" is the last day), or hours past it (rounded up: a minute late is already 1 h late).
 */
export function investigationDueState(dueAt: string, now: Date = new Date()): InvestigationDueState {
  const ms = Date.parse(dueAt) - now.getTime();
  if (ms < 0) return { kind: 'overdue', hours: Math.ceil(-ms / HOUR) };
  return { kind: 'left', days: Math.floor(ms / DAY) };
}

/** Red when overdue, orange within 3 days, blue otherwise. */
export function InvestigationDueTag({ dueAt, now }: { dueAt: string; now?: Date }) {
  const { t } = useTranslation();
  const s = investigationDueState(dueAt, now);
  if (s.kind === 'overdue') return <Tag color="red" data-testid="investigation-due-tag">{t('portal.investigations.overdue', { hours: s.hours })}</Tag>;
  return <Tag color={s.days <= 3 ? 'orange' : 'blue'} data-testid="investigation-due-tag">{t('portal.investigations.daysLeft', { days: s.days })}</Tag>;
}

type OpenInvestigation = Pick<AdverseEventReport, 'id' | 'reportNo' | 'productName' | 'outcome' | 'investigationDueAt' | 'investigationStatus'>;

/** The registrant's open investigations, nearest due first (the server sorts them), each linking to its report. */
export function OpenInvestigationsList({ items, now }: { items: OpenInvestigation[]; now?: Date }) {
  const { t } = useTranslation();
  const open = items.filter((r): r is OpenInvestigation & { investigationDueAt: string } => r.investigationDueAt !== null && r.investigationStatus !== 'final');
  if (open.length === 0) return <EmptyState hint={t('portal.investigations.empty')} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('portal.investigations.hint')}</Typography.Paragraph>
      <List
        data-testid="open-investigations"
        dataSource={open}
        renderItem={(r) => (
          <List.Item key={r.id} extra={<InvestigationDueTag dueAt={r.investigationDueAt} {...(now && { now })} />}
            actions={[<Link key="file" to={`/adverse-events/${r.id}/investigation`} data-testid={`file-investigation-${r.id}`}>{t('pf.inv.file')}</Link>]}>
            <List.Item.Meta
              title={<Link to={`/adverse-events/${r.id}`}>{`${r.reportNo} · ${r.productName}`}</Link>}
              description={`${t('ae.outcome')}: ${t(`ae.outcomes.${r.outcome}`)} · ${t('portal.investigations.due')}: ${formatInstant(r.investigationDueAt)} · ${t('portal.investigations.status')}: ${t(`portal.investigations.statuses.${r.investigationStatus}`)}`}
            />
          </List.Item>
        )}
      />
    </>
  );
}
