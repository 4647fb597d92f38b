import { Card, Col, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListAnswer } from '../api/client.ts';
import type { AdverseEventReport, Alert, Organization } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { AlertInbox } from '../components/alert-inbox.tsx';
import { EChart } from '../components/echart.tsx';
import { KpiCard } from '../components/kpi-card.tsx';
import { countsByArea, mapFor, RegionMap } from '../components/region-map.tsx';
import { dayjs, DISPLAY_TIME_ZONE } from '../format/time.ts';
import { useSession } from '../session/session-context.tsx';

/** Reports per month (Asia/Shanghai) over the last 12 months. */
export function monthlyCounts(dates: string[], now = new Date()): { months: string[]; counts: number[] } {
  const months: string[] = [];
  const end = dayjs(now).tz(DISPLAY_TIME_ZONE).startOf('month');
  for (let i = 11; i >= 0; i--) months.push(end.subtract(i, 'month').format('YYYY-MM'));
  const counts = months.map(() => 0);
  for (const d of dates) {
    const i = months.indexOf(d.slice(0, 7));
    if (i >= 0) counts[i] = (counts[i] ?? 0) + 1;
  }
  return { months, counts };
}

/** The regulator's overview: KPIs from the lists' totals, the jurisdiction map, the AE trend, the live alert inbox. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const orgs = useApi<ListAnswer<Organization>>('/api/organizations?pageSize=500');
  const products = useApi<ListAnswer<unknown>>('/api/products?pageSize=1');
  const licenses = useApi<ListAnswer<unknown>>('/api/licenses?pageSize=1');
  const since = dayjs().tz(DISPLAY_TIME_ZONE).subtract(11, 'month').startOf('month').format('YYYY-MM-DD');
  const reports = useApi<ListAnswer<AdverseEventReport>>(`/api/adverse-events?pageSize=500&from=${since}&sort=-dateKnown`);
  const late = useApi<ListAnswer<unknown>>('/api/adverse-events?pageSize=1&late=true');
  const alerts = useApi<ListAnswer<Alert>>('/api/alerts?pageSize=1&open=true');

  const { province } = mapFor(user?.jurisdictionCode ?? null);
  const counts = useMemo(() => (orgs.data ? countsByArea(orgs.data.items.map((o) => o.regionCode), province) : null), [orgs.data, province]);
  const trend = useMemo(() => {
    if (!reports.data) return null;
    const { months, counts: n } = monthlyCounts(reports.data.items.map((r) => r.dateKnown));
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('dashboard.aeReports'), data: n, itemStyle: { color: '#1f5fa8' } }],
    };
  }, [reports.data, t]);

  return (
    <div data-testid="dashboard">
      <Typography.Title level={3}>{t('dashboard.title')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={4}><KpiCard testId="kpi-organizations" title={t('dashboard.organizations')} value={orgs.data?.total} loading={orgs.isPending} /></Col>
        <Col xs={12} md={8} xl={4}><KpiCard testId="kpi-products" title={t('dashboard.products')} value={products.data?.total} loading={products.isPending} /></Col>
        <Col xs={12} md={8} xl={4}><KpiCard testId="kpi-licenses" title={t('dashboard.licenses')} value={licenses.data?.total} loading={licenses.isPending} /></Col>
        <Col xs={12} md={8} xl={4}><KpiCard testId="kpi-ae" title={t('dashboard.aeReports')} value={reports.data?.total} loading={reports.isPending} /></Col>
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
