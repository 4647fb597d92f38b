import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Input, Modal, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, idempotencyKey } from '../api/client.ts';
import type { Alert } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { GRADE_COLOURS } from '../components/alert-inbox.tsx';
import { ErrorState, isUnavailable, LoadingState, UnavailableState } from '../components/page-states.tsx';
import { formatInstant } from '../format/time.ts';

interface HistoryEntry { id: number; kind: string; action: string | null; fromStatus: string | null; toStatus: string | null; comment: string | null; actorName: string | null; at: string }
type AlertDetail = Alert & { subject: { label?: string } | null; overdue: boolean; allowedActions: string[]; history: HistoryEntry[]; dismissReason: string | null };

/** One alert: evidence, attribution, history, and the actions its lifecycle allows now (dismiss needs a reason). */
export default function AlertDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const path = `/api/alerts/${id}`;
  const alert = useApi<AlertDetail>(path);
  const queryClient = useQueryClient();
  const [dismissOpen, setDismissOpen] = useState(false);
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: (body: { action: string; reason?: string }) => api<AlertDetail>(`${path}/actions`, { body, headers: { 'idempotency-key': idempotencyKey() } }),
    onSuccess: (data, body) => {
      queryClient.setQueryData([path], data);
      void queryClient.invalidateQueries({ queryKey: ['/api/alerts?pageSize=1'] });
      void message.success(t('alerts.done', { action: t(`alerts.actions.${body.action}`) }));
      setDismissOpen(false);
    },
  });

  if (alert.isPending) return <LoadingState rows={8} />;
  if (alert.isError) return isUnavailable(alert.error) ? <UnavailableState api={`GET ${path}`} /> : <ErrorState error={alert.error} onRetry={() => void alert.refetch()} />;
  const a = alert.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={3} style={{ margin: 0 }}>
        <Tag color={GRADE_COLOURS[a.grade]}>{t(`alerts.grades.${a.grade}`)}</Tag> {a.subject?.label ?? a.source}
      </Typography.Title>
      {act.isError && <ErrorState error={act.error} />}
      <Card size="small">
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('alerts.status')}>{t(`alerts.statuses.${a.status}`)}</Descriptions.Item>
          <Descriptions.Item label={t('alerts.source')}>{a.source}</Descriptions.Item>
          <Descriptions.Item label={t('alerts.department')}>{a.department ? t(`alerts.departments.${a.department}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('alerts.level')}>{t(`alerts.levels.${a.level}`)} · {a.regionCode}</Descriptions.Item>
          <Descriptions.Item label={t('alerts.deadline')}>{formatInstant(a.deadline)} {a.overdue && <Tag color="red">{t('alerts.overdue')}</Tag>}</Descriptions.Item>
          <Descriptions.Item label={t('alerts.createdAt')}>{formatInstant(a.createdAt)}</Descriptions.Item>
          {a.attribution && (
            <Descriptions.Item label={t('alerts.attribution')} span={2}>
              {t(`alerts.labels.${a.attribution.label}`)} <Progress percent={Math.round(a.attribution.score * 100)} size="small" style={{ width: 200, display: 'inline-flex' }} />
            </Descriptions.Item>
          )}
          {a.dismissReason && <Descriptions.Item label={t('alerts.reason')} span={2}>{a.dismissReason}</Descriptions.Item>}
        </Descriptions>
        <Space style={{ marginTop: 16 }} wrap>
          {a.allowedActions.filter((x) => x !== 'dismiss').map((action) => (
            <Popconfirm key={action} title={t('alerts.confirmAction', { action: t(`alerts.actions.${action}`) })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => act.mutate({ action })}>
              <Button type={action === 'confirm' ? 'primary' : 'default'} loading={act.isPending}>{t(`alerts.actions.${action}`)}</Button>
            </Popconfirm>
          ))}
          {a.allowedActions.includes('dismiss') && <Button danger onClick={() => setDismissOpen(true)}>{t('alerts.actions.dismiss')}</Button>}
        </Space>
      </Card>
      <Card size="small" title={t('alerts.evidence')}>
        <pre style={{ whiteSpace: 'pre-wrap', maxHeight: 320, overflow: 'auto' }}>{JSON.stringify(a.evidence, null, 2)}</pre>
        {a.attribution && a.attribution.evidence.length > 0 && <pre style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(a.attribution.evidence, null, 2)}</pre>}
      </Card>
      <Card size="small" title={t('alerts.history')}>
        <Table<HistoryEntry> size="small" rowKey="id" pagination={false} dataSource={a.history} columns={[
          { title: t('common.time'), dataIndex: 'at', render: (v: string) => formatInstant(v) },
          { title: t('common.type'), render: (_, h) => (h.action ? t(`alerts.actions.${h.action}`) : h.kind) },
          { title: t('alerts.status'), render: (_, h) => (h.toStatus ? t(`alerts.statuses.${h.toStatus}`) : '—') },
          { title: t('admin.actor'), dataIndex: 'actorName' },
          { title: t('alerts.comment'), dataIndex: 'comment' },
        ]} />
      </Card>
      <Modal open={dismissOpen} title={t('alerts.actions.dismiss')} okText={t('common.confirm')} cancelText={t('common.cancel')} okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: act.isPending }}
        onOk={() => act.mutate({ action: 'dismiss', reason: reason.trim() })} onCancel={() => setDismissOpen(false)}>
        <label>
          {t('alerts.reason')}
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} aria-label={t('alerts.reason')} />
        </label>
        {reason.trim().length < 2 && <Typography.Text type="secondary">{t('alerts.reasonRequired')}</Typography.Text>}
      </Modal>
    </Space>
  );
}
