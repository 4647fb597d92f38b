import { Button, Card, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query, type ListAnswer } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { useAction } from '../components/admin/use-action.ts';
import { ErrorState, LoadingState } from '../components/page-states.tsx';
import { IndicatorDrawer, type RiskIndicator } from '../components/risk/indicator-drawer.tsx';
import { RunProgress, type RiskRun } from '../components/risk/run-progress.tsx';
import { useSession } from '../session/session-context.tsx';

/**
 * Risk indicators (regulators read; national and provincial regulators change them, since one
 * indicator applies everywhere) and a "run now" of the statistical engine with its progress.
 */
export default function RiskIndicatorsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const canManage = user?.role === 'regulator' && (user.regulatorLevel === 'national' || user.regulatorLevel === 'province');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [editing, setEditing] = useState<RiskIndicator | null>(null);
  const [runId, setRunId] = useState<number | null>(null);
  const list = useApi<ListAnswer<RiskIndicator>>(`/api/risk/indicators${query({ page: page.current, pageSize: page.pageSize, sort: 'code' })}`);
  const toggle = useAction((i: RiskIndicator, enabled: boolean) => api<RiskIndicator>(`/api/risk/indicators/${i.id}`, { method: 'PATCH', body: { enabled } }), ['/api/risk/indicators']);
  const start = useAction(() => api<RiskRun>('/api/risk/runs', { method: 'POST' }));
  const runNow = async () => {
    const r = await start.run();
    if (r) setRunId(r.id);
  };
  const en = i18n.language === 'en';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('sys.risk.title')}</Typography.Title>
      <Card size="small" title={t('sys.risk.run')} extra={<Button type="primary" onClick={() => void runNow()} loading={start.busy} data-testid="run-now">{t('sys.risk.runNow')}</Button>}>
        <Typography.Paragraph type="secondary">{t('sys.risk.runHint')}</Typography.Paragraph>
        {start.error !== null && <ErrorState error={start.error} />}
        {runId !== null && <RunProgress runId={runId} />}
      </Card>
      <Card size="small" title={t('sys.risk.indicators')}>
        {!canManage && <Typography.Paragraph type="secondary">{t('sys.risk.readOnly')}</Typography.Paragraph>}
        {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        {toggle.error !== null && <ErrorState error={toggle.error} />}
        {list.isPending ? <LoadingState /> : (
          <Table<RiskIndicator>
            rowKey="id" size="small" dataSource={list.data?.items ?? []} data-testid="risk-indicators" scroll={{ x: true }}
            locale={{ emptyText: t('sys.risk.empty') }}
            pagination={{ ...page, total: list.data?.total ?? 0, showTotal: (total) => t('state.total', { total }), onChange: (current, pageSize) => setPage({ current, pageSize }) }}
            columns={[
              { title: t('sys.risk.indicator'), key: 'name', render: (_: unknown, r) => <><div>{en ? r.nameEn : r.name}</div><Typography.Text type="secondary" code>{r.code}</Typography.Text></> },
              { title: t('sys.risk.grouping'), dataIndex: 'grouping', render: (v: string) => t(`sys.risk.groupings.${v}`, { defaultValue: v }) },
              { title: t('sys.risk.window'), key: 'window', render: (_: unknown, r) => `${r.window.length} ${t(r.window.unit === 'weeks' ? 'sys.risk.weeks' : 'sys.risk.days')}` },
              { title: t('sys.risk.method'), dataIndex: 'method', render: (v: string) => t(`sys.risk.methods.${v}`, { defaultValue: v }) },
              { title: t('sys.risk.threshold'), dataIndex: 'threshold' },
              { title: t('sys.risk.grade'), dataIndex: 'grade', render: (v: string) => <Tag color={v === 'critical' ? 'red' : v === 'major' ? 'orange' : 'blue'}>{t(`alerts.grades.${v}`, { defaultValue: v })}</Tag> },
              { title: t('sys.risk.department'), dataIndex: 'department', render: (v: string) => t(`sys.risk.departments.${v}`, { defaultValue: v }) },
              {
                title: t('sys.risk.enabled'), dataIndex: 'enabled', render: (v: boolean, r) => (
                  <Switch checked={v} disabled={!canManage} loading={toggle.busy} onChange={(on) => void toggle.run(r, on)} aria-label={t('sys.risk.enableNamed', { code: r.code })} />
                ),
              },
              { title: t('common.actions'), key: 'actions', render: (_: unknown, r) => canManage && <Button size="small" onClick={() => setEditing(r)} aria-label={t('sys.risk.edit', { code: r.code })}>{t('sys.edit')}</Button> },
            ]}
          />
        )}
      </Card>
      {editing && <IndicatorDrawer indicator={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
