import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { CaptureJobDetail, CaptureJobError } from '../../api/capture-job-types.ts';
import { formatInstantSeconds } from '../../format/time.ts';
import type { Locale } from '../../i18n/issue-words.ts';
import { ErrorState, LoadingState } from '../page-states.tsx';
import { captureIssueWords, fieldInEvent } from './capture-issue-words.ts';
import { CaptureStatusTag } from './capture-status-tag.tsx';

/** How often a running job is asked again: capture is quick, so a few seconds is soon enough. */
const POLL_MS = 2000;

/**
 * One capture job (`GET /epcis/capture/{id}`): its counts, every rejected event with the field, the
 * problem and its fix, and the events that were duplicates of ones stored before.
 */
export function CaptureJobDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const path = `/epcis/capture/${id}`;
  // Keyed by its path like useApi, so an upload's invalidation of `/epcis/capture` refreshes it too.
  const job = useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api<CaptureJobDetail>(path, { signal }),
    refetchInterval: (q) => (q.state.data?.running ? POLL_MS : false),
  });
  const j = job.data;
  return (
    <Drawer open title={`${t('captureJobs.drawerTitle')} ${id}`} onClose={onClose} width={880} destroyOnHidden data-testid="capture-job-drawer">
      {job.isError && <ErrorState error={job.error} onRetry={() => void job.refetch()} />}
      {job.isPending ? <LoadingState /> : j && (
        <>
          {j.running && <Alert type="info" showIcon message={t('captureJobs.running')} style={{ marginBottom: 12 }} />}
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('captureJobs.status')}><CaptureStatusTag status={j.status} /></Descriptions.Item>
            <Descriptions.Item label={t('captureJobs.format')}>{`${t(`captureJobs.formats.${j.format}`)}${j.schemaVersion ? ` · ${t('captureJobs.schemaVersion')} ${j.schemaVersion}` : ''}`}</Descriptions.Item>
            <Descriptions.Item label={t('captureJobs.createdAt')}>{formatInstantSeconds(j.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('captureJobs.finishedAt')}>{formatInstantSeconds(j.finishedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('captureJobs.behaviour')}>{t(`captureJobs.behaviours.${j.errorBehaviour}`)}</Descriptions.Item>
            <Descriptions.Item label={t('captureJobs.events')}>{j.eventCount}</Descriptions.Item>
            <Descriptions.Item label={t('captureJobs.accepted')}>{j.accepted}</Descriptions.Item>
            <Descriptions.Item label={t('captureJobs.duplicates')}>{j.duplicates}</Descriptions.Item>
            <Descriptions.Item label={t('captureJobs.rejected')}>{j.rejected}</Descriptions.Item>
            <Descriptions.Item label={t('captureJobs.violations')}>{j.violations}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('captureJobs.errorsTitle')}</Typography.Title>
          <Table<CaptureJobError & { key: number }>
            size="small" pagination={false} data-testid="capture-errors" style={{ marginBottom: 16 }}
            dataSource={j.errors.map((e, key) => ({ ...e, key }))}
            locale={{ emptyText: t('captureJobs.errorsEmpty') }}
            columns={[
              { title: t('captureJobs.eventIndex'), dataIndex: 'eventIndex', width: 90, render: (v: number | null) => (v === null ? t('captureJobs.document') : v + 1) }, // counted from 1, as the messages count
              { title: t('captureJobs.field'), key: 'field', render: (_: unknown, e) => <Typography.Text code>{fieldInEvent(e.path, e.eventIndex) || '—'}</Typography.Text> },
              { title: t('captureJobs.message'), key: 'message', render: (_: unknown, e) => captureIssueWords(e, locale).message },
              { title: t('captureJobs.fix'), key: 'hint', render: (_: unknown, e) => captureIssueWords(e, locale).hint ?? '—' },
            ]}
          />
          <Typography.Title level={5}>{t('captureJobs.duplicatesTitle')}</Typography.Title>
          <Table
            size="small" pagination={false} data-testid="capture-duplicates" rowKey="eventIndex" dataSource={j.duplicateEvents}
            locale={{ emptyText: t('captureJobs.duplicatesEmpty') }}
            columns={[
              { title: t('captureJobs.eventIndex'), dataIndex: 'eventIndex', width: 90, render: (v: number) => v + 1 },
              { title: t('captureJobs.eventHash'), dataIndex: 'eventHash', render: (v: string) => <Typography.Text code copyable ellipsis style={{ maxWidth: 480 }}>{v}</Typography.Text> },
              { title: t('captureJobs.storedEvent'), dataIndex: 'eventId', width: 130, render: (v: number | null) => v ?? '—' },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
