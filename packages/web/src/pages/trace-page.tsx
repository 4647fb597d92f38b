import { parseUdi } from '@lianjian/core/identifiers/parse-udi';
import { Card, Descriptions, Result, Space, Table, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem } from '../api/problem.ts';
import type { TraceAnswer } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { CustodyTimeline } from '../components/custody-timeline.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/page-states.tsx';
import { ScanBox } from '../components/scan-box.tsx';
import { TraceRecalls } from '../components/trace-recalls.tsx';
import { TraceReports } from '../components/trace-reports.tsx';
import { formatInstant } from '../format/time.ts';

// The graph pulls in echarts: only when its tab is opened.
const ChainGraph = lazy(() => import('../components/chain-graph.tsx').then((m) => ({ default: m.ChainGraph })));

function TraceResult({ trace }: { trace: TraceAnswer }) {
  const { t } = useTranslation();
  const p = trace.product;
  const lot = trace.lot ?? (trace.unit?.di && trace.unit.lot ? { di: trace.unit.di, lot: trace.unit.lot } : null);
  const holder = trace.unit?.state?.holder;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="trace-result">
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} title={<span data-content>{p ? p.name : trace.code.canonical}</span>}>
          {p && <Descriptions.Item label={t('trace.product')}><span data-content>{p.name} · {p.model}</span></Descriptions.Item>}
          {p && <Descriptions.Item label={t('trace.registration')}><span data-content>{p.registration.number}</span></Descriptions.Item>}
          {p?.registration.holder && <Descriptions.Item label={t('trace.holder')}><span data-content>{p.registration.holder.name}</span></Descriptions.Item>}
          {p && p.storageMinC !== null && p.storageMaxC !== null && <Descriptions.Item label={t('trace.temperature')}>{t('trace.storage', { min: p.storageMinC, max: p.storageMaxC })}</Descriptions.Item>}
          {holder && <Descriptions.Item label={t('trace.currentHolder')}><span data-content>{holder.name}</span></Descriptions.Item>}
          <Descriptions.Item label={t('trace.timeline')}>{t('trace.steps', { count: trace.path.length })}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          items={[
            { key: 'timeline', label: t('trace.timeline'), children: <CustodyTimeline steps={trace.path} /> },
            { key: 'chain', label: t('trace.chain'), children: <Suspense fallback={<LoadingState />}><ChainGraph trace={trace} /></Suspense> },
            {
              key: 'use', label: t('trace.use'),
              children: trace.use.length === 0 ? <EmptyState /> : (
                <Table size="small" rowKey="eventId" pagination={false} dataSource={trace.use} columns={[
                  { title: t('common.time'), dataIndex: 'time', render: (v: string) => formatInstant(v) },
                  { title: t('common.name'), render: (_: unknown, r: TraceAnswer['use'][number]) => <span data-content>{r.organization?.name ?? '—'}</span> },
                  { title: t('trace.department'), dataIndex: 'department', render: (v: string | null) => <span data-content>{v ?? '—'}</span> },
                ]} />
              ),
            },
            { key: 'reports', label: t('trace.reports'), children: <TraceReports reports={trace.reports} /> },
            { key: 'recalls', label: t('trace.recalls'), children: <TraceRecalls recalls={trace.recalls} /> },
            ...(lot ? [{ key: 'dossier', label: t('trace.dossier'), children: <Link to={`/lots/${encodeURIComponent(lot.di)}/${encodeURIComponent(lot.lot)}`}>{t('dossier.open')}: {lot.di} / {lot.lot}</Link> }] : []),
          ]}
        />
      </Card>
      {trace.path.some((s) => s.excursion) && <Tag color="red">{t('trace.excursion')}</Tag>}
    </Space>
  );
}

/** Scan & trace: the scan box, its parse, then the server's trace of the code. */
export default function TracePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const code = params.get('code');
  const trace = useApi<TraceAnswer>(code ? `/api/trace/${encodeURIComponent(code)}` : null);
  const onSubmit = useCallback((value: string) => navigate(`/trace?code=${encodeURIComponent(value)}`), [navigate]);
  const notFound = trace.error instanceof ApiProblem && trace.error.status === 404;
  // A code the scan box could not read already shows why: the server is still asked (it also knows
  // codes interned as sent, e.g. EPC URNs of logistic units), but its "not found" would only repeat that.
  const unreadable = useMemo(() => (code?.trim() ? !parseUdi(code.trim()).ok : false), [code]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('scan.title')}</Typography.Title>
      <ScanBox key={code ?? ''} initial={code ?? ''} onSubmit={onSubmit} />
      {code && trace.isPending && !unreadable && <LoadingState rows={6} />}
      {code && notFound && !unreadable && <Result status="warning" title={t('trace.notFound')} />}
      {code && trace.isError && !notFound && <ErrorState error={trace.error} onRetry={() => void trace.refetch()} />}
      {trace.data && <TraceResult trace={trace.data} />}
    </Space>
  );
}
