import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, query } from '../api/client.ts';
import type { CaptureJobList, CaptureJobStatus, CaptureJobSummary } from '../api/capture-job-types.ts';
import { useApi } from '../api/use-api.ts';
import { CaptureJobDrawer } from '../components/epcis/capture-job-drawer.tsx';
import { CaptureStatusTag } from '../components/epcis/capture-status-tag.tsx';
import { CaptureUploadModal } from '../components/epcis/capture-upload.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/page-states.tsx';
import { formatInstant } from '../format/time.ts';

const STATUSES: CaptureJobStatus[] = ['succeeded', 'partial', 'failed', 'running'];

interface Filters { status?: CaptureJobStatus; from?: string; to?: string }

/**
 * EPCIS capture jobs (`GET /epcis/capture`) for whoever sends them: what each document brought in,
 * and, one click away, which events were rejected and why. Uploading a file here captures it the
 * way an integration would, then opens its job.
 */
export default function CaptureJobsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [openId, setOpenId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const list = useApi<CaptureJobList>(`/epcis/capture${query({ ...filters, page: page.current, pageSize: page.pageSize })}`);
  const filter = (f: Filters) => {
    setFilters(f);
    setPage((p) => ({ ...p, current: 1 }));
  };
  const filtered = Object.values(filters).some((v) => v !== undefined);

  const captured = (captureId: string) => {
    setUploading(false);
    setOpenId(captureId);
    void client.invalidateQueries({ predicate: (q) => String(q.queryKey[0] ?? '').startsWith('/epcis/capture') });
  };

  return (
    <Card
      title={<Typography.Title level={3} style={{ margin: 0 }}>{t('captureJobs.title')}</Typography.Title>}
      extra={<Button type="primary" onClick={() => setUploading(true)} data-testid="capture-upload">{t('captureJobs.upload')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('captureJobs.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<CaptureJobStatus>
          allowClear placeholder={t('captureJobs.allStatuses')} aria-label={t('captureJobs.status')} style={{ width: 160 }} data-testid="capture-status-filter"
          value={filters.status} onChange={(status) => filter({ ...filters, status: status ?? undefined })}
          options={STATUSES.map((s) => ({ value: s, label: t(`captureJobs.statuses.${s}`) }))}
        />
        <DatePicker.RangePicker
          placeholder={[t('captureJobs.createdFrom'), t('captureJobs.createdTo')]} data-testid="capture-date-filter"
          onChange={(range: [Dayjs | null, Dayjs | null] | null) => filter({ ...filters, from: range?.[0]?.format('YYYY-MM-DD') ?? undefined, to: range?.[1]?.format('YYYY-MM-DD') ?? undefined })}
        />
        <Button onClick={() => void download(`/epcis/capture${query({ ...filters, format: 'csv' })}`, 'capture-jobs.csv').catch(setExportError)}>{t('common.exportCsv')}</Button>
      </Space>
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {exportError !== null && <ErrorState error={exportError} />}
      {list.isPending ? <LoadingState /> : (
        <Table<CaptureJobSummary>
          rowKey="id" size="small" dataSource={list.data?.items ?? []} data-testid="capture-jobs" scroll={{ x: true }}
          locale={{ emptyText: <EmptyState hint={t(filtered ? 'captureJobs.emptyFiltered' : 'captureJobs.empty')} /> }}
          pagination={{ ...page, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('state.total', { total }), onChange: (current, pageSize) => setPage({ current, pageSize }) }}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('captureJobs.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
            { title: t('captureJobs.status'), dataIndex: 'status', render: (v: CaptureJobStatus) => <CaptureStatusTag status={v} /> },
            { title: t('captureJobs.format'), dataIndex: 'format', render: (v: 'json' | 'xml') => t(`captureJobs.formats.${v}`) },
            { title: t('captureJobs.behaviour'), dataIndex: 'errorBehaviour', render: (v: string) => t(`captureJobs.behaviours.${v}`) },
            { title: t('captureJobs.events'), dataIndex: 'eventCount', align: 'right' },
            { title: t('captureJobs.accepted'), dataIndex: 'accepted', align: 'right' },
            { title: t('captureJobs.duplicates'), dataIndex: 'duplicates', align: 'right' },
            { title: t('captureJobs.rejected'), dataIndex: 'rejected', align: 'right', render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
            { title: t('captureJobs.violations'), dataIndex: 'violations', align: 'right' },
            { title: t('captureJobs.finishedAt'), dataIndex: 'finishedAt', render: (v: string | null) => formatInstant(v) },
            {
              title: t('common.actions'), key: 'actions', render: (_: unknown, r) => (
                // The row opens on click too; the button is the way in by keyboard.
                <Button size="small" type="link" aria-label={t('captureJobs.open', { id: r.id })} onClick={(e) => { e.stopPropagation(); setOpenId(r.id); }}>{t('common.view')}</Button>
              ),
            },
          ]}
        />
      )}
      <CaptureUploadModal open={uploading} onClose={() => setUploading(false)} onCaptured={captured} />
      {openId !== null && <CaptureJobDrawer key={openId} id={openId} onClose={() => setOpenId(null)} />}
    </Card>
  );
}
