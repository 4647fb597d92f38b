import { Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListAnswer } from '../api/client.ts';
import type { AdverseEventReport } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { DeadlineTag } from '../components/deadline-status.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/page-states.tsx';
import { formatInstant } from '../format/time.ts';

/** The organisation's reports by deadline, latest clock first: what is late, what is due soon. */
export default function DeadlinesPage() {
  const { t } = useTranslation();
  const reports = useApi<ListAnswer<AdverseEventReport>>('/api/adverse-events?pageSize=100&sort=-deadline');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('portal.deadlines')}</Typography.Title>
      <Card size="small">
        {reports.isPending && <LoadingState />}
        {reports.isError && <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />}
        {reports.data && (reports.data.items.filter((r) => r.deadline).length === 0 ? <EmptyState hint={t('portal.deadlinesEmpty')} /> : (
          <List
            data-testid="deadlines"
            dataSource={reports.data.items.filter((r) => r.deadline)}
            renderItem={(r) => (
              <List.Item key={r.id} extra={<DeadlineTag report={r} />}>
                <List.Item.Meta title={`${r.reportNo} · ${r.productName}`} description={`${t('ae.outcome')}: ${t(`ae.outcomes.${r.outcome}`)} · ${t('ae.dateKnown')}: ${r.dateKnown} · ${t('ae.deadline')}: ${formatInstant(r.deadline)}`} />
              </List.Item>
            )}
          />
        ))}
      </Card>
    </Space>
  );
}
