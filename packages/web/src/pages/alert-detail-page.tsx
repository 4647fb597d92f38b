import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Input, Modal, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { Locale } from '@lianjian/core/locales/index';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, idempotencyKey } from '../api/client.ts';
import type { Alert } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { GRADE_COLOURS } from '../components/alert-inbox.tsx';
import { AttributionFactors, EvidenceFacts, sourceText } from '../components/evidence-facts.tsx';
import { ErrorState, isUnavailable, LoadingState, UnavailableState } from '../components/page-states.tsx';
import { RegionName } from '../components/region-name.tsx';
import { formatInstant } from '../format/time.ts';

interface HistoryEntry { id: number; kind: string; action: string | null; fromStatus: string | null; toStatus: string | null; comment: string | null; actorName: string | null; at: string }
type AlertDetail = Alert & { subject: { label?: string } | null; overdue: boolean; allowedActions: string[]; history: HistoryEntry[]; dismissReason: string | null };

/** Hours to the deadline (a red tag once past); nothing once the alert is closed. */
function Countdown({ deadline, overdue, closed }: { deadline: string | null; overdue: boolean; closed: boolean }) {
  const { t } = useTranslation();
  if (!deadline || closed) return null;
  const hours = Math.round((Date.parse(deadline) - Date.now()) / 3_600_000);
  if (overdue || hours < 0) return <Tag color="red" data-testid="alert-overdue">{t('alerts.overdue')} · {t('facts.overdueBy', { hours: Math.abs(hours) })}</Tag>;
  return <Tag color={hours <= 24 ? 'orange' : 'blue'} data-testid="alert-countdown">{t('facts.dueIn', { hours })}</Tag>;
}

/** One alert: evidence, attribution, history, and the actions its lifecycle allows now (dismiss needs a reason). */
export default function AlertDetailPage() {
  const { t, i18n } = useTranslation();
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
        <Tag color={GRADE_COLOURS[a.grade]}>{t(`alerts.grades.${a.grade}`)}</Tag> <span data-content>{a.subject?.label ?? a.source}</span>
      </Typography.Title>
      {act.isError && <ErrorState error={act.error} />}
      <Card size="small">
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('alerts.status')}>{t(`alerts.statuses.${a.status}`)}</Descriptions.Item>
          <Descriptions.Item label={t('alerts.source')}>{sourceText(t, i18n.language as Locale, a.source, a.evidence)}</Descriptions.Item>
          <Descriptions.Item label={t('alerts.department')}>{a.department ? t(`alerts.departments.${a.department}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('alerts.level')}>{t(`alerts.levels.${a.level}`)} · <RegionName code={a.regionCode} /></Descriptions.Item>
          <Descriptions.Item label={t('alerts.deadline')}>{formatInstant(a.deadline)} <Countdown deadline={a.deadline} overdue={a.overdue} closed={a.status === 'confirmed' || a.status === 'dismissed'} /></Descriptions.Item>
          <Descriptions.Item label={t('alerts.createdAt')}>{formatInstant(a.createdAt)}</Descriptions.Item>
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
      <Card size="small" title={t('alerts.evidence')} data-testid="alert-evidence">
        <EvidenceFacts evidence={a.evidence} />
      </Card>
      {a.attribution && (
        <Card size="small" title={<>{t('alerts.attribution')}: <Tag color={a.attribution.label === 'quality' ? 'volcano' : a.attribution.label === 'use' ? 'blue' : 'default'}>{t(`alerts.labels.${a.attribution.label}`)}</Tag> {t('facts.score')} {a.attribution.score}</>} data-testid="alert-attribution">
          <AttributionFactors evidence={a.attribution.evidence} />
        </Card>
      )}
      <Card size="small" title={t('alerts.history')} data-testid="alert-history">
        <Timeline items={a.history.map((h) => ({
          key: h.id,
          color: h.toStatus === 'dismissed' ? 'gray' : h.toStatus === 'confirmed' ? 'red' : h.kind === 'escalated' ? 'orange' : 'blue',
          children: (
            <span data-testid="history-entry">
              <strong>{formatInstant(h.at)}</strong> {h.action ? t(`alerts.actions.${h.action}`) : t(`facts.kinds.${h.kind}`, { defaultValue: h.kind })}
              {h.toStatus && <> → {t(`alerts.statuses.${h.toStatus}`)}</>} · <span data-content>{h.actorName ?? t('facts.system')}</span>
              {h.comment && <> · <span data-content>{h.comment}</span></>}
            </span>
          ),
        }))} />
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
