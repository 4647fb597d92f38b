import { Card, Col, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListAnswer } from '../api/client.ts';
import type { Alert, DashboardSummary } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { AlertInbox } from '../components/alert-inbox.tsx';
import { EChart } from '../components/echart.tsx';
import { KpiCard } from '../components/kpi-card.tsx';
import { mapFor, RegionMap } from '../components/region-map.tsx';
import { useSession } from '../session/session-context.tsx';

/** Organisations per map area, provinces (xx0000) or a province's cities (xxxx00), from the server's counts per region code. */
export function areaCounts(byRegion: DashboardSummary['organizationsByRegion'], province: string | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const { regionCode, count } of byRegion) {
    const area = province === null ? `${regionCode.slice(0, 2)}0000` : `${regionCode.slice(0, 4)}00`;
    out.set(area, (out.get(area) ?? 0) + count);
  }
  return out;
}

/**
 * The regulator's overview: KPIs, the jurisdiction map, the AE trend, the live alert inbox. The map,
 * the trend and their two KPIs come from one summary the server counts (a page of list rows would
 * undercount a province); the other KPIs are their lists' totals.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const summary = useApi<DashboardSummary>('/api/dashboard/summary');
  const products = useApi<ListAnswer<unknown>>('/api/products?pageSize=1');
  const licenses = useApi<ListAnswer<unknown>>('/api/licenses?pageSize=1');
  const late = useApi<ListAnswer<unknown>>('/api/adverse-events?pageSize=1&late=true');
  const alerts = useApi<ListAnswer<Alert>>('/api/alerts?pageSize=1&open=true');

  const { province } = mapFor(user?.jurisdictionCode ?? null);
  const counts = useMemo(() => (summary.data ? areaCounts(summary.data.organizationsByRegion, province) : null), [summary.data, province]);
  const trend = useMemo(() => {
    if (!summary.data) return null;
    const months = summary.data.adverseEventsByMonth;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('dashboard.aeReports'), data: months.map((m) => m.count), itemStyle: { color: '#1f5fa8' } }],
    };
  }, [summary.data, t]);

  return (
    <div data-testid="dashboard">
      <Typography.Title level={3}>{t('dashboard.title')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={4}><KpiCard testId="kpi-organizations" title={t('dashboard.organizations')} value={summary.data?.totals.organizations} loading={summary.isPending} /></Col>
        <Col xs={12} md={8} xl={4}><KpiCard testId="kpi-products" title={t('dashboard.products')} value={products.data?.total} loading={products.isPending} /></Col>
        <Col xs={12} md={8} xl={4}><KpiCard testId="kpi-licenses" title={t('dashboard.licenses')} value={licenses.data?.total} loading={licenses.isPending} /></Col>
        <Col xs={12} md={8} xl={4}><KpiCard testId="kpi-ae" title={t('dashboard.aeReports')} value={summary.data?.totals.adverseEvents} loading={summary.isPending} /></Col>
        <Col xs={12} md={8} xl={4}><KpiCard testId="kpi-late" title={t('dashboard.lateReports')} value={late.data?.total} loading={late.isPending} danger /></Col>
        <Col xs={12} md={8} xl={4}><KpiCard testId="kpi-alerts" title={t('dashboard.openAlerts')} value={alerts.data?.total ?? null} loading={alerts.isPending} danger /></Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('dashboard.map')}>
            <RegionMap jurisdictionCode={user?.jurisdictionCode ?? null} counts={counts} label={t('dashboard.map')} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <AlertInbox />
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('dashboard.aeTrend')}>
            <EChart option={trend} label={t('dashboard.aeTrend')} height={260} testId="ae-trend" />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
