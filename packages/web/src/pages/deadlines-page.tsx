import { Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListAnswer } from '../api/client.ts';
import type { AdverseEventReport } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { DeadlineTag } from '../components/deadline-status.tsx';
import { OpenInvestigationsList } from '../components/investigation-due.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/page-states.tsx';
import { formatInstant } from '../format/time.ts';
import { useSession } from '../session/session-context.tsx';

/**
 * What the organisation has to do by when. A registrant (an enterprise that is not a distributor)
 * sees its open adverse-event investigations, nearest due first; every submitter sees its filed
 * reports against their statutory clocks (late / on time).
 */
export default function DeadlinesPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const registrant = user?.role === 'enterprise' && user.organizationType !== 'distributor';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('portal.deadlines')}</Typography.Title>
      {registrant && user.organizationId !== null && <InvestigationsCard organizationId={user.organizationId} />}
      <FiledReportsCard title={registrant ? t('portal.filed.title') : undefined} />
    </Space>
  );
}

function InvestigationsCard({ organizationId }: { organizationId: number }) {
  const { t } = useTranslation();
  const open = useApi<ListAnswer<AdverseEventReport>>('/api/adverse-events?investigationDue=open&sort=investigationDueAt&pageSize=100');
  return (
    <Card size="small" title={t('portal.investigations.title')}>
      {open.isPending && <LoadingState />}
      {open.isError && <ErrorState error={open.error} onRetry={() => void open.refetch()} />}
      {/* The list's scope also holds reports this organisation filed about others' devices: only its own cases are its to investigate. */}
      {open.data && <OpenInvestigationsList items={open.data.items.filter((r) => r.registrantOrganizationId === organizationId)} />}
    </Card>
  );
}

function FiledReportsCard({ title }: { title: string | undefined }) {
  const { t } = useTranslation();
  const reports = useApi<ListAnswer<AdverseEventReport>>('/api/adverse-events?pageSize=100&sort=-deadline');
  const withDeadline = reports.data?.items.filter((r) => r.deadline) ?? [];
  return (
    <Card size="small" {...(title && { title })}>
      {reports.isPending && <LoadingState />}
      {reports.isError && <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />}
      {reports.data && (withDeadline.length === 0 ? <EmptyState hint={t('portal.deadlinesEmpty')} /> : (
        <List
          data-testid="deadlines"
          dataSource={withDeadline}
          renderItem={(r) => (
            <List.Item key={r.id} extra={<DeadlineTag report={r} />}>
              <List.Item.Meta title={`${r.reportNo} · ${r.productName}`} description={`${t('ae.outcome')}: ${t(`ae.outcomes.${r.outcome}`)} · ${t('ae.dateKnown')}: ${r.dateKnown} · ${t('ae.deadline')}: ${formatInstant(r.deadline)}`} />
            </List.Item>
          )}
        />
      ))}
    </Card>
  );
}
