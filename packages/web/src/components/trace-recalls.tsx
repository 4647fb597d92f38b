import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TraceRecall } from '../api/types.ts';
import { restrictionColumns } from '../dossier/lot-restrictions-section.tsx';

/**
 * The trace's "recalls" tab: the lot's suspensions and recalls, in force and lifted, read-only with
 * the lot dossier's tags (ordering and lifting happen on the dossier, where the office is checked).
 */
export function TraceRecalls({ recalls }: { recalls: TraceRecall[] }) {
  const { t } = useTranslation();
  if (recalls.length === 0) return <Typography.Text type="secondary" data-testid="trace-recalls-empty">{t('trace.recallsEmpty')}</Typography.Text>;
  return (
    <Table<TraceRecall> size="small" rowKey="id" pagination={false} dataSource={recalls} data-testid="trace-recalls" scroll={{ x: true }} columns={restrictionColumns(t)} />
  );
}
