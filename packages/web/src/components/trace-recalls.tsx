import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TraceRecall } from '../api/types.ts';
import { RestrictionTag } from '../dossier/lot-restrictions-section.tsx';
import { formatInstant } from '../format/time.ts';

/**
 * The trace's "recalls" tab: the lot's suspensions and recalls, in force and lifted, read-only with
 * the lot dossier's tags (ordering and lifting happen on the dossier, where the office is checked).
 */
export function TraceRecalls({ recalls }: { recalls: TraceRecall[] }) {
  const { t } = useTranslation();
  if (recalls.length === 0) return <Typography.Text type="secondary" data-testid="trace-recalls-empty">{t('trace.recallsEmpty')}</Typography.Text>;
  return (
    <Table<TraceRecall> size="small" rowKey="id" pagination={false} dataSource={recalls} data-testid="trace-recalls" scroll={{ x: true }} columns={[
      { title: t('restrictions.kind'), render: (_, r) => <Space size={4}><RestrictionTag r={r} />{r.voluntary && <Tag>{t('restrictions.voluntaryTag')}</Tag>}</Space> },
      { title: t('restrictions.reason'), render: (_, r) => <span data-content>{r.reason}</span> },
      { title: t('restrictions.startedAt'), render: (_, r) => formatInstant(r.startedAt) },
      { title: t('restrictions.notifyBy'), render: (_, r) => (r.notifyBy ? formatInstant(r.notifyBy) : '—') },
      { title: t('restrictions.office'), dataIndex: 'regionCode' },
      {
        title: t('restrictions.status'), render: (_, r) => (r.active ? <Tag color="red">{t('restrictions.active')}</Tag> : (
          <Typography.Text type="secondary">{t('restrictions.lifted')} {formatInstant(r.liftedAt)} · <span data-content>{r.liftReason}</span></Typography.Text>
        )),
      },
    ]} />
  );
}
