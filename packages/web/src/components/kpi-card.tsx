import { Card, Skeleton, Statistic } from 'antd';

/** One number of the dashboard: a list's total, or '—' when that list is not available to the role. */
export function KpiCard({ title, value, loading, testId, danger }: { title: string; value: number | null | undefined; loading: boolean; testId: string; danger?: boolean }) {
  return (
    <Card size="small" data-testid={testId}>
      {loading ? <Skeleton.Input active size="small" /> : <Statistic title={title} value={value ?? '—'} valueStyle={danger && value ? { color: '#cf1322' } : undefined} />}
    </Card>
  );
}
